/**
 * The simulation: the event queue on the virtual clock, the Xen mechanisms every
 * transport shares, scenario steps as commands, and the modules (transports, brokers)
 * it was given, called through sim/module.ts. Everything it does is recorded in the
 * trace; the same document and modules always give the same trace.
 */
import { rngStreams } from '../core/rng';
import { queueInit, queueTake, queueNextTime } from '../core/queue';
import { traceInit } from '../core/trace';
import { limitsFor, type Limits } from '../core/limits';
import { DEFAULT_XEN } from '../core/xen';
import { assertNever } from '../core/assert';
import { gnttabInit, gnttabTick, deferredCount } from '../gnttab';
import { evtchnInit } from '../evtchn';
import { evtchnClearPending } from '../evtchn';
import { xsInit, xsTakeWatchEvents } from '../xenstore';
import type { ScenarioDoc, Step } from '../scenario';
import { connectTimeout } from '../socket/sockets';
import { socketStateInit } from '../socket/types';
import { applyStep } from './steps';
import type { Action } from './actions';
import { COST } from './actions';
import { costsFor } from '../core/costs';
import { cpuRun } from './cpu';
import { ctxOf, flushRaised, LANE_TIMED, LANE_XENSTORED, schedule, scheduleInOrder } from './sys';
import { createDomain, resumeDomain } from './toolstack';
import type { SimState, Stats } from './types';
import { attachModules, cloneWithModules, modulesOf, selectModules, type SimModule } from './module';

export interface SimOptions {
  /** Keep every trace event (default true). Benchmarks of huge set-ups turn it off. */
  keepTrace?: boolean;
}

/** createSim's options: the modules are explicit (engine/index.ts passes all of them). */
export interface SimSetup extends SimOptions {
  modules: readonly SimModule[];
}

function emptyStats(): Stats {
  return {
    hypercalls: 0, notifications: 0, cmMessages: 0, xenstoreOps: 0, bytesThroughRings: 0, ringFullWaits: 0,
    wakeups: 0, spuriousWakeups: 0, retries: 0, bytesCopiedByXen: 0, notifyHypercalls: 0, connectRequests: 0, errors: 0,
  };
}

/** A run of `doc` on the modules given (those the document needs must be among them). */
export function createSim(doc: ScenarioDoc, opts: SimSetup): SimState {
  const mods = selectModules(doc, opts.modules);
  const xen = doc.xen ?? DEFAULT_XEN;
  const limits: Limits = { ...limitsFor(xen), ...(doc.limits as Partial<Limits>) };
  const backend = doc.domains.find((d) => d.role === 'backend')!.id;
  const privileged = doc.domains.filter((d) => d.privileged).map((d) => d.id);
  // The modules' parts (cm, v4v, the vsock records) are filled by their init below.
  const st = {
    doc, limits, t: 0, rng: rngStreams(doc.seed), queue: queueInit<Action>(),
    trace: traceInit(opts.keepTrace ?? true), domains: {}, backend,
    gnttab: gnttabInit(xen), evtchn: evtchnInit(xen),
    xs: xsInit({ privileged, nodes: limits.xenstoreNodes, watches: limits.xenstoreWatches, transactions: limits.xenstoreTransactions, xen }),
    ...socketStateInit(),
    policy: { default: doc.policy.default, rules: doc.policy.allow.map((r) => ({ ...r, verdict: 'allow' as const })) },
    costs: costsFor(doc.costs), cpu: {}, xsBusyUntil: 0, xsOpsSeen: 0, building: true, stepOrder: [], stepsRun: 0, stats: emptyStats(), tickScheduled: false,
  } as Omit<SimState, 'links' | 'peers' | 'portOwners' | 'cm' | 'v4v'> as SimState;
  attachModules(st, mods);
  for (const m of mods.given) m.init(st);
  // The backend boots first, then the guests in id order.
  const decls = [...doc.domains].sort((x, y) => (x.role === 'backend' ? -1 : y.role === 'backend' ? 1 : x.id - y.id));
  for (const d of decls) createDomain(st, d.id, d.name, d.role, d.privileged);
  st.building = false;
  mods.transport.boot(st);
  mods.broker?.boot(st);
  afterAction(st);
  // Steps in time order, file order for equal times.
  st.stepOrder = doc.steps.map((_, i) => i).sort((i, j) => doc.steps[i]!.at - doc.steps[j]!.at || i - j);
  for (const i of st.stepOrder) scheduleInOrder(st, LANE_TIMED, doc.steps[i]!.at, { type: 'step', index: i });
  return st;
}

/** Deliver whatever the last action raised: event-channel upcalls and watch events. */
function afterAction(st: SimState): void {
  flushRaised(st);
  // xenstored is one daemon in the backend domain: the requests of this action queue
  // behind its earlier ones, on the backend's vCPUs, and the watch events they fired go
  // out once it has handled them (each one more piece of xenstored's work).
  const ops = (st.trace.counts['xenstore'] ?? 0) - st.xsOpsSeen;
  if (ops > 0) {
    st.xsOpsSeen += ops;
    st.xsBusyUntil = cpuRun(st, st.backend, ops * st.costs.xsOp, st.xsBusyUntil);
  }
  if (st.xs.pendingWatchEvents.length === 0) return; // most actions fire none
  const watches = xsTakeWatchEvents(st.xs);
  for (const w of watches) {
    const d = st.domains[w.dom];
    if (!d) continue;
    st.xsBusyUntil = cpuRun(st, st.backend, st.costs.watch, st.xsBusyUntil);
    scheduleInOrder(st, LANE_XENSTORED, st.xsBusyUntil, { type: 'watch', dom: w.dom, path: w.path, token: w.token, epoch: d.epoch });
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
      if (current(st, a.dom, a.epoch)) {
        evtchnClearPending(st.evtchn, a.dom, a.port);
        const mods = modulesOf(st);
        mods.broker?.upcall(st, a.dom, a.port);
        mods.transport.upcall(st, a.dom, a.port);
      }
      return;
    case 'watch':
      if (current(st, a.dom, a.epoch)) {
        const mods = modulesOf(st);
        mods.broker?.watch(st, a.dom, a.path, a.token);
        mods.transport.watch(st, a.dom, a.path, a.token);
      }
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
    default: {
      const m = modulesOf(st).byName[a.type];
      if (!m) return assertNever(a as never, 'action');
      m.dispatch(st, a as never);
    }
  }
}

/** Process the next queued action. Returns false when nothing is left. */
export function simStep(st: SimState): boolean {
  const q = st.queue;
  let t = queueNextTime(q);
  let a = queueTake(q);
  // A connect timeout whose socket has settled is a no-op: drop it without letting
  // the clock run on to it (otherwise every run would end 2 s after its last connect).
  while (a && a.type === 'connect-timeout' && st.socks[a.sock]?.state !== 'connecting') { t = queueNextTime(q); a = queueTake(q); }
  if (!a || t === undefined) return false;
  st.t = t;
  ctxOf(st).cause = a.type === 'step' ? undefined : a.cause;
  dispatch(st, a);
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

/** A deep copy of a state (a snapshot) that runs on with the same modules. */
export function cloneSim(st: SimState): SimState {
  return cloneWithModules(st);
}
