/**
 * The playground store: a factory over zustand's vanilla store. Actions are short
 * adapters: they call engine functions (through derived/edits/modes) and `set` the
 * result. Seeking moves the cursor only; editing forks the scenario at the cursor.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseScenario, applyOverrides, type ScenarioDoc } from '@engine/index';
import { getInitialState, type PlaygroundData, type Selection } from './initialState';
import { forkAt, recordSafe, type StepInput } from './edits';
import { viewAt } from './derived';
import { MODES, probeModes } from './modes';
import { SPEEDS } from '@lib/playback';

export type Result = { ok: true } | { ok: false; error: string };

export interface PlaygroundActions {
  load(input: unknown, presetId?: string | null, opts?: { play?: boolean }): Result;
  seek(action: number): void;
  seekSeq(seq: number): void;
  step(delta: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  dispatch(steps: StepInput | readonly StepInput[]): Result;
  undoEdit(): void;
  redoEdit(): void;
  select(sel: Selection): void;
  setHover(seq: number | null): void;
  setShowAll(v: boolean): void;
  setMode(id: string): Result;
  probeModes(): void;
  clearError(): void;
  setError(error: string): void;
}

export type PlaygroundState = PlaygroundData & PlaygroundActions;
export type PlaygroundStore = StoreApi<PlaygroundState>;

function lastAction(s: PlaygroundData): number {
  return s.timeline.endSeq.length - 1;
}

export function createPlaygroundStore(input: unknown, presetId: string | null = null): PlaygroundStore {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`initial scenario: ${parsed.error}`);
  const rec = recordSafe(parsed.doc);
  if (!rec.ok) throw new Error(rec.error);
  const init = getInitialState(parsed.doc, rec.timeline, presetId, null);

  return createStore<PlaygroundState>()((set, get) => {
    const replaceDoc = (doc: ScenarioDoc, pid: string | null, cursor: number, play: boolean, history: boolean): Result => {
      const r = recordSafe(doc);
      if (!r.ok) { set({ error: r.error }); return r; }
      const s = get();
      set({
        doc, presetId: pid, timeline: r.timeline, cursor: Math.min(cursor, r.timeline.endSeq.length - 1),
        playing: play, error: null, hoverSeq: null,
        ...(history ? { past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: [] } : {}),
      });
      return { ok: true };
    };

    return {
      ...init,
      load(input, pid = null, opts = {}) {
        const p = parseScenario(input);
        if (!p.ok) { set({ error: p.error }); return p; }
        const r = replaceDoc(p.doc, pid, 0, opts.play ?? true, false);
        if (r.ok) set({ past: [], future: [], selection: null, modes: null });
        return r;
      },
      seek(action) {
        const a = Math.max(0, Math.min(Math.round(action), lastAction(get())));
        if (a !== get().cursor) set({ cursor: a });
      },
      seekSeq(seq) {
        const tl = get().timeline;
        let lo = 0, hi = tl.endSeq.length - 1;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (tl.endSeq[mid]! > seq) hi = mid; else lo = mid + 1; }
        get().seek(lo);
      },
      step(delta) {
        set({ playing: false });
        get().seek(get().cursor + delta);
      },
      play() {
        const s = get();
        if (s.cursor >= lastAction(s)) set({ cursor: 0 });
        set({ playing: true });
      },
      pause() { set({ playing: false }); },
      togglePlay() { if (get().playing) get().pause(); else get().play(); },
      setSpeed(speed) {
        if ((SPEEDS as readonly number[]).includes(speed)) set({ speed });
      },
      dispatch(steps) {
        const s = get();
        const list = Array.isArray(steps) ? (steps as readonly StepInput[]) : [steps as StepInput];
        const f = forkAt(s.doc, s.timeline, s.cursor, viewAt(s.timeline, s.cursor), list);
        if (!f.ok) { set({ error: f.error }); return f; }
        set({
          doc: f.doc, timeline: f.timeline, cursor: f.cursor, playing: true, error: null, hoverSeq: null,
          past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: [],
        });
        return { ok: true };
      },
      undoEdit() {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        const r = recordSafe(prev.doc);
        if (!r.ok) { set({ error: r.error }); return; }
        set({
          doc: prev.doc, presetId: prev.presetId, timeline: r.timeline, cursor: Math.min(prev.cursor, r.timeline.endSeq.length - 1),
          playing: false, past: s.past.slice(0, -1), future: [{ doc: s.doc, presetId: s.presetId, cursor: s.cursor }, ...s.future], error: null,
        });
      },
      redoEdit() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        const r = recordSafe(next.doc);
        if (!r.ok) { set({ error: r.error }); return; }
        set({
          doc: next.doc, presetId: next.presetId, timeline: r.timeline, cursor: Math.min(next.cursor, r.timeline.endSeq.length - 1),
          playing: false, past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: s.future.slice(1), error: null,
        });
      },
      select(selection) { set({ selection }); },
      setHover(hoverSeq) { if (get().hoverSeq !== hoverSeq) set({ hoverSeq }); },
      setShowAll(showAll) { set({ showAll }); },
      setMode(id) {
        const m = MODES.find((x) => x.id === id);
        const st = (get().modes ?? []).find((x) => x.id === id);
        if (!m || !st?.ok) { const error = `${m?.label ?? id}: ${st?.reason ?? 'not available'}`; set({ error }); return { ok: false, error }; }
        const s = get();
        const r = replaceDoc(applyOverrides(s.doc, { transport: m.transport, broker: m.broker }), s.presetId, 0, true, true);
        if (r.ok) set({ modes: null });
        return r;
      },
      probeModes() { if (!get().modes) set({ modes: probeModes(get().doc) }); },
      clearError() { set({ error: null }); },
      setError(error) { set({ error: error.split('\n')[0] ?? error }); },
    };
  });
}
