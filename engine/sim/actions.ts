/**
 * Work waiting in the event queue. Plain data (no closures) so the queue can be
 * cloned into a snapshot. `epoch` ties work to one incarnation of a domain: work
 * queued before a migration or crash is ignored when it comes due. The simulation's
 * own work is listed here; a module's work is its ModuleWorkMap entry tagged with
 * `type: <module name>` (flat: one object per queued action on the hot paths).
 */
import type { ModuleWorkMap } from './module';

export type Action = ActionBody & { cause?: number };

/** Work the simulation itself handles. */
export type SimWork =
  | { type: 'step'; index: number }
  | { type: 'upcall'; dom: number; port: number; epoch: number }
  | { type: 'watch'; dom: number; path: string; token: string; epoch: number }
  | { type: 'resume'; dom: number; epoch: number }
  | { type: 'gnttab-tick' }
  | { type: 'connect-timeout'; sock: number };

/** Work a module queued. */
export type ModuleAction = { [K in keyof ModuleWorkMap]: { type: K } & ModuleWorkMap[K] }[keyof ModuleWorkMap];

type ActionBody = SimWork | ModuleAction;

/**
 * Fixed timers, µs (not work: nobody's CPU is busy while they run). What work costs is
 * the cost table, engine/core/costs.ts, read from `st.costs`.
 */
export const COST = {
  /** Gap between connection requests of a connect flood. */
  floodConnectGap: 1,
  /** Linux vsock connect timeout (2 s). */
  connectTimeout: 2_000_000,
  /** Linux retries deferred grant frees once a second. */
  gnttabTick: 1_000_000,
} as const;

/** virtio-vsock packet header size: every data packet on a ring carries one. */
export const VSOCK_HDR = 44;
/** Largest payload of one data packet. */
export const VSOCK_MAX_PKT = 4096;
