/**
 * The home libxl writes for a new domain before XS_INTRODUCE (libxl__domain_make; 4.3
 * `tools/libxl/libxl_create.c`, now `tools/libs/light/libxl_create.c`), in one
 * transaction retried on EAGAIN, as the (privileged) toolstack domain:
 *
 *   /local/domain/<d>, /vm/<uuid>        {n0, r<d>}: dom0 owns them, the guest may read
 *     cpu, memory, device, control       {n0, r<d>} (created inside the home, so inherited)
 *     vm, name, domid; /vm/<uuid>/uuid, name   values, same perms
 *   /libxl/<d>                           {n0}
 *   guest-owned {n<d>}: data, control/shutdown, device/suspend/event-channel, and on 4.19
 *     also control/feature-{poweroff,reboot,suspend}, control/sysrq, drivers, feature,
 *     attr, error.
 *
 * So the guest cannot create nodes directly under its home, only inside those subtrees
 * (and in device directories the toolstack gives it). PV guest; no HVM extras.
 */
import type { Ctx } from '../core/trace';
import { sortedIndex, type XsPerm, type XsResult, type XsState } from './types';
import { xsMkdir, xsSetPerms, xsWrite } from './ops';
import { xsTransactionEnd, xsTransactionStart } from './transaction';

/** A stable made-up UUID per domid (the model has no real ones). */
export function xsVmUuid(dom: number): string {
  return `00000000-0000-0000-0000-${dom.toString(16).padStart(12, '0')}`;
}

/** The paths libxl removes when the domain goes: its home, its /vm node, its /libxl node. */
export function homePaths(dom: number): string[] {
  return [`/local/domain/${dom}`, `/vm/${xsVmUuid(dom)}`, `/libxl/${dom}`];
}

/** Guest-owned subtrees of the home, by version (relative to /local/domain/<d>). */
export function guestWritable(xs: XsState): string[] {
  const base = ['control/shutdown', 'device/suspend/event-channel', 'data'];
  if (xs.xen === '4.3') return base;
  return [...base, 'control/feature-poweroff', 'control/feature-reboot', 'control/feature-suspend', 'control/sysrq',
    'drivers', 'feature', 'attr', 'error'];
}

/**
 * Write domain `dom`'s home as libxl does, as `toolstack` (which must be privileged).
 * Returns the home and /vm paths, or the first errno (the transaction is then aborted).
 */
export function xsLibxlCreateHome(
  ctx: Ctx, xs: XsState, toolstack: number, dom: number, name = `dom${dom}`,
): XsResult<{ home: string; vm: string }> {
  const home = `/local/domain/${dom}`;
  const uuid = xsVmUuid(dom);
  const vm = `/vm/${uuid}`;
  // The domain exists in Xen from now on, so ACL entries may name it before it is introduced.
  if (xs.domains[sortedIndex(xs.domains, dom)] !== dom && !(xs.creating ?? []).includes(dom)) {
    xs.creating = [...(xs.creating ?? []), dom].sort((a, b) => a - b);
  }
  const ro: XsPerm[] = [{ id: toolstack, perm: 'n' }, { id: dom, perm: 'r' }];
  const rw: XsPerm[] = [{ id: dom, perm: 'n' }];
  for (let attempt = 0; ; attempt++) {
    const st = xsTransactionStart(ctx, xs, toolstack);
    if (!st.ok) return st;
    const t = st.value;
    const steps: Array<() => XsResult<void>> = [
      () => xsMkdir(ctx, xs, toolstack, home, t),
      () => xsSetPerms(ctx, xs, toolstack, home, ro, t),
      () => xsMkdir(ctx, xs, toolstack, vm, t),
      () => xsSetPerms(ctx, xs, toolstack, vm, ro, t),
      () => xsWrite(ctx, xs, toolstack, `${home}/vm`, vm, t),
      () => xsWrite(ctx, xs, toolstack, `${home}/name`, name, t),
      () => xsWrite(ctx, xs, toolstack, `${home}/domid`, String(dom), t),
      () => xsWrite(ctx, xs, toolstack, `${vm}/uuid`, uuid, t),
      () => xsWrite(ctx, xs, toolstack, `${vm}/name`, name, t),
      () => xsMkdir(ctx, xs, toolstack, `/libxl/${dom}`, t),
      () => xsSetPerms(ctx, xs, toolstack, `/libxl/${dom}`, [{ id: toolstack, perm: 'n' }], t),
      ...['cpu', 'memory', 'device', 'control'].map((d) => () => xsMkdir(ctx, xs, toolstack, `${home}/${d}`, t)),
      ...guestWritable(xs).flatMap((d) => [
        () => xsMkdir(ctx, xs, toolstack, `${home}/${d}`, t),
        () => xsSetPerms(ctx, xs, toolstack, `${home}/${d}`, rw, t),
      ]),
    ];
    let failed: XsResult<void> | null = null;
    for (const step of steps) {
      const r = step();
      if (!r.ok) { failed = r; break; }
    }
    if (failed && !failed.ok) { xsTransactionEnd(ctx, xs, toolstack, t, false); return failed; }
    const end = xsTransactionEnd(ctx, xs, toolstack, t, true);
    if (end.ok) return { ok: true, value: { home, vm } };
    if (end.err !== 'EAGAIN' || attempt >= 4) return end;
  }
}
