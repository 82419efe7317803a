import { describe, expect, it } from 'vitest';
import {
  type BackRing, type FrontRing, finalCheckForRequests, finalCheckForResponses, freeRequests, ioringCheck,
  pushRequestsAndCheckNotify, pushResponsesAndCheckNotify, putRequest, putResponse, ringFull, ringPair,
  ringSizeFor, sharedRingInit, takeRequest, takeResponse, unconsumedRequests, unconsumedResponses,
} from './ioring';

const TWO32 = 2 ** 32;

describe('ringSizeFor', () => {
  it('rounds (bytes - 64) / entry down to a power of two', () => {
    expect(Math.floor((4096 - 64) / 12)).toBe(336);
    expect(ringSizeFor(4096, 12)).toBe(256); // netif tx: 336 -> 256
    expect(ringSizeFor(4096, 112)).toBe(32); // 36 -> 32
    expect(ringSizeFor(64 + 8 * 16, 16)).toBe(8); // exact power of two kept
    expect(ringSizeFor(64 + 8 * 16 - 1, 16)).toBe(4); // 7 -> 4
    expect(ringSizeFor(16 * 4096, 64)).toBe(512); // 1023 -> 512
    expect(ringSizeFor(4096, 4032)).toBe(1);
    expect(() => ringSizeFor(4096, 4033)).toThrow();
  });
  it('SHARED_RING_INIT: producers 0, events 1, one slot per entry', () => {
    const s = sharedRingInit<number>(4096, 12);
    expect([s.req_prod, s.req_event, s.rsp_prod, s.rsp_event, s.size, s.ring.length]).toEqual([0, 1, 0, 1, 256, 256]);
  });
});

/** Push `n` numbered requests starting at `first`; returns the notify flag. */
function produce(front: FrontRing<number>, first: number, n: number): boolean {
  for (let i = 0; i < n; i++) putRequest(front, first + i);
  return pushRequestsAndCheckNotify(front);
}
/** Back end answers every pending request with -id. */
function serveAll(back: BackRing<number>): number[] {
  const got: number[] = [];
  while (unconsumedRequests(back) > 0) got.push(takeRequest(back));
  for (const id of got) putResponse(back, -id);
  pushResponsesAndCheckNotify(back);
  return got;
}
function collectAll(front: FrontRing<number>): number[] {
  const got: number[] = [];
  while (unconsumedResponses(front) > 0) got.push(takeResponse(front));
  return got;
}

describe('request/response flow', () => {
  it('carries requests and responses in order, slot = idx & (size-1)', () => {
    const { front, back, sring } = ringPair<number>(64 + 4 * 8, 8); // size 4
    expect(produce(front, 1, 3)).toBe(true);
    expect(sring.ring.slice(0, 3)).toEqual([1, 2, 3]);
    expect(serveAll(back)).toEqual([1, 2, 3]);
    expect(collectAll(front)).toEqual([-1, -2, -3]);
    expect(produce(front, 4, 3)).toBe(false); // req_event still 1: suppressed
    expect(sring.ring).toEqual([5, 6, -3, 4]); // ids 4,5,6 at indices 3,4,5 -> slots 3,0,1
    expect(ioringCheck(front, back)).toEqual([]);
  });

  it('a full ring is backpressure: putRequest throws, nothing is lost', () => {
    const { front, back } = ringPair<number>(64 + 4 * 8, 8);
    produce(front, 0, 4);
    expect(ringFull(front)).toBe(true);
    expect(freeRequests(front)).toBe(0);
    expect(() => putRequest(front, 99)).toThrow(/full/);
    // Consuming requests does not free slots: only collected responses do.
    expect(serveAll(back)).toEqual([0, 1, 2, 3]);
    expect(ringFull(front)).toBe(true);
    expect(collectAll(front)).toEqual([-0, -1, -2, -3]);
    expect(freeRequests(front)).toBe(4);
    produce(front, 4, 4);
    expect(serveAll(back)).toEqual([4, 5, 6, 7]);
  });

  it('refuses impossible steps', () => {
    const { front, back } = ringPair<number>(64 + 4 * 8, 8);
    expect(() => takeRequest(back)).toThrow();
    expect(() => takeResponse(front)).toThrow();
    expect(() => putResponse(back, 1)).toThrow(/no consumed request/);
    putRequest(front, 1);
    expect(() => takeRequest(back)).toThrow(); // not pushed yet
  });

  it('wraps across 2^32 without losing order', () => {
    const start = TWO32 - 3;
    const { front, back, sring } = ringPair<number>(64 + 8 * 8, 8, start); // size 8
    expect(sring.req_event).toBe(TWO32 - 2);
    let next = 0;
    const seen: number[] = [];
    for (let round = 0; round < 5; round++) {
      const notify = produce(front, next, 5);
      if (round === 0) expect(notify).toBe(true);
      next += 5;
      seen.push(...serveAll(back));
      expect(collectAll(front)).toEqual(seen.slice(-5).map((x) => -x));
      expect(finalCheckForRequests(back)).toBe(false);
      expect(ioringCheck(front, back)).toEqual([]);
    }
    expect(seen).toEqual([...Array(25).keys()]);
    expect(sring.req_prod).toBe((start + 25) % TWO32);
    expect(sring.req_prod).toBeLessThan(100);
    expect(front.req_prod_pvt).toBe(22);
  });

  it('unconsumedRequests uses the min formula: a bad front end cannot overrun the back end', () => {
    const { front, back, sring } = ringPair<number>(64 + 4 * 8, 8);
    produce(front, 0, 2);
    takeRequest(back); takeRequest(back); // 2 outstanding, no responses yet
    sring.req_prod = 1000; // front end lies
    expect(unconsumedRequests(back)).toBe(2); // min(998, 4 - 2)
    sring.req_prod = (back.req_cons - 1) >>> 0; // behind cons: huge uint32 difference
    expect(unconsumedRequests(back)).toBe(2);
    expect(ioringCheck(front, back).length).toBeGreaterThan(0);
  });
});

