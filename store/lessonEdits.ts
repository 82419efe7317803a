/**
 * Lessons written in the page: edits of the whole document (title, description, a step's
 * note in one mode, steps added, moved, retimed, deleted, domains renamed, the policy the
 * run starts with, and the document made an exercise: its prompt, what may be changed,
 * hints and goals). Each edit is
 * a pure function from the document to a candidate; `applyLessonEdit` checks the
 * candidate with parseScenario (one readable line, nothing changed, when it is refused),
 * records the run again and keeps the old document on the undo list, as an intervention
 * at the cursor does. The share link, export and embed read the store's document.
 */
import { clampAction, noteModeOf, parseScenario, type Exercise, type LimitKey, type NoteMode, type ScenarioDoc, type Step, type StepNote } from '@engine/api';
import type { PlaygroundStore, Result } from './createPlaygroundStore';
import { recordSafe, recWindow } from './recording';

/** The names the format gives an exercise's parts and goals (the editor's choices). */
export { CONN_STATES, DOMAIN_GOAL_FIELDS, EDITABLES, GOAL_STATS } from '@engine/api';

/** A document edit: the candidate (checked by the validator), or a one-line refusal. */
export type LessonEdit = (doc: ScenarioDoc) => unknown;

/** The steps in run order (`at`, then file order), with their index in the file. */
export function runOrder(doc: ScenarioDoc): { step: Step; index: number }[] {
  return doc.steps.map((step, index) => ({ step, index })).sort((a, b) => a.step.at - b.step.at || a.index - b.index);
}

export const setTitle = (title: string): LessonEdit => (doc) => ({ ...doc, title });

export const setDescription = (text: string): LessonEdit => (doc) => {
  const { description: _old, ...rest } = doc;
  void _old;
  return text.trim() === '' ? rest : { ...rest, description: text };
};

/**
 * Step `index`'s note in `mode` becomes `text` (empty: that mode's note removed). A string
 * note belongs to the document's own mode; a note for another mode makes it an object.
 */
export function noteWith(note: StepNote | undefined, own: NoteMode, mode: NoteMode, text: string): StepNote | undefined {
  const byMode: Partial<Record<NoteMode, string>> = note === undefined ? {} : typeof note === 'string' ? { [own]: note } : { ...note };
  if (text === '') delete byMode[mode];
  else byMode[mode] = text;
  const keys = Object.keys(byMode) as NoteMode[];
  if (keys.length === 0) return undefined;
  // only the document's own mode: a plain string, as presets write it
  if (keys.length === 1 && keys[0] === own) return byMode[own];
  return byMode;
}

export const setNote = (index: number, mode: NoteMode, text: string): LessonEdit => (doc) => ({
  ...doc,
  steps: doc.steps.map((s, i) => {
    if (i !== index) return s;
    const { note, ...rest } = s;
    const n = noteWith(note, noteModeOf(doc), mode, text);
    return n === undefined ? rest : { ...rest, note: n };
  }),
});

export const setStepTime = (index: number, at: number): LessonEdit => (doc) => ({
  ...doc, steps: doc.steps.map((s, i) => (i === index ? { ...s, at } : s)),
});

export const deleteStep = (index: number): LessonEdit => (doc) => ({ ...doc, steps: doc.steps.filter((_, i) => i !== index) });

/**
 * Step `index` swaps places in the run with its neighbour (`dir` -1: the one before it,
 * +1: after): their times and their places in the file are exchanged.
 */
export const moveStep = (index: number, dir: -1 | 1): LessonEdit => (doc) => {
  const order = runOrder(doc);
  const here = order.findIndex((o) => o.index === index);
  const other = order[here + dir];
  if (here < 0 || !other) return `lesson: step ${index + 1} is already the ${dir < 0 ? 'first' : 'last'}`;
  const a = doc.steps[index]!, b = other.step;
  const steps = doc.steps.slice();
  steps[index] = { ...b, at: a.at };
  steps[other.index] = { ...a, at: b.at };
  return { ...doc, steps };
};

/** A new step (from the editor's form, unchecked: parseScenario checks it). */
export const addStep = (step: Record<string, unknown>): LessonEdit => (doc) => ({ ...doc, steps: [...doc.steps, step] });

export const renameDomain = (id: number, name: string): LessonEdit => (doc) => ({
  ...doc, domains: doc.domains.map((d) => (d.id === id ? { ...d, name } : d)),
});

