/**
 * The playground store: a factory over zustand's vanilla store. Actions are short
 * adapters: they call engine functions (through derived/edits/modes/recording) and `set`
 * the result. Seeking moves the cursor only (recording on first if it is ahead of what is
 * recorded); editing forks the scenario at the cursor. The timeline is recorded as the
 * cursor nears its end and drops its oldest part past the budget (store/recording.ts):
 * `rec` says which actions it holds.
 *
 * A store may open on a run recorded at build time (`recorded`: store/recordedRun.ts)
 * before the engine's code is here: it plays, steps and seeks that run as it would a live
 * one. What must run the engine (loading, editing, modes, the inspector) fetches it first
 * and then happens; what needs the engine's state at a moment of the recorded run (a
 * domain's detail) replays its document then (store/stateTimeline.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_XEN, type XenVersion, actionOfSeq, actionAtTime, clampAction, lastAction, timeAt } from '@engine/lite';
import type { ScenarioDoc, Timeline } from '@engine/api';
import { engine, engineIfLoaded, loadEngine } from './engine';
import { timelineOfRecorded, type RecordedRun } from './recordedRun';
import { getInitialState, type PlaygroundData, type Selection } from './initialState';
import { forkAt, type StepInput } from './edits';
import { recordSafe, recordStart, recordOn, recWindow, sliceActions, trimToBudget, catchUpActions, PAGE_MEMORY_BUDGET } from './recording';
import { createDerived, type Derived } from './derived';
import { MODES, probeMode, probeModes } from './modes';
import { actionShows, STEP_SCAN_MAX } from './stepping';
import { SPEEDS } from '@lib/playback';

export type Result = { ok: true } | { ok: false; error: string };

export interface PlaygroundActions {
  load(input: unknown, presetId?: string | null, opts?: { play?: boolean }): Result;
  seek(action: number): void;
  /** Seek to the last action at or before virtual time `t` (µs), recording on to it first. */
  seekTime(t: number): void;
  seekSeq(seq: number): void;
  /**
   * Record one more slice of the run if it goes on (the playback loop calls this as the
   * cursor nears the recorded end); drops the oldest part past the budget. Returns
   * whether anything was recorded.
   */
  extendRecording(): boolean;
  /** Change the recording's memory budget (bytes); trims the recording to it now. */
  setBudget(bytes: number): void;
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
  /** Model another Xen release: the document's `xen` changes like any edit (undo, share). */
  setXen(xen: XenVersion): Result;
  probeModes(): void;
  clearError(): void;
  setError(error: string): void;
}

export type PlaygroundState = PlaygroundData & PlaygroundActions;
/** A playground: its zustand store and the read-side caches it alone steps (store/derived.ts). */
export type PlaygroundStore = StoreApi<PlaygroundState> & { readonly derived: Derived };

export interface StoreOptions {
  /** Bytes of heap the recording may take (default PAGE_MEMORY_BUDGET). */
  budget?: number;
  /** Record only the run's first actions now; the caller records the rest after paint (recordRest). */
  startSmall?: boolean;
  /** Open on this run recorded at build time (its document is `input`'s): no engine needed until something must run. */
  recorded?: RecordedRun;
}

