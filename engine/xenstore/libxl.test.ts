/** XS_INTRODUCE creates no node; the libxl home layout by version; XS_RM's EACCES for a missing node. */
import { describe, expect, it } from 'vitest';
import { makeCtx, traceInit } from '../core/trace';
import {
  guestWritable, xsCheck, xsGetPerms, xsInit, xsIntroduceDomain, xsMkdir, xsRead, xsReleaseDomain,
  xsRm, xsTakeWatchEvents, xsVmUuid, xsWatch, xsWrite, permsToStrings,
} from './index';
import { world } from './testutil';

const both = ['4.3', '4.19'] as const;
const H = '/local/domain/1';

describe('XS_INTRODUCE', () => {
  it('creates no node and fires @introduceDomain (both versions)', () => {
    for (const xen of both) {
      const trace = traceInit();
      const ctx = makeCtx(trace, { t: 0 });
      const xs = xsInit({ privileged: [0], nodes: 1000, watches: 128, transactions: 10, xen });
      xsWatch(ctx, xs, 0, '@introduceDomain', 'in');
      xsTakeWatchEvents(xs);
      const before = [...xs.nodes.keys()].sort();
      expect(xsIntroduceDomain(ctx, xs, 5).ok).toBe(true);
      expect([...xs.nodes.keys()].sort(), xen).toEqual(before);
      expect(xs.nodes.get('/local/domain/5')).toBeUndefined();
      expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 0, path: '@introduceDomain', token: 'in' }]);
    }
  });
});

describe('the libxl home', () => {
  for (const xen of both) {
    it(`${xen}: dom0 owns the home, /vm and /libxl nodes; the guest reads them and owns only its subtrees`, () => {
      const w = world({}, [1], { xen, home: 'libxl' });
      const { ctx, xs } = w;
      const perms = (p: string) => permsToStrings(xs.nodes.get(p)!.perms);
      const vm = `/vm/${xsVmUuid(1)}`;
      for (const p of [H, `${H}/cpu`, `${H}/memory`, `${H}/device`, `${H}/control`, `${H}/device/suspend`, vm]) {
        expect(perms(p), p).toEqual(['n0', 'r1']);
      }
      expect(perms('/libxl/1')).toEqual(['n0']);
      expect(xs.nodes.get(`${H}/vm`)!.value).toBe(vm);
      expect(xs.nodes.get(`${vm}/uuid`)!.value).toBe(xsVmUuid(1));
      const owned = ['control/shutdown', 'device/suspend/event-channel', 'data'];
      const extra = ['control/feature-poweroff', 'control/feature-reboot', 'control/feature-suspend', 'control/sysrq',
        'drivers', 'feature', 'attr', 'error'];
      expect(guestWritable(xs)).toEqual(xen === '4.3' ? owned : [...owned, ...extra]);
      for (const p of owned) expect(perms(`${H}/${p}`), p).toEqual(['n1']);
      for (const p of extra) {
        if (xen === '4.3') expect(xs.nodes.get(`${H}/${p}`), p).toBeUndefined();
        else expect(perms(`${H}/${p}`), p).toEqual(['n1']);
      }
      // The guest may read its home but not create nodes directly under it.
      expect(xsRead(ctx, xs, 1, 'name')).toEqual({ ok: true, value: 'dom1' });
      expect(xsWrite(ctx, xs, 1, 'mine', 'x')).toEqual({ ok: false, err: 'EACCES' });
      expect(xsWrite(ctx, xs, 1, 'device/vsock/0/state', '1')).toEqual({ ok: false, err: 'EACCES' });
      expect(xsWrite(ctx, xs, 1, 'memory/target', '1')).toEqual({ ok: false, err: 'EACCES' });
      expect(xsWrite(ctx, xs, 1, 'data/mine', 'x').ok).toBe(true);
      expect(xsWrite(ctx, xs, 1, 'control/shutdown', 'poweroff').ok).toBe(true);
      expect(xsWrite(ctx, xs, 1, 'feature/x', '1').ok).toBe(xen === '4.19');
      // Nobody else may read it.
      expect(xsRead(ctx, xs, 2, `${H}/name`).ok).toBe(false);
      const g = xsGetPerms(ctx, xs, 1, H);
      expect(g.ok && permsToStrings(g.value)).toEqual(['n0', 'r1']);
      expect(xsCheck(xs)).toEqual([]);
    });
  }

  it('is written in one transaction, and release removes the home, /vm and /libxl nodes', () => {
    const w = world({}, [1], { xen: '4.3', home: 'libxl' });
    const ops = w.trace.events.map((e) => e.op);
    expect(ops.filter((o) => o === 'XS_TRANSACTION_START')).toHaveLength(1);
    expect(ops.indexOf('XS_TRANSACTION_END')).toBeLessThan(ops.indexOf('XS_INTRODUCE'));
    expect(xsReleaseDomain(w.ctx, w.xs, 1).ok).toBe(true);
    expect([...w.xs.nodes.keys()].filter((p) => p.includes(xsVmUuid(1)) || p.startsWith('/libxl/') || p.startsWith(H))).toEqual([]);
    expect(xsCheck(w.xs)).toEqual([]);
  });

  it('the guest-owned nodes count against the guest\'s node quota', () => {
    for (const xen of both) {
      const w = world({}, [1], { xen, home: 'libxl' });
      expect(w.xs.quota['1']!.nodes, xen).toBe(guestWritable(w.xs).length);
    }
  });
});

describe('XS_RM of a missing node', () => {
  for (const xen of both) {
    it(`${xen}: OK under a writable parent, EACCES under a readable but unwritable one, ENOENT without a parent`, () => {
      const { ctx, xs } = world({}, [1], { xen, home: 'libxl' });
      expect(xsRm(ctx, xs, 1, 'data/nothing').ok).toBe(true);
      expect(xsRm(ctx, xs, 1, 'nothing')).toEqual({ ok: false, err: 'EACCES' });
      expect(xsRm(ctx, xs, 1, 'data/no/such')).toEqual({ ok: false, err: 'ENOENT' });
      expect(xsRm(ctx, xs, 0, `${H}/nothing`).ok).toBe(true);
      expect(xsMkdir(ctx, xs, 1, 'data/d').ok).toBe(true);
      expect(xsCheck(xs)).toEqual([]);
    });
  }
});
