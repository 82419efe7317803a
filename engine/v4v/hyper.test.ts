/**
 * The hypervisor ops one by one, against a small simulation: every error of
 * register_ring, unregister_ring, sendv and notify, the pending list (reuse, the
 * 32-waiter -EBUSY cap in Argo mode, unlimited in V4V mode), and notify as the one
 * point where Xen wakes every waiter that fits.
 */
import { describe, it, expect } from 'vitest';
import { parseScenario } from '../scenario';
import { createSim, simStep } from '../sim/sim';
import type { SimState } from '../sim/types';
import { queueEntries } from '../core/queue';
import { findRing, notify, registerRing, sendv, unregisterRing, type SendArgs } from './hyper';
import { tablesAdd, tablesAllow } from './tables';
import { DOMID_ANY, ERRNO, REGISTER_FLAG_FAIL_EXIST, ringId, type StreamMeta } from './types';

function sim(opts: { mode?: 'v4v' | 'argo'; guests?: number; policy?: 'allow' | 'deny'; limits?: Record<string, number> } = {}): SimState {
  const guests = opts.guests ?? 3;
  const p = parseScenario({
    format: 'interdomain-scenario', version: 1, seed: 1, transport: 'v4v', v4vMode: opts.mode ?? 'v4v',
    limits: opts.limits ?? {},
    domains: [{ id: 0, name: 'dom0', role: 'backend' }, ...Array.from({ length: guests }, (_, i) => ({ id: i + 1, name: `g${i + 1}` }))],
    policy: { default: opts.policy ?? 'allow', allow: [] }, steps: [],
  });
  if (!p.ok) throw new Error(p.error);
  return createSim(p.doc);
}
const META: StreamMeta = { op: 'RW', from: -1, to: -1, off: 0, len: 0 };
const send = (st: SimState, from: number, to: number, payload: number, extra: Partial<SendArgs> = {}) =>
  sendv(st, { caller: from, src: { dom: from, port: 9 }, dst: { dom: to, port: 7 }, payload, meta: META, ...extra }, tablesAllow);
const lastHypercall = (st: SimState) => st.trace.events.filter((e) => e.kind === 'hypercall').at(-1)!;

describe('register_ring / unregister_ring', () => {
  it('the error ladder: EINVAL sizes, EPERM wildcard (Argo), ESRCH partner, EEXIST, ENOSPC, ENOENT', () => {
    const st = sim({ mode: 'argo' });
    expect(registerRing(st, 1, 7, 2, { len: 40 })).toBe(ERRNO.EINVAL);
    expect(registerRing(st, 1, 7, 2, { len: 4096 + 8 })).toBe(ERRNO.EINVAL);
    expect(registerRing(st, 1, 7, 2, { len: 4096, npages: 1 })).toBe(ERRNO.EINVAL);
    expect(registerRing(st, 1, 7, DOMID_ANY)).toBe(ERRNO.EPERM);
    expect(registerRing(st, 1, 7, DOMID_ANY, { macPermissive: true })).toBe(0);
    expect(registerRing(st, 1, 7, 99)).toBe(ERRNO.ESRCH);
    expect(registerRing(st, 1, 7, 2)).toBe(0);
    expect(registerRing(st, 1, 7, 2, { flags: REGISTER_FLAG_FAIL_EXIST })).toBe(ERRNO.EEXIST);
    expect(registerRing(st, 1, 7, 2, { len: 4096 })).toBe(ERRNO.EEXIST);
    expect(lastHypercall(st).op).toBe('XEN_ARGO_OP_register_ring');
    expect(lastHypercall(st).detail).toMatchObject({ err: '-EEXIST' });
    expect(unregisterRing(st, 1, ringId(1, 8, 2))).toBe(ERRNO.ENOENT);
    expect(unregisterRing(st, 2, ringId(1, 7, 2))).toBe(ERRNO.ENOENT);
    expect(unregisterRing(st, 1, ringId(1, 7, 2))).toBe(0);
  });

  it('V4V mode allows the wildcard; a plain re-register keeps tx_ptr', () => {
    const st = sim();
    expect(registerRing(st, 1, 7, DOMID_ANY)).toBe(0);
    expect(lastHypercall(st).op).toBe('V4VOP_register_ring');
    expect(send(st, 2, 1, 100).ret).toBe(100);
    const tx = st.v4v.rings[ringId(1, 7, DOMID_ANY)]!.tx;
    expect(tx).toBe(16 + 112);
    expect(registerRing(st, 1, 7, DOMID_ANY)).toBe(0);
    expect(st.v4v.rings[ringId(1, 7, DOMID_ANY)]!.tx).toBe(tx);
  });

  it('-ENOSPC at 128 rings per domain', () => {
    const st = sim();
    for (let p = 0; p < 128; p++) expect(registerRing(st, 1, 1000 + p, 2, { len: 64 })).toBe(0);
    expect(registerRing(st, 1, 5000, 2, { len: 64 })).toBe(ERRNO.ENOSPC);
    expect(registerRing(st, 2, 5000, 1, { len: 64 })).toBe(0);
  });
});

