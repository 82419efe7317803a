import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCtx, traceInit, traceToJsonl } from '../core/trace';
import {
  ECS_INTERDOMAIN, ECS_RESERVED, ECS_UNBOUND, EINVAL, ENOSPC, EPERM, ESRCH, allocUnbound, bindInterdomain,
  evtchnAddDomain, evtchnCheck, evtchnClearPending, evtchnClose, evtchnForgetDomain, evtchnInit, evtchnIsDying,
  evtchnMask, evtchnRemoveDomain, evtchnSend, evtchnTakeRaised, evtchnUnmask, portsInUse, portsView,
} from './index';
import type { EvtchnState } from './index';

const DOMS = [1, 2, 3, 4];
const LIMIT = 6;
const xsm = (h: string, s: number, d: number) => !(h === 'evtchn_interdomain' && s === 4 && d === 3);

type Op =
  | { k: 'alloc'; d: number; r: number }
  | { k: 'bind'; d: number; r: number; pick: number; aimed: boolean }
  | { k: 'send' | 'close' | 'clear' | 'mask' | 'unmask'; d: number; pick: number }
  | { k: 'take' }
  | { k: 'remove' | 'forget' | 'add'; d: number };

const dom = fc.constantFrom(...DOMS, 9);
const pick = fc.nat(12);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('alloc' as const), d: dom, r: dom }), weight: 5 },
  { arbitrary: fc.record({ k: fc.constant('bind' as const), d: dom, r: dom, pick, aimed: fc.boolean() }), weight: 6 },
  { arbitrary: fc.record({ k: fc.constantFrom('send' as const, 'close' as const, 'clear' as const, 'mask' as const, 'unmask' as const), d: dom, pick }), weight: 12 },
  { arbitrary: fc.constant({ k: 'take' as const }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constantFrom('remove' as const, 'forget' as const, 'add' as const), d: dom }), weight: 1 },
);

/** A port of `d` chosen among its non-free ones (or an out-of-range one when pick is large). */
function portOf(st: EvtchnState, d: number, p: number): number {
  const v = portsView(st, d);
  return p < 10 && v.length > 0 ? v[p % v.length]!.port : p;
}

