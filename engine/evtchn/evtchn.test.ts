import { describe, expect, it } from 'vitest';
import { DOMID_SELF } from '../core/limits';
import { makeCtx, traceInit } from '../core/trace';
import type { XsmHook } from '../core/trace';
import {
  ECS_FREE, ECS_INTERDOMAIN, ECS_RESERVED, ECS_UNBOUND, EINVAL, ENOSPC, EPERM, ESRCH, EVTCHNSTAT_closed,
  EVTCHNSTAT_interdomain, EVTCHNSTAT_unbound, allocUnbound, bindInterdomain, evtchnAddDomain, evtchnCheck,
  evtchnClearPending, evtchnClose, evtchnForgetDomain, evtchnInit, evtchnIsPending, evtchnMask, evtchnPeer,
  evtchnRemoveDomain, evtchnSend, evtchnStatus, evtchnTakeRaised, evtchnUnmask, portsInUse, portsView,
} from './index';

function setup(opts: { limit?: number; xsm?: (h: XsmHook, s: number, d: number) => boolean } = {}) {
  const trace = traceInit();
  const ctx = makeCtx(trace, { t: 0 }, opts.xsm);
  const st = evtchnInit();
  for (const d of [1, 2, 3]) evtchnAddDomain(st, d, opts.limit ?? 1024);
  return { trace, ctx, st };
}
/** 1 offers a port to 2, 2 binds it: returns [port of 1, port of 2]. */
function connect(s: ReturnType<typeof setup>, a = 1, b = 2): [number, number] {
  const pa = allocUnbound(s.ctx, s.st, a, b);
  const pb = bindInterdomain(s.ctx, s.st, b, a, pa);
  return [pa, pb];
}
const stateOf = (s: ReturnType<typeof setup>, d: number, p: number) => portsView(s.st, d).find((v) => v.port === p)?.state ?? ECS_FREE;

describe('allocUnbound', () => {
  it('takes the lowest free port, port 0 stays reserved', () => {
    const s = setup();
    expect(portsView(s.st, 1)).toMatchObject([{ port: 0, state: ECS_RESERVED }]);
    expect([1, 2, 3].map(() => allocUnbound(s.ctx, s.st, 1, 2))).toEqual([1, 2, 3]);
    expect(evtchnClose(s.ctx, s.st, 1, 2)).toBe(0);
    expect(evtchnClose(s.ctx, s.st, 1, 1)).toBe(0);
    expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(1);
    expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(2);
    expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(4);
    expect(portsInUse(s.st, 1)).toBe(4);
    expect(s.trace.events.at(-1)).toMatchObject({ kind: 'hypercall', op: 'EVTCHNOP_alloc_unbound', src: 1, dst: 'xen', detail: { port: 4, remoteDom: 2 } });
    expect(evtchnCheck(s.st)).toEqual([]);
  });

  it('hits the port limit with -ENOSPC', () => {
    const s = setup({ limit: 4 });
    for (let i = 1; i <= 3; i++) expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(i);
    expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(-ENOSPC);
    expect(s.trace.events.at(-1)!.detail).toMatchObject({ rc: -28, rcName: '-ENOSPC' });
    expect(bindInterdomain(s.ctx, s.st, 1, 2, allocUnbound(s.ctx, s.st, 2, 1))).toBe(-ENOSPC);
    expect(evtchnCheck(s.st)).toEqual([]);
  });

  it('unknown domain -ESRCH, XSM refusal -EPERM without consuming a port, dying -EINVAL, DOMID_SELF', () => {
    const s = setup({ xsm: (h, src, dst) => !(h === 'evtchn_unbound' && src === 1 && dst === 3) });
    expect(allocUnbound(s.ctx, s.st, 42, 1)).toBe(-ESRCH);
    expect(allocUnbound(s.ctx, s.st, 1, 3)).toBe(-EPERM);
    expect(portsInUse(s.st, 1)).toBe(0);
    const p = allocUnbound(s.ctx, s.st, 1, DOMID_SELF);
    expect(p).toBe(1);
    expect(portsView(s.st, 1)[1]).toMatchObject({ state: ECS_UNBOUND, remoteDom: 1 });
    evtchnRemoveDomain(s.ctx, s.st, 2);
    expect(allocUnbound(s.ctx, s.st, 2, 1)).toBe(-EINVAL);
  });
});