describe('sendv', () => {
  it('the error ladder: EINVAL pad, EPERM source, ESRCH, EPERM v4vtables, ECONNREFUSED, EINVAL niov, EMSGSIZE', () => {
    const st = sim({ mode: 'argo', policy: 'deny' });
    registerRing(st, 1, 7, 2, { len: 256 });
    expect(send(st, 2, 1, 10, { pad: 1 }).ret).toBe(ERRNO.EINVAL);
    expect(send(st, 2, 1, 10, { caller: 3 })).toMatchObject({ ret: ERRNO.EPERM, why: 'source' });
    expect(send(st, 2, 9, 10).ret).toBe(ERRNO.ESRCH);
    expect(send(st, 2, 1, 10)).toMatchObject({ ret: ERRNO.EPERM, why: 'tables' });
    st.v4v.defaultAccept = true;
    expect(send(st, 3, 1, 10).ret).toBe(ERRNO.ECONNREFUSED);
    expect(send(st, 2, 1, 10, { niov: 9 }).ret).toBe(ERRNO.EINVAL);
    expect(send(st, 2, 1, 225).ret).toBe(ERRNO.EMSGSIZE);
    expect(send(st, 2, 1, 224).ret).toBe(224);
    expect(lastHypercall(st).op).toBe('XEN_ARGO_OP_sendv');
  });

  it('V4V takes up to 128 iovs; a partner ring is matched before the wildcard one', () => {
    const st = sim();
    registerRing(st, 1, 7, DOMID_ANY);
    registerRing(st, 1, 7, 2);
    expect(send(st, 2, 1, 10, { niov: 128 }).ring).toBe(ringId(1, 7, 2));
    expect(send(st, 3, 1, 10, { niov: 129 }).ret).toBe(ERRNO.EINVAL);
    expect(send(st, 3, 1, 10).ring).toBe(ringId(1, 7, DOMID_ANY));
    expect(findRing(st, 2, 1, 7)!.id).toBe(ringId(1, 7, 2));
  });

  it('success: Xen copies header + payload, advances tx_ptr and rings the receiver\'s doorbell once', () => {
    const st = sim();
    registerRing(st, 1, 7, DOMID_ANY);
    expect(send(st, 2, 1, 100).ret).toBe(100);
    expect(send(st, 3, 1, 50).ret).toBe(50);
    expect(st.stats.bytesCopiedByXen).toBe(116 + 66);
    const virqs = queueEntries(st.queue).filter((e) => e.action.type === 'v4v' && e.action.work.kind === 'virq');
    expect(virqs).toHaveLength(1);
  });

  it('-EAGAIN queues one space request per domain, reused with the larger length', () => {
    const st = sim();
    registerRing(st, 1, 7, DOMID_ANY, { len: 256 });
    expect(send(st, 2, 1, 200).ret).toBe(200);
    expect(send(st, 2, 1, 100).ret).toBe(ERRNO.EAGAIN);
    expect(send(st, 2, 1, 150).ret).toBe(ERRNO.EAGAIN);
    expect(send(st, 2, 1, 120).ret).toBe(ERRNO.EAGAIN);
    expect(st.v4v.rings[ringId(1, 7, DOMID_ANY)]!.pending).toEqual([{ dom: 2, len: 150 }]);
  });

  it('Argo: the 33rd waiter gets -EBUSY; V4V: no cap; or the scenario\'s v4vPendingPerRing', () => {
    for (const [mode, limits, cap] of [['argo', {}, 32], ['v4v', {}, 40], ['v4v', { v4vPendingPerRing: 5 }, 5]] as const) {
      const st = sim({ mode, guests: 41, limits });
      registerRing(st, 1, 7, DOMID_ANY, { len: 64, macPermissive: true });
      expect(send(st, 2, 1, 32).ret).toBe(32);
      const rets = Array.from({ length: 40 }, (_, i) => send(st, i + 2, 1, 16).ret);
      expect(rets.filter((r) => r === ERRNO.EAGAIN)).toHaveLength(cap);
      expect(rets.filter((r) => r === ERRNO.EBUSY)).toHaveLength(40 - cap);
      expect(st.v4v.rings[ringId(1, 7, DOMID_ANY)]!.pending).toHaveLength(cap);
    }
  });
});

