/**
 * The entry points of the alternatives the design is weighed against: the V4V transport
 * and the xenstore broker. The simulation calls them through these tables rather than
 * importing them, so a build that never runs such a document need not ship them:
 * `engine/v4v/install.ts` and `engine/vsock/xsbroker-install.ts` fill the tables
 * (engine/index.ts does so for the runner and the tests; the page loads them the first
 * time it meets a document that needs them).
 */
import type { Step } from '../scenario';
import type { V4vWork } from '../v4v/types';
import type { LinkMsg, SimState, Sock } from './types';

/** One entry table: filled once by its install module, read on every call. */
function table<T>(what: string) {
  let entry: T | null = null;
  return {
    install(e: T): void { entry = e; },
    installed(): boolean { return entry !== null; },
    get(): T {
      if (!entry) throw new Error(`${what} is not loaded`);
      return entry;
    },
  };
}

export interface V4vEntry {
  /** After the domains booted: the toolstack installs the policy. */
  boot(st: SimState): void;
  /** A domain (re)started. */
  domainUp(st: SimState, id: number): void;
  /** Xen's teardown of a dead (or migrated-away) domain. */
  domainGone(st: SimState, id: number, peerReason: string): void;
  /** A scenario step on the V4V transport; false for steps handled the same on both. */
  step(st: SimState, step: Step): boolean;
  /** Queued V4V work. */
  dispatch(st: SimState, work: V4vWork): void;
}

const v4vTable = table<V4vEntry>('the V4V transport');
export const installV4v = v4vTable.install;
export const v4vInstalled = v4vTable.installed;
/** The V4V entry points (only asked for when the document's transport is V4V). */
export const v4v = v4vTable.get;

/** Does this run broker connections through xenstore? */
export function usesXenstore(st: SimState): boolean {
  return st.doc.broker === 'xenstore' && st.doc.transport === 'vsock';
}

export interface XsBrokerEntry {
  addDomain(st: SimState, b: number): void;
  pair(st: SimState, a: number, b: number): void;
  request(st: SimState, sock: Sock, b: number, grefs: number[], evtchn: number): boolean;
  onWatch(st: SimState, dom: number, path: string, token: string): void;
  ack(st: SimState, b: number, ack: LinkMsg): void;
  ringGone(st: SimState, dom: number, peer: number, initiator: number): void;
  floodRequest(st: SimState, a: number, b: number, port: number, n: number): void;
  domainGone(st: SimState, dead: number): void;
}

const xsTable = table<XsBrokerEntry>('the xenstore broker');
export const installXsBroker = xsTable.install;
export const xsBrokerInstalled = xsTable.installed;
/** The xenstore broker's entry points (only asked for when usesXenstore). */
export const xsbroker = xsTable.get;
