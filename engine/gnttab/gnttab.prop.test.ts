import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCtx, traceInit, traceToJsonl } from '../core/trace';
import {
  GNTST_bad_domain, GNTST_bad_gntref, GNTST_general_error, GNTST_okay, GNTST_permission_denied,
  GNTTAB_ENOSPC, maptrackFullStatus, deferredCount, endForeignAccess, foreignMappingsOf, gnttabAddDomain, gnttabCheck, gnttabInit,
  gnttabRemoveDomain, gnttabTick, grantCapacity, grantEntriesView, grantForeignAccess, grantsInUse, mapGrantRef,
  mappingsHeld, unmapGrantRef,
} from './index';
import type { GnttabState } from './index';
import type { XenVersion } from '../core/xen';

const DOMS = [1, 2, 3, 4];
const NR = 8 + 6;
const MT = 3;

type Op =
  | { k: 'grant'; d: number; to: number; ro: boolean }
  | { k: 'map'; m: number; g: number; ref: number; ro: boolean }
  | { k: 'mapg'; m: number; g: number; pick: number; ro: boolean; asGrantee: boolean }
  | { k: 'endg'; d: number; pick: number }
  | { k: 'unmap'; m: number; pick: number }
  | { k: 'end'; d: number; ref: number }
  | { k: 'tick' }
  | { k: 'remove'; d: number }
  | { k: 'add'; d: number };

const dom = fc.constantFrom(...DOMS, 9);
const ref = fc.integer({ min: 0, max: NR + 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('grant' as const), d: dom, to: dom, ro: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('map' as const), m: dom, g: dom, ref, ro: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      k: fc.constant('mapg' as const), m: dom, g: dom, pick: fc.nat(20), ro: fc.boolean(), asGrantee: fc.boolean(),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ k: fc.constant('endg' as const), d: dom, pick: fc.nat(20) }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('unmap' as const), m: dom, pick: fc.nat(20) }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('end' as const), d: dom, ref }), weight: 1 },
  { arbitrary: fc.constant({ k: 'tick' as const }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('remove' as const), d: dom }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('add' as const), d: dom }), weight: 1 },
);

/** XSM: domain 4 may not map domain 3's grants. */
const xsm = (_h: string, s: number, d: number) => !(s === 4 && d === 3);

/** Expected map status, predicted from the public views before the call. */
function expectedMap(st: GnttabState, m: number, g: number, r: number, ro: boolean): number {
  if (st.doms[m] === undefined || st.doms[m]!.dying) return GNTST_general_error;
  if (st.doms[g] === undefined || st.doms[g]!.dying) return GNTST_bad_domain;
  if (!xsm('grant_mapref', m, g)) return GNTST_permission_denied;
  if (mappingsHeld(st, m) >= MT) return maptrackFullStatus(st.xen);
  if (r >= NR) return GNTST_bad_gntref;
  const e = grantEntriesView(st, g).find((x) => x.ref === r);
  if (e === undefined || e.domid !== m) return GNTST_general_error;
  if (e.readPins >= 128 || e.writePins >= 128) return GNTST_general_error;
  if (!ro && e.readonly) return GNTST_general_error;
  return GNTST_okay;
}

/** How often the interesting paths were taken (the property must not pass vacuously). */
const seen: { [what: string]: number } = {};
const saw = (what: string): void => { seen[what] = (seen[what] ?? 0) + 1; };

