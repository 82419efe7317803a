/** Grant-table behaviour that differs between Xen 4.3 and 4.19 (xen-model.md "Versions", section 1). */
import { describe, expect, it } from 'vitest';
import { limitsFor } from '../core/limits';
import { makeCtx, traceInit } from '../core/trace';
import type { XenVersion } from '../core/xen';
import {
  GNTST_no_device_space, GNTST_no_space, GNTST_okay, GNTTAB_ENOSPC, gnttabAddDomain, gnttabCheck, gnttabInit,
  grantCapacity, grantFrames, grantForeignAccess, mapGrantRef, unmapGrantRef,
} from './index';

function setup(xen: XenVersion, nr?: number, mt?: number) {
  const trace = traceInit();
  const ctx = makeCtx(trace, { t: 0 });
  const st = gnttabInit(xen);
  for (const d of [1, 2]) gnttabAddDomain(st, d, nr, mt);
  return { trace, ctx, st };
}

describe('grant frames by version', () => {
  it('4.3 starts at 4 frames of 32, grows one frame per setup_table, stops at 16384 entries', () => {
    const { ctx, st, trace } = setup('4.3');
    expect(grantFrames(st, 1)).toEqual({ nrFrames: 4, maxNrFrames: 32 });
    expect(grantCapacity(st, 1)).toBe(32 * 512 - 8);
    for (let i = 0; i < 4 * 512 - 8; i++) expect(grantForeignAccess(ctx, st, 1, 2, i, false)).toBeGreaterThan(0);
    expect(trace.events.some((e) => e.op === 'GNTTABOP_setup_table')).toBe(false);
    expect(grantForeignAccess(ctx, st, 1, 2, 0, false)).toBe(4 * 512);
    expect(trace.events.filter((e) => e.op === 'GNTTABOP_setup_table').map((e) => e.detail))
      .toEqual([expect.objectContaining({ nrFrames: 5, maxNrFrames: 32, status: 0 })]);
    expect(grantFrames(st, 1)).toEqual({ nrFrames: 5, maxNrFrames: 32 });
    while (grantForeignAccess(ctx, st, 1, 2, 0, false) > 0);
    expect(grantFrames(st, 1)).toEqual({ nrFrames: 32, maxNrFrames: 32 });
    expect(grantForeignAccess(ctx, st, 1, 2, 0, false)).toBe(GNTTAB_ENOSPC);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('4.19 starts at 1 frame of 64 and reaches 32768 entries', () => {
    const { ctx, st } = setup('4.19');
    expect(grantFrames(st, 1)).toEqual({ nrFrames: 1, maxNrFrames: 64 });
    for (let i = 0; i < 512 - 8; i++) grantForeignAccess(ctx, st, 1, 2, i, false);
    expect(grantFrames(st, 1)!.nrFrames).toBe(1);
    grantForeignAccess(ctx, st, 1, 2, 0, false);
    expect(grantFrames(st, 1)!.nrFrames).toBe(2);
    let n = 512 - 7;
    while (grantForeignAccess(ctx, st, 1, 2, 0, false) > 0) n++;
    expect(n).toBe(64 * 512 - 8);
    expect(grantFrames(st, 1)).toEqual({ nrFrames: 64, maxNrFrames: 64 });
  });

  it('a map of a ref beyond the granter\'s current size is bad_gntref even below its maximum', () => {
    const { ctx, st } = setup('4.19');
    const r = grantForeignAccess(ctx, st, 1, 2, 7, false);
    expect(mapGrantRef(ctx, st, 2, 1, r, false).status).toBe(GNTST_okay);
    expect(mapGrantRef(ctx, st, 2, 1, 600, false).status).toBe(-3);
  });

  it('limitsFor gives each version\'s defaults', () => {
    expect(limitsFor('4.3')).toMatchObject({ grantEntries: 16384, maptrackEntries: 131072, eventChannels: 4096 });
    expect(limitsFor('4.19')).toMatchObject({ grantEntries: 32768, maptrackEntries: 262144, eventChannels: 1024 });
  });
});

describe('maptrack by version', () => {
  it('full maptrack: 4.3 GNTST_no_device_space, 4.19 GNTST_no_space', () => {
    for (const [xen, want] of [['4.3', GNTST_no_device_space], ['4.19', GNTST_no_space]] as const) {
      const { ctx, st, trace } = setup(xen, 64, 2);
      const refs = [0, 1, 2].map((i) => grantForeignAccess(ctx, st, 1, 2, i, false));
      expect(mapGrantRef(ctx, st, 2, 1, refs[0]!, false).status).toBe(GNTST_okay);
      expect(mapGrantRef(ctx, st, 2, 1, refs[1]!, false).status).toBe(GNTST_okay);
      expect(mapGrantRef(ctx, st, 2, 1, refs[2]!, false).status).toBe(want);
      expect(trace.events.at(-1)!.detail).toMatchObject({ status: want });
    }
  });

  it('freed handles: 4.3 reuses the last freed first (LIFO), 4.19 queues them behind fresh ones (FIFO)', () => {
    const order = (xen: XenVersion): number[] => {
      const { ctx, st } = setup(xen, 64, 1000);
      const refs = [0, 1, 2, 3, 4].map((i) => grantForeignAccess(ctx, st, 1, 2, i, false));
      const h = refs.slice(0, 3).map((r) => mapGrantRef(ctx, st, 2, 1, r, true).handle);
      expect(h).toEqual([0, 1, 2]);
      unmapGrantRef(ctx, st, 2, 0);
      unmapGrantRef(ctx, st, 2, 1);
      const again = refs.map((r) => mapGrantRef(ctx, st, 2, 1, r, true).handle);
      expect(gnttabCheck(st)).toEqual([]);
      return again;
    };
    expect(order('4.3')).toEqual([1, 0, 3, 4, 5]);
    // 4.19: a maptrack frame's 256 fresh handles come first, then the freed ones in freeing order.
    expect(order('4.19')).toEqual([3, 4, 5, 6, 7]);
  });

  it('4.19 hands out freed handles in the order they were freed once the fresh ones are used up', () => {
    const { ctx, st } = setup('4.19', 64, 4);
    const refs = [0, 1, 2, 3].map((i) => grantForeignAccess(ctx, st, 1, 2, i, false));
    const h = refs.map((r) => mapGrantRef(ctx, st, 2, 1, r, true).handle);
    expect(h).toEqual([0, 1, 2, 3]);
    unmapGrantRef(ctx, st, 2, 2);
    unmapGrantRef(ctx, st, 2, 0);
    expect(mapGrantRef(ctx, st, 2, 1, refs[0]!, true).handle).toBe(2);
    expect(mapGrantRef(ctx, st, 2, 1, refs[1]!, true).handle).toBe(0);
    expect(gnttabCheck(st)).toEqual([]);
  });

  it('defaults to 4.3 when no version is given', () => {
    expect(gnttabInit().xen).toBe('4.3');
  });
});
