/**
 * The simulation: wires the mechanisms together, runs the event queue on the virtual
 * clock, and applies scenario steps as commands. Everything it does is recorded in the
 * trace; the same document always gives the same trace.
 */
import { rngStreams } from '../core/rng';
import { queueInit, queuePop, queueNextTime } from '../core/queue';
import { traceInit } from '../core/trace';
import { DEFAULT_LIMITS, type Limits } from '../core/limits';
import { assertNever } from '../core/assert';
import { gnttabInit, gnttabTick, deferredCount } from '../gnttab';
import { evtchnInit } from '../evtchn';
import { xsInit, xsTakeWatchEvents } from '../xenstore';
import type { ScenarioDoc, Step } from '../scenario';
import { linkOnWatch } from '../vsock/link';
import { cmHandle } from '../vsock/broker';
import { upcall } from '../vsock/upcall';
import { ringTx, ringRx } from '../vsock/data';
import { connectTimeout } from '../vsock/frontend';
import { floodConnectNext } from './steps';
import { applyStep } from './steps';
import type { Action } from './actions';
import { COST } from './actions';
import { ctxOf, flushRaised, schedule } from './sys';
import { createDomain, resumeDomain } from './toolstack';
import type { SimState, Stats } from './types';
import { v4vInit } from '../v4v/types';
import { v4v } from './transport';

export interface SimOptions {
  /** Keep every trace event (default true). Benchmarks of huge set-ups turn it off. */
  keepTrace?: boolean;
}

function emptyStats(): Stats {
  return {
    hypercalls: 0, notifications: 0, cmMessages: 0, xenstoreOps: 0, bytesThroughRings: 0, ringFullWaits: 0,
    wakeups: 0, spuriousWakeups: 0, retries: 0, bytesCopiedByXen: 0, notifyHypercalls: 0, connectRequests: 0, errors: 0,
  };
}

export function createSim(doc: ScenarioDoc, opts: SimOptions = {}): SimState {
  const limits: Limits = { ...DEFAULT_LIMITS, ...(doc.limits as Partial<Limits>) };
  const backend = doc.domains.find((d) => d.role === 'backend')!.id;
  const privileged = doc.domains.filter((d) => d.privileged).map((d) => d.id);
  const st: SimState = {
    doc, limits, t: 0, rng: rngStreams(doc.seed), queue: queueInit<Action>(),
    trace: traceInit(opts.keepTrace ?? true), domains: {}, backend,
    gnttab: gnttabInit(), evtchn: evtchnInit(),
    xs: xsInit({ privileged, nodes: limits.xenstoreNodes, watches: limits.xenstoreWatches, transactions: limits.xenstoreTransactions }),
    links: {}, peers: {}, socks: {}, nextSock: 1, listeners: {}, clientPorts: {}, conns: {},
    policy: { default: doc.policy.default, rules: doc.policy.allow.map((r) => ({ ...r, verdict: 'allow' as const })) },
    portOwners: {}, cmBusyUntil: 0, xsBusyUntil: 0, xsOpsSeen: 0, stepOrder: [], stepsRun: 0, stats: emptyStats(), tickScheduled: false,
    v4v: v4vInit(),
  };
  // The backend boots first, then the guests in id order.
  const decls = [...doc.domains].sort((x, y) => (x.role === 'backend' ? -1 : y.role === 'backend' ? 1 : x.id - y.id));
  for (const d of decls) createDomain(st, d.id, d.name, d.role, d.privileged);
  if (doc.transport === 'v4v') v4v().boot(st);
  afterAction(st);
  // Steps in time order, file order for equal times.
  st.stepOrder = doc.steps.map((_, i) => i).sort((i, j) => doc.steps[i]!.at - doc.steps[j]!.at || i - j);
  for (const i of st.stepOrder) schedule(st, doc.steps[i]!.at, { type: 'step', index: i });
  return st;
}