/** The policy the run starts with: its default, a rule added (unchecked) or removed. */
export const setPolicyDefault = (dflt: 'allow' | 'deny'): LessonEdit => (doc) => ({ ...doc, policy: { ...doc.policy, default: dflt } });
export const addPolicyRule = (rule: Record<string, unknown>): LessonEdit => (doc) => ({ ...doc, policy: { ...doc.policy, allow: [...doc.policy.allow, rule] } });
export const removePolicyRule = (index: number): LessonEdit => (doc) => ({ ...doc, policy: { ...doc.policy, allow: doc.policy.allow.filter((_, i) => i !== index) } });

/** One of the document's limits set (unchecked: the validator names a bad value), or back to the Xen version's default (null). */
export const setLimit = (key: LimitKey, value: number | string | null): LessonEdit => (doc) => {
  const { [key]: _old, ...rest } = doc.limits;
  void _old;
  return { ...doc, limits: value === null ? rest : { ...rest, [key]: value } };
};

/** XSM on or off for the whole run (the hypervisor checks grant maps and event-channel binds against the policy). */
export const setXsm = (on: boolean): LessonEdit => (doc) => ({ ...doc, xsm: on });

/** The document becomes an exercise (a prompt is needed: the validator says so), or changes part of it. */
export const setExercise = (part: Partial<Exercise>): LessonEdit => (doc) => ({
  ...doc, exercise: { prompt: '', hints: [], editable: [], ...doc.exercise, ...part },
});

/** No longer an exercise: its prompt, hints and goals go. */
export const removeExercise: LessonEdit = (doc) => {
  const { exercise: _e, goals: _g, ...rest } = doc;
  void _e; void _g;
  return rest;
};

/** A goal added (from the editor's form, unchecked: parseScenario names a bad field) or removed. */
export const addGoal = (goal: Record<string, unknown>): LessonEdit => (doc) => ({ ...doc, goals: [...(doc.goals ?? []), goal] });
export const removeGoal = (index: number): LessonEdit => (doc) => {
  const { goals, ...rest } = doc;
  const left = (goals ?? []).filter((_, i) => i !== index);
  return left.length > 0 ? { ...rest, goals: left } : rest;
};

/**
 * A goal from the editor's form: `kind` names its subject field (`conn`, `dom`, `stat`);
 * empty fields are left out, numeric ones become numbers (text that is not one stays
 * visible to the validator, which names the field).
 */
export function goalFrom(kind: 'conn' | 'dom' | 'stat', fields: Readonly<Record<string, string>>): Record<string, unknown> {
  const numeric = new Set(['dom', 'bytesReceived', 'min', 'max']);
  const allowed: Record<typeof kind, string[]> = {
    conn: ['conn', 'state', 'reason', 'bytesReceived'], dom: ['dom', 'field', 'min', 'max'], stat: ['stat', 'min', 'max', 'above'],
  };
  const goal: Record<string, unknown> = {};
  for (const k of allowed[kind]) {
    const v = (fields[k] ?? '').trim();
    if (v === '' && k !== kind) continue;
    goal[k] = numeric.has(k) && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return goal;
}

/** The edited document, checked; or one line. Pure. */
export function editDoc(doc: ScenarioDoc, edit: LessonEdit): { ok: true; doc: ScenarioDoc } | { ok: false; error: string } {
  const candidate = edit(doc);
  if (typeof candidate === 'string') return { ok: false, error: candidate };
  const parsed = parseScenario(JSON.parse(JSON.stringify(candidate)) as unknown);
  return parsed.ok ? parsed : { ok: false, error: `lesson: ${parsed.error}` };
}

/** Apply `edit` to the store's document: validated, recorded again, undoable. */
export function applyLessonEdit(store: PlaygroundStore, edit: LessonEdit): Result {
  const s = store.getState();
  const e = editDoc(s.doc, edit);
  if (!e.ok) { s.setError(e.error); return e; }
  if (JSON.stringify(e.doc) === JSON.stringify(s.doc)) return { ok: true };
  const r = recordSafe(e.doc, s.budget, { action: s.cursor });
  if (!r.ok) { s.setError(r.error); return r; }
  store.setState({
    doc: e.doc, timeline: r.timeline, rec: recWindow(r.timeline), cursor: clampAction(r.timeline, s.cursor),
    playing: false, error: null, hoverSeq: null,
    past: [...s.past, { doc: s.doc, presetId: s.presetId, cursor: s.cursor }], future: [],
  });
  return { ok: true };
}

/** The document's own note mode (a string note belongs to it). */
export const ownNoteMode = (doc: ScenarioDoc): NoteMode => noteModeOf(doc);

/** The text a step's note has for `mode` as written ('' when none): what the editor shows. */
export function noteTextFor(note: StepNote | undefined, own: NoteMode, mode: NoteMode): string {
  if (note === undefined) return '';
  if (typeof note === 'string') return mode === own ? note : '';
  return note[mode] ?? '';
}
