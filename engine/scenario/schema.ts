/**
 * Zod schemas of the scenario document's SHAPE. Cross-references (declared domains,
 * connection names, exactly one backend, ...) are checked in validate.ts, which walks the
 * document in order and uses these schemas field by field so that the first problem in
 * document order is the one reported.
 */
import { z } from 'zod';
import { DEFAULT_LIMITS, DOMID_MAX } from '../core/limits';
import {
  BROKERS,
  DEFAULT_MIGRATE_DOWNTIME_US,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TITLE_LENGTH,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  TRANSPORTS,
  V4V_MODES,
  type LimitKey,
  type Step,
  type StepOp,
} from './types';

export const U32_MAX = 0xffff_ffff;

/** An integer in [min, max] (always within the safe range); every failure says `expected`. */
function intIn(min: number, max: number, expected: string) {
  const error = expected;
  return z
    .number({ error })
    .int({ error })
    .min(min, { error })
    .max(max, { error })
    .transform((v) => (v === 0 ? 0 : v)); // -0 becomes 0, so equal documents are identical
}

const quoteList = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(' or ');
function oneOf<T extends string>(values: readonly [T, ...T[]] | readonly T[]) {
  return z.enum(values as [T, ...T[]], { error: `expected ${quoteList(values)}` });
}
function text(min: number, max: number) {
  const error =
    min > 0 ? `expected a non-empty string of at most ${max} characters` : `expected a string of at most ${max} characters`;
  return z.string({ error }).min(min, { error }).max(max, { error });
}

export const safeInt = intIn(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'expected a safe integer');
export const uint = intIn(0, Number.MAX_SAFE_INTEGER, 'expected a non-negative safe integer');
export const u32 = intIn(0, U32_MAX, `expected an integer from 0 to ${U32_MAX}`);
export const domId = intIn(0, DOMID_MAX, `expected a domain id, an integer from 0 to ${DOMID_MAX}`);
export const name = text(1, MAX_NAME_LENGTH);
export const bool = z.boolean({ error: 'expected true or false' });

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

export const LimitsSchema = z.strictObject(
  Object.fromEntries(
    LIMIT_KEYS.map((k) => {
      const [min, max] = LIMIT_RANGES[k];
      return [k, intIn(min, max, `expected an integer from ${min} to ${max}`).optional()];
    }),
  ) as Record<LimitKey, z.ZodOptional<ReturnType<typeof intIn>>>,
);

export const DomainSchema = z.strictObject({
  id: domId,
  name,
  role: oneOf(['backend', 'guest'] as const).default('guest'),
  /** Default filled by validate.ts: privileged iff backend. */
  privileged: bool.optional(),
});

export const PolicyRuleSchema = z.strictObject({ from: domId, to: domId, port: u32.optional() });

export const PolicySchema = z.strictObject({
  default: oneOf(['allow', 'deny'] as const).default('deny'),
  allow: z.array(PolicyRuleSchema, { error: 'expected an array of rules' }).default(() => []),
});

const side = oneOf(['client', 'server'] as const).default('client');
const note = text(0, MAX_NOTE_LENGTH).optional();

/** A step's shape: `at`, `op`, the op's fields, then the optional narration `note`. */
function step<Op extends StepOp, F extends z.ZodRawShape>(op: Op, fields: F) {
  return z.strictObject({ at: uint, op: z.literal(op), ...fields, note });
}

/** Per-op step shapes. Unknown fields in a step are rejected (they are usually typos). */
export const STEP_SHAPES = {
  listen: step('listen', { dom: domId, port: u32 }),
  connect: step('connect', { dom: domId, cid: u32, port: u32, as: name }),
  send: step('send', { conn: name, bytes: uint, side }),
  close: step('close', { conn: name, side }),
  allow: step('allow', { from: domId, to: domId, port: u32.optional() }),
  deny: step('deny', { from: domId, to: domId, port: u32.optional() }),
  flood: step('flood', {
    conn: name.optional(),
    dom: domId.optional(),
    cid: u32.optional(),
    port: u32.optional(),
    until: uint,
    kind: oneOf(['data', 'connect'] as const).default('data'),
    side: oneOf(['client', 'server'] as const).optional(),
  }),
  'shutdown-ring': step('shutdown-ring', { dom: domId, peer: domId }),
  migrate: step('migrate', { dom: domId, downtime: uint.default(DEFAULT_MIGRATE_DOWNTIME_US) }),
  crash: step('crash', { dom: domId }),
  bypass: step('bypass', { dom: domId, peer: domId, port: u32.optional(), as: name.optional() }),
  'add-domain': step('add-domain', { id: domId, name }),
  'remove-domain': step('remove-domain', { id: domId }),
} satisfies Record<StepOp, z.ZodObject>;

/** Shape of any step: a discriminated union on `op`. */
export const StepSchema = z.discriminatedUnion('op', [
  STEP_SHAPES.listen,
  STEP_SHAPES.connect,
  STEP_SHAPES.send,
  STEP_SHAPES.close,
  STEP_SHAPES.allow,
  STEP_SHAPES.deny,
  STEP_SHAPES.flood,
  STEP_SHAPES['shutdown-ring'],
  STEP_SHAPES.migrate,
  STEP_SHAPES.crash,
  STEP_SHAPES.bypass,
  STEP_SHAPES['add-domain'],
  STEP_SHAPES['remove-domain'],
]);

// Compile-time: the schema's output is the exported Step type.
type StepShapeOk = z.output<typeof StepSchema> extends Step ? true : never;
export const STEP_SHAPE_OK: StepShapeOk = true;

/**
 * Top-level fields. Unknown top-level fields are allowed (the spec leaves room for
 * additions) and dropped from the parsed result.
 */
export const TOP_SHAPE = {
  format: z.literal(SCENARIO_FORMAT, { error: `expected ${JSON.stringify(SCENARIO_FORMAT)}` }),
  version: z.literal(SCENARIO_VERSION, { error: `expected ${SCENARIO_VERSION}` }),
  title: text(0, MAX_TITLE_LENGTH).default('Untitled scenario'),
  description: text(0, MAX_DESCRIPTION_LENGTH).optional(),
  seed: safeInt,
  transport: oneOf(TRANSPORTS),
  v4vMode: oneOf(V4V_MODES).default('v4v'),
  broker: oneOf(BROKERS).default('connection-manager'),
  xsm: bool.default(false),
  limits: LimitsSchema.default(() => ({})),
  domains: z.array(DomainSchema).min(1),
  policy: PolicySchema.default(() => ({ default: 'deny' as const, allow: [] })),
  steps: z.array(StepSchema),
};

/**
 * Shape-only schema of the whole document (no cross-reference checks): for tools that want
 * a zod schema. `parseScenario` is the validator to use.
 */
export const ScenarioShapeSchema = z.object(TOP_SHAPE);
