import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BackRing, type FrontRing, finalCheckForRequests, finalCheckForResponses, freeRequests, ioringCheck,
  pushRequestsAndCheckNotify, pushResponsesAndCheckNotify, putRequest, putResponse, ringPair, ringRejoin,
  takeRequest, takeResponse, unconsumedRequests, unconsumedResponses,
} from './ioring';

const TWO32 = 2 ** 32;

type Op =
  | { k: 'produce'; n: number } | { k: 'consume'; n: number } | { k: 'respond'; n: number }
  | { k: 'collect'; n: number } | { k: 'backSleep' } | { k: 'frontSleep' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('produce' as const), n: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ k: fc.constant('consume' as const), n: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ k: fc.constant('respond' as const), n: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ k: fc.constant('collect' as const), n: fc.integer({ min: 1, max: 20 }) }),
  fc.constant({ k: 'backSleep' as const }),
  fc.constant({ k: 'frontSleep' as const }),
);
const startArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 64 }).map((d) => TWO32 - d),
  fc.integer({ min: 0, max: TWO32 - 1 }),
);
const sizeArb = fc.constantFrom(1, 2, 4, 8, 16, 256);

interface World {
  front: FrontRing<number>; back: BackRing<number>;
  nextId: number; taken: number[]; answered: number; got: number[]; rsps: number[];
  backAsleep: boolean; backEvent: boolean; frontAsleep: boolean; frontEvent: boolean;
  notifies: number; log: (number | boolean)[];
}

function world(size: number, start: number): World {
  const { front, back } = ringPair<number>(64 + size * 8, 8, start);
  return {
    front, back, nextId: 0, taken: [], answered: 0, got: [], rsps: [],
    backAsleep: false, backEvent: false, frontAsleep: false, frontEvent: false, notifies: 0, log: [],
  };
}

/**
 * One step. The back end (consumer of requests) and the front end (consumer of
 * responses) each sleep only after a final check (`careful`), or, when not careful,
 * after arming *_event without re-checking: the classic lost wake-up.
 */
function step(w: World, op: Op, careful = true): void {
  const { front, back } = w;
  if (w.backAsleep && w.backEvent) { w.backAsleep = false; w.backEvent = false; }
  if (w.frontAsleep && w.frontEvent) { w.frontAsleep = false; w.frontEvent = false; }
  switch (op.k) {
    case 'produce': {
      const n = Math.min(op.n, freeRequests(front));
      for (let i = 0; i < n; i++) putRequest(front, w.nextId++);
      const notify = pushRequestsAndCheckNotify(front);
      if (notify) { w.backEvent = true; w.notifies++; }
      w.log.push(n, notify);
      break;
    }
    case 'consume':
      if (w.backAsleep) break;
      for (let i = 0; i < op.n && unconsumedRequests(back) > 0; i++) w.taken.push(takeRequest(back));
      break;
    case 'respond': {
      if (w.backAsleep) break;
      let n = 0;
      while (n < op.n && w.answered < w.taken.length) { putResponse(back, -w.taken[w.answered++]! - 1); n++; }
      const notify = pushResponsesAndCheckNotify(back);
      if (notify) { w.frontEvent = true; w.notifies++; }
      w.log.push(n, notify);
      break;
    }
    case 'collect':
      if (w.frontAsleep) break;
      for (let i = 0; i < op.n && unconsumedResponses(front) > 0; i++) w.rsps.push(takeResponse(front));
      break;
    case 'backSleep':
      if (w.backAsleep || w.answered < w.taken.length) break;
      if (careful) w.backAsleep = !finalCheckForRequests(back);
      else { back.sring.req_event = (back.req_cons + 1) >>> 0; w.backAsleep = true; }
      break;
    case 'frontSleep':
      if (w.frontAsleep) break;
      if (careful) w.frontAsleep = !finalCheckForResponses(front);
      else { front.sring.rsp_event = (front.rsp_cons + 1) >>> 0; w.frontAsleep = true; }
      break;
  }
}

/** Nobody sleeps, without a pending event, while work for it is waiting. */
function lostWakeUp(w: World): string | null {
  if (w.backAsleep && !w.backEvent && unconsumedRequests(w.back) > 0) return 'back end sleeps on pending requests';
  if (w.frontAsleep && !w.frontEvent && unconsumedResponses(w.front) > 0) return 'front end sleeps on pending responses';
  return null;
}

function drain(w: World): void {
  w.backAsleep = w.frontAsleep = false;
  for (let guard = 0; guard < 10_000; guard++) {
    const busy = unconsumedRequests(w.back) + (w.taken.length - w.answered) + unconsumedResponses(w.front);
    if (busy === 0) return;
    step(w, { k: 'consume', n: 1000 }); step(w, { k: 'respond', n: 1000 }); step(w, { k: 'collect', n: 1000 });
  }
  throw new Error('drain did not finish');
}

describe('io ring properties', () => {
  it('random interleavings: every request and response arrives once, in order (also across 2^32)', () => {
    fc.assert(fc.property(sizeArb, startArb, fc.array(opArb, { maxLength: 200 }), (size, start, ops) => {
      const w = world(size, start);
      for (const op of ops) {
        step(w, op);
        expect(ioringCheck(w.front, w.back)).toEqual([]);
        expect(w.taken).toEqual([...Array(w.taken.length).keys()]);
      }
      drain(w);
      expect(w.taken).toEqual([...Array(w.nextId).keys()]);
      expect(w.rsps).toEqual(w.taken.map((id) => -id - 1));
    }), { numRuns: 300 });
  });

  it('notify suppression never loses a wake-up a consumer needs', () => {
    fc.assert(fc.property(sizeArb, startArb, fc.array(opArb, { maxLength: 200 }), (size, start, ops) => {
      const w = world(size, start);
      for (const op of ops) {
        step(w, op);
        expect(lostWakeUp(w)).toBeNull();
      }
    }), { numRuns: 500 });
  });

  it('the wake-up check has teeth: sleeping without the final re-check is caught', () => {
    const r = fc.check(fc.property(sizeArb, startArb, fc.array(opArb, { maxLength: 60 }), (size, start, ops) => {
      const w = world(size, start);
      for (const op of ops) {
        step(w, op, false);
        if (lostWakeUp(w)) return false;
      }
      return true;
    }), { numRuns: 2000, seed: 42 });
    expect(r.failed).toBe(true);
  });

  it('same script twice, or resumed from a structuredClone / JSON copy, gives identical results', () => {
    fc.assert(fc.property(sizeArb, startArb, fc.array(opArb, { maxLength: 120 }), (size, start, ops) => {
      const run = (): string => { const w = world(size, start); for (const op of ops) step(w, op); return JSON.stringify(w); };
      const a = run();
      expect(run()).toBe(a);
      const half = Math.floor(ops.length / 2);
      const w = world(size, start);
      for (const op of ops.slice(0, half)) step(w, op);
      const c1 = structuredClone(w);
      const c2 = JSON.parse(JSON.stringify(w)) as World;
      ringRejoin(c2.front, c2.back);
      for (const c of [c1, c2]) {
        for (const op of ops.slice(half)) step(c, op);
        expect(JSON.stringify(c)).toBe(a);
      }
    }), { numRuns: 200 });
  });
});
