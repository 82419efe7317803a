import { describe, expect, it } from 'vitest';
import { makeCtx, traceInit } from '../core/trace';
import type { XsmHook } from '../core/trace';
import {
  GNTST_bad_domain, GNTST_bad_gntref, GNTST_bad_handle, GNTST_general_error, GNTST_no_device_space, GNTST_okay,
  GNTST_permission_denied, GTF_permit_access, GTF_reading, GTF_readonly, GTF_writing, GNTTAB_ENOSPC,
  deferredCount, endForeignAccess, foreignMappingsOf, gnttabAddDomain, gnttabCheck, gnttabInit, gnttabIsDying,
  gnttabRemoveDomain, gnttabTick, grantCapacity, grantEntriesView, grantForeignAccess, grantsInUse, gntstName,
  mapGrantRef, mappingsHeld, unmapGrantRef,
} from './index';

function setup(opts: { nr?: number; mt?: number; xsm?: (h: XsmHook, s: number, d: number) => boolean } = {}) {
  const trace = traceInit();
  const clock = { t: 0 };
  const ctx = makeCtx(trace, clock, opts.xsm);
  const st = gnttabInit();
  for (const d of [1, 2, 3]) gnttabAddDomain(st, d, opts.nr ?? 8 + 32, opts.mt ?? 64);
  return { trace, ctx, st, clock };
}
const flagsOf = (st: ReturnType<typeof setup>['st'], d: number, ref: number) =>
  grantEntriesView(st, d).find((e) => e.ref === ref)?.flags ?? 0;

