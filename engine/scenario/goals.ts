/**
 * Scenario format 1.1: `exercise` and `goals`. Their shapes and checks, walked by
 * validate.ts after `steps` (a goal may name a domain an `add-domain` step creates).
 * A goal's connection is not required to exist in the document: an exercise may ask for
 * a connection the student still has to make, and a run without it simply misses the goal.
 */
import { DOMID_MAX } from '../core/limits';
import { fail, indexPath, quote } from './errors';
import { array, intIn, oneOf, optional, text as textIn, withDefault, type Shape } from './fields';
import { checkArray, hasOwn, isObject, walkObject } from './walk';
import {
  CONN_STATES, EDITABLES, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_NOTE_LENGTH,
  type ConnGoal, type DomGoal, type Editable, type Exercise, type Goal, type StatGoal,
} from './types';

/** At most this many goals and hints (a document is a lesson, not a test suite). */
export const MAX_GOALS = 50;
export const MAX_HINTS = 20;

/**
 * The numeric figures of a domain's report entry a `dom` goal may test (`peers` and
 * `listening` are lists: their length is tested). engine/sim/goals.ts checks at compile
 * time that this is exactly the report's numeric and list fields.
 */
export const DOMAIN_GOAL_FIELDS = ['id', 'xenDomid', 'cid', 'grantsInUse', 'grantCapacity', 'eventChannelsInUse', 'peers', 'listening', 'vcpus', 'cpuBusyUs'] as const;
/** The report's `stats` (engine/sim/report.ts; a test holds the two lists equal). */
export const REPORT_STATS = [
  'events', 'hypercalls', 'notifications', 'cmMessages', 'xenstoreOps', 'bytesThroughRings', 'ringFullWaits', 'wakeups',
  'spuriousWakeups', 'retries', 'bytesCopiedByXen', 'notifyHypercalls', 'connectRequests', 'errors', 'endTimeUs',
] as const;
/** Figures goals may test besides the report's own: a woken writer that found space. */
export const DERIVED_STATS = ['usefulWakeups'] as const;
export const GOAL_STATS: readonly string[] = [...REPORT_STATS, ...DERIVED_STATS];

const quoteList = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(' or ');
const bound = intIn(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'expected a safe integer');
const nonNeg = intIn(0, Number.MAX_SAFE_INTEGER, 'expected a non-negative safe integer');
const name = textIn(1, MAX_NAME_LENGTH, `expected a non-empty string of at most ${MAX_NAME_LENGTH} characters`);

const EXERCISE_SHAPE = {
  prompt: textIn(1, MAX_DESCRIPTION_LENGTH, `expected a non-empty string of at most ${MAX_DESCRIPTION_LENGTH} characters`),
  hints: withDefault(array<string>('expected an array of hints'), () => []),
  editable: withDefault(array<Editable>('expected an array naming what may be changed'), () => []),
} satisfies Shape;

const CONN_SHAPE = {
  conn: name,
  state: oneOf(CONN_STATES, `expected ${quoteList(CONN_STATES)}`),
  reason: optional(name),
  bytesReceived: optional(nonNeg),
} satisfies Shape;
const DOM_SHAPE = {
  dom: intIn(0, DOMID_MAX, `expected a domain id, an integer from 0 to ${DOMID_MAX}`),
  field: oneOf(DOMAIN_GOAL_FIELDS, 'expected a string naming a domain report field'),
  min: optional(bound),
  max: optional(bound),
} satisfies Shape;
const STAT_SHAPE = {
  stat: oneOf(GOAL_STATS, 'expected a string naming a stat'),
  min: optional(bound),
  max: optional(bound),
  above: optional(oneOf(GOAL_STATS, 'expected a string naming a stat')),
} satisfies Shape;

