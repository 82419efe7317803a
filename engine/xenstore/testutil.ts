/** Shared set-up for the xenstore tests (not a test file itself). */
import { makeCtx, traceInit, type Ctx, type TraceState } from '../core/trace';
import type { XenVersion } from '../core/xen';
import { xsInit, type XsState } from './types';
import { xsIntroduceDomain, xsTakeWatchEvents } from './watch';
import { xsMkdir, xsSetPerms } from './ops';
import { xsLibxlCreateHome } from './libxl';

export interface World { ctx: Ctx; xs: XsState; trace: TraceState; clock: { t: number } }

export interface WorldOpts {
  xen?: XenVersion;
  /** 'owned' (default): dom0 hands each guest its whole home {n<g>}, so node tests can write anywhere in it; 'libxl': the real layout. */
  home?: 'owned' | 'libxl';
}

/**
 * dom0 privileged; guests 1, 2, 3 introduced (each with a home); events from set-up
 * drained. The node-semantics tests use 4.19 (today's xenstored) unless they say otherwise.
 */
export function world(
  limits: Partial<{ nodes: number; watches: number; transactions: number }> = {}, guests = [1, 2, 3], opts: WorldOpts = {},
): World {
  const trace = traceInit();
  const clock = { t: 0 };
  const ctx = makeCtx(trace, clock);
  const xs = xsInit({ privileged: [0], nodes: 1000, watches: 128, transactions: 10, xen: opts.xen ?? '4.19', ...limits });
  for (const g of guests) {
    if (opts.home === 'libxl') xsLibxlCreateHome(ctx, xs, 0, g);
    xsIntroduceDomain(ctx, xs, g);
    if (opts.home !== 'libxl') {
      xsMkdir(ctx, xs, 0, `/local/domain/${g}`);
      xsSetPerms(ctx, xs, 0, `/local/domain/${g}`, [{ id: g, perm: 'n' }]);
    }
  }
  xsTakeWatchEvents(xs);
  return { ctx, xs, trace, clock };
}

/** A state as JSON text, Maps and Sets written out as their entries (for byte-for-byte comparisons). */
export function xsJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v));
}