describe('bindInterdomain', () => {
  it('makes both ends interdomain and sets the local port pending (raised)', () => {
    const s = setup();
    const [pa, pb] = connect(s);
    expect(evtchnPeer(s.st, 1, pa)).toEqual({ dom: 2, port: pb });
    expect(evtchnPeer(s.st, 2, pb)).toEqual({ dom: 1, port: pa });
    expect(evtchnIsPending(s.st, 2, pb)).toBe(true);
    expect(evtchnIsPending(s.st, 1, pa)).toBe(false);
    expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 2, port: pb }]);
    expect(evtchnTakeRaised(s.st)).toEqual([]);
    expect(evtchnCheck(s.st)).toEqual([]);
  });

  it('refuses: unknown remote -ESRCH, not unbound / unbound for someone else / bad port -EINVAL, XSM -EPERM', () => {
    const s = setup({ xsm: (h, src) => !(h === 'evtchn_interdomain' && src === 3) });
    const forTwo = allocUnbound(s.ctx, s.st, 1, 2);
    expect(bindInterdomain(s.ctx, s.st, 2, 42, forTwo)).toBe(-ESRCH);
    expect(bindInterdomain(s.ctx, s.st, 3, 1, forTwo)).toBe(-EINVAL); // unbound for someone else
    expect(bindInterdomain(s.ctx, s.st, 2, 1, 0)).toBe(-EINVAL); // reserved
    expect(bindInterdomain(s.ctx, s.st, 2, 1, 77)).toBe(-EINVAL); // never allocated
    const forThree = allocUnbound(s.ctx, s.st, 1, 3);
    expect(bindInterdomain(s.ctx, s.st, 3, 1, forThree)).toBe(-EPERM);
    expect(bindInterdomain(s.ctx, s.st, 2, 1, forTwo)).toBe(1);
    expect(bindInterdomain(s.ctx, s.st, 2, 1, forTwo)).toBe(-EINVAL); // already bound
    expect(portsInUse(s.st, 2)).toBe(1);
    expect(portsInUse(s.st, 3)).toBe(0);
    expect(evtchnCheck(s.st)).toEqual([]);
  });

  it('binds a loopback channel through DOMID_SELF', () => {
    const s = setup();
    const a = allocUnbound(s.ctx, s.st, 1, DOMID_SELF);
    const b = bindInterdomain(s.ctx, s.st, 1, DOMID_SELF, a);
    expect(evtchnPeer(s.st, 1, b)).toEqual({ dom: 1, port: a });
    expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 1, port: b }]); // bind notifies locally
    expect(evtchnClearPending(s.st, 1, b)).toBe(true);
    expect(evtchnSend(s.ctx, s.st, 1, a)).toBe(0);
    expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 1, port: b }]);
    expect(evtchnCheck(s.st)).toEqual([]);
  });
});

describe('evtchnSend and delivery', () => {
  it('sets the peer pending, coalesces repeats, re-raises after the ack', () => {
    const s = setup();
    const [pa, pb] = connect(s);
    evtchnClearPending(s.st, 2, pb);
    evtchnTakeRaised(s.st);
    expect(evtchnSend(s.ctx, s.st, 2, pb)).toBe(0);
    expect(evtchnSend(s.ctx, s.st, 2, pb)).toBe(0);
    expect(s.trace.events.at(-1)).toMatchObject({ kind: 'evtchn', op: 'coalesced', src: 2, dst: 1, detail: { port: pa } });
    expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 1, port: pa }]);
    expect(evtchnClearPending(s.st, 1, pa)).toBe(true);
    evtchnSend(s.ctx, s.st, 2, pb);
    expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 1, port: pa }]);
  });

  it('a masked port stays pending without an upcall until unmasked', () => {
    const s = setup();
    const [pa, pb] = connect(s);
    evtchnTakeRaised(s.st);
    expect(evtchnMask(s.ctx, s.st, 1, pa)).toBe(0);
    evtchnSend(s.ctx, s.st, 2, pb);
    expect(evtchnIsPending(s.st, 1, pa)).toBe(true);
    expect(evtchnTakeRaised(s.st)).toEqual([]);
    expect(evtchnUnmask(s.ctx, s.st, 1, pa)).toBe(0);
    expect(s.trace.events.at(-1)).toMatchObject({ op: 'EVTCHNOP_unmask', detail: { raised: true } });
    expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 1, port: pa }]);
    expect(evtchnUnmask(s.ctx, s.st, 1, 999)).toBe(-EINVAL);
  });

  it('send on an unbound port is dropped and returns 0; on a closed or reserved port -EINVAL', () => {
    const s = setup();
    const p = allocUnbound(s.ctx, s.st, 1, 2);
    expect(evtchnSend(s.ctx, s.st, 1, p)).toBe(0);
    expect(s.trace.events.at(-1)).toMatchObject({ kind: 'evtchn', op: 'dropped', src: 1, dst: 2, detail: { port: p } });
    expect(evtchnTakeRaised(s.st)).toEqual([]);
    evtchnClose(s.ctx, s.st, 1, p);
    expect(evtchnSend(s.ctx, s.st, 1, p)).toBe(-EINVAL);
    expect(evtchnSend(s.ctx, s.st, 1, 0)).toBe(-EINVAL);
    expect(evtchnSend(s.ctx, s.st, 1, 500)).toBe(-EINVAL);
  });
});