/** Both ends of every channel agree, recomputed from the public views only. */
function channelsAgree(st: EvtchnState): void {
  const seen = new Set<string>();
  for (const d of Object.keys(st.doms).map(Number)) {
    for (const v of portsView(st, d)) {
      if (v.state !== ECS_INTERDOMAIN) continue;
      const back = portsView(st, v.remoteDom).find((x) => x.port === v.remotePort);
      expect(back, `${d}:${v.port}`).toMatchObject({ state: ECS_INTERDOMAIN, remoteDom: d, remotePort: v.port });
      const key = `${v.remoteDom}:${v.remotePort}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  }
}

const seen: { [what: string]: number } = {};
const saw = (what: string): void => { seen[what] = (seen[what] ?? 0) + 1; };

function run(ops: Op[], teardownByRemove: boolean, checkEach: boolean) {
  const trace = traceInit();
  const ctx = makeCtx(trace, { t: 0 }, xsm);
  const st = evtchnInit();
  for (const d of DOMS) evtchnAddDomain(st, d, LIMIT);
  for (const op of ops) {
    switch (op.k) {
      case 'alloc': {
        const full = st.doms[op.d] !== undefined && portsInUse(st, op.d) === LIMIT - 1;
        const rc = allocUnbound(ctx, st, op.d, op.r);
        if (st.doms[op.d] === undefined) expect(rc).toBe(-ESRCH);
        else if (evtchnIsDying(st, op.d)) expect(rc).toBe(-EINVAL);
        else if (full) expect(rc).toBe(-ENOSPC);
        else expect(rc).toBeGreaterThan(0);
        break;
      }
      case 'bind': {
        // Aimed: a port of r that is unbound for d, so successes happen.
        const offers = portsView(st, op.r).filter((v) => v.state === ECS_UNBOUND && (!op.aimed || v.remoteDom === op.d));
        const rp = offers.length > 0 ? offers[op.pick % offers.length]!.port : op.pick;
        const target = portsView(st, op.r).find((v) => v.port === rp);
        let want: number;
        if (st.doms[op.d] === undefined || st.doms[op.r] === undefined) want = -ESRCH;
        else if (evtchnIsDying(st, op.d)) want = -EINVAL;
        else if (portsInUse(st, op.d) === LIMIT - 1) want = -ENOSPC;
        else if (target === undefined || target.state !== ECS_UNBOUND || target.remoteDom !== op.d) want = -EINVAL;
        else if (!xsm('evtchn_interdomain', op.d, op.r)) want = -EPERM;
        else want = 0;
        const rc = bindInterdomain(ctx, st, op.d, op.r, rp);
        saw(`bind ${want}`);
        if (want === 0) expect(rc).toBeGreaterThan(0);
        else expect(rc).toBe(want);
        break;
      }
      case 'send': {
        const p = portOf(st, op.d, op.pick);
        const v = portsView(st, op.d).find((x) => x.port === p);
        const rc = evtchnSend(ctx, st, op.d, p);
        if (st.doms[op.d] === undefined) expect(rc).toBe(-ESRCH);
        else if (v === undefined || v.state === ECS_RESERVED) expect(rc).toBe(-EINVAL);
        else expect(rc).toBe(0);
        saw(`send ${trace.events.at(-1)!.op}`);
        break;
      }
      case 'close': saw(`close ${evtchnClose(ctx, st, op.d, portOf(st, op.d, op.pick))}`); break;
      case 'clear': evtchnClearPending(st, op.d, portOf(st, op.d, op.pick)); break;
      case 'mask': evtchnMask(ctx, st, op.d, portOf(st, op.d, op.pick)); break;
      case 'unmask': evtchnUnmask(ctx, st, op.d, portOf(st, op.d, op.pick)); break;
      case 'take':
        for (const r of evtchnTakeRaised(st)) {
          expect(portsView(st, r.dom).find((x) => x.port === r.port)).toMatchObject({ pending: true, masked: false });
          saw('upcall');
        }
        break;
      case 'remove': evtchnRemoveDomain(ctx, st, op.d); break;
      case 'forget': if (evtchnIsDying(st, op.d)) evtchnForgetDomain(st, op.d); break;
      case 'add': if (st.doms[op.d] === undefined) evtchnAddDomain(st, op.d, LIMIT); break;
    }
    if (checkEach) {
      expect(evtchnCheck(st)).toEqual([]);
      channelsAgree(st);
    }
  }
  if (teardownByRemove) {
    for (const d of Object.keys(st.doms).map(Number)) evtchnRemoveDomain(ctx, st, d);
  } else {
    for (const d of Object.keys(st.doms).map(Number)) {
      for (const v of portsView(st, d)) if (v.port !== 0) expect(evtchnClose(ctx, st, d, v.port)).toBe(0);
    }
  }
  evtchnTakeRaised(st);
  for (const d of Object.keys(st.doms).map(Number)) {
    expect(portsInUse(st, d)).toBe(0);
    expect(portsView(st, d).map((v) => [v.port, v.state, v.pending])).toEqual([[0, ECS_RESERVED, false]]);
  }
  expect(st.raised).toEqual([]);
  expect(evtchnCheck(st)).toEqual([]);
  return { jsonl: traceToJsonl(trace.events), state: JSON.stringify(st) };
}

describe('evtchn properties', () => {
  it('invariants and channel symmetry hold after every operation; teardown leaks no port', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 120, size: 'max' }), fc.boolean(), (ops, byRemove) => {
        run(ops, byRemove, true);
      }),
      { numRuns: 200 },
    );
    for (const what of ['bind 0', `bind ${-EINVAL}`, `bind ${-ENOSPC}`, `bind ${-EPERM}`, 'send pending', 'send coalesced', 'send dropped', 'close 0', 'upcall']) {
      expect(seen[what] ?? 0, what).toBeGreaterThan(0);
    }
  });

  it('the same sequence twice gives byte-identical traces and states', () => {
    let traced = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80, size: 'max' }), (ops) => {
        const a = run(ops, false, false);
        const b = run(ops, false, false);
        traced += a.jsonl.length;
        expect(b.jsonl).toBe(a.jsonl);
        expect(b.state).toBe(a.state);
      }),
      { numRuns: 100 },
    );
    expect(traced).toBeGreaterThan(0);
  });
});
