/**
 * Zod schemas of the scenario document's SHAPE (zod/mini: the functional API, which
 * bundles to a fraction of classic zod). Cross-references (declared domains,
 * connection names, exactly one backend, ...) are checked in validate.ts, which walks the
 * document in order and uses these schemas field by field so that the first problem in
 * document order is the one reported.
 */
import * as z from 'zod/mini';
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
  return z.pipe(
    z.number({ error }).check(z.int({ error }), z.minimum(min, { error }), z.maximum(max, { error })),
    z.transform((v: number) => (v === 0 ? 0 : v)), // -0 becomes 0, so equal documents are identical
  );
}

const quoteList = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(' or ');
function oneOf<T extends string>(values: readonly [T, ...T[]] | readonly T[]) {
  return z.enum(values as [T, ...T[]], { error: `expected ${quoteList(values)}` });
}
function text(min: number, max: number) {
  const error =
    min > 0 ? `expected a non-empty string of at most ${max} characters` : `expected a string of at most ${max} characters`;
  return z.string({ error }).check(z.minLength(min, { error }), z.maxLength(max, { error }));
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
      return [k, z.optional(intIn(min, max, `expected an integer from ${min} to ${max}`))];
    }),
  ) as Record<LimitKey, z.ZodMiniOptional<ReturnType<typeof intIn>>>,
);

export const DomainSchema = z.strictObject({
  id: domId,
  name,
  role: z._default(oneOf(['backend', 'guest'] as const), 'guest'),
  /** Default filled by validate.ts: privileged iff backend. */
  privileged: z.optional(bool),
});

export const PolicyRuleSchema = z.strictObject({ from: domId, to: domId, port: z.optional(u32) });

export const PolicySchema = z.strictObject({
  default: z._default(oneOf(['allow', 'deny'] as const), 'deny'),
  allow: z._default(z.array(PolicyRuleSchema, { error: 'expected an array of rules' }), () => []),
});

const side = z._default(oneOf(['client', 'server'] as const), 'client');
const note = z.optional(text(0, MAX_NOTE_LENGTH));

/** A step's shape: `at`, `op`, the op's fields, then the optional narration `note`. */
function step<Op extends StepOp, F extends z.core.$ZodShape>(op: Op, fields: F) {
  return z.strictObject({ at: uint, op: z.literal(op), ...fields, note });
}

/** Per-op step shapes. Unknown fields in a step are rejected (they are usually typos). */
export const STEP_SHAPES = {
  listen: step('listen', { dom: domId, port: u32 }),
  connect: step('connect', { dom: domId, cid: u32, port: u32, as: name }),
  send: step('send', { conn: name, bytes: uint, side }),
  close: step('close', { conn: name, side }),
  allow: step('allow', { from: domId, to: domId, port: z.optional(u32) }),
  deny: step('deny', { from: domId, to: domId, port: z.optional(u32) }),
  flood: step('flood', {
    conn: z.optional(name),
    dom: z.optional(domId),
    cid: z.optional(u32),
    port: z.optional(u32),
    until: uint,
    kind: z._default(oneOf(['data', 'connect'] as const), 'data'),
    side: z.optional(oneOf(['client', 'server'] as const)),
  }),
  'shutdown-ring': step('shutdown-ring', { dom: domId, peer: domId }),
  migrate: step('migrate', { dom: domId, downtime: z._default(uint, DEFAULT_MIGRATE_DOWNTIME_US) }),
  crash: step('crash', { dom: domId }),
  bypass: step('bypass', { dom: domId, peer: domId, port: z.optional(u32), as: z.optional(name) }),
  'add-domain': step('add-domain', { id: domId, name }),
  'remove-domain': step('remove-domain', { id: domId }),
} satisfies Record<StepOp, z.ZodMiniObject>;

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
  title: z._default(text(0, MAX_TITLE_LENGTH), 'Untitled scenario'),
  description: z.optional(text(0, MAX_DESCRIPTION_LENGTH)),
  seed: safeInt,
  transport: oneOf(TRANSPORTS),
  v4vMode: z._default(oneOf(V4V_MODES), 'v4v'),
  broker: z._default(oneOf(BROKERS), 'connection-manager'),
  xsm: z._default(bool, false),
  limits: z._default(LimitsSchema, () => ({})),
  domains: z.array(DomainSchema).check(z.minLength(1)),
  policy: z._default(PolicySchema, () => ({ default: 'deny' as const, allow: [] })),
  steps: z.array(StepSchema),
};

/**
 * Shape-only schema of the whole document (no cross-reference checks): for tools that want
 * a zod schema. `parseScenario` is the validator to use.
 */
export const ScenarioShapeSchema = z.object(TOP_SHAPE);
