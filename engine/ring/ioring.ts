/**
 * Xen `io/ring.h` request/response rings, as plain data.
 *
 * One shared ring carries requests from a front end to a back end and responses the
 * other way, in the same slots (a response overwrites the slot of a consumed request).
 * Indices are free-running uint32 (`RING_IDX`): they wrap at 2^32 and the slot is
 * `idx & (size - 1)`. Every index store goes through `>>> 0`.
 *
 * Barriers become ordered steps: each function does its stores in the order ring.h
 * does them. Nothing here emits trace events or allocates per slot; the simulation
 * records what happened from the returned booleans and counters.
 */

/** Bytes before `ring[]` in the shared page: four indices, pvt[4], __pad[44]. */
export const RING_HEADER_BYTES = 64;

/** The shared page (`struct name##_sring`). `ring` holds one entry per slot. */
export interface SharedRing<T> {
  req_prod: number;
  req_event: number;
  rsp_prod: number;
  rsp_event: number;
  /** nr_ents: a power of two. */
  size: number;
  /** Slots; `null` until first written. Entries are the caller's plain objects. */
  ring: (T | null)[];
}

/** Front end private state (`struct name##_front_ring`). */
export interface FrontRing<T> {
  req_prod_pvt: number;
  rsp_cons: number;
  nr_ents: number;
  sring: SharedRing<T>;
}

/** Back end private state (`struct name##_back_ring`). */
export interface BackRing<T> {
  rsp_prod_pvt: number;
  req_cons: number;
  nr_ents: number;
  sring: SharedRing<T>;
}

