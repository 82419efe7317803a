/**
 * The compare view's model: one document run three ways (vsock + connection manager,
 * vsock + xenstore, V4V), each in its own playground store, and one clock over all
 * three. The clock holds a virtual time `t` and moves every pane to it (each store's
 * seekTime: its last action at or before t), so the panes always show the same moment.
 * Stepping goes to the next (or previous) moment at which any pane has an action.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { applyOverrides, parseScenario, timeAt, type ScenarioDoc, type Timeline } from '@engine/api';
import { loadPreset } from '../scenarios/catalog';
import { createPlaygroundStore, type PlaygroundStore } from './createPlaygroundStore';
import { MODES, type Mode } from './modes';
import { loadEngineFor } from './transport';
import { SPEEDS } from '@lib/playback';

/** Each pane's recording budget: three playgrounds share the page's memory. */
export const PANE_MEMORY_BUDGET = 100e6;
/** Record on when a pane's cursor is this close to its recorded end. */
const AHEAD = 64;

export interface ComparePane { mode: Mode; store: PlaygroundStore }

export interface ClockState {
  /** The shared virtual time (µs). */
  t: number;
  playing: boolean;
  speed: number;
  /** The latest time any pane has recorded (µs), and whether every run has ended. */
  end: number;
  ended: boolean;
}

export interface ClockActions {
  /** Move every pane to virtual time `t` (clamped to [0, end]). */
  seekTime(t: number): void;
  /** Move to the next moment any pane has an action; false at the end of every run. */
  stepNext(): boolean;
  stepPrev(): void;
  /** Virtual time from the current moment to the next one (for pacing); null at the end. */
  nextGap(): number | null;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
}

export type Clock = StoreApi<ClockState & ClockActions>;

export interface Compare { doc: ScenarioDoc; panes: ComparePane[]; clock: Clock }

/** `doc` under mode `m`, as the mode switch runs it. */
/** A preset's document, validated as the page validates every document. */
export async function presetDoc(id: string): Promise<ScenarioDoc> {
  const p = await loadPreset(id);
  const parsed = parseScenario(p?.doc);
  if (!parsed.ok) throw new Error(`preset ${id}: ${parsed.error}`);
  return parsed.doc;
}

export function docFor(doc: ScenarioDoc, m: Mode): ScenarioDoc {
  return applyOverrides(doc, { transport: m.transport, broker: m.broker });
}

/** Fetch the engine code every mode needs (V4V, the xenstore broker), as the mode switch does. */
export async function loadEnginesForCompare(doc: ScenarioDoc): Promise<void> {
  await Promise.all(MODES.map((m) => loadEngineFor(docFor(doc, m))));
}

/** The first action time after `t` in a pane, or null if its recording has none (yet). */
function nextTime(tl: Timeline, cursor: number, t: number, last: number): number | null {
  for (let a = cursor + 1; a <= last; a++) {
    const x = timeAt(tl, a);
    if (x > t) return x;
  }
  return null;
}

/** The last action time before `t` in a pane, or null. */
function prevTime(tl: Timeline, cursor: number, t: number, first: number): number | null {
  for (let a = cursor; a >= first; a--) {
    const x = timeAt(tl, a);
    if (x < t) return x;
  }
  return null;
}

/**
 * Three stores for `doc` (the engine code of every mode must be here:
 * loadEnginesForCompare) and the clock over them. Throws the first pane's one-line
 * error if a mode cannot run the document.
 */
export function createCompare(doc: ScenarioDoc, presetId: string | null = null, budget = PANE_MEMORY_BUDGET): Compare {
  const panes: ComparePane[] = MODES.map((mode) => {
    try {
      return { mode, store: createPlaygroundStore(docFor(doc, mode), presetId, { budget }) };
    } catch (e) {
      throw new Error(`${mode.label}: ${e instanceof Error ? e.message : String(e)}`.split('\n')[0]);
    }
  });
  const span = () => {
    let end = 0, ended = true;
    for (const p of panes) { const r = p.store.getState().rec; end = Math.max(end, r.lastT); ended &&= r.ended; }
    return { end, ended };
  };
  /** Have panes near their recorded end record one more slice. */
  const extend = () => {
    for (const p of panes) {
      const s = p.store.getState();
      if (!s.rec.ended && s.rec.last - s.cursor < AHEAD) s.extendRecording();
    }
  };
  const clock: Clock = createStore<ClockState & ClockActions>()((set, get) => {
    const moveTo = (t: number) => {
      for (const p of panes) p.store.getState().seekTime(t);
      set({ t, ...span() });
    };
    const next = (): number | null => {
      extend();
      const t = get().t;
      let best: number | null = null;
      for (const p of panes) {
        const s = p.store.getState();
        const x = nextTime(s.timeline, s.cursor, t, s.rec.last);
        if (x !== null && (best === null || x < best)) best = x;
      }
      return best;
    };
    return {
      t: 0, playing: false, speed: 1, ...span(),
      seekTime(t) {
        if (!Number.isFinite(t)) return;
        // past the recorded end of a run that goes on: the panes record on to it
        const { end, ended } = get();
        moveTo(Math.max(0, ended ? Math.min(t, end) : t));
      },
      stepNext() {
        const x = next();
        if (x === null) { set({ playing: false, ...span() }); return false; }
        moveTo(x);
        return true;
      },
      stepPrev() {
        const t = get().t;
        let best: number | null = null;
        for (const p of panes) {
          const s = p.store.getState();
          const x = prevTime(s.timeline, s.cursor, t, s.rec.first);
          if (x !== null && (best === null || x > best)) best = x;
        }
        set({ playing: false });
        if (best !== null) moveTo(best);
      },
      nextGap() {
        const x = next();
        return x === null ? null : x - get().t;
      },
      play() {
        if (next() === null) moveTo(0); // at the end: play from the start again
        set({ playing: true });
      },
      pause() { set({ playing: false }); },
      togglePlay() { if (get().playing) get().pause(); else get().play(); },
      setSpeed(speed) { if ((SPEEDS as readonly number[]).includes(speed)) set({ speed }); },
    };
  });
  return { doc, panes, clock };
}