export function checkExercise(raw: unknown, path: string): Exercise {
  const ex = walkObject(raw, path, EXERCISE_SHAPE, {
    strict: true,
    nested: {
      hints: (v, p) => checkArray(v, p, 'hints', 0, MAX_HINTS).map((h, i) => {
        if (typeof h !== 'string' || h.length === 0 || h.length > MAX_NOTE_LENGTH)
          fail(indexPath(p, i), `expected a non-empty string of at most ${MAX_NOTE_LENGTH} characters`);
        return h;
      }),
      editable: (v, p) => {
        const seen = new Set<string>();
        return checkArray(v, p, 'parts', 0, EDITABLES.length).map((e, i) => {
          if (typeof e !== 'string' || !(EDITABLES as readonly string[]).includes(e))
            fail(indexPath(p, i), `expected ${quoteList(EDITABLES)}`);
          if (seen.has(e)) fail(indexPath(p, i), `${quote(e)} is listed twice`);
          seen.add(e);
          return e;
        });
      },
    },
  });
  return ex as unknown as Exercise;
}

/** Which kind a goal is, from the field that names its subject. */
function kindOf(item: Record<string, unknown>, p: string): 'conn' | 'dom' | 'stat' {
  const kinds = (['conn', 'dom', 'stat'] as const).filter((k) => hasOwn(item, k));
  if (kinds.length === 0) fail(p, 'a goal names one of conn, dom or stat');
  if (kinds.length > 1) fail(`${p}.${kinds[1]!}`, `a goal names one of conn, dom or stat, not both ${kinds[0]!} and ${kinds[1]!}`);
  return kinds[0]!;
}

/** A named figure that does not exist: `goals[2].stat: unknown stat "foo" (known: …)`. */
function checkNames(item: Record<string, unknown>, p: string): void {
  const lists: Array<[string, readonly string[], string]> = [
    ['field', DOMAIN_GOAL_FIELDS, 'domain report field'], ['stat', GOAL_STATS, 'stat'], ['above', GOAL_STATS, 'stat'],
  ];
  for (const [k, known, what] of lists) {
    const v = item[k];
    if (hasOwn(item, k) && typeof v === 'string' && !known.includes(v)) fail(`${p}.${k}`, `unknown ${what} ${quote(v)} (known: ${known.join(', ')})`);
  }
}

function checkRange(g: { min?: number; max?: number }, p: string, needOne: boolean): void {
  if (needOne && g.min === undefined && g.max === undefined) fail(p, 'give min, max or both');
  if (g.min !== undefined && g.max !== undefined && g.min > g.max) fail(`${p}.max`, `must not be below min (${g.min}), got ${g.max}`);
}

export function checkGoals(raw: unknown, path: string): Goal[] {
  return checkArray(raw, path, 'goals', 1, MAX_GOALS).map((item, i) => {
    const p = indexPath(path, i);
    if (!isObject(item)) fail(p, 'expected a goal object');
    const kind = kindOf(item, p);
    if (kind !== 'conn') checkNames(item, p);
    if (kind === 'conn') return walkObject(item, p, CONN_SHAPE, { strict: true, context: ' for a conn goal' }) as unknown as ConnGoal;
    if (kind === 'dom') {
      const g = walkObject(item, p, DOM_SHAPE, { strict: true, context: ' for a dom goal' }) as unknown as DomGoal;
      checkRange(g, p, true);
      return g;
    }
    const g = walkObject(item, p, STAT_SHAPE, { strict: true, context: ' for a stat goal' }) as unknown as StatGoal;
    checkRange(g, p, g.above === undefined);
    if (g.above === g.stat) fail(`${p}.above`, `must name another stat than ${quote(g.stat)}`);
    return g;
  });
}

/** The exercise and goal fields in the spec's key order, for scenarioToJson (absent ones left out). */
export function exerciseFields(doc: { exercise?: Exercise; goals?: Goal[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (doc.exercise) out.exercise = { prompt: doc.exercise.prompt, hints: doc.exercise.hints, editable: doc.exercise.editable };
  if (doc.goals) out.goals = doc.goals.map((g) => ({ ...g }));
  return out;
}