/** Largest power of two <= n (n >= 1). */
function rd32(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/**
 * `__CONST_RING_SIZE`: (bytes - 64) / entrySize, rounded DOWN to a power of two.
 * 4096-byte page of 12-byte entries: 4032 / 12 = 336 -> 256.
 */
export function ringSizeFor(bytes: number, entrySize: number): number {
  if (!Number.isInteger(bytes) || !Number.isInteger(entrySize) || entrySize <= 0) {
    throw new Error(`ringSizeFor: bad arguments (${bytes}, ${entrySize})`);
  }
  const n = Math.floor((bytes - RING_HEADER_BYTES) / entrySize);
  if (n < 1) throw new Error(`ringSizeFor: ${bytes} bytes hold no ${entrySize}-byte entry`);
  return rd32(n);
}

/** `SHARED_RING_INIT`: producers 0, events 1. */
export function sharedRingInit<T>(bytes: number, entrySize: number): SharedRing<T> {
  return sharedRingInitAt<T>(bytes, entrySize, 0);
}

/**
 * A shared ring whose indices all start at `start` (uint32), events at start + 1.
 * With start near 2^32 the first few pushes wrap the indices: used by wrap tests and
 * by scenarios that want to show wrap-around.
 */
export function sharedRingInitAt<T>(bytes: number, entrySize: number, start: number): SharedRing<T> {
  const size = ringSizeFor(bytes, entrySize);
  const s = start >>> 0;
  const ring: (T | null)[] = new Array<T | null>(size).fill(null);
  return { req_prod: s, req_event: (s + 1) >>> 0, rsp_prod: s, rsp_event: (s + 1) >>> 0, size, ring };
}

/** `FRONT_RING_INIT` (start 0) / `FRONT_RING_ATTACH` (start = current index). */
export function frontRingInit<T>(sring: SharedRing<T>, start = 0): FrontRing<T> {
  const s = start >>> 0;
  return { req_prod_pvt: s, rsp_cons: s, nr_ents: sring.size, sring };
}

/** `BACK_RING_INIT` (start 0) / `BACK_RING_ATTACH` (start = current index). */
export function backRingInit<T>(sring: SharedRing<T>, start = 0): BackRing<T> {
  const s = start >>> 0;
  return { rsp_prod_pvt: s, req_cons: s, nr_ents: sring.size, sring };
}

/** Shared ring plus both ends, all indices at `start` (default 0). */
export function ringPair<T>(bytes: number, entrySize: number, start = 0): {
  sring: SharedRing<T>; front: FrontRing<T>; back: BackRing<T>;
} {
  const sring = sharedRingInitAt<T>(bytes, entrySize, start);
  return { sring, front: frontRingInit(sring, start), back: backRingInit(sring, start) };
}

/**
 * Front and back hold the same shared page by reference, as in C. structuredClone
 * keeps that sharing; a JSON round trip makes two copies, so re-join them after
 * parsing (both copies are equal, the front's is kept).
 */
export function ringRejoin<T>(front: FrontRing<T>, back: BackRing<T>): void {
  back.sring = front.sring;
}

/** `RING_FREE_REQUESTS` = size - (req_prod_pvt - rsp_cons). */
export function freeRequests<T>(front: FrontRing<T>): number {
  return front.nr_ents - ((front.req_prod_pvt - front.rsp_cons) >>> 0);
}

/** `RING_FULL`: no free request slot. */
export function ringFull<T>(front: FrontRing<T>): boolean {
  return freeRequests(front) === 0;
}

/** Write a request at req_prod_pvt and advance it (not yet visible: push to publish). */
export function putRequest<T>(front: FrontRing<T>, req: T): void {
  if (front.nr_ents - ((front.req_prod_pvt - front.rsp_cons) >>> 0) <= 0) {
    throw new Error('putRequest: ring full (check ringFull/freeRequests first)');
  }
  const i = front.req_prod_pvt;
  front.sring.ring[i & (front.nr_ents - 1)] = req;
  front.req_prod_pvt = (i + 1) >>> 0;
}

/**
 * `RING_PUSH_REQUESTS_AND_CHECK_NOTIFY`: publish req_prod = req_prod_pvt, then
 * notify iff (RING_IDX)(new - req_event) < (RING_IDX)(new - old), i.e. req_event in (old, new].
 */
export function pushRequestsAndCheckNotify<T>(front: FrontRing<T>): boolean {
  const s = front.sring;
  const old = s.req_prod;
  const nw = front.req_prod_pvt;
  s.req_prod = nw;
  return ((nw - s.req_event) >>> 0) < ((nw - old) >>> 0);
}

/** `RING_UNCONSUMED_REQUESTS` = min(req_prod - req_cons, size - (req_cons - rsp_prod_pvt)). */
export function unconsumedRequests<T>(back: BackRing<T>): number {
  const req = (back.sring.req_prod - back.req_cons) >>> 0;
  const rsp = (back.nr_ents - ((back.req_cons - back.rsp_prod_pvt) >>> 0)) >>> 0;
  return req < rsp ? req : rsp;
}

/** Read the request at req_cons and advance it. Throws if none is unconsumed. */
export function takeRequest<T>(back: BackRing<T>): T {
  if (unconsumedRequests(back) === 0) throw new Error('takeRequest: no unconsumed request');
  const i = back.req_cons;
  const e = back.sring.ring[i & (back.nr_ents - 1)] as T;
  back.req_cons = (i + 1) >>> 0;
  return e;
}

/** Write a response at rsp_prod_pvt (the slot of a consumed request) and advance it. */
export function putResponse<T>(back: BackRing<T>, rsp: T): void {
  if (back.rsp_prod_pvt === back.req_cons) {
    throw new Error('putResponse: no consumed request left to answer');
  }
  const i = back.rsp_prod_pvt;
  back.sring.ring[i & (back.nr_ents - 1)] = rsp;
  back.rsp_prod_pvt = (i + 1) >>> 0;
}

/** `RING_PUSH_RESPONSES_AND_CHECK_NOTIFY`: mirror of the request rule on rsp_prod/rsp_event. */
export function pushResponsesAndCheckNotify<T>(back: BackRing<T>): boolean {
  const s = back.sring;
  const old = s.rsp_prod;
  const nw = back.rsp_prod_pvt;
  s.rsp_prod = nw;
  return ((nw - s.rsp_event) >>> 0) < ((nw - old) >>> 0);
}

/** `RING_HAS_UNCONSUMED_RESPONSES` = rsp_prod - rsp_cons. */
export function unconsumedResponses<T>(front: FrontRing<T>): number {
  return (front.sring.rsp_prod - front.rsp_cons) >>> 0;
}

/** Read the response at rsp_cons and advance it. Throws if none is unconsumed. */
export function takeResponse<T>(front: FrontRing<T>): T {
  const i = front.rsp_cons;
  if (i === front.sring.rsp_prod) throw new Error('takeResponse: no unconsumed response');
  const e = front.sring.ring[i & (front.nr_ents - 1)] as T;
  front.rsp_cons = (i + 1) >>> 0;
  return e;
}

/**
 * `RING_FINAL_CHECK_FOR_REQUESTS`: true if requests are pending; otherwise set
 * req_event = req_cons + 1 (ask to be notified of the next one), then re-check, so a
 * request pushed between the consumer's last look and this call is not missed.
 */
export function finalCheckForRequests<T>(back: BackRing<T>): boolean {
  if (unconsumedRequests(back) > 0) return true;
  back.sring.req_event = (back.req_cons + 1) >>> 0;
  return unconsumedRequests(back) > 0;
}

/** `RING_FINAL_CHECK_FOR_RESPONSES`: as above on rsp_event / rsp_cons. */
export function finalCheckForResponses<T>(front: FrontRing<T>): boolean {
  if (unconsumedResponses(front) > 0) return true;
  front.sring.rsp_event = (front.rsp_cons + 1) >>> 0;
  return unconsumedResponses(front) > 0;
}

/** Invariant violations of a front/back pair over one shared ring ([] when sound). */
export function ioringCheck<T>(front: FrontRing<T>, back: BackRing<T>): string[] {
  const out: string[] = [];
  const s = front.sring;
  const n = s.size;
  if (n <= 0 || (n & (n - 1)) !== 0) out.push(`size ${n} is not a power of two`);
  if (s.ring.length !== n) out.push(`slot array length ${s.ring.length} != size ${n}`);
  const inFlight = (front.req_prod_pvt - front.rsp_cons) >>> 0;
  if (inFlight > n) out.push(`req_prod_pvt - rsp_cons = ${inFlight} > size ${n}`);
  // Order along the index line: rsp_cons <= rsp_prod <= rsp_prod_pvt <= req_cons <= req_prod <= req_prod_pvt.
  const chain: [string, number][] = [
    ['rsp_cons', front.rsp_cons], ['rsp_prod', s.rsp_prod], ['rsp_prod_pvt', back.rsp_prod_pvt],
    ['req_cons', back.req_cons], ['req_prod', s.req_prod], ['req_prod_pvt', front.req_prod_pvt],
  ];
  for (let i = 1; i < chain.length; i++) {
    const [an, a] = chain[i - 1]!;
    const [bn, b] = chain[i]!;
    if (((b - a) >>> 0) > inFlight) out.push(`${an}=${a} is not <= ${bn}=${b} (mod 2^32)`);
  }
  return out;
}
