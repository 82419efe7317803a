import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { queueInit, queuePop, queuePush, queuePushInOrder, queueTake, queuePeek, queueSize, queueEntries, queueNextTime, QUEUE_LANES, type Queue } from './queue';

type Op = { push: number } | { inOrder: number; lane: number } | { pop: true } | { copy: 'json' | 'clone' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 20 }).map((push) => ({ push })) },
  { weight: 3, arbitrary: fc.record({ inOrder: fc.integer({ min: 0, max: 20 }), lane: fc.integer({ min: 0, max: QUEUE_LANES - 1 }) }) },
  { weight: 4, arbitrary: fc.constant({ pop: true as const }) },
  { weight: 1, arbitrary: fc.constantFrom<'json' | 'clone'>('json', 'clone').map((copy) => ({ copy })) },
);

describe('event queue', () => {
  it('pops in (time, insertion) order, like a stable sort, across JSON and structuredClone copies, lane or heap', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
      let q: Queue<number> = queueInit();
      const ref: Array<{ t: number; id: number }> = [];
      let id = 0;
      for (const op of ops) {
        if ('push' in op) { queuePush(q, op.push, id); ref.push({ t: op.push, id: id++ }); }
        else if ('inOrder' in op) { queuePushInOrder(q, op.lane, op.inOrder, id); ref.push({ t: op.inOrder, id: id++ }); }
        else if ('copy' in op) q = op.copy === 'json' ? JSON.parse(JSON.stringify(q)) as Queue<number> : structuredClone(q);
        else {
          ref.sort((a, b) => a.t - b.t || a.id - b.id);
          const want = ref.shift();
          expect(queueNextTime(q)).toBe(want?.t);
          expect(queuePeek(q)?.action).toBe(want?.id);
          const got = queuePop(q);
          expect(got && { t: got.t, id: got.action }).toEqual(want);
        }
        expect(queueSize(q)).toBe(ref.length);
        expect(queueEntries(q).map((e) => e.action).sort((a, b) => a - b)).toEqual(ref.map((r) => r.id).sort((a, b) => a - b));
      }
    }), { numRuns: 300 });
  });

  it('drains many entries at one time in insertion order, an earlier time first', () => {
    const q = queueInit<number>();
    for (let i = 0; i < 5000; i++) queuePush(q, 7, i);
    const out: number[] = [];
    for (let i = 0; i < 2500; i++) out.push(queuePop(q)!.action);
    for (let i = 5000; i < 6000; i++) queuePush(q, 7, i);
    queuePush(q, 3, -1);
    expect(queuePop(q)).toMatchObject({ t: 3, action: -1 });
    for (let e = queuePop(q); e; e = queuePop(q)) out.push(e.action);
    expect(out).toEqual(Array.from({ length: 6000 }, (_, i) => i));
    expect(queueSize(q)).toBe(0);
  });

  it('keeps in-order pushes on their FIFO lane, an out-of-order one on the heap, and merges all by (time, insertion)', () => {
    const q = queueInit<string>();
    queuePushInOrder(q, 0, 10, 'lane10');
    queuePush(q, 10, 'heap10');
    queuePushInOrder(q, 0, 20, 'lane20');
    queuePushInOrder(q, 0, 15, 'late15'); // before lane 0's tail: goes on the heap
    queuePushInOrder(q, 1, 12, 'one12');
    queuePushInOrder(q, 1, 10, 'one10'); // before lane 1's tail: heap
    queuePush(q, 5, 'heap5');
    expect(q.lts[0]).toEqual([10, 20]);
    expect(q.lts[1]).toEqual([12]);
    expect(q.ts.length).toBe(4);
    const out: string[] = [];
    for (let t = queueNextTime(q); t !== undefined; t = queueNextTime(q)) out.push(`${t}:${queueTake(q)}`);
    expect(out).toEqual(['5:heap5', '10:lane10', '10:heap10', '10:one10', '12:one12', '15:late15', '20:lane20']);
    expect(queueTake(q)).toBeUndefined();
  });

  it('drains a long lane in order and gives its consumed part back', () => {
    const q = queueInit<number>();
    for (let i = 0; i < 10_000; i++) queuePushInOrder(q, 2, i >> 2, i);
    for (let i = 0; i < 6_000; i++) expect(queueTake(q)).toBe(i);
    expect(q.lts[2]!.length).toBeLessThan(8_000);
    expect(queueSize(q)).toBe(4_000);
    const copy = structuredClone(q);
    for (let i = 6_000; i < 10_000; i++) { expect(queueTake(q)).toBe(i); expect(queueTake(copy)).toBe(i); }
    expect(queueSize(q)).toBe(0);
    expect(q.lts[2]).toEqual([]);
  });
});