describe('notify suppression', () => {
  it('notifies iff req_event lies in (old, new]', () => {
    for (const [event, want] of [[5, false], [6, true], [8, true], [9, false]] as const) {
      const { front, sring } = ringPair<number>(64 + 16 * 8, 8);
      produce(front, 0, 5);
      sring.req_event = event;
      expect(produce(front, 5, 3)).toBe(want); // old 5, new 8
    }
  });

  it('the same rule holds when the window straddles 2^32', () => {
    const { front, sring } = ringPair<number>(64 + 16 * 8, 8, TWO32 - 2);
    sring.req_event = 0; // between old 2^32-2 and new 2
    expect(produce(front, 0, 4)).toBe(true);
    sring.req_event = TWO32 - 2; // == old: not in the window
    expect(produce(front, 4, 2)).toBe(false);
  });

  it('a consumer that re-armed with final check is told exactly once per wake-up', () => {
    const { front, back } = ringPair<number>(4096, 12);
    expect(produce(front, 0, 1)).toBe(true); // req_event = 1 initially
    expect(produce(front, 1, 1)).toBe(false); // consumer awake, not re-armed
    serveAll(back);
    expect(finalCheckForRequests(back)).toBe(false); // req_event = 3
    expect(back.sring.req_event).toBe(3);
    expect(produce(front, 2, 4)).toBe(true);
    expect(produce(front, 6, 1)).toBe(false);
  });

  it('final check closes the race with a push that saw a stale req_event', () => {
    const { front, back } = ringPair<number>(4096, 12);
    produce(front, 0, 1);
    serveAll(back); // consumer drained, about to sleep
    expect(produce(front, 1, 1)).toBe(false); // stale req_event: no event sent
    expect(finalCheckForRequests(back)).toBe(true); // the re-check sees it
    serveAll(back);
    expect(finalCheckForRequests(back)).toBe(false);
    expect(produce(front, 2, 1)).toBe(true); // armed: this one is signalled
  });

  it('responses mirror it: rsp_event and finalCheckForResponses', () => {
    const { front, back } = ringPair<number>(4096, 12);
    produce(front, 0, 2);
    takeRequest(back); takeRequest(back);
    putResponse(back, 0);
    expect(pushResponsesAndCheckNotify(back)).toBe(true); // rsp_event 1
    putResponse(back, -1);
    expect(pushResponsesAndCheckNotify(back)).toBe(false);
    expect(finalCheckForResponses(front)).toBe(true);
    collectAll(front);
    expect(finalCheckForResponses(front)).toBe(false);
    expect(front.sring.rsp_event).toBe(3);
    produce(front, 2, 1);
    takeRequest(back);
    putResponse(back, -2);
    expect(pushResponsesAndCheckNotify(back)).toBe(true);
  });
});
