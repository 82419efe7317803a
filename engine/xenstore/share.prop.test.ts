/**
 * A large directory's child list is shared between the live tree and a transaction that
 * added a child to it, until the transaction reads it again or commits (tree.ts,
 * tx.kids). Random interleavings of two transactions and live changes on a directory of
 * 40 children must give what copying the list would: checked against a small model of
 * 4.3's transactions (any change since the start makes the commit fail with EAGAIN), and
 * against the tree's invariants on 4.19.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeCtx, traceInit } from '../core/trace';
import { xsInit, type XsState } from './types';
import { xsDirectory, xsMkdir, xsRm } from './ops';
import { xsTransactionEnd, xsTransactionStart } from './transaction';
import { xsCheck } from './check';

const BASE = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}`);
const NAMES = ['a', 'c05', 'm', 'n', 'z', 'c20', 'b'];

type Who = 'live' | 0 | 1;
type Op =
  | { op: 'start'; tx: 0 | 1 }
  | { op: 'mkdir' | 'rm'; who: Who; name: string }
  | { op: 'dir'; who: Who }
  | { op: 'end'; tx: 0 | 1; commit: boolean };

const who = fc.constantFrom<Who>('live', 0, 1);
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('start' as const), tx: fc.constantFrom<0 | 1>(0, 1) }),
  fc.record({ op: fc.constantFrom('mkdir' as const, 'mkdir' as const, 'rm' as const), who, name: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constant('dir' as const), who }),
  fc.record({ op: fc.constant('end' as const), tx: fc.constantFrom<0 | 1>(0, 1), commit: fc.boolean() }),
);

function setUp(xen: '4.3' | '4.19') {
  const ctx = makeCtx(traceInit(), { t: 0 });
  const xs: XsState = xsInit({ privileged: [0], nodes: 1000, watches: 128, transactions: 10, xen });
  for (const c of BASE) xsMkdir(ctx, xs, 0, `/d/${c}`);
  return { ctx, xs };
}

/** 4.3's transactions over one directory: the list a transaction sees, and what commits do. */
interface TxModel { id: number; changed: boolean; dir: string[] | null; own: Map<string, boolean> }

describe('a large directory shared with a transaction', () => {
  it('reads and commits as if the transaction had copied the list (4.3 model)', () => {
    fc.assert(fc.property(fc.array(arbOp, { maxLength: 40 }), (ops) => {
      const { ctx, xs } = setUp('4.3');
      let live = new Set(BASE);
      const txs: Array<TxModel | null> = [null, null];
      const liveChanged = () => { for (const t of txs) if (t) t.changed = true; };
      const exists = (t: TxModel | null, name: string) => (t && t.own.has(name) ? t.own.get(name)! : live.has(name));
      const listing = (t: TxModel | null) => (t && t.dir ? t.dir : [...live].sort());
      for (const o of ops) {
        if (o.op === 'start') {
          if (txs[o.tx]) continue;
          const r = xsTransactionStart(ctx, xs, 0);
          expect(r.ok).toBe(true);
          if (r.ok) txs[o.tx] = { id: r.value, changed: false, dir: null, own: new Map() };
        } else if (o.op === 'end') {
          const t = txs[o.tx];
          if (!t) continue;
          txs[o.tx] = null;
          const r = xsTransactionEnd(ctx, xs, 0, t.id, o.commit);
          if (!o.commit) { expect(r.ok).toBe(true); continue; }
          expect(r.ok).toBe(!t.changed);
          if (r.ok) {
            if (t.dir) live = new Set(t.dir);
            for (const [n, e] of t.own) if (e) live.add(n); else live.delete(n);
            liveChanged();
          }
        } else {
          const t = o.who === 'live' ? null : txs[o.who] ?? null;
          if (o.who !== 'live' && !t) continue;
          const id = t ? t.id : 0;
          if (o.op === 'dir') {
            const r = xsDirectory(ctx, xs, 0, '/d', id);
            expect(r).toEqual({ ok: true, value: listing(t) });
            continue;
          }
          const had = exists(t, o.name);
          const r = o.op === 'mkdir' ? xsMkdir(ctx, xs, 0, `/d/${o.name}`, id) : xsRm(ctx, xs, 0, `/d/${o.name}`, id);
          expect(r.ok).toBe(true);
          if ((o.op === 'mkdir') === had) continue; // nothing changes
          if (!t) {
            if (o.op === 'mkdir') live.add(o.name); else live.delete(o.name);
            liveChanged();
          } else {
            const dir = t.dir ?? [...live].sort();
            t.dir = o.op === 'mkdir' ? [...dir, o.name].sort() : dir.filter((n) => n !== o.name);
            t.own.set(o.name, o.op === 'mkdir');
          }
        }
        expect(xsCheck(xs)).toEqual([]);
      }
    }), { numRuns: 500, seed: 13 });
  });

  it('keeps the tree consistent under 4.19 commit rules', () => {
    fc.assert(fc.property(fc.array(arbOp, { maxLength: 40 }), (ops) => {
      const { ctx, xs } = setUp('4.19');
      const ids: Array<number | null> = [null, null];
      for (const o of ops) {
        if (o.op === 'start') { if (ids[o.tx] === null) { const r = xsTransactionStart(ctx, xs, 0); ids[o.tx] = r.ok ? r.value : null; } }
        else if (o.op === 'end') { const id = ids[o.tx] ?? null; if (id !== null) { ids[o.tx] = null; xsTransactionEnd(ctx, xs, 0, id, o.commit); } }
        else {
          const id = o.who === 'live' ? 0 : ids[o.who] ?? null;
          if (id === null) continue;
          if (o.op === 'dir') {
            const r = xsDirectory(ctx, xs, 0, '/d', id);
            expect(r.ok && [...r.value].sort()).toEqual(r.ok && r.value);
          } else if (o.op === 'mkdir') xsMkdir(ctx, xs, 0, `/d/${o.name}`, id);
          else xsRm(ctx, xs, 0, `/d/${o.name}`, id);
        }
        expect(xsCheck(xs)).toEqual([]);
      }
    }), { numRuns: 200, seed: 14 });
  });
});
