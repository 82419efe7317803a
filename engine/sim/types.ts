/**
 * The whole simulation state: plain data only (records, arrays, numbers, strings, and
 * Maps and Sets where a set-up adds keys by the ten thousand: xenstore's paths, the
 * connection names), so structuredClone copies it into a snapshot and it can be compared.
 * Records keyed by domain id iterate in ascending numeric order; every other record and
 * Map is filled in a deterministic order.
 * The simulation's own part is declared here; the socket layer and each module declare
 * theirs next to their code (each module's init fills its part).
 */
import type { RngStreams } from '../core/rng';
import type { Queue } from '../core/queue';
import type { TraceState } from '../core/trace';
import type { Limits } from '../core/limits';
import type { GnttabState } from '../gnttab';
import type { EvtchnState } from '../evtchn';
import type { XsState } from '../xenstore';
import type { ScenarioDoc, PolicyRule } from '../scenario';
import type { Action } from './actions';
import type { SocketState } from '../socket/types';
import type { VsockState } from '../vsock/types';
import type { CmState } from '../vsock/cm-queue';
import type { V4vState } from '../v4v/types';
import type { Costs } from '../core/costs';
import type { DomainCpu } from './cpu';

export type DomainState = 'running' | 'migrating' | 'crashed' | 'removed' | 'dying';

export interface Domain {
  id: number;
  name: string;
  role: 'backend' | 'guest';
  privileged: boolean;
  state: DomainState;
  /** The domid Xen gave the current incarnation (changes on migration; `id` does not). */
  xenDomid: number;
  /** Counts incarnations, so stale queued work of an old incarnation is ignored. */
  epoch: number;
  /** Next ephemeral vsock port. */
  nextEphemeral: number;
}

/** A named `xenstore` step's answer, as the report lists it. */
export interface XsAnswer { name: string; result: string; value?: string | string[] }
export interface XsStepsState {
  /** transaction-start `as` -> the id xenstored gave it (-1: the start failed). */
  tx: Record<string, number>;
  answers: XsAnswer[];
}

export interface Stats {
  hypercalls: number;
  notifications: number;
  cmMessages: number;
  xenstoreOps: number;
  bytesThroughRings: number;
  ringFullWaits: number;
  wakeups: number;
  spuriousWakeups: number;
  retries: number;
  bytesCopiedByXen: number;
  notifyHypercalls: number;
  connectRequests: number;
  errors: number;
}

export interface SimState extends SocketState, VsockState {
  doc: ScenarioDoc;
  limits: Limits;
  t: number;
  rng: RngStreams;
  queue: Queue<Action>;
  trace: TraceState;
  domains: Record<number, Domain>;
  backend: number;
  gnttab: GnttabState;
  evtchn: EvtchnState;
  xs: XsState;
  /** Ordered toolstack rules (last match wins), starting with the document's allow list. */
  policy: { default: 'allow' | 'deny'; rules: Array<PolicyRule & { verdict: 'allow' | 'deny' }> };
  /** The connection manager's work queue (one daemon: one message at a time). */
  cm: CmState;
  /** The cost table of this run: the engine's defaults with the document's `costs`. */
  costs: Costs;
  /** Each domain's vCPUs (sim/cpu.ts), keyed by scenario id, made on first use. */
  cpu: Record<number, DomainCpu>;
  /** xenstored is one daemon too; and how many of its ops have been charged. */
  xsBusyUntil: number;
  xsOpsSeen: number;
  /**
   * True while createSim builds the domains the document declares. They are built before
   * the run's time 0 (as `xl create` returns with the domain's xenstore home written), so
   * xenstored's work for their homes is not charged to the run; a domain added, or
   * migrated in, later is charged like any other request.
   */
  building: boolean;
  /** Steps of the document, stably sorted by time (index into doc.steps). */
  stepOrder: number[];
  stepsRun: number;
  stats: Stats;
  /** Scheduled gnttab deferred-free tick. */
  tickScheduled: boolean;
  /** The v4v transport's rings, pending lists, v4vtables and stream bookkeeping. */
  v4v: V4vState;
  /** The document's `xenstore` steps: open transactions by name, and named answers (made by the first such step). */
  xsSteps?: XsStepsState;
}
