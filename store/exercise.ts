/**
 * Exercises in the page (scenario 1.1 `exercise` and `goals`): opening one by id, editing
 * its policy (the document's own policy, so the whole run changes, not just its future),
 * checking it (the document runs to its end with the modules the page has loaded, and
 * the engine holds the goals against the report), and the progress kept in the browser.
 * Loaded with the Exercise panel, never in the first load.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { runScenario, type GoalResult, type ScenarioDoc } from '@engine/api';
import { isExerciseId, loadExercise } from '../scenarios/exerciseIndex';
import type { PlaygroundStore, Result } from './createPlaygroundStore';
import { loadEngineFor, loadedModules } from './transport';

export interface Progress { solved: boolean; hints: number }
export interface ExerciseState {
  /** The exercise's id when it was opened by name; null for an imported or shared document. */
  id: string | null;
  /** The document as opened (Start over goes back to it). */
  original: ScenarioDoc | null;
  /** The last check, or null once the document changed since. */
  results: GoalResult[] | null;
  checkedDoc: ScenarioDoc | null;
  progress: Progress;
}

const STORAGE_PREFIX = 'interdomain-exercise:';
const side = new WeakMap<PlaygroundStore, StoreApi<ExerciseState>>();

/** Progress is kept under the exercise's id, or its title for a document opened from a file or link. */
export function progressKey(id: string | null, doc: ScenarioDoc): string {
  return `${STORAGE_PREFIX}${id ?? `title:${doc.title}`}`;
}

export function readProgress(key: string): Progress {
  try {
    const raw = JSON.parse(window.localStorage.getItem(key) ?? 'null') as Partial<Progress> | null;
    return { solved: raw?.solved === true, hints: typeof raw?.hints === 'number' && raw.hints >= 0 ? Math.floor(raw.hints) : 0 };
  } catch {
    return { solved: false, hints: 0 };
  }
}

/** Said on `window` when progress is written (the gallery marks solved exercises). */
const PROGRESS_EVENT = 'interdomain-exercise-progress';

function writeProgress(key: string, p: Progress): void {
  try { window.localStorage.setItem(key, JSON.stringify(p)); } catch { /* storage full or blocked: progress lasts this visit */ }
  if (typeof window.dispatchEvent === 'function') window.dispatchEvent(new Event(PROGRESS_EVENT));
}

/** The exercise side of `store` (one per playground). */
export function exerciseStore(store: PlaygroundStore): StoreApi<ExerciseState> {
  let s = side.get(store);
  if (!s) {
    const doc = store.getState().doc;
    s = createStore<ExerciseState>()(() => ({ id: null, original: doc.exercise ? doc : null, results: null, checkedDoc: null, progress: readProgress(progressKey(null, doc)) }));
    side.set(store, s);
  }
  return s;
}

/** Open exercise `id` (paused at its start, so every edit applies to the whole run). */
export async function openExercise(store: PlaygroundStore, id: string): Promise<Result> {
  if (!isExerciseId(id)) return { ok: false, error: `exercise: no exercise called ${JSON.stringify(id.slice(0, 40))}` };
  let doc: unknown;
  try {
    doc = await loadExercise(id);
    await loadEngineFor(doc);
  } catch (e) {
    return { ok: false, error: `exercise: ${JSON.stringify(id)} could not be loaded (${String(e).split('\n')[0]})` };
  }
  const r = store.getState().load(doc, null, { play: false });
  if (!r.ok) return r;
  const opened = store.getState().doc;
  exerciseStore(store).setState({ id, original: opened, results: null, checkedDoc: null, progress: readProgress(progressKey(id, opened)) });
  return r;
}

/** The exercise the store's document is, adopted if it arrived some other way (an import, a link). */
export function adoptDocument(store: PlaygroundStore): void {
  const ex = exerciseStore(store);
  const doc = store.getState().doc;
  const cur = ex.getState();
  if (!doc.exercise) { if (cur.original) ex.setState({ id: null, original: null, results: null, checkedDoc: null }); return; }
  if (cur.original && cur.original.title === doc.title) return; // the same exercise, edited
  ex.setState({ id: null, original: doc, results: null, checkedDoc: null, progress: readProgress(progressKey(null, doc)) });
}

/**
 * The document as its author has it now is where the exercise starts (while the lesson
 * editor is open, every change is the author's: Start over goes back to it).
 */
export function markAuthored(store: PlaygroundStore): void {
  const doc = store.getState().doc;
  const ex = exerciseStore(store);
  if (doc.exercise && ex.getState().original !== doc) ex.setState({ id: null, original: doc, progress: readProgress(progressKey(null, doc)) });
}

/** Go back to the exercise as it was opened. */
export function startOver(store: PlaygroundStore): Result {
  const ex = exerciseStore(store);
  const { original } = ex.getState();
  if (!original) return { ok: false, error: 'exercise: nothing to start over' };
  const r = store.getState().load(original, null, { play: false });
  ex.setState({ results: null, checkedDoc: null });
  return r;
}

/**
 * Allow or deny `from` → `to` (on `port`, or every port) in the document's policy. The
 * policy is a default and a list of allowed pairs: allowing adds a rule, denying removes
 * the pair's rules (all of them when no port is given), and a pair the default allows
 * cannot be denied alone.
 */
export function editPolicy(store: PlaygroundStore, from: number, to: number, port: number | null, allow: boolean): Result {
  const st = store.getState();
  const doc = st.doc;
  const same = (r: { from: number; to: number; port?: number }) => r.from === from && r.to === to && (port === null || r.port === port);
  let rules = doc.policy.allow.filter((r) => !same(r));
  if (allow) rules = [...rules, port === null ? { from, to } : { from, to, port }];
  else if (doc.policy.default === 'allow') {
    const error = 'policy: the default allows every pair, so one pair cannot be denied alone';
    st.setError(error);
    return { ok: false, error };
  }
  const r = st.load({ ...doc, policy: { default: doc.policy.default, allow: rules } }, null, { play: false });
  return r;
}

/**
 * Run the document to its end and hold it against its goals; a solved check is remembered.
 * The page then shows the run's end, so the diagram is the run that was checked.
 */
export async function checkExercise(store: PlaygroundStore): Promise<Result> {
  const ex = exerciseStore(store);
  const doc = store.getState().doc;
  if (!doc.goals) return { ok: false, error: 'exercise: this document has no goals to check' };
  try {
    await loadEngineFor(doc);
    const { report, state } = runScenario(doc, { modules: loadedModules() });
    const results = report.goals ?? [];
    const solved = results.every((g) => g.met);
    const cur = ex.getState();
    const progress = { ...cur.progress, solved: cur.progress.solved || solved };
    ex.setState({ results, checkedDoc: doc, progress });
    writeProgress(progressKey(cur.id, cur.original ?? doc), progress);
    // the diagram shows the checked run as it ended (the same document gives the same run)
    const st = store.getState();
    if (st.doc === doc) { st.pause(); st.seekTime(state.t); }
    return { ok: true };
  } catch (e) {
    const error = `exercise: the check could not run (${String(e).split('\n')[0]})`;
    store.getState().setError(error);
    return { ok: false, error };
  }
}

/** Reveal one more hint (the count is remembered). */
export function revealHint(store: PlaygroundStore): void {
  const ex = exerciseStore(store);
  const cur = ex.getState();
  const doc = cur.original ?? store.getState().doc;
  const total = doc.exercise?.hints.length ?? 0;
  const progress = { ...cur.progress, hints: Math.min(total, cur.progress.hints + 1) };
  ex.setState({ progress });
  writeProgress(progressKey(cur.id, doc), progress);
}
