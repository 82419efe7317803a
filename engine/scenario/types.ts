/**
 * Scenario format v1 (see /work/shared/spec/scenario-v1.md): the document the playground
 * loads, exports and shares and the headless runner executes. Field names are the contract.
 *
 * These are the types of a document AFTER `parseScenario`: every defaulted field is filled,
 * so consumers never need `?? default` for them.
 */
import type { Limits } from '../core/limits';
import type { Costs } from '../core/costs';
import type { XenVersion } from '../core/xen';
import type { StepNote } from './notes';

export const SCENARIO_FORMAT = 'interdomain-scenario' as const;
export const SCENARIO_VERSION = 1 as const;

export type Transport = 'vsock' | 'v4v';
export type Broker = 'connection-manager' | 'xenstore';
/** Which flavour of the hypervisor-copy transport: original V4V or its successor Argo. */
export type V4vMode = 'v4v' | 'argo';
export type Role = 'backend' | 'guest';
export type Side = 'client' | 'server';
export type FloodKind = 'data' | 'connect';

export const TRANSPORTS: readonly Transport[] = ['vsock', 'v4v'];
export const BROKERS: readonly Broker[] = ['connection-manager', 'xenstore'];
export const V4V_MODES: readonly V4vMode[] = ['v4v', 'argo'];

/**
 * The format's size limits, one table (the validator enforces them; README.md and
 * engine/scenario/README.md list them). Chosen so that the largest valid document stays
 * within the page's budgets: its text unpacks, parses and validates in tens of ms, its
 * state snapshot (about 19 KB a domain) stays under the page's per-snapshot budget, and
 * the page can lay its domains out. What a document asks of a run (a flood until 2^53-1 µs)
 * is bounded by the run's budget instead (engine/sim/budget.ts).
 */
export const SCENARIO_LIMITS = {
  /** Domains declared plus those added by `add-domain` steps. */
  domains: 500,
  steps: 10_000,
  /** Rules in `policy.allow`. */
  policyRules: 10_000,
  nameChars: 64,
  titleChars: 200,
  descriptionChars: 4_000,
  noteChars: 1_000,
  /** The document as UTF-8 JSON text (a file, an unpacked link, an embed's `load`). */
  documentBytes: 2 * 1024 * 1024,
  /** A domain's `vcpus`. */
  vcpus: 64,
} as const;
export const MAX_STEPS = SCENARIO_LIMITS.steps;
export const MAX_DOMAINS = SCENARIO_LIMITS.domains;
export const MAX_POLICY_RULES = SCENARIO_LIMITS.policyRules;
export const MAX_NAME_LENGTH = SCENARIO_LIMITS.nameChars;
export const MAX_TITLE_LENGTH = SCENARIO_LIMITS.titleChars;
export const MAX_DESCRIPTION_LENGTH = SCENARIO_LIMITS.descriptionChars;
export const MAX_NOTE_LENGTH = SCENARIO_LIMITS.noteChars;
export const MAX_DOCUMENT_BYTES = SCENARIO_LIMITS.documentBytes;

/** parseScenario's options. */
export interface ParseOptions {
  /**
   * A document the program built itself (the benchmarks' thousands of guests): the size
   * limits above are not applied; every other check is. Never for a reader's input.
   */
  unlimited?: boolean;
}
/** Default `downtime` of a `migrate` step, µs (a typical Xen live-migration blackout). */
export const DEFAULT_MIGRATE_DOWNTIME_US = 100_000;

export interface DomainDecl {
  /** Domain id, 0..32751; also the domain's vsock CID. */
  id: number;
  /** 1..64 characters of any text (never rendered as HTML). */
  name: string;
  /** Default 'guest'. Exactly one domain is the backend. */
  role: Role;
  /** Default: true for the backend, false for guests. */
  privileged: boolean;
  /** Virtual CPUs, 1..64; absent means 1 (engine/sim/cpu.ts). */
  vcpus?: number;
}

export interface PolicyRule {
  from: number;
  to: number;
  /** Absent: any port. */
  port?: number;
}

export interface Policy {
  default: 'allow' | 'deny';
  allow: PolicyRule[];
}

/**
 * Fields every step has. `note` is narration shown when the step runs: a string (for the
 * document's own mode) or an object keyed by mode (notes.ts).
 */
interface StepBase {
  /** Virtual time, µs. Steps run in `at` order, file order for equal times (stable sort). */
  at: number;
  note?: StepNote;
}

export interface ListenStep extends StepBase { op: 'listen'; dom: number; port: number }
export interface ConnectStep extends StepBase {
  op: 'connect';
  dom: number;
  cid: number;
  port: number;
  as: string;
  /**
   * Dial the CID the domain had at the start of the run (an application that kept a stale
   * address) instead of its current one: after a migration nobody has it (`no-such-cid`).
   */
  staleCid?: boolean;
}
export interface SendStep extends StepBase { op: 'send'; conn: string; bytes: number; side: Side }
export interface CloseStep extends StepBase { op: 'close'; conn: string; side: Side }
export interface AllowStep extends StepBase { op: 'allow'; from: number; to: number; port?: number }
export interface DenyStep extends StepBase { op: 'deny'; from: number; to: number; port?: number }
/** Either `conn` is set, or all of `dom`, `cid`, `port` are (never both). */
export interface FloodStep extends StepBase {
  op: 'flood';
  conn?: string;
  dom?: number;
  cid?: number;
  port?: number;
  /** Absolute virtual time, µs, not before `at`. */
  until: number;
  kind: FloodKind;
  /** With `conn`: which end floods (default 'client'). */
  side?: Side;
}
export interface ShutdownRingStep extends StepBase { op: 'shutdown-ring'; dom: number; peer: number }
export interface MigrateStep extends StepBase { op: 'migrate'; dom: number; downtime: number }
export interface CrashStep extends StepBase { op: 'crash'; dom: number }
export interface BypassStep extends StepBase {
  op: 'bypass';
  dom: number;
  peer: number;
  port?: number;
  as?: string;
}
export interface AddDomainStep extends StepBase { op: 'add-domain'; id: number; name: string }
export interface RemoveDomainStep extends StepBase { op: 'remove-domain'; id: number }
export type XenstoreAction =
  | 'read' | 'write' | 'mkdir' | 'rm' | 'get-perms' | 'set-perms' | 'watch' | 'unwatch'
  | 'transaction-start' | 'transaction-end';
