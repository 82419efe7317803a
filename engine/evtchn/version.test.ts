/** Event channels: limits by Xen version, and the close/unmask mask-bit rules (xen-model.md section 2). */
import { describe, expect, it } from 'vitest';
import { makeCtx, traceInit } from '../core/trace';
import type { XenVersion } from '../core/xen';
import {
  ENOSPC, allocUnbound, bindInterdomain, evtchnAddDomain, evtchnCheck, evtchnClearPending, evtchnClose, evtchnInit,
  evtchnIsPending, evtchnMask, evtchnSend, evtchnTakeRaised, evtchnUnmask, portsView,
} from './index';

function setup(xen?: XenVersion) {
  const trace = traceInit();
  const ctx = makeCtx(trace, { t: 0 });
  const st = evtchnInit(xen);
  for (const d of [1, 2]) evtchnAddDomain(st, d);
  return { trace, ctx, st };
}
const view = (s: ReturnType<typeof setup>, d: number, p: number) => portsView(s.st, d).find((v) => v.port === p)!;

describe('port limits by version', () => {
  it('4.3: 2-level 4096 ports (1..4095 usable), no toolstack cap; the default', () => {
    for (const s of [setup('4.3'), setup()]) {
      let last = 0;
      for (let p = allocUnbound(s.ctx, s.st, 1, 2); p > 0; p = allocUnbound(s.ctx, s.st, 1, 2)) last = p;
      expect(last).toBe(4095);
      expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(-ENOSPC);
    }
  });

  it('4.19: libxl caps a guest at port 1023', () => {
    const s = setup('4.19');
    let last = 0;
    for (let p = allocUnbound(s.ctx, s.st, 1, 2); p > 0; p = allocUnbound(s.ctx, s.st, 1, 2)) last = p;
    expect(last).toBe(1023);
    expect(allocUnbound(s.ctx, s.st, 1, 2)).toBe(-ENOSPC);
  });
});

describe('mask bit rules (both versions)', () => {
  for (const xen of ['4.3', '4.19'] as const) {
    it(`${xen}: close clears the pending bit but leaves the mask; the next owner of the port finds it masked`, () => {
      const s = setup(xen);
      const pa = allocUnbound(s.ctx, s.st, 1, 2);
      const pb = bindInterdomain(s.ctx, s.st, 2, 1, pa);
      expect(evtchnMask(s.ctx, s.st, 1, pa)).toBe(0);
      evtchnSend(s.ctx, s.st, 2, pb);
      expect(view(s, 1, pa)).toMatchObject({ pending: true, masked: true });
      expect(evtchnClose(s.ctx, s.st, 1, pa)).toBe(0);
      expect([s.st.doms[1]!.pending[pa], s.st.doms[1]!.masked[pa]]).toEqual([0, 1]);
      const again = allocUnbound(s.ctx, s.st, 1, 2);
      expect(again).toBe(pa);
      expect(view(s, 1, again)).toMatchObject({ pending: false, masked: true });
      const pb2 = bindInterdomain(s.ctx, s.st, 2, 1, again);
      evtchnTakeRaised(s.st);
      evtchnSend(s.ctx, s.st, 2, pb2);
      expect(evtchnIsPending(s.st, 1, again)).toBe(true);
      expect(evtchnTakeRaised(s.st)).toEqual([]); // still masked: no upcall
      expect(evtchnCheck(s.st)).toEqual([]);
    });

    it(`${xen}: unmask raises an upcall only if it cleared a set mask bit on a pending port`, () => {
      const s = setup(xen);
      const pa = allocUnbound(s.ctx, s.st, 1, 2);
      const pb = bindInterdomain(s.ctx, s.st, 2, 1, pa);
      evtchnSend(s.ctx, s.st, 2, pb);
      expect(evtchnTakeRaised(s.st)).toContainEqual({ dom: 1, port: pa }); // the upcall was delivered
      // Pending, never masked: unmasking it raises nothing.
      expect(evtchnIsPending(s.st, 1, pa)).toBe(true);
      expect(evtchnUnmask(s.ctx, s.st, 1, pa)).toBe(0);
      expect(s.trace.events.at(-1)).toMatchObject({ op: 'EVTCHNOP_unmask', detail: { raised: false } });
      expect(evtchnTakeRaised(s.st)).toEqual([]);
      // Masked and pending: unmask raises.
      evtchnMask(s.ctx, s.st, 1, pa);
      expect(evtchnUnmask(s.ctx, s.st, 1, pa)).toBe(0);
      expect(s.trace.events.at(-1)).toMatchObject({ detail: { raised: true } });
      expect(evtchnTakeRaised(s.st)).toEqual([{ dom: 1, port: pa }]);
      // Masked, not pending: nothing.
      evtchnClearPending(s.st, 1, pa);
      evtchnMask(s.ctx, s.st, 1, pa);
      evtchnUnmask(s.ctx, s.st, 1, pa);
      expect(s.trace.events.at(-1)).toMatchObject({ detail: { raised: false } });
      expect(evtchnTakeRaised(s.st)).toEqual([]);
    });
  }
});
