/**
 * One interface for transports and brokers. The simulation (sim/) keeps the event loop,
 * the clock and the toolstack's domain lifecycle; everything a transport (vsock, V4V) or
 * a broker (the connection manager, xenstore) does, it does behind these hooks. createSim
 * receives the modules explicitly and picks, for the document, one transport (the one
 * that `serves` doc.transport) and, if that transport is `brokered`, one broker (the one
 * that serves doc.broker).
 *
 * Call order, the same for every document:
 *   set-up        init (every module given), then the domains boot, then boot
 *   domain up     transport.domainUp, then broker.domainUp
 *   old domain    transport.oldIncarnation (a new incarnation reuses a dying domain's id)
 *   domain death  transport.domainDying (before Xen reclaims), Xen's teardown,
 *                 broker.domainGone, then transport.domainGone (peers hear of it)
 *   a step        the toolstack's part, then broker.step, then transport.step
 *   queued work   the module named by the action's `type` (see ModuleWorkMap)
 * Each module's invariants are in engine/invariants.ts (MODULE_CHECKS, one entry per
 * module name, so the compiler asks for a new module's), which keeps the checks out of
 * the page's first load.
 * A module's queued work is plain data; each module adds its work type to ModuleWorkMap
 * (declaration merging), so the action union grows without sim/ naming the module.
 */
import type { Step } from '../scenario';
import type { SimState } from './types';
import type { SimView } from '../view';

/**
 * Module name -> the work it queues (queued as that object plus `type: <name>`). Each
 * module adds its entry next to its code:
 *   declare module '../sim/module' { interface ModuleWorkMap { v4v: { work: V4vWork } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleWorkMap {}
export type ModuleName = keyof ModuleWorkMap;

export interface SimModule<K extends ModuleName = ModuleName> {
  readonly name: K;
  readonly role: 'transport' | 'broker';
  /** The document value it implements: a `transport` or a `broker` name. */
  readonly serves: string;
  /** A transport that needs a broker to set up connections. */
  readonly brokered: boolean;
  /** Its part of a fresh state (called for every module given, used or not). */
  init(st: SimState): void;
  /** Once the document's domains booted. */
  boot(st: SimState): void;
  /** A domain (re)started: Xen's state for it exists. */
  domainUp(st: SimState, id: number): void;
  /** A new incarnation reuses the id of a domain others still map: they let go now. */
  oldIncarnation(st: SimState, id: number): void;
  /** A domain dies or migrates away: its own side, before Xen reclaims its memory. */
  domainDying(st: SimState, id: number, reason: string): void;
  /** After Xen's teardown: peers learn that the domain is gone. */
  domainGone(st: SimState, id: number, peerReason: string): void;
  /** A scenario step (every op: an exhaustive switch). */
  step(st: SimState, step: Step): void;
  /** Its queued work came due (the queued action itself: its ModuleWorkMap entry plus `type`). */
  dispatch(st: SimState, work: ModuleWorkMap[K]): void;
  /** An event-channel upcall reached `dom` on `port` (pending already cleared). */
  upcall(st: SimState, dom: number, port: number): void;
  /** A xenstore watch fired in `dom`. */
  watch(st: SimState, dom: number, path: string, token: string): void;
  /** Adds its part to the page's picture. */
  view(st: SimState, v: SimView): void;
}

/** The modules a run uses, in call order, and every module it was given by name. */
export interface ActiveModules {
  transport: SimModule;
  broker: SimModule | null;
  /** The used ones: broker first, then the transport (the order of steps and departures). */
  used: readonly SimModule[];
  given: readonly SimModule[];
  byName: Partial<Record<ModuleName, SimModule>>;
}

/** Hooks a module can leave empty. */
export const NO_HOOKS = {
  init(): void {}, boot(): void {}, domainUp(): void {}, oldIncarnation(): void {}, domainDying(): void {},
  domainGone(): void {}, upcall(): void {}, watch(): void {}, view(): void {},
} as const;

/** Pick the modules a document needs from those given; throws naming what is missing. */
export function selectModules(
  doc: { transport: string; broker: string }, given: readonly SimModule[],
): ActiveModules {
  const transport = given.find((m) => m.role === 'transport' && m.serves === doc.transport);
  if (!transport) throw new Error(`the transport "${doc.transport}" is not loaded`);
  let broker: SimModule | null = null;
  if (transport.brokered) {
    broker = given.find((m) => m.role === 'broker' && m.serves === doc.broker) ?? null;
    if (!broker) throw new Error(`the broker "${doc.broker}" is not loaded`);
  }
  const byName: Partial<Record<ModuleName, SimModule>> = {};
  for (const m of given) byName[m.name] = m;
  return { transport, broker, used: broker ? [broker, transport] : [transport], given, byName };
}

/**
 * Where a state keeps its modules: a symbol-keyed, non-enumerable property (functions
 * cannot be cloned; structuredClone skips it, and cloneWithModules puts it back).
 */
const MODULES: unique symbol = Symbol('modules');
type WithModules = SimState & { [MODULES]?: ActiveModules };

export function attachModules(st: SimState, mods: ActiveModules): void {
  Object.defineProperty(st, MODULES, { value: mods, enumerable: false, configurable: true });
}

/** The modules of this run (set by createSim). */
export function modulesOf(st: SimState): ActiveModules {
  const m = (st as WithModules)[MODULES];
  if (!m) throw new Error('this state has no modules (make it with createSim)');
  return m;
}

/** A deep copy of a state that keeps its modules (for snapshots). */
export function cloneWithModules(st: SimState): SimState {
  const c = structuredClone(st);
  attachModules(c, modulesOf(st));
  return c;
}