describe('grantForeignAccess', () => {
  it('hands out refs from 8 upward and reuses the most recently freed first', () => {
    const { ctx, st, trace } = setup();
    const refs = [0, 1, 2].map(() => grantForeignAccess(ctx, st, 1, 2, 100, false));
    expect(refs).toEqual([8, 9, 10]);
    expect(endForeignAccess(ctx, st, 1, 8)).toBe('freed');
    expect(endForeignAccess(ctx, st, 1, 10)).toBe('freed');
    expect(grantForeignAccess(ctx, st, 1, 2, 101, true)).toBe(10);
    expect(grantForeignAccess(ctx, st, 1, 2, 102, true)).toBe(8);
    expect(grantForeignAccess(ctx, st, 1, 2, 103, true)).toBe(11);
    expect(grantsInUse(st, 1)).toBe(4);
    const ev = trace.events.find((e) => e.op === 'grant_foreign_access')!;
    expect(ev).toMatchObject({ kind: 'gnttab', src: 1, dst: 2, detail: { ref: 8, frame: 100, readonly: false } });
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('returns -ENOSPC at capacity and emits exhausted', () => {
    const { ctx, st, trace } = setup({ nr: 8 + 3 });
    expect(grantCapacity(st, 1)).toBe(3);
    for (let i = 0; i < 3; i++) expect(grantForeignAccess(ctx, st, 1, 2, i, false)).toBeGreaterThanOrEqual(8);
    expect(grantForeignAccess(ctx, st, 1, 2, 9, false)).toBe(GNTTAB_ENOSPC);
    expect(trace.events.at(-1)).toMatchObject({ kind: 'gnttab', op: 'exhausted', detail: { inUse: 3, capacity: 3 } });
    expect(endForeignAccess(ctx, st, 1, 9)).toBe('freed');
    expect(grantForeignAccess(ctx, st, 1, 2, 9, false)).toBe(9);
    expect(gnttabCheck(st)).toEqual([]);
  });
});

describe('mapGrantRef / unmapGrantRef', () => {
  it('maps writable: sets reading+writing, pins, returns a handle; unmap clears', () => {
    const { ctx, st, trace } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    const r = mapGrantRef(ctx, st, 2, 1, ref, false);
    expect(r).toEqual({ status: GNTST_okay, handle: 0 });
    expect(flagsOf(st, 1, ref)).toBe(GTF_permit_access | GTF_reading | GTF_writing);
    expect(mappingsHeld(st, 2)).toBe(1);
    expect(foreignMappingsOf(st, 1)).toBe(1);
    expect(trace.events.at(-1)).toMatchObject({
      kind: 'hypercall', op: 'GNTTABOP_map_grant_ref', src: 2, dst: 'xen',
      detail: { dom: 1, ref, status: 0, statusName: 'GNTST_okay', handle: 0 },
    });
    expect(gnttabCheck(st)).toEqual([]);
    expect(unmapGrantRef(ctx, st, 2, r.handle)).toBe(GNTST_okay);
    expect(flagsOf(st, 1, ref)).toBe(GTF_permit_access);
    expect(mappingsHeld(st, 2)).toBe(0);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('keeps GTF_reading while read pins remain after the writable map goes', () => {
    const { ctx, st } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    const w = mapGrantRef(ctx, st, 2, 1, ref, false);
    const ro = mapGrantRef(ctx, st, 2, 1, ref, true);
    expect(ro.status).toBe(GNTST_okay);
    unmapGrantRef(ctx, st, 2, w.handle);
    expect(flagsOf(st, 1, ref)).toBe(GTF_permit_access | GTF_reading);
    unmapGrantRef(ctx, st, 2, ro.handle);
    expect(flagsOf(st, 1, ref)).toBe(GTF_permit_access);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('bad grant ref: ref >= nr is bad_gntref; reserved / never granted is general_error', () => {
    const { ctx, st } = setup({ nr: 16 });
    expect(mapGrantRef(ctx, st, 2, 1, 16, true).status).toBe(GNTST_bad_gntref);
    expect(mapGrantRef(ctx, st, 2, 1, -1, true).status).toBe(GNTST_bad_gntref);
    expect(mapGrantRef(ctx, st, 2, 1, 3, true).status).toBe(GNTST_general_error);
    expect(mapGrantRef(ctx, st, 2, 1, 12, true)).toEqual({ status: GNTST_general_error, handle: -1 });
    expect(mappingsHeld(st, 2)).toBe(0);
  });

  it('a grant not permitted to the mapper is general_error', () => {
    const { ctx, st } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    expect(mapGrantRef(ctx, st, 3, 1, ref, true).status).toBe(GNTST_general_error);
    mapGrantRef(ctx, st, 2, 1, ref, true);
    expect(mapGrantRef(ctx, st, 3, 1, ref, true).status).toBe(GNTST_general_error); // pinned by another
    expect(mappingsHeld(st, 3)).toBe(0);
  });

  it('a write map of a readonly grant is general_error, even when already read-mapped', () => {
    const { ctx, st } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, true);
    expect(flagsOf(st, 1, ref)).toBe(GTF_permit_access | GTF_readonly);
    expect(mapGrantRef(ctx, st, 2, 1, ref, false).status).toBe(GNTST_general_error);
    expect(mapGrantRef(ctx, st, 2, 1, ref, true).status).toBe(GNTST_okay);
    expect(mapGrantRef(ctx, st, 2, 1, ref, false).status).toBe(GNTST_general_error);
    expect(flagsOf(st, 1, ref) & GTF_writing).toBe(0);
  });

  it('unknown granter is bad_domain, XSM refusal is permission_denied, full maptrack is 4.3\'s no_device_space (in that order)', () => {
    const deny = (h: XsmHook, s: number, d: number) => !(h === 'grant_mapref' && s === 3 && d === 1);
    const { ctx, st, trace } = setup({ xsm: deny, mt: 1 });
    const ref = grantForeignAccess(ctx, st, 1, 3, 7, false);
    expect(mapGrantRef(ctx, st, 3, 99, ref, false).status).toBe(GNTST_bad_domain);
    expect(mapGrantRef(ctx, st, 3, 1, ref, false).status).toBe(GNTST_permission_denied);
    expect(mapGrantRef(ctx, st, 3, 1, 9999, false).status).toBe(GNTST_permission_denied); // XSM before ref check
    expect(trace.events.at(-1)!.detail).toMatchObject({ statusName: 'GNTST_permission_denied' });
    const r2 = grantForeignAccess(ctx, st, 1, 2, 8, false);
    expect(mapGrantRef(ctx, st, 2, 1, r2, false).status).toBe(GNTST_okay);
    expect(mapGrantRef(ctx, st, 2, 1, r2, false).status).toBe(GNTST_no_device_space);
    expect(mapGrantRef(ctx, st, 2, 1, 9999, false).status).toBe(GNTST_no_device_space); // maptrack before bad_gntref
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('refuses a further pin once a pin counter reaches 128', () => {
    const { ctx, st } = setup({ mt: 1000 });
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    for (let i = 0; i < 128; i++) expect(mapGrantRef(ctx, st, 2, 1, ref, true).status).toBe(GNTST_okay);
    expect(mapGrantRef(ctx, st, 2, 1, ref, true).status).toBe(GNTST_general_error);
    expect(mapGrantRef(ctx, st, 2, 1, ref, false).status).toBe(GNTST_general_error);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('double unmap and unknown handles are bad_handle', () => {
    const { ctx, st } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    const { handle } = mapGrantRef(ctx, st, 2, 1, ref, false);
    expect(unmapGrantRef(ctx, st, 2, handle)).toBe(GNTST_okay);
    expect(unmapGrantRef(ctx, st, 2, handle)).toBe(GNTST_bad_handle);
    expect(unmapGrantRef(ctx, st, 2, 5)).toBe(GNTST_bad_handle);
    expect(unmapGrantRef(ctx, st, 3, handle)).toBe(GNTST_bad_handle);
    expect(gntstName(GNTST_bad_handle)).toBe('GNTST_bad_handle');
    expect(gnttabCheck(st)).toEqual([]);
  });
});

describe('endForeignAccess and the deferred list', () => {
  it('is deferred while mapped, retried by ticks, freed after the unmap', () => {
    const { ctx, st, trace } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    const { handle } = mapGrantRef(ctx, st, 2, 1, ref, false);
    expect(endForeignAccess(ctx, st, 1, ref)).toBe('deferred');
    expect(trace.events.at(-1)).toMatchObject({ op: 'end_foreign_access_deferred', detail: { ref, writing: true } });
    expect(endForeignAccess(ctx, st, 1, ref)).toBe('invalid'); // already ended
    expect(gnttabTick(ctx, st)).toBe(0);
    expect(grantsInUse(st, 1)).toBe(1);
    expect(deferredCount(st, 1)).toBe(1);
    expect(gnttabCheck(st)).toEqual([]);
    // Xen never revokes a live mapping; the entry is still granted and mappable.
    expect(mapGrantRef(ctx, st, 2, 1, ref, true).status).toBe(GNTST_okay);
    unmapGrantRef(ctx, st, 2, handle);
    unmapGrantRef(ctx, st, 2, 1);
    expect(gnttabTick(ctx, st)).toBe(1);
    expect(grantsInUse(st, 1)).toBe(0);
    expect(st.deferredDoms).toEqual([]);
    expect(trace.events.at(-1)).toMatchObject({ op: 'deferred_free', detail: { ref, result: 'freed' } });
    expect(grantForeignAccess(ctx, st, 1, 2, 8, false)).toBe(ref);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('retries at most 10 entries per domain per tick', () => {
    const { ctx, st } = setup({ mt: 100 });
    const handles: number[] = [];
    for (let i = 0; i < 15; i++) {
      const ref = grantForeignAccess(ctx, st, 1, 2, i, false);
      handles.push(mapGrantRef(ctx, st, 2, 1, ref, false).handle);
      expect(endForeignAccess(ctx, st, 1, ref)).toBe('deferred');
    }
    for (const h of handles) unmapGrantRef(ctx, st, 2, h);
    expect(gnttabTick(ctx, st)).toBe(10);
    expect(gnttabCheck(st)).toEqual([]);
    expect(gnttabTick(ctx, st)).toBe(5);
    expect(grantsInUse(st, 1)).toBe(0);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('warns "still pending" after 60 failed retries', () => {
    const { ctx, st, trace } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    mapGrantRef(ctx, st, 2, 1, ref, true);
    endForeignAccess(ctx, st, 1, ref);
    for (let i = 0; i < 59; i++) gnttabTick(ctx, st);
    expect(trace.events.some((e) => e.op === 'deferred_free')).toBe(false);
    gnttabTick(ctx, st);
    expect(trace.events.at(-1)).toMatchObject({ op: 'deferred_free', detail: { result: 'still_pending', retries: 60 } });
  });

  it('reserved, never granted and unknown-domain refs are invalid', () => {
    const { ctx, st } = setup();
    expect(endForeignAccess(ctx, st, 1, 1)).toBe('invalid');
    expect(endForeignAccess(ctx, st, 1, 8)).toBe('invalid');
    expect(endForeignAccess(ctx, st, 42, 8)).toBe('invalid');
  });
});

describe('gnttabRemoveDomain', () => {
  it('a dying mapper releases its mappings (granter entries unpinned, deferred ones freed next tick)', () => {
    const { ctx, st, trace } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    mapGrantRef(ctx, st, 2, 1, ref, false);
    endForeignAccess(ctx, st, 1, ref);
    expect(gnttabRemoveDomain(ctx, st, 2)).toBe(0);
    expect(st.doms[2]).toBeUndefined();
    expect(flagsOf(st, 1, ref)).toBe(GTF_permit_access);
    expect(trace.events.filter((e) => e.op === 'release_mapping')).toHaveLength(1);
    expect(gnttabCheck(st)).toEqual([]);
    expect(gnttabTick(ctx, st)).toBe(1);
    expect(grantsInUse(st, 1)).toBe(0);
  });

  it('a granter whose pages are still mapped lingers dying until the last unmap', () => {
    const { ctx, st, trace } = setup();
    const a = grantForeignAccess(ctx, st, 1, 2, 7, false);
    grantForeignAccess(ctx, st, 1, 2, 8, false); // unmapped: goes with the table
    const h1 = mapGrantRef(ctx, st, 2, 1, a, false).handle;
    const h2 = mapGrantRef(ctx, st, 2, 1, a, true).handle;
    const own = grantForeignAccess(ctx, st, 2, 1, 9, false);
    mapGrantRef(ctx, st, 1, 2, own, false); // held by the dying domain: released first
    expect(gnttabRemoveDomain(ctx, st, 1)).toBe(2);
    expect(gnttabIsDying(st, 1)).toBe(true);
    expect(foreignMappingsOf(st, 1)).toBe(2);
    expect(grantsInUse(st, 1)).toBe(1);
    expect(mappingsHeld(st, 1)).toBe(0);
    expect(flagsOf(st, 2, own)).toBe(GTF_permit_access);
    expect(gnttabCheck(st)).toEqual([]);
    expect(mapGrantRef(ctx, st, 2, 1, a, true).status).toBe(GNTST_bad_domain);
    expect(grantForeignAccess(ctx, st, 1, 2, 1, false)).toBeLessThan(0);
    unmapGrantRef(ctx, st, 2, h1);
    expect(st.doms[1]).toBeDefined();
    unmapGrantRef(ctx, st, 2, h2);
    expect(st.doms[1]).toBeUndefined();
    expect(trace.events.at(-1)).toMatchObject({ op: 'table_released', src: 1 });
    expect(gnttabCheck(st)).toEqual([]);
  });
});

describe('gnttabCheck detects corruption', () => {
  it('reports a pin without a handle, a bad count and a ref both free and granted', () => {
    const { ctx, st } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    const t = st.doms[1]!;
    t.rpin[ref] = 1;
    expect(gnttabCheck(st).join('\n')).toMatch(/pins r1\/w0 but handles r0\/w0/);
    t.rpin[ref] = 0;
    t.inUse = 5;
    expect(gnttabCheck(st).join('\n')).toMatch(/inUse 5/);
    t.inUse = 1;
    t.free.push(ref);
    expect(gnttabCheck(st).join('\n')).toMatch(/both free and granted/);
  });

  it('state survives structuredClone (snapshots), entry and maptrack columns included', () => {
    const { ctx, st } = setup();
    const ref = grantForeignAccess(ctx, st, 1, 2, 7, false);
    mapGrantRef(ctx, st, 2, 1, ref, false);
    endForeignAccess(ctx, st, 1, ref);
    const c = structuredClone(st);
    expect(c).toEqual(st);
    expect([c.doms[1]!.flags, c.doms[2]!.mtDom]).toEqual([expect.any(Int32Array), expect.any(Int32Array)]);
    expect(gnttabCheck(c)).toEqual([]);
  });
});
