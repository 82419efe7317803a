/**
 * The scenario document's SHAPE, field by field (fields.ts). Cross-references (declared
 * domains, connection names, exactly one backend, ...) are checked in validate.ts, which
 * walks the document in order and uses these shapes field by field so that the first
 * problem in document order is the one reported.
 */
import { DEFAULT_LIMITS, DOMID_MAX } from '../core/limits';
import { XEN_VERSIONS } from '../core/xen';
import { COST_IS_RATE, COST_MAX, COST_NAMES, type CostName } from '../core/costs';
import { describe, fail } from './errors';
import { NOTE_MODES, type NoteByMode, type NoteMode, type StepNote } from './notes';
import { isObject, walkObject } from './walk';
import { array, boolean, intIn, literal, required, object, oneOf, optional, text as textIn, withDefault, type Field, type OptionalField, type Shape, type ShapeOutput } from './fields';
import {
  BROKERS,
  DEFAULT_MIGRATE_DOWNTIME_US,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TITLE_LENGTH,
  SCENARIO_FORMAT,
  SCENARIO_LIMITS,
  SCENARIO_VERSION,
  TRANSPORTS,
  V4V_MODES,
  XENSTORE_ACTIONS,
  type DomainDecl,
  type Exercise,
  type Goal,
  type LimitKey,
  type Policy,
  type PolicyRule,
  type ScenarioCosts,
  type ScenarioLimits,
  type Step,
  type StepOp,
} from './types';

export const U32_MAX = 0xffff_ffff;
/** A xenstore step's path or value: room past xenstored's own limits (4096-byte payload), so its errors can be shown. */
export const XS_TEXT_CHARS = 8192;

const quoteList = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(' or ');
const choice = <T extends string>(values: readonly T[]) => oneOf(values, `expected ${quoteList(values)}`);
function text(min: number, max: number) {
  return textIn(min, max, min > 0 ? `expected a non-empty string of at most ${max} characters` : `expected a string of at most ${max} characters`);
}

export const safeInt = intIn(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'expected a safe integer');
export const uint = intIn(0, Number.MAX_SAFE_INTEGER, 'expected a non-negative safe integer');
export const u32 = intIn(0, U32_MAX, `expected an integer from 0 to ${U32_MAX}`);
export const domId = intIn(0, DOMID_MAX, `expected a domain id, an integer from 0 to ${DOMID_MAX}`);
export const name = text(1, MAX_NAME_LENGTH);
export const bool = boolean('expected true or false');

/** Allowed range of each `limits` key. Unknown keys are rejected by name. */
export const LIMIT_RANGES: Record<LimitKey, readonly [number, number]> = {
  // 8 reserved entries + at least one usable.
  grantEntries: [9, 1 << 20],
  maptrackEntries: [1, 1 << 20],
  // Port 0 is reserved, so at least one usable port needs 2; 131072 is the FIFO ABI's maximum.
  eventChannels: [2, 131_072],
  ringPages: [1, 256],
  // Argo's XEN_ARGO_MAX_RING_SIZE is 16 MiB.
  v4vRingBytes: [64, 16 << 20],
  v4vPendingPerRing: [0, 65_536],
  xenstoreNodes: [1, 1_000_000],
  xenstoreWatches: [1, 100_000],
  xenstoreTransactions: [1, 10_000],
};
export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as LimitKey[];

export const LIMITS_SHAPE = Object.fromEntries(
  LIMIT_KEYS.map((k) => {
    const [min, max] = LIMIT_RANGES[k];
    return [k, optional(intIn(min, max, `expected an integer from ${min} to ${max}`))];
  }),
) as Record<LimitKey, OptionalField<number>>;

/** A positive number (rates) or a positive integer (µs, bytes) of at most COST_MAX. */
function costField(rate: boolean) {
  const ok = (raw: unknown): raw is number =>
    typeof raw === 'number' && Number.isFinite(raw) && raw > 0 && raw <= COST_MAX && (rate || Number.isInteger(raw));
  const error = `must be a positive ${rate ? 'number' : 'integer'} of at most ${COST_MAX}`;
  return required((raw) => (ok(raw) ? { ok: true as const, value: raw } : { ok: false as const, error }));
}

/** `costs`: overrides of the engine's cost table, by name. Unknown names are rejected. */
export const COSTS_SHAPE = Object.fromEntries(
  COST_NAMES.map((k) => [k, optional(costField(COST_IS_RATE[k]))]),
) as Record<CostName, OptionalField<number>>;

export const DOMAIN_SHAPE = {
  id: domId,
  name,
  role: withDefault(choice(['backend', 'guest'] as const), 'guest'),
  /** Default filled by validate.ts: privileged iff backend. */
  privileged: optional(bool),
  vcpus: optional(intIn(1, SCENARIO_LIMITS.vcpus, `expected an integer from 1 to ${SCENARIO_LIMITS.vcpus}`)),
} satisfies Shape;

export const POLICY_RULE_SHAPE = { from: domId, to: domId, port: optional(u32) } satisfies Shape;

export const POLICY_SHAPE = {
  default: withDefault(choice(['allow', 'deny'] as const), 'deny'),
  allow: withDefault(array<PolicyRule>('expected an array of rules'), () => []),
} satisfies Shape;

const side = withDefault(choice(['client', 'server'] as const), 'client');
const noteText = text(0, MAX_NOTE_LENGTH);
/** A step note's modes: each optional, each a text within the note limit; unknown keys rejected. */
export const NOTE_SHAPE = Object.fromEntries(NOTE_MODES.map((m) => [m, optional(noteText)])) as Record<NoteMode, OptionalField<string>>;
const NOTE_EXPECTED = `expected a string of at most ${MAX_NOTE_LENGTH} characters, or an object keyed by ${quoteList(NOTE_MODES)}`;
/** The shape's entry (for the types); checkNote walks the value. */
const note = optional(textIn(0, MAX_NOTE_LENGTH, NOTE_EXPECTED) as Field<StepNote>);

