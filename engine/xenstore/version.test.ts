/**
 * xenstored rules that differ between Xen 4.3 and 4.19 (xen-model.md "Versions" and the
 * section 4 quota table), each tested in both columns.
 */
import { describe, expect, it } from 'vitest';
import { makeCtx, traceInit } from '../core/trace';
import {
  xsCheck, xsGetPerms, xsInit, xsIntroduceDomain, xsMkdir, xsRead, xsReleaseDomain, xsRm, xsSetPerms,
  xsTakeWatchEvents, xsTransactionEnd, xsTransactionStart, xsWatch, xsWrite,
} from './index';
import { world } from './testutil';

const D1 = '/local/domain/1';
const both = ['4.3', '4.19'] as const;
const w43 = (limits = {}, guests = [1, 2, 3]) => world(limits, guests, { xen: '4.3' });
const w419 = (limits = {}, guests = [1, 2, 3]) => world(limits, guests, { xen: '4.19' });

describe('transaction commit', () => {
  it('4.3: EAGAIN after any write anywhere since the start, even for a read-only transaction', () => {
    const { ctx, xs } = w43();
    const t = xsTransactionStart(ctx, xs, 1);
    expect(t.ok).toBe(true);
    xsRead(ctx, xs, 1, 'x', t.ok ? t.value : 0);
    expect(xsWrite(ctx, xs, 2, 'unrelated', 'v').ok).toBe(true);
    const end = xsTransactionEnd(ctx, xs, 1, t.ok ? t.value : 0, true);
    expect(end).toEqual({ ok: false, err: 'EAGAIN' });
    // A committed transaction (even one that changed nothing) fails every other open one.
    const a = xsTransactionStart(ctx, xs, 1);
    const b = xsTransactionStart(ctx, xs, 2);
    expect(xsTransactionEnd(ctx, xs, 2, b.ok ? b.value : 0, true).ok).toBe(true);
    expect(xsTransactionEnd(ctx, xs, 1, a.ok ? a.value : 0, true)).toEqual({ ok: false, err: 'EAGAIN' });
    expect(xsCheck(xs)).toEqual([]);
  });

  it('4.19: only a change to a node the transaction accessed fails it', () => {
    const { ctx, xs } = w419();
    const t = xsTransactionStart(ctx, xs, 1);
    const id = t.ok ? t.value : 0;
    xsRead(ctx, xs, 1, 'x', id);
    expect(xsWrite(ctx, xs, 2, 'unrelated', 'v').ok).toBe(true);
    expect(xsTransactionEnd(ctx, xs, 1, id, true).ok).toBe(true);
  });
});

describe('watch events', () => {
  it('4.3 tells a watcher about a node it cannot read; 4.19 (XSA-115) does not', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1, 2], { xen });
      xsWatch(ctx, xs, 2, '/', 'all');
      xsTakeWatchEvents(xs);
      xsWrite(ctx, xs, 1, 'secret', 'x');
      const ev = xsTakeWatchEvents(xs);
      expect(ev, xen).toEqual(xen === '4.3' ? [{ dom: 2, path: `${D1}/secret`, token: 'all' }] : []);
    }
  });

  it('rm: 4.3 fires watches below the removed node even for paths that never existed; 4.19 only for removed nodes', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1], { xen });
      xsWrite(ctx, xs, 1, 'a/b', '1');
      xsWatch(ctx, xs, 1, 'a/b/never/there', 'ghost');
      xsWatch(ctx, xs, 1, 'a/b', 'real');
      xsTakeWatchEvents(xs);
      xsRm(ctx, xs, 1, 'a');
      const got = xsTakeWatchEvents(xs).map((e) => e.token).sort();
      expect(got, xen).toEqual(xen === '4.3' ? ['ghost', 'real'] : ['real']);
    }
  });

  it('@releaseDomain / @introduceDomain: 4.3 tells every watcher; 4.19 only privileged or permitted ones', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1, 2], { xen });
      xsWatch(ctx, xs, 1, '@releaseDomain', 'out');
      xsWatch(ctx, xs, 1, '@introduceDomain', 'in');
      xsTakeWatchEvents(xs);
      xsReleaseDomain(ctx, xs, 2);
      xsIntroduceDomain(ctx, xs, 3);
      const got = xsTakeWatchEvents(xs).filter((e) => e.dom === 1).map((e) => e.path);
      expect(got, xen).toEqual(xen === '4.3' ? ['@releaseDomain', '@introduceDomain'] : []);
    }
  });
});

