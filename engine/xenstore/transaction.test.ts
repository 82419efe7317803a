import { describe, expect, it } from 'vitest';
import {
  xsCheck, xsDirectory, xsRead, xsRm, xsTakeWatchEvents, xsTransactionEnd, xsTransactionStart, xsWatch, xsWrite,
} from './index';
import { world } from './testutil';

const D1 = '/local/domain/1';

function start(w: ReturnType<typeof world>, dom: number): number {
  const r = xsTransactionStart(w.ctx, w.xs, dom);
  if (!r.ok) throw new Error(r.err);
  return r.value;
}

describe('xenstore transactions', () => {
  it('changes are private until commit, then applied and their watches fire at commit', () => {
    const w = world();
    const { ctx, xs } = w;
    xsWatch(ctx, xs, 1, 'cfg', 'w');
    xsTakeWatchEvents(xs);
    const t = start(w, 1);
    expect(xsWrite(ctx, xs, 1, 'cfg/a/b', 'v', t).ok).toBe(true);
    expect(xsRead(ctx, xs, 1, 'cfg/a/b', t)).toEqual({ ok: true, value: 'v' });
    expect(xsRead(ctx, xs, 1, 'cfg/a/b')).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsTakeWatchEvents(xs)).toEqual([]);
    expect(xsTransactionEnd(ctx, xs, 1, t, true).ok).toBe(true);
    expect(xsRead(ctx, xs, 1, 'cfg/a/b')).toEqual({ ok: true, value: 'v' });
    expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 1, path: 'cfg/a/b', token: 'w' }]);
    expect(xs.quota['1']!.nodes).toBe(4);
    expect(xsCheck(xs)).toEqual([]);
  });

  it('abort discards everything', () => {
    const w = world();
    const t = start(w, 1);
    xsWrite(w.ctx, w.xs, 1, 'x', '1', t);
    xsRm(w.ctx, w.xs, 1, D1, t);
    expect(xsTransactionEnd(w.ctx, w.xs, 1, t, false).ok).toBe(true);
    expect(xsDirectory(w.ctx, w.xs, 1, D1)).toEqual({ ok: true, value: [] });
    expect(xsCheck(w.xs)).toEqual([]);
  });

  it('EAGAIN when a node the transaction wrote was changed meanwhile; the other write stands', () => {
    const w = world();
    const { ctx, xs } = w;
    const a = start(w, 1);
    const b = start(w, 1);
    xsWrite(ctx, xs, 1, 'n', 'from-a', a);
    xsWrite(ctx, xs, 1, 'n', 'from-b', b);
    expect(xsTransactionEnd(ctx, xs, 1, a, true).ok).toBe(true);
    expect(xsTransactionEnd(ctx, xs, 1, b, true)).toEqual({ ok: false, err: 'EAGAIN' });
    expect(xsRead(ctx, xs, 1, 'n')).toEqual({ ok: true, value: 'from-a' });
    expect(xs.transactions).toEqual({});
    expect(xsCheck(xs)).toEqual([]);
  });

  it('EAGAIN when a node it read changed (before or after the read); disjoint transactions both commit', () => {
    const w = world();
    const { ctx, xs } = w;
    xsWrite(ctx, xs, 1, 'r', '0');
    const t1 = start(w, 1);
    xsRead(ctx, xs, 1, 'r', t1);
    xsWrite(ctx, xs, 1, 'r', '1'); // outside, after the read
    xsWrite(ctx, xs, 1, 'out1', 'x', t1);
    expect(xsTransactionEnd(ctx, xs, 1, t1, true)).toEqual({ ok: false, err: 'EAGAIN' });
    const t2 = start(w, 1);
    xsWrite(ctx, xs, 1, 'r', '2'); // outside, before the read
    xsRead(ctx, xs, 1, 'r', t2);
    expect(xsTransactionEnd(ctx, xs, 1, t2, true)).toEqual({ ok: false, err: 'EAGAIN' });
    const p = start(w, 1);
    const q = start(w, 2);
    xsWrite(ctx, xs, 1, 'mine', '1', p);
    xsWrite(ctx, xs, 2, 'mine', '2', q);
    expect(xsTransactionEnd(ctx, xs, 1, p, true).ok).toBe(true);
    expect(xsTransactionEnd(ctx, xs, 2, q, true).ok).toBe(true);
    expect(xsCheck(xs)).toEqual([]);
  });

  it('creating siblings under one parent in two transactions conflicts (the parent changes)', () => {
    const w = world();
    const a = start(w, 1);
    const b = start(w, 1);
    xsWrite(w.ctx, w.xs, 1, 'a', '1', a);
    xsWrite(w.ctx, w.xs, 1, 'b', '1', b);
    expect(xsTransactionEnd(w.ctx, w.xs, 1, a, true).ok).toBe(true);
    expect(xsTransactionEnd(w.ctx, w.xs, 1, b, true)).toEqual({ ok: false, err: 'EAGAIN' });
  });

  it('ENOSPC over the transaction quota (one more than the quota fits); ENOENT for an unknown or foreign transaction', () => {
    const w = world({ transactions: 2 });
    const { ctx, xs } = w;
    const t = start(w, 1);
    start(w, 1);
    start(w, 1);
    expect(xsTransactionStart(ctx, xs, 1)).toEqual({ ok: false, err: 'ENOSPC' });
    expect(xsTransactionStart(ctx, xs, 0).ok).toBe(true); // privileged: no quota
    expect(xsRead(ctx, xs, 2, D1, t)).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsTransactionEnd(ctx, xs, 2, t, true)).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsTransactionEnd(ctx, xs, 1, 999, true)).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsTransactionEnd(ctx, xs, 1, t, false).ok).toBe(true);
    expect(xsTransactionStart(ctx, xs, 1).ok).toBe(true);
    expect(xsCheck(xs)).toEqual([]);
  });

  it('the node quota counts the transaction\'s own creations', () => {
    const w = world({ nodes: 3 });
    const t = start(w, 1);
    expect(xsWrite(w.ctx, w.xs, 1, 'a/b', '1', t).ok).toBe(true);
    expect(xsWrite(w.ctx, w.xs, 1, 'c', '1', t)).toEqual({ ok: false, err: 'ENOSPC' });
    expect(xsRm(w.ctx, w.xs, 1, 'a', t).ok).toBe(true);
    expect(xsWrite(w.ctx, w.xs, 1, 'c', '1', t).ok).toBe(true);
    expect(xsTransactionEnd(w.ctx, w.xs, 1, t, true).ok).toBe(true);
    expect(w.xs.quota['1']!.nodes).toBe(2);
    expect(xsCheck(w.xs)).toEqual([]);
  });
});