export const XENSTORE_ACTIONS: readonly XenstoreAction[] = [
  'read', 'write', 'mkdir', 'rm', 'get-perms', 'set-perms', 'watch', 'unwatch', 'transaction-start', 'transaction-end',
];
/**
 * A program in `dom` talks to xenstored directly. `path` (absolute, or relative to the
 * domain's home) for every action but the transaction ones; `value` is what `write`
 * writes, or the token of `watch`/`unwatch` (default: the path); `perms` for `set-perms`
 * (e.g. ["n0", "r1"]); `tx` names the `transaction-start` (by its `as`) the request
 * belongs to; `commit` (transaction-end, default true) false aborts; `as` names the
 * answer in the report.
 */
export interface XenstoreStep extends StepBase {
  op: 'xenstore';
  dom: number;
  action: XenstoreAction;
  path?: string;
  value?: string;
  perms?: string[];
  tx?: string;
  commit?: boolean;
  as?: string;
}

export type Step =
  | ListenStep
  | ConnectStep
  | SendStep
  | CloseStep
  | AllowStep
  | DenyStep
  | FloodStep
  | ShutdownRingStep
  | MigrateStep
  | CrashStep
  | BypassStep
  | AddDomainStep
  | RemoveDomainStep
  | XenstoreStep;

export type StepOp = Step['op'];

export const STEP_OPS: readonly StepOp[] = [
  'listen',
  'connect',
  'send',
  'close',
  'allow',
  'deny',
  'flood',
  'shutdown-ring',
  'migrate',
  'crash',
  'bypass',
  'add-domain',
  'remove-domain',
  'xenstore',
];

export type LimitKey = keyof Limits;
export type ScenarioLimits = Partial<Limits>;

export interface ScenarioDoc {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  /** Default 'Untitled scenario'. */
  title: string;
  /** Optional short narration a teacher reads aloud. */
  description?: string;
  seed: number;
  transport: Transport;
  /** Default 'v4v'; only meaningful when transport is 'v4v'. */
  v4vMode: V4vMode;
  /** Default 'connection-manager'; only meaningful when transport is 'vsock'. */
  broker: Broker;
  /** Default false. */
  xsm: boolean;
  /** The Xen modelled; absent means '4.3' (DEFAULT_XEN), and the engine treats it so. */
  xen?: XenVersion;
  /** Default {}: engine defaults (engine/core/limits.ts) apply to absent keys. */
  limits: ScenarioLimits;
  /** Overrides of the engine's cost table (engine/core/costs.ts); absent keys keep their defaults. */
  costs?: ScenarioCosts;
  domains: DomainDecl[];
  /** Default { default: 'deny', allow: [] }. */
  policy: Policy;
  steps: Step[];
  /** 1.1: the document is an exercise (engine/scenario/goals.ts). */
  exercise?: Exercise;
  /** 1.1: what the run must end in; the report says, goal by goal. */
  goals?: Goal[];
}

/** A document's `costs`: any of the cost table's entries. */
export type ScenarioCosts = Partial<Costs>;

export type ParseResult = { ok: true; doc: ScenarioDoc } | { ok: false; error: string };

/** What an exercise lets the student change (the page says so; the tests hold solutions to it). */
export type Editable = 'policy' | 'steps' | 'domains' | 'limits' | 'xsm';
export const EDITABLES: readonly Editable[] = ['policy', 'steps', 'domains', 'limits', 'xsm'];

/** `exercise` (1.1): the document is a challenge; `goals` say when it is solved. */
export interface Exercise {
  prompt: string;
  /** Revealed one at a time; may be empty. */
  hints: string[];
  editable: Editable[];
}

export type ConnState = 'connecting' | 'connected' | 'refused' | 'reset' | 'closed';
export const CONN_STATES: readonly ConnState[] = ['connecting', 'connected', 'refused', 'reset', 'closed'];

/** The named connection ends in `state` (with `reason`, and at least `bytesReceived` bytes read by the server). */
export interface ConnGoal { conn: string; state: ConnState; reason?: string; bytesReceived?: number }
/** A numeric field of the domain's report entry (a list counts its length) lies in [min, max]. */
export interface DomGoal { dom: number; field: string; min?: number; max?: number }
/** A figure of the report's `stats` lies in [min, max]; with `above`, it must exceed that other figure. */
export interface StatGoal { stat: string; min?: number; max?: number; above?: string }
export type Goal = ConnGoal | DomGoal | StatGoal;