/** Deliver whatever the last action raised: event-channel upcalls and watch events. */
function afterAction(st: SimState): void {
  flushRaised(st);
  // xenstored is one daemon: the requests of this action queue behind earlier ones,
  // and the watch events they fired go out once it has handled them.
  const ops = (st.trace.counts['xenstore'] ?? 0) - st.xsOpsSeen;
  if (ops > 0) {
    st.xsOpsSeen += ops;
    st.xsBusyUntil = Math.max(st.t, st.xsBusyUntil) + ops * COST.xsOp;
  }
  const watches = xsTakeWatchEvents(st.xs);
  for (const w of watches) {
    const d = st.domains[w.dom];
    if (!d) continue;
    schedule(st, Math.max(st.t, st.xsBusyUntil) + COST.watch, { type: 'watch', dom: w.dom, path: w.path, token: w.token, epoch: d.epoch });
  }
}

function current(st: SimState, dom: number, epoch: number): boolean {
  const d = st.domains[dom];
  return !!d && d.epoch === epoch && d.state === 'running';
}

function dispatch(st: SimState, a: Action): void {
  switch (a.type) {
    case 'step': {
      const step: Step = st.doc.steps[a.index]!;
      st.stepsRun++;
      applyStep(st, step, a.index);
      return;
    }
    case 'upcall':
      if (current(st, a.dom, a.epoch)) upcall(st, a.dom, a.port);
      return;
    case 'watch':
      if (current(st, a.dom, a.epoch)) linkOnWatch(st, a.dom, a.path, a.token);
      return;
    case 'cm':
      cmHandle(st, a.guest, a.msg, a.from);
      return;
    case 'tx': {
      const ring = st.peers[a.key];
      if (ring && current(st, a.dom, a.epoch)) ringTx(st, ring, a.dom);
      return;
    }
    case 'rx': {
      const ring = st.peers[a.key];
      if (ring && current(st, a.dom, a.epoch)) ringRx(st, ring, a.dom);
      return;
    }
    case 'flood-connect':
      if (current(st, a.dom, a.epoch)) floodConnectNext(st, a);
      return;
    case 'resume':
      resumeDomain(st, a.dom, a.epoch);
      return;
    case 'gnttab-tick': {
      gnttabTick(ctxOf(st), st.gnttab);
      st.tickScheduled = false;
      let left = 0;
      for (const k in st.domains) left += deferredCount(st.gnttab, Number(k));
      if (left > 0) { st.tickScheduled = true; schedule(st, st.t + COST.gnttabTick, { type: 'gnttab-tick' }); }
      return;
    }
    case 'connect-timeout':
      connectTimeout(st, a.sock);
      return;
    case 'v4v':
      v4v().dispatch(st, a.work);
      return;
    default:
      assertNever(a, 'action');
  }
}

/** Process the next queued action. Returns false when nothing is left. */
export function simStep(st: SimState): boolean {
  let e = queuePop(st.queue);
  // A connect timeout whose socket has settled is a no-op: drop it without letting
  // the clock run on to it (otherwise every run would end 2 s after its last connect).
  while (e && e.action.type === 'connect-timeout' && st.socks[e.action.sock]?.state !== 'connecting') e = queuePop(st.queue);
  if (!e) return false;
  st.t = e.t;
  ctxOf(st).cause = e.action.type === 'step' ? undefined : e.action.cause;
  dispatch(st, e.action);
  afterAction(st);
  return true;
}

/** Run until the queue is empty, the next action is after `untilT`, or `maxActions` ran. */
export function simRun(st: SimState, untilT = Number.POSITIVE_INFINITY, maxActions = Number.POSITIVE_INFINITY): number {
  let n = 0;
  while (n < maxActions) {
    const next = queueNextTime(st.queue);
    if (next === undefined || next > untilT) break;
    simStep(st);
    n++;
  }
  return n;
}

/** Time of the next queued action, or null. */
export function simNextTime(st: SimState): number | null {
  return queueNextTime(st.queue) ?? null;
}
