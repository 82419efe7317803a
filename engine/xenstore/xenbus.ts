/**
 * XenBus on top of the store (X `xen/include/public/io/xenbus.h`, libxl_device.c,
 * Linux xenbus_client.c): device directories, the `state` node and its names.
 */
import type { Ctx } from '../core/trace';
import type { XsResult, XsState } from './types';
import { xsMkdir, xsRead, xsRm, xsSetPerms, xsWrite } from './ops';
import { xsTransactionEnd, xsTransactionStart } from './transaction';

export const XenbusState = {
  Unknown: 0, Initialising: 1, InitWait: 2, Initialised: 3, Connected: 4,
  Closing: 5, Closed: 6, Reconfiguring: 7, Reconfigured: 8,
} as const;

const NAMES = ['Unknown', 'Initialising', 'InitWait', 'Initialised', 'Connected', 'Closing', 'Closed',
  'Reconfiguring', 'Reconfigured'];

export function xenbusStateName(n: number): string { return NAMES[n] ?? `Invalid(${n})`; }

export function frontendPath(fe: number, type: string, devid: number | string): string {
  return `/local/domain/${fe}/device/${type}/${devid}`;
}
export function backendPath(be: number, type: string, fe: number, devid: number | string): string {
  return `/local/domain/${be}/backend/${type}/${fe}/${devid}`;
}

/**
 * What the toolstack does to add a device (libxl__device_generic_add), in one
 * transaction: the frontend directory owned by the frontend with the backend granted
 * read, the backend directory the mirror image, cross links and `state` = Initialising
 * on both sides. The toolstack domain must be privileged (it sets other owners).
 */
export function xenbusCreateDevice(
  ctx: Ctx, xs: XsState, toolstackDom: number, fe: number, be: number, type: string, devid: number | string,
): XsResult<{ frontend: string; backend: string }> {
  const fp = frontendPath(fe, type, devid);
  const bp = backendPath(be, type, fe, devid);
  const st = xsTransactionStart(ctx, xs, toolstackDom);
  if (!st.ok) return st;
  const t = st.value;
  const d = toolstackDom;
  const init = String(XenbusState.Initialising);
  const steps: Array<() => XsResult<void>> = [
    () => xsMkdir(ctx, xs, d, fp, t),
    () => xsSetPerms(ctx, xs, d, fp, [{ id: fe, perm: 'n' }, { id: be, perm: 'r' }], t),
    () => xsMkdir(ctx, xs, d, bp, t),
    () => xsSetPerms(ctx, xs, d, bp, [{ id: be, perm: 'n' }, { id: fe, perm: 'r' }], t),
    () => xsWrite(ctx, xs, d, `${fp}/backend`, bp, t),
    () => xsWrite(ctx, xs, d, `${fp}/backend-id`, String(be), t),
    () => xsWrite(ctx, xs, d, `${fp}/state`, init, t),
    () => xsWrite(ctx, xs, d, `${bp}/frontend`, fp, t),
    () => xsWrite(ctx, xs, d, `${bp}/frontend-id`, String(fe), t),
    () => xsWrite(ctx, xs, d, `${bp}/state`, init, t),
  ];
  for (const step of steps) {
    const r = step();
    if (!r.ok) { xsTransactionEnd(ctx, xs, d, t, false); return r; }
  }
  const end = xsTransactionEnd(ctx, xs, d, t, true);
  if (!end.ok) return end;
  ctx.emit('xenbus', 'state', d, 'xenstore', { path: fp, state: 1, name: 'Initialising' });
  ctx.emit('xenbus', 'state', d, 'xenstore', { path: bp, state: 1, name: 'Initialising' });
  return { ok: true, value: { frontend: fp, backend: bp } };
}

/**
 * xenbus_switch_state: read `<dir>/state` (a vanished device is not resurrected:
 * the read's ENOENT/EACCES is returned), then write the new state.
 */
export function xenbusSwitchState(ctx: Ctx, xs: XsState, dom: number, dirPath: string, state: number): XsResult<void> {
  const path = `${dirPath}/state`;
  const cur = xsRead(ctx, xs, dom, path);
  if (!cur.ok) return cur;
  const w = xsWrite(ctx, xs, dom, path, String(state));
  if (!w.ok) return w;
  ctx.emit('xenbus', 'state', dom, 'xenstore', ctx.keep && { path: dirPath, state, name: xenbusStateName(state) });
  return w;
}

/** xenbus_read_driver_state: a missing or unparsable node reads as Unknown. No access check (inspector use). */
export function xenbusReadState(xs: XsState, dirPath: string): number {
  const n = xs.nodes.get(`${dirPath}/state`);
  if (!n || !/^[0-9]+$/.test(n.value)) return XenbusState.Unknown;
  return Number(n.value);
}

/** The toolstack removes both directories (after the device reached Closed). */
export function xenbusRemoveDevice(
  ctx: Ctx, xs: XsState, toolstackDom: number, fe: number, be: number, type: string, devid: number | string,
): XsResult<void> {
  const a = xsRm(ctx, xs, toolstackDom, frontendPath(fe, type, devid));
  const b = xsRm(ctx, xs, toolstackDom, backendPath(be, type, fe, devid));
  return a.ok ? b : a;
}