/** A step's `note`: a string, or an object with at least one mode (keys in NOTE_MODES order). */
export function checkNote(raw: unknown, path: string): StepNote {
  if (typeof raw === 'string' || !isObject(raw)) {
    const r = note.check(raw);
    if (!r.ok) fail(path, `${r.error}, got ${describe(raw)}`);
    return r.value;
  }
  const out = walkObject(raw, path, NOTE_SHAPE, { strict: true, unknownWord: 'mode' }) as NoteByMode;
  if (Object.keys(out).length === 0) fail(path, `${NOTE_EXPECTED}, got an empty object`);
  return out;
}

/** A step's shape: `at`, `op`, the op's fields, then the optional narration `note`. */
function step<Op extends StepOp, F extends Shape>(op: Op, fields: F) {
  return { at: uint, op: literal(op, `expected ${JSON.stringify(op)}`), ...fields, note };
}

/** Per-op step shapes. Unknown fields in a step are rejected (they are usually typos). */
export const STEP_SHAPES = {
  listen: step('listen', { dom: domId, port: u32 }),
  connect: step('connect', { dom: domId, cid: u32, port: u32, as: name, staleCid: optional(bool) }),
  send: step('send', { conn: name, bytes: uint, side }),
  close: step('close', { conn: name, side }),
  allow: step('allow', { from: domId, to: domId, port: optional(u32) }),
  deny: step('deny', { from: domId, to: domId, port: optional(u32) }),
  flood: step('flood', {
    conn: optional(name),
    dom: optional(domId),
    cid: optional(u32),
    port: optional(u32),
    until: uint,
    kind: withDefault(choice(['data', 'connect'] as const), 'data'),
    side: optional(choice(['client', 'server'] as const)),
  }),
  'shutdown-ring': step('shutdown-ring', { dom: domId, peer: domId }),
  migrate: step('migrate', { dom: domId, downtime: withDefault(uint, DEFAULT_MIGRATE_DOWNTIME_US) }),
  crash: step('crash', { dom: domId }),
  bypass: step('bypass', { dom: domId, peer: domId, port: optional(u32), as: optional(name) }),
  'add-domain': step('add-domain', { id: domId, name }),
  'remove-domain': step('remove-domain', { id: domId }),
  xenstore: step('xenstore', {
    dom: domId,
    action: choice(XENSTORE_ACTIONS),
    path: optional(text(1, XS_TEXT_CHARS)),
    value: optional(text(0, XS_TEXT_CHARS)),
    perms: optional(array<string>('expected an array of permissions such as ["n0", "r1"]')),
    tx: optional(name),
    commit: optional(bool),
    as: optional(name),
  }),
} satisfies Record<StepOp, Shape>;

// Compile-time: each shape's output is its step type, the domain's is DomainDecl (but
// `privileged`, filled later), and so on.
type StepShapeOk = { [Op in StepOp]: ShapeOutput<(typeof STEP_SHAPES)[Op]> extends Extract<Step, { op: Op }> ? true : never }[StepOp];
/** @public Checked by the compiler only. */
export const STEP_SHAPE_OK: StepShapeOk = true;
type OtherShapesOk = [
  ShapeOutput<typeof DOMAIN_SHAPE> extends Omit<DomainDecl, 'privileged'> ? true : never,
  ShapeOutput<typeof POLICY_RULE_SHAPE> extends PolicyRule ? true : never,
  ShapeOutput<typeof POLICY_SHAPE> extends Policy ? true : never,
  ShapeOutput<typeof LIMITS_SHAPE> extends ScenarioLimits ? true : never,
  ShapeOutput<typeof COSTS_SHAPE> extends ScenarioCosts ? true : never,
];
/** @public Checked by the compiler only. */
export const OTHER_SHAPES_OK: OtherShapesOk = [true, true, true, true, true];

/**
 * Top-level fields. Unknown top-level fields are allowed (the spec leaves room for
 * additions) and dropped from the parsed result. limits, domains, policy and steps are
 * walked by validate.ts; their entries here say what their absence means.
 */
export const TOP_SHAPE = {
  format: literal(SCENARIO_FORMAT, `expected ${JSON.stringify(SCENARIO_FORMAT)}`),
  version: literal(SCENARIO_VERSION, `expected ${SCENARIO_VERSION}`),
  title: withDefault(text(0, MAX_TITLE_LENGTH), 'Untitled scenario'),
  description: optional(text(0, MAX_DESCRIPTION_LENGTH)),
  seed: safeInt,
  transport: choice(TRANSPORTS),
  v4vMode: withDefault(choice(V4V_MODES), 'v4v'),
  broker: withDefault(choice(BROKERS), 'connection-manager'),
  xsm: withDefault(bool, false),
  xen: optional(choice(XEN_VERSIONS)),
  limits: withDefault(object<ScenarioLimits>('expected an object'), () => ({})),
  costs: optional(object<ScenarioCosts>('expected an object')),
  domains: array<DomainDecl>('expected an array of domains'),
  policy: withDefault(object<Policy>('expected an object'), () => ({ default: 'deny' as const, allow: [] })),
  steps: array<Step>('expected an array of steps'),
  /** 1.1, walked by goals.ts. */
  exercise: optional(object<Exercise>('expected an object')),
  goals: optional(array<Goal>('expected an array of goals')),
} satisfies Shape;
