/** Shared set-up for the xenstore tests (not a test file itself). */
import { makeCtx, traceInit, type Ctx, type TraceState } from '../core/trace';
import { xsInit, type XsState } from './types';
import { xsIntroduceDomain, xsTakeWatchEvents } from './watch';

export interface World { ctx: Ctx; xs: XsState; trace: TraceState; clock: { t: number } }

/** dom0 privileged; guests 1, 2, 3 introduced; events from set-up drained. */
export function world(limits: Partial<{ nodes: number; watches: number; transactions: number }> = {}, guests = [1, 2, 3]): World {
  const trace = traceInit();
  const clock = { t: 0 };
  const ctx = makeCtx(trace, clock);
  const xs = xsInit({ privileged: [0], nodes: 1000, watches: 128, transactions: 10, ...limits });
  for (const g of guests) xsIntroduceDomain(ctx, xs, g);
  xsTakeWatchEvents(xs);
  return { ctx, xs, trace, clock };
}