describe('quotas and the wire', () => {
  it('watches: more than the quota is refused, E2BIG on 4.19 and EINVAL on the 4.3.0 wire (129 of 128 fit)', () => {
    for (const xen of both) {
      const w = world({}, [1], { xen });
      for (let i = 0; i < 129; i++) expect(xsWatch(w.ctx, w.xs, 1, `w${i}`, 't').ok, `${xen} watch ${i}`).toBe(true);
      const r = xsWatch(w.ctx, w.xs, 1, 'one-more', 't');
      expect(r, xen).toEqual({ ok: false, err: xen === '4.3' ? 'EINVAL' : 'E2BIG' });
      expect(w.trace.events.at(-1)!.detail, xen).toMatchObject(xen === '4.3' ? { err: 'EINVAL', errno: 'E2BIG' } : { err: 'E2BIG' });
    }
  });

  it('errnos missing from 4.3.0\'s table (EPERM, E2BIG) go out as EINVAL; 4.19 sends them', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1], { xen });
      expect(xsRead(ctx, xs, 9, '/'), xen).toEqual({ ok: false, err: xen === '4.3' ? 'EINVAL' : 'EPERM' });
      expect(xsWrite(ctx, xs, 1, 'big', 'x'.repeat(4096)), xen).toEqual({ ok: false, err: xen === '4.3' ? 'EINVAL' : 'E2BIG' });
      expect(xsRead(ctx, xs, 1, 'missing'), xen).toEqual({ ok: false, err: 'ENOENT' }); // in both tables
    }
  });

  it('node count: 4.19 ENOSPC, 4.3 the stale ENOENT; the quota\'s last node fits in both', () => {
    for (const xen of both) {
      const { ctx, xs } = world({ nodes: 3 }, [1], { xen });
      // dom 1 owns its home (1 node) in this world.
      expect(xsWrite(ctx, xs, 1, 'a', '').ok, xen).toBe(true);
      expect(xsWrite(ctx, xs, 1, 'b', '').ok, xen).toBe(true);
      expect(xsWrite(ctx, xs, 1, 'c', ''), xen).toEqual({ ok: false, err: xen === '4.3' ? 'ENOENT' : 'ENOSPC' });
      expect(xsRead(ctx, xs, 1, 'c').ok).toBe(false);
    }
  });

  it('node size: 4.3 refuses a record of 2048 bytes (12-byte header), 4.19 only above 2048 (16-byte header)', () => {
    const fits = (xen: '4.3' | '4.19', n: number) => {
      const { ctx, xs } = world({}, [1], { xen });
      return xsWrite(ctx, xs, 1, 'v', 'x'.repeat(n)).ok;
    };
    expect([fits('4.3', 2027), fits('4.3', 2028)]).toEqual([true, false]);
    expect([fits('4.19', 2024), fits('4.19', 2025)]).toEqual([true, false]);
  });

  it('node size counts child names: a directory with many children hits it too', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1], { xen });
      const name = (i: number) => `c${String(i).padStart(23, '0')}`; // 24 chars + NUL: 81 names are 2025 bytes
      let made = 0;
      while (xsWrite(ctx, xs, 1, `dir/${name(made)}`, '').ok) made++;
      expect(made, xen).toBe(xen === '4.3' ? 81 : 80); // 12 + 8 + 2025 < 2048; 16 + 8 + 2025 > 2048
      expect(xs.nodes.get(`${D1}/dir/${name(made)}`)).toBeUndefined();
      expect(xsCheck(xs)).toEqual([]);
    }
  });

  it('transactions: more than 10 open is ENOSPC in both (11 fit)', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1], { xen });
      for (let i = 0; i < 11; i++) expect(xsTransactionStart(ctx, xs, 1).ok, `${xen} ${i}`).toBe(true);
      expect(xsTransactionStart(ctx, xs, 1), xen).toEqual({ ok: false, err: 'ENOSPC' });
    }
  });
});

describe('ACL entries naming a dead domain (XSA-322)', () => {
  it('4.3: kept, and the next domain with that id inherits them; 4.19: dropped at release', () => {
    for (const xen of both) {
      const { ctx, xs } = world({}, [1, 2], { xen });
      xsWrite(ctx, xs, 0, '/shared', 'v');
      xsSetPerms(ctx, xs, 0, '/shared', [{ id: 0, perm: 'n' }, { id: 2, perm: 'r' }]);
      xsReleaseDomain(ctx, xs, 2);
      xsIntroduceDomain(ctx, xs, 2); // a new domain that got domid 2
      expect(xsRead(ctx, xs, 2, '/shared').ok, xen).toBe(xen === '4.3');
      // set_perms naming a domain that does not exist: 4.3 takes it, 4.19 drops the entry.
      xsSetPerms(ctx, xs, 0, '/shared', [{ id: 0, perm: 'n' }, { id: 7, perm: 'r' }]);
      const p = xsGetPerms(ctx, xs, 0, '/shared');
      expect(p.ok && p.value.length, xen).toBe(xen === '4.3' ? 2 : 1);
      expect(xsCheck(xs)).toEqual([]);
    }
  });
});

describe('defaults', () => {
  it('a store made without a version models 4.3', () => {
    const trace = traceInit();
    const ctx = makeCtx(trace, { t: 0 });
    const xs = xsInit({ privileged: [0], nodes: 1000, watches: 128, transactions: 10 });
    expect(xs.xen).toBe('4.3');
    xsIntroduceDomain(ctx, xs, 1);
    expect(xsRead(ctx, xs, 9, '/')).toEqual({ ok: false, err: 'EINVAL' });
    expect(xsMkdir(ctx, xs, 0, '/x').ok).toBe(true);
  });
});