describe('evtchnClose / status / domain removal', () => {
  it('close frees the local port and reverts the peer to unbound for the closer, with no event to it', () => {
    const s = setup();
    const [pa, pb] = connect(s);
    evtchnClearPending(s.st, 2, pb);
    evtchnTakeRaised(s.st);
    expect(evtchnClose(s.ctx, s.st, 2, pb)).toBe(0);
    expect(stateOf(s, 2, pb)).toBe(ECS_FREE);
    expect(portsView(s.st, 1).find((v) => v.port === pa)).toMatchObject({ state: ECS_UNBOUND, remoteDom: 2, pending: false });
    expect(evtchnTakeRaised(s.st)).toEqual([]);
    expect(s.trace.events.at(-1)).toMatchObject({ op: 'peer-closed', dst: 1, detail: { port: pa, notified: false } });
    expect(evtchnSend(s.ctx, s.st, 1, pa)).toBe(0); // vanishes
    expect(s.trace.events.at(-1)!.op).toBe('dropped');
    expect(evtchnStatus(s.ctx, s.st, 1, pa)).toEqual({ rc: 0, status: EVTCHNSTAT_unbound, remoteDom: 2, remotePort: -1 });
    expect(evtchnClose(s.ctx, s.st, 2, pb)).toBe(-EINVAL); // double close
    expect(evtchnClose(s.ctx, s.st, 2, 0)).toBe(-EINVAL);
    expect(bindInterdomain(s.ctx, s.st, 2, 1, pa)).toBe(pb); // the closer may re-bind
    expect(stateOf(s, 1, pa)).toBe(ECS_INTERDOMAIN);
    expect(evtchnCheck(s.st)).toEqual([]);
  });

  it('status reports closed, unbound and interdomain', () => {
    const s = setup();
    const [pa, pb] = connect(s);
    expect(evtchnStatus(s.ctx, s.st, 1, pa)).toEqual({ rc: 0, status: EVTCHNSTAT_interdomain, remoteDom: 2, remotePort: pb });
    expect(evtchnStatus(s.ctx, s.st, 1, 0).status).toBe(EVTCHNSTAT_closed);
    expect(evtchnStatus(s.ctx, s.st, 1, 999).rc).toBe(-EINVAL);
    expect(evtchnStatus(s.ctx, s.st, 42, 1).rc).toBe(-ESRCH);
  });

  it('removing a domain closes every port; peers fall back to unbound; forget drops the record', () => {
    const s = setup();
    const [pa] = connect(s, 1, 2);
    const [pc] = connect(s, 3, 2);
    allocUnbound(s.ctx, s.st, 2, 1);
    expect(evtchnRemoveDomain(s.ctx, s.st, 2)).toBe(3);
    expect(portsInUse(s.st, 2)).toBe(0);
    expect(evtchnTakeRaised(s.st)).toEqual([]);
    expect(portsView(s.st, 1)[1]).toMatchObject({ port: pa, state: ECS_UNBOUND, remoteDom: 2 });
    expect(portsView(s.st, 3)[1]).toMatchObject({ port: pc, state: ECS_UNBOUND, remoteDom: 2 });
    expect(evtchnCheck(s.st)).toEqual([]);
    expect(bindInterdomain(s.ctx, s.st, 1, 2, 1)).toBe(-EINVAL);
    evtchnForgetDomain(s.st, 2);
    expect(bindInterdomain(s.ctx, s.st, 1, 2, 1)).toBe(-ESRCH);
    expect(evtchnCheck(s.st)).toEqual([]);
  });
});

describe('evtchnCheck detects corruption', () => {
  it('reports a one-sided channel, a bad count and a free port in use', () => {
    const s = setup();
    const [pa] = connect(s);
    s.st.doms[1]!.rport[pa] = 7;
    expect(evtchnCheck(s.st).join('\n')).toMatch(/dom 1 port 1 -> 2:7/);
    s.st.doms[1]!.rport[pa] = 1;
    s.st.doms[2]!.inUse = 3;
    expect(evtchnCheck(s.st).join('\n')).toMatch(/inUse 3/);
    s.st.doms[2]!.inUse = 1;
    expect(evtchnCheck(s.st)).toEqual([]);
    s.st.doms[2]!.free.push(1);
    expect(evtchnCheck(s.st).join('\n')).toMatch(/heap port 1 is not free/);
  });

  it('state survives structuredClone (snapshots), port columns included', () => {
    const s = setup();
    connect(s);
    const c = structuredClone(s.st);
    expect(c).toEqual(s.st);
    expect(c.doms[1]!.state).toBeInstanceOf(Int32Array);
    expect(evtchnCheck(c)).toEqual([]);
  });
});
