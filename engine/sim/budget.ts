/**
 * Work and memory budgets of a run. A valid document can still ask for unbounded work
 * (a flood until 2^53-1 µs, a send of 2^53-1 bytes, a connect flood that keeps every
 * refused socket), so whoever runs one (the page's recording, the headless runner) gives
 * it a budget: events emitted, virtual time, live sockets, and the bytes a state snapshot
 * takes. Past one, the run stops with a one-line reason (`overBudget`), never an abort.
 * Counted from the state the simulation keeps anyway: st.trace.nextSeq, st.t, st.socks.
 */
import type { SimState } from './types';
import { queueSize } from '../core/queue';

export interface RunBudget {
  /** Events the run may emit in all (the page windows them; the runner keeps them all). */
  maxEvents: number;
  /** Virtual time the run may reach, µs. */
  maxTimeUs: number;
  /** Sockets open at once (a refused connect keeps its socket until closed). */
  maxSockets: number;
  /** Estimated bytes of one state snapshot (its size grows with domains, sockets, queue). */
  maxSnapshotBytes: number;
}

/** An hour of virtual time, as the engine's own default. */
export const MAX_RUN_TIME_US = 3_600_000_000;

/** The headless runner's budget (--max-events / --max-time raise it). */
export const RUNNER_BUDGET: RunBudget = {
  maxEvents: 1_000_000, maxTimeUs: MAX_RUN_TIME_US, maxSockets: 100_000, maxSnapshotBytes: Number.POSITIVE_INFINITY,
};

/**
 * The page's budget: events are windowed (store/recording.ts), so only their total is capped
 * loosely. Every snapshot copies every open socket, so their number is what bounds the cost
 * of one: 4,000 sockets keep a snapshot's copy within a few ms (the presets open at most a
 * few hundred; a connect flood that keeps its refused sockets stops here).
 */
export const PAGE_BUDGET: RunBudget = {
  maxEvents: Number.MAX_SAFE_INTEGER, maxTimeUs: MAX_RUN_TIME_US, maxSockets: 4_000, maxSnapshotBytes: 40e6,
};

/*
 * Snapshot size by counting what it holds (costs measured with structuredClone in Node,
 * rounded up): a domain with its grant table, event channels and xenstore nodes, a socket,
 * a peer ring pair, a queued action.
 */
const DOMAIN_BYTES = 19_000;
const SOCKET_BYTES = 600;
const PEER_BYTES = 2_000;
const QUEUED_BYTES = 200;

function count(o: object): number {
  let n = 0;
  for (const k in o) if (k) n++;
  return n;
}

/** Estimated bytes of a snapshot of `st`, and its live sockets (one pass over the maps). */
export function stateSize(st: SimState): { bytes: number; sockets: number } {
  const sockets = count(st.socks);
  // the connection manager's backlog (items before `head` stay until the array is compacted)
  const bytes = count(st.domains) * DOMAIN_BYTES + sockets * SOCKET_BYTES + st.peers.size * PEER_BYTES
    + (queueSize(st.queue) + st.cm.items.length) * QUEUED_BYTES;
  return { bytes, sockets };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Why the run must stop here, or null. Events and time are checked every call (cheap);
 * `size` (from stateSize) when the caller has measured it (at each snapshot).
 */
export function overBudget(st: SimState, b: RunBudget, size?: { bytes: number; sockets: number }): string | null {
  if (st.trace.nextSeq > b.maxEvents) return `${fmt(b.maxEvents)} events reached at t=${fmt(st.t)} µs`;
  if (st.t > b.maxTimeUs) return `virtual time passed ${fmt(b.maxTimeUs)} µs`;
  if (size && size.sockets > b.maxSockets) return `${fmt(size.sockets)} sockets open at t=${fmt(st.t)} µs (at most ${fmt(b.maxSockets)})`;
  if (size && size.bytes > b.maxSnapshotBytes) return `a state snapshot would take about ${fmt(size.bytes / 1e6)} MB at t=${fmt(st.t)} µs (at most ${fmt(b.maxSnapshotBytes / 1e6)} MB)`;
  return null;
}
