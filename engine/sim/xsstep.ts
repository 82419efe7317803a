/**
 * The `xenstore` step: a program in a domain talks to xenstored directly, with that
 * domain's permissions (engine/xenstore does the checking). Its request and xenstored's
 * reply are the store's own trace events; the answer as the program sees it (`OK` or the
 * errno) follows as a `xenstore-answer` event, and named steps are listed in the report.
 * Watch events fire as `XS_WATCH_EVENT`s to the step's domain.
 */
import type { XenstoreStep } from '../scenario';
import {
  xsGetPerms, xsMkdir, xsRead, xsRm, xsSetPerms, xsTransactionEnd, xsTransactionStart, xsUnwatch, xsWatch, xsWrite,
  type XsPerm, type XsPermLetter, type XsResult,
} from '../xenstore';
import { ctxOf, emit, requireUp } from './sys';
import type { SimState, XsStepsState } from './types';

/** A watch token of a scenario program (kept apart from the transports' own tokens). */
export function appToken(step: XenstoreStep): string {
  return `app:${step.value ?? step.path ?? ''}`;
}

function parsePerms(perms: readonly string[]): XsPerm[] {
  return perms.map((p) => ({ perm: p[0] as XsPermLetter, id: Number(p.slice(1)) }));
}

function stepsState(st: SimState): XsStepsState {
  return (st.xsSteps ??= { tx: {}, answers: [] });
}

/** Run one request; returns xenstored's answer. */
function request(st: SimState, step: XenstoreStep, xs: XsStepsState): XsResult<unknown> {
  const ctx = ctxOf(st);
  const dom = step.dom;
  const path = step.path ?? '';
  // A transaction whose start failed has no id: xenstored knows no such transaction.
  const tx = step.tx === undefined ? 0 : (xs.tx[step.tx] ?? -1);
  switch (step.action) {
    case 'read': return xsRead(ctx, st.xs, dom, path, tx);
    case 'write': return xsWrite(ctx, st.xs, dom, path, step.value ?? '', tx);
    case 'mkdir': return xsMkdir(ctx, st.xs, dom, path, tx);
    case 'rm': return xsRm(ctx, st.xs, dom, path, tx);
    case 'get-perms': return xsGetPerms(ctx, st.xs, dom, path, tx);
    case 'set-perms': return xsSetPerms(ctx, st.xs, dom, path, parsePerms(step.perms ?? []), tx);
    case 'watch': return xsWatch(ctx, st.xs, dom, path, appToken(step));
    case 'unwatch': return xsUnwatch(ctx, st.xs, dom, path, appToken(step));
    case 'transaction-start': {
      const r = xsTransactionStart(ctx, st.xs, dom);
      xs.tx[step.as!] = r.ok ? r.value : -1;
      return r;
    }
    case 'transaction-end': return xsTransactionEnd(ctx, st.xs, dom, tx, step.commit ?? true);
  }
}

/** What the program sees of a successful answer (reads and permission lists). */
function shown(step: XenstoreStep, value: unknown): string | string[] | undefined {
  if (step.action === 'read') return value as string;
  if (step.action === 'get-perms') return (value as XsPerm[]).map((p) => p.perm + p.id);
  return undefined;
}

export function xenstoreStep(st: SimState, step: XenstoreStep, index: number): void {
  const xs = stepsState(st);
  if (!requireUp(st, 'xenstore', step.dom)) {
    if (step.as !== undefined) xs.answers.push({ name: step.as, result: 'not-run' });
    return;
  }
  const r = request(st, step, xs);
  const result = r.ok ? 'OK' : r.err;
  const value = r.ok ? shown(step, r.value) : undefined;
  emit(st, 'toolstack', 'xenstore-answer', 'xenstore', step.dom, {
    step: index, dom: step.dom, action: step.action, path: step.path ?? null, result,
    ...(value === undefined ? {} : { value }), ...(step.as === undefined ? {} : { name: step.as }),
  });
  if (step.as !== undefined) xs.answers.push({ name: step.as, result, ...(value === undefined ? {} : { value }) });
}