export function createPlaygroundStore(input: unknown, presetId: string | null = null, opts: StoreOptions = {}): PlaygroundStore {
  const budget0 = opts.budget ?? PAGE_MEMORY_BUDGET;
  const fromRecording = opts.recorded !== undefined && engineIfLoaded() === null;
  let init: PlaygroundData;
  if (opts.recorded && fromRecording) {
    init = getInitialState(opts.recorded.doc, timelineOfRecorded(opts.recorded), opts.recorded.presetId, null, budget0);
  } else {
    const parsed = engine().parseScenario(input);
    if (!parsed.ok) throw new Error(`initial scenario: ${parsed.error}`);
    const rec = opts.startSmall ? recordStart(parsed.doc, budget0) : recordSafe(parsed.doc, budget0);
    if (!rec.ok) throw new Error(rec.error);
    init = getInitialState(parsed.doc, rec.timeline, presetId, null, budget0);
  }
  const derived = createDerived();

  const api = createStore<PlaygroundState>()((set, get) => {
    /** Record on until `done` holds, at most catchUpActions at once (a far seek ends at the recorded end). */
    const catchUp = (done: (tl: Timeline) => boolean): void => {
      const { timeline: tl, budget } = get();
      if (tl.ended || done(tl)) return;
      recordOn(tl, budget, catchUpActions(tl.doc, budget), null, done);
      set({ rec: recWindow(tl), cursor: clampAction(tl, get().cursor) });
    };
    /**
     * Run `f` now if the engine is here; else fetch it and run `f` once it has arrived.
     * `f` reports its own errors in `error`.
     */
    const withEngineNow = (f: () => Result): Result => {
      if (engineIfLoaded()) return f();
      loadEngine().then(() => { f(); }, (e: unknown) => {
        set({ error: `the simulator's code could not be fetched (${(e instanceof Error ? e.message : String(e)).split('\n')[0]}); reload the page to try again` });
      });
      return { ok: true };
    };
    const replaceDoc = (doc: ScenarioDoc, pid: string | null, cursor: number, play: boolean, history: boolean): Result => {
      const r = recordSafe(doc, get().budget);
      if (!r.ok) { set({ error: r.error }); return r; }
      const s = get();
      set({
        doc, presetId: pid, timeline: r.timeline, rec: recWindow(r.timeline), cursor: clampAction(r.timeline, cursor),
        playing: play, error: null, hoverSeq: null,
        ...(history ? { past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: [] } : {}),
      });
      return { ok: true };
    };

    return {
      ...init,
      load(input, pid = null, opts = {}) {
        if (!engineIfLoaded()) return withEngineNow(() => get().load(input, pid, opts));
        const p = engine().parseScenario(input);
        if (!p.ok) { set({ error: p.error }); return p; }
        const r = replaceDoc(p.doc, pid, 0, opts.play ?? true, false);
        if (r.ok) set({ past: [], future: [], selection: null, modes: null });
        return r;
      },
      seek(action) {
        const to = Math.round(action);
        if (Number.isNaN(to)) return;
        catchUp((tl) => lastAction(tl) >= to);
        const a = clampAction(get().timeline, to);
        if (a !== get().cursor) set({ cursor: a });
      },
      seekTime(t) {
        if (Number.isNaN(t)) return;
        catchUp((tl) => timeAt(tl, lastAction(tl)) >= t);
        get().seek(actionAtTime(get().timeline, t));
      },
      seekSeq(seq) {
        get().seek(actionOfSeq(get().timeline, seq));
      },
      extendRecording() {
        const { timeline: tl, budget, cursor } = get();
        if (tl.ended) return false;
        const n = recordOn(tl, budget, sliceActions(tl.doc), cursor);
        set({ rec: recWindow(tl), cursor: clampAction(tl, cursor) });
        return n > 0;
      },
      setBudget(bytes) {
        const { timeline: tl, cursor } = get();
        const budget = Math.max(1e5, bytes);
        trimToBudget(tl, budget, cursor);
        set({ budget, rec: recWindow(tl), cursor: clampAction(tl, cursor) });
      },
      step(delta) {
        set({ playing: false });
        if (Math.abs(delta) !== 1) { get().seek(get().cursor + delta); return; }
        // one step: on to the next action that shows something (never a no-op while there is one)
        let a = get().cursor;
        for (let i = 0; i < STEP_SCAN_MAX; i++) {
          const next = a + delta;
          if (delta > 0) catchUp((tl) => lastAction(tl) >= next);
          const c = clampAction(get().timeline, next);
          if (c === a) break;
          a = c;
          if (actionShows(get().timeline, a, get().showAll)) break;
        }
        get().seek(a);
      },
      play() {
        const s = get();
        if (s.cursor >= lastAction(s.timeline) && s.timeline.ended) set({ cursor: s.timeline.firstAction });
        set({ playing: true });
      },
      pause() { set({ playing: false }); },
      togglePlay() { if (get().playing) get().pause(); else get().play(); },
      setSpeed(speed) {
        if ((SPEEDS as readonly number[]).includes(speed)) set({ speed });
      },
      dispatch(steps) {
        if (!engineIfLoaded()) return withEngineNow(() => get().dispatch(steps));
        const s = get();
        const list = Array.isArray(steps) ? (steps as readonly StepInput[]) : [steps as StepInput];
        const f = forkAt(s.doc, s.timeline, s.cursor, derived.viewAt(s.timeline, s.cursor), list, s.budget);
        if (!f.ok) { set({ error: f.error }); return f; }
        set({
          doc: f.doc, timeline: f.timeline, rec: recWindow(f.timeline), cursor: f.cursor, playing: true, error: null, hoverSeq: null,
          past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: [],
        });
        return { ok: true };
      },
      undoEdit() {
        if (!engineIfLoaded()) { withEngineNow(() => { get().undoEdit(); return { ok: true }; }); return; }
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        const r = recordSafe(prev.doc, s.budget, { action: prev.cursor });
        if (!r.ok) { set({ error: r.error }); return; }
        set({
          doc: prev.doc, presetId: prev.presetId, timeline: r.timeline, rec: recWindow(r.timeline), cursor: clampAction(r.timeline, prev.cursor),
          playing: false, past: s.past.slice(0, -1), future: [{ doc: s.doc, presetId: s.presetId, cursor: s.cursor }, ...s.future], error: null,
        });
      },
      redoEdit() {
        if (!engineIfLoaded()) { withEngineNow(() => { get().redoEdit(); return { ok: true }; }); return; }
        const s = get();
        const next = s.future[0];
        if (!next) return;
        const r = recordSafe(next.doc, s.budget, { action: next.cursor });
        if (!r.ok) { set({ error: r.error }); return; }
        set({
          doc: next.doc, presetId: next.presetId, timeline: r.timeline, rec: recWindow(r.timeline), cursor: clampAction(r.timeline, next.cursor),
          playing: false, past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: s.future.slice(1), error: null,
        });
      },
      select(selection) {
        // the inspector reads the engine's detail of a domain: a recorded run has none
        if (selection !== null && !engineIfLoaded()) { withEngineNow(() => { get().select(selection); return { ok: true }; }); return; }
        set({ selection });
      },
      setHover(hoverSeq) { if (get().hoverSeq !== hoverSeq) set({ hoverSeq }); },
      setShowAll(showAll) { set({ showAll }); },
      setMode(id) {
        if (!engineIfLoaded()) return withEngineNow(() => get().setMode(id));
        const m = MODES.find((x) => x.id === id);
        let st = (get().modes ?? []).find((x) => x.id === id);
        if (m && (!st || st.load)) st = probeMode(get().doc, m); // not checked yet, or its engine code has arrived since
        if (!m || !st?.ok) { const error = `${m?.label ?? id}: ${st?.reason ?? 'not available'}`; set({ error }); return { ok: false, error }; }
        const s = get();
        const r = replaceDoc(engine().applyOverrides(s.doc, { transport: m.transport, broker: m.broker }), s.presetId, 0, true, true);
        if (r.ok) set({ modes: null });
        return r;
      },
      setXen(xen) {
        const s = get();
        if ((s.doc.xen ?? DEFAULT_XEN) === xen) return { ok: true };
        if (!engineIfLoaded()) return withEngineNow(() => get().setXen(xen));
        return replaceDoc(engine().applyOverrides(s.doc, { xen }), s.presetId, 0, true, true);
      },
      probeModes() {
        if (!engineIfLoaded()) { withEngineNow(() => { get().probeModes(); return { ok: true }; }); return; }
        if (!get().modes) set({ modes: probeModes(get().doc) });
      },
      clearError() { set({ error: null }); },
      setError(error) { set({ error: error.split('\n')[0] ?? error }); },
    };
  });
  return Object.assign(api, { derived });
}
