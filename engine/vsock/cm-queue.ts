/**
 * The connection manager's work queue, as a small pure policy. The daemon is one
 * process: it takes messages in the order they reached it (first come, first served,
 * whoever sent them) and spends `cost` on each, back to back; an idle daemon starts on
 * a message as soon as it arrives. So a guest that floods it delays everyone queued
 * behind, and no message overtakes another. The backend hands it each upcall's messages
 * in the order it drains the link (vsock/upcall.ts: ctrl ring, then ind ring).
 */
import type { LinkMsg } from './types';

export interface CmItem { guest: number; msg: LinkMsg; from: 'ctrl' | 'ind' }

export interface CmState {
  /** When the daemon finishes the last message it has taken on. */
  busyUntil: number;
  /** Messages admitted and not yet handled, oldest at `head`. */
  items: CmItem[];
  head: number;
}

export function cmQueueInit(): CmState {
  return { busyUntil: 0, items: [], head: 0 };
}

/**
 * Admit a message at time `now`; returns the time the daemon is done with it. `run` puts
 * the work on a CPU (the backend's vCPUs, sim/cpu.ts) starting no earlier than the time
 * given and returns its end; without it the daemon has a CPU to itself.
 */
export function cmAdmit(
  q: CmState, item: CmItem, now: number, cost: number,
  run: (notBefore: number, cost: number) => number = (at, c) => at + c,
): number {
  q.busyUntil = run(Math.max(now, q.busyUntil), cost);
  q.items.push(item);
  return q.busyUntil;
}

/** The message the daemon handles next: the oldest admitted. */
export function cmTake(q: CmState): CmItem | undefined {
  if (q.head >= q.items.length) return undefined;
  const item = q.items[q.head++]!;
  if (q.head === q.items.length) { q.items = []; q.head = 0; }
  else if (q.head >= 1024 && q.head * 2 >= q.items.length) { q.items = q.items.slice(q.head); q.head = 0; }
  return item;
}

/** Messages admitted and not yet handled. */
export function cmQueued(q: CmState): number {
  return q.items.length - q.head;
}