function run(ops: Op[], teardownByRemove: boolean, checkEach: boolean, xen: XenVersion = '4.3') {
  const trace = traceInit();
  const clock = { t: 0 };
  const ctx = makeCtx(trace, clock, xsm);
  const st = gnttabInit(xen);
  for (const d of DOMS) gnttabAddDomain(st, d, NR, MT);
  const handles: { [m: number]: number[] } = {};
  for (const op of ops) {
    clock.t += 1000;
    switch (op.k) {
      case 'grant': {
        const before = grantsInUse(st, op.d);
        const live = st.doms[op.d] !== undefined && !st.doms[op.d]!.dying;
        const r = grantForeignAccess(ctx, st, op.d, op.to, 7, op.ro);
        if (!live) expect(r).toBeLessThan(0);
        else if (before === grantCapacity(st, op.d)) expect(r).toBe(GNTTAB_ENOSPC);
        else expect(r).toBeGreaterThanOrEqual(8);
        break;
      }
      case 'mapg':
      case 'map': {
        let m = op.m;
        const g = op.g;
        let r: number;
        if (op.k === 'mapg') {
          // Aim at an existing grant, usually as its grantee, so successes and pin paths are exercised.
          const v = grantEntriesView(st, op.g);
          const e = v[op.pick % Math.max(1, v.length)];
          if (e !== undefined && op.asGrantee) m = e.domid;
          r = e?.ref ?? 8;
        } else r = op.ref;
        const want = expectedMap(st, m, g, r, op.ro);
        const res = mapGrantRef(ctx, st, m, g, r, op.ro);
        expect(res.status).toBe(want);
        saw(`map ${res.status}`);
        if (res.status === GNTST_okay) (handles[m] ??= []).push(res.handle);
        break;
      }
      case 'unmap': {
        const hs = handles[op.m] ?? [];
        if (hs.length === 0 || op.pick >= hs.length + 1) {
          expect(unmapGrantRef(ctx, st, op.m, 1000 + op.pick)).not.toBe(GNTST_okay);
        } else {
          const i = op.pick % hs.length;
          expect(unmapGrantRef(ctx, st, op.m, hs[i]!)).toBe(GNTST_okay);
          hs.splice(i, 1);
        }
        break;
      }
      case 'endg': {
        const v = grantEntriesView(st, op.d);
        saw(`end ${endForeignAccess(ctx, st, op.d, v[op.pick % Math.max(1, v.length)]?.ref ?? 8)}`);
        break;
      }
      case 'end': saw(`end ${endForeignAccess(ctx, st, op.d, op.ref)}`); break;
      case 'tick': if (gnttabTick(ctx, st) > 0) saw('tick freed'); break;
      case 'remove': if (gnttabRemoveDomain(ctx, st, op.d) > 0) saw('dying'); handles[op.d] = []; break;
      case 'add': if (st.doms[op.d] === undefined) gnttabAddDomain(st, op.d, NR, MT); break;
    }
    if (checkEach) expect(gnttabCheck(st)).toEqual([]);
    for (const d of Object.keys(st.doms).map(Number)) expect(mappingsHeld(st, d)).toBe(handles[d]?.length ?? 0);
  }
  // Tear everything down.
  if (teardownByRemove) {
    for (const d of Object.keys(st.doms).map(Number)) gnttabRemoveDomain(ctx, st, d);
    expect(Object.keys(st.doms)).toEqual([]);
  } else {
    for (const m of Object.keys(handles).map(Number)) {
      for (const h of handles[m]!) expect(unmapGrantRef(ctx, st, m, h)).toBe(GNTST_okay);
    }
    for (const d of Object.keys(st.doms).map(Number)) {
      for (const e of grantEntriesView(st, d)) if (!e.deferred) expect(endForeignAccess(ctx, st, d, e.ref)).toBe('freed');
    }
    for (let i = 0; i < 10 && st.deferredDoms.length > 0; i++) if (gnttabTick(ctx, st) > 0) saw('tick freed');
    for (const d of Object.keys(st.doms).map(Number)) {
      expect(st.doms[d]!.dying).toBe(false);
      expect(grantsInUse(st, d)).toBe(0);
      expect(deferredCount(st, d)).toBe(0);
      expect(mappingsHeld(st, d)).toBe(0);
      expect(foreignMappingsOf(st, d)).toBe(0);
      expect(grantEntriesView(st, d)).toEqual([]);
    }
  }
  expect(gnttabCheck(st)).toEqual([]);
  return { jsonl: traceToJsonl(trace.events), state: JSON.stringify(st) };
}

describe('gnttab properties', () => {
  it('invariants hold after every operation, statuses match the rules, teardown leaks nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 120, size: 'max' }), fc.boolean(), fc.constantFrom<XenVersion>('4.3', '4.19'),
        (ops, byRemove, xen) => { run(ops, byRemove, true, xen); }),
      { numRuns: 200 },
    );
    for (const what of ['map 0', 'map -1', 'map -2', 'map -3', 'map -7', 'map -8', 'map -13', 'end freed', 'end deferred', 'tick freed', 'dying']) {
      expect(seen[what] ?? 0, what).toBeGreaterThan(0);
    }
  });

  let traced = 0;
  it('the same sequence twice gives byte-identical traces and states', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80, size: 'max' }), fc.constantFrom<XenVersion>('4.3', '4.19'), (ops, xen) => {
        const a = run(ops, false, false, xen);
        const b = run(ops, false, false, xen);
        traced += a.jsonl.length;
        expect(b.jsonl).toBe(a.jsonl);
        expect(b.state).toBe(a.state);
      }),
      { numRuns: 100 },
    );
    expect(traced).toBeGreaterThan(0);
  });
});