describe('notify', () => {
  it('-EACCES for more than 256 entries', () => {
    const st = sim();
    const entries = Array.from({ length: 257 }, () => ({ dst: { dom: 1, port: 7 }, space: 1 }));
    expect(notify(st, 2, entries).ret).toBe(ERRNO.EACCES);
    expect(st.stats.notifyHypercalls).toBe(1);
  });

  it('flags: EXISTS, SHARED, EMPTY, SUFFICIENT; otherwise a space request is queued (EBUSY at the Argo cap)', () => {
    const st = sim({ mode: 'argo', guests: 35 });
    registerRing(st, 1, 7, DOMID_ANY, { len: 64, macPermissive: true });
    expect(notify(st, 2, [{ dst: { dom: 1, port: 7 }, space: 16 }, { dst: { dom: 1, port: 8 }, space: 16 }]).flags)
      .toEqual([['EXISTS', 'SHARED', 'EMPTY', 'SUFFICIENT'], []]);
    expect(notify(st, 2, [{ dst: { dom: 1, port: 7 }, space: 33 }]).flags).toEqual([['EXISTS', 'SHARED', 'EMPTY', 'EMSGSIZE']]);
    send(st, 2, 1, 32);
    expect(notify(st, 3, [{ dst: { dom: 1, port: 7 }, space: 16 }]).flags).toEqual([['EXISTS', 'SHARED']]);
    for (let d = 4; d <= 34; d++) notify(st, d, [{ dst: { dom: 1, port: 7 }, space: 16 }]);
    expect(notify(st, 35, [{ dst: { dom: 1, port: 7 }, space: 16 }]).flags).toEqual([['EXISTS', 'SHARED', 'EBUSY']]);
  });

  it('only the owner\'s notify re-checks the list, and it wakes EVERY waiter that fits at once', () => {
    const st = sim({ guests: 9 });
    registerRing(st, 1, 7, DOMID_ANY, { len: 4096 });
    for (let d = 2; d <= 9; d++) send(st, d, 1, 500);
    const ring = st.v4v.rings[ringId(1, 7, DOMID_ANY)]!;
    expect(ring.pending.map((p) => p.dom)).toEqual([9]);
    send(st, 2, 1, 3000);
    expect(ring.pending.map((p) => p.dom)).toEqual([9, 2]);
    // Reading frees the whole ring, but nothing happens until the owner calls notify.
    ring.msgs = []; ring.rx = ring.tx;
    notify(st, 3, []);
    expect(ring.pending).toHaveLength(2);
    const r = notify(st, 1, []);
    expect(r.woken).toEqual([9, 2]);
    expect(st.stats.wakeups).toBe(2);
    expect(ring.pending).toEqual([]);
  });

  it('v4vtables: a guest cannot add a rule, the privileged toolstack can', () => {
    const st = sim({ policy: 'deny' });
    const rule = { accept: true, srcDom: 2, srcPort: -1, dstDom: 1, dstPort: 7 };
    expect(tablesAdd(st, 1, rule, 'test')).toBe(ERRNO.EPERM);
    expect(st.v4v.rules).toHaveLength(0);
    expect(tablesAdd(st, 0, rule, 'test')).toBe(0);
    registerRing(st, 1, 7, DOMID_ANY);
    expect(send(st, 2, 1, 10).ret).toBe(10);
    // V4V answers a v4vtables reject with -ECONNREFUSED, the code of a missing ring.
    expect(send(st, 3, 1, 10)).toMatchObject({ ret: ERRNO.ECONNREFUSED, why: 'tables' });
  });

  it('V4V: reject and no ring both -ECONNREFUSED, an unknown destination -EINVAL (Argo: -EPERM, -ESRCH)', () => {
    for (const mode of ['v4v', 'argo'] as const) {
      const st = sim({ mode, policy: 'deny' });
      registerRing(st, 1, 7, 2, { len: 256 });
      const rejected = send(st, 2, 1, 10);
      st.v4v.defaultAccept = true;
      const noRing = send(st, 3, 1, 10);
      const unknown = send(st, 2, 9, 10);
      if (mode === 'v4v') {
        expect([rejected.ret, noRing.ret, unknown.ret]).toEqual([ERRNO.ECONNREFUSED, ERRNO.ECONNREFUSED, ERRNO.EINVAL]);
        expect(lastHypercall(st)).toMatchObject({ op: 'V4VOP_sendv', detail: { err: '-EINVAL', check: 'destination' } });
      } else {
        expect([rejected.ret, noRing.ret, unknown.ret]).toEqual([ERRNO.EPERM, ERRNO.ECONNREFUSED, ERRNO.ESRCH]);
      }
    }
  });

  it('the doorbell: V4V signals a per-domain event channel Xen took at creation, Argo raises VIRQ 11', () => {
    for (const mode of ['v4v', 'argo'] as const) {
      const st = sim({ mode });
      registerRing(st, 1, 7, 2);
      expect(send(st, 2, 1, 10).ret).toBe(10);
      while (simStep(st)) { /* deliver */ }
      const rung = st.trace.events.filter((e) => e.kind === 'v4v' && (e.op === 'doorbell' || e.op === 'VIRQ') && e.dst === 1);
      expect(rung.length).toBeGreaterThan(0);
      if (mode === 'v4v') {
        const port = st.v4v.doorbell[1]!;
        expect(port).toBeGreaterThan(0);
        expect(st.trace.events.some((e) => e.kind === 'evtchn' && e.op === 'xen-port' && e.dst === 1)).toBe(true);
        expect(rung.every((e) => e.op === 'doorbell' && (e.detail as { port: number }).port === port)).toBe(true);
      } else {
        expect(st.v4v.doorbell[1]).toBeUndefined();
        expect(rung.every((e) => e.op === 'VIRQ' && (e.detail as { virq: number }).virq === 11)).toBe(true);
      }
    }
  });
});
