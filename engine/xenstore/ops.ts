/**
 * The node requests: READ, WRITE, MKDIR, RM, DIRECTORY, GET_PERMS, SET_PERMS.
 * Each emits its request event on success, or XS_ERROR {type, err, path} on failure
 * (src = requesting domain, dst = 'xenstore' in both cases).
 */
import type { Ctx, XsPathDetail, XsRequest } from '../core/trace';
import { DOMID_MAX } from '../core/limits';
import {
  type XsPerm, type XsResult, type XsState,
  NO_CHILDREN, canRead, canWrite, clonePerms, cloneNode, internPerms, domExists, isLive, isPrivileged, nodeTooBig, parentOf, permsToStrings, resolvePath,
  utf8Len,
} from './types';
import { type Tx, accessNode, createNode, fail, getNode, missingErr, putNode, recordChange, removeSubtree } from './tree';

type Begun = { ok: true; path: string; t: Tx; detail: XsPathDetail } | { ok: false; err: string };

/**
 * Common request prologue: the domain must be connected (introduced or privileged,
 * else EPERM), the transaction must be its own (else ENOENT, like transaction_lookup),
 * the payload must fit (E2BIG) and the path must be valid (EINVAL).
 */
export function begin(
  ctx: Ctx, xs: XsState, dom: number, type: XsRequest, path: string, tx: number, extraBytes = 0,
): Begun {
  // The detail of a refusal names the path as given; it is built only for one.
  const given = (): XsPathDetail => (tx ? { path: String(path), tx } : { path: String(path) });
  if (!isLive(xs, dom)) return fail(ctx, xs, dom, type, 'EPERM', given());
  let t: Tx;
  if (tx !== 0) {
    t = xs.transactions[String(tx)];
    if (!t || t.dom !== dom) return fail(ctx, xs, dom, type, 'ENOENT', given());
  }
  if (typeof path === 'string' && utf8Len(path) + 1 + extraBytes > xs.limits.payloadBytes) {
    return fail(ctx, xs, dom, type, 'E2BIG', given());
  }
  const abs = resolvePath(xs, dom, path);
  if (abs === null) return fail(ctx, xs, dom, type, 'EINVAL', given());
  return { ok: true, path: abs, t, detail: tx ? { path: abs, tx } : { path: abs } };
}

export function xsRead(ctx: Ctx, xs: XsState, dom: number, path: string, tx = 0): XsResult<string> {
  const b = begin(ctx, xs, dom, 'XS_READ', path, tx);
  if (!b.ok) return b;
  const a = accessNode(xs, b.t, dom, b.path, 'r');
  if ('err' in a) return fail(ctx, xs, dom, 'XS_READ', a.err, b.detail);
  ctx.emit('xenstore', 'XS_READ', dom, 'xenstore', ctx.keep && { ...b.detail, value: a.node.value });
  return { ok: true, value: a.node.value };
}

function writeOrMkdir(
  ctx: Ctx, xs: XsState, dom: number, type: 'XS_WRITE' | 'XS_MKDIR', path: string, value: string, tx: number,
): XsResult<void> {
  const b = begin(ctx, xs, dom, type, path, tx, utf8Len(value));
  if (!b.ok) return b;
  const n = getNode(xs, b.t, b.path);
  if (n) {
    if (!canWrite(xs, dom, n.perms)) return fail(ctx, xs, dom, type, 'EACCES', b.detail);
    if (type === 'XS_MKDIR') {
      ctx.emit('xenstore', type, dom, 'xenstore', ctx.keep && { ...b.detail, existed: true });
      return { ok: true, value: undefined };
    }
    const next = { ...cloneNode(n), value };
    if (nodeTooBig(xs, dom, next)) return fail(ctx, xs, dom, type, 'ENOSPC', b.detail);
    putNode(xs, b.t, b.path, next);
  } else {
    const err = createNode(xs, b.t, dom, b.path, value);
    if (err) return fail(ctx, xs, dom, type, err, b.detail);
  }
  ctx.emit('xenstore', type, dom, 'xenstore', ctx.keep && (type === 'XS_WRITE' ? { ...b.detail, value } : b.detail));
  const perms = getNode(xs, b.t, b.path)!.perms;
  recordChange(ctx, xs, b.t, { kind: 'write', path: b.path, perms });
  return { ok: true, value: undefined };
}

/** XS_WRITE: creates missing parents (write permission on the nearest existing ancestor). */
export function xsWrite(ctx: Ctx, xs: XsState, dom: number, path: string, value: string, tx = 0): XsResult<void> {
  return writeOrMkdir(ctx, xs, dom, 'XS_WRITE', path, value, tx);
}

/** XS_MKDIR: an existing node is success (if writable) and fires nothing. */
export function xsMkdir(ctx: Ctx, xs: XsState, dom: number, path: string, tx = 0): XsResult<void> {
  return writeOrMkdir(ctx, xs, dom, 'XS_MKDIR', path, '', tx);
}

/**
 * XS_RM of a subtree (do_rm, both versions). A missing node: OK if its parent exists and
 * the caller may write it; EACCES if the parent exists but is not writable (readable or
 * not); parent missing -> ENOENT, or EACCES when the nearest ancestor hides existence.
 */
export function xsRm(ctx: Ctx, xs: XsState, dom: number, path: string, tx = 0): XsResult<void> {
  const b = begin(ctx, xs, dom, 'XS_RM', path, tx);
  if (!b.ok) return b;
  if (b.path === '/') return fail(ctx, xs, dom, 'XS_RM', 'EINVAL', b.detail);
  const n = getNode(xs, b.t, b.path);
  if (!n) {
    const parent = getNode(xs, b.t, parentOf(b.path)!);
    if (parent && canWrite(xs, dom, parent.perms)) {
      ctx.emit('xenstore', 'XS_RM', dom, 'xenstore', { ...b.detail, existed: false });
      return { ok: true, value: undefined };
    }
    return fail(ctx, xs, dom, 'XS_RM', parent ? 'EACCES' : missingErr(xs, b.t, dom, b.path), b.detail);
  }
  if (!canWrite(xs, dom, n.perms)) return fail(ctx, xs, dom, 'XS_RM', 'EACCES', b.detail);
  const perms = n.perms;
  const removed = removeSubtree(xs, b.t, b.path);
  ctx.emit('xenstore', 'XS_RM', dom, 'xenstore', { ...b.detail, removed: Object.keys(removed).length });
  recordChange(ctx, xs, b.t, { kind: 'rm', path: b.path, perms, removed });
  return { ok: true, value: undefined };
}

export function xsDirectory(ctx: Ctx, xs: XsState, dom: number, path: string, tx = 0): XsResult<string[]> {
  const b = begin(ctx, xs, dom, 'XS_DIRECTORY', path, tx);
  if (!b.ok) return b;
  const a = accessNode(xs, b.t, dom, b.path, 'r');
  if ('err' in a) return fail(ctx, xs, dom, 'XS_DIRECTORY', a.err, b.detail);
  ctx.emit('xenstore', 'XS_DIRECTORY', dom, 'xenstore', { ...b.detail, children: [...a.node.children] });
  return { ok: true, value: [...a.node.children] };
}

/** XS_GET_PERMS; also answers for the special nodes `@introduceDomain` / `@releaseDomain`. */
export function xsGetPerms(ctx: Ctx, xs: XsState, dom: number, path: string, tx = 0): XsResult<XsPerm[]> {
  const sp = xs.special[path];
  if (sp && Object.hasOwn(xs.special, path)) {
    if (!isLive(xs, dom)) return fail(ctx, xs, dom, 'XS_GET_PERMS', 'EPERM', { path });
    if (!canRead(xs, dom, sp)) return fail(ctx, xs, dom, 'XS_GET_PERMS', 'EACCES', { path });
    ctx.emit('xenstore', 'XS_GET_PERMS', dom, 'xenstore', { path, perms: permsToStrings(sp) });
    return { ok: true, value: clonePerms(sp) };
  }
  const b = begin(ctx, xs, dom, 'XS_GET_PERMS', path, tx);
  if (!b.ok) return b;
  const a = accessNode(xs, b.t, dom, b.path, 'r');
  if ('err' in a) return fail(ctx, xs, dom, 'XS_GET_PERMS', a.err, b.detail);
  ctx.emit('xenstore', 'XS_GET_PERMS', dom, 'xenstore', { ...b.detail, perms: permsToStrings(a.node.perms) });
  return { ok: true, value: clonePerms(a.node.perms) };
}

function validPerms(perms: unknown): perms is XsPerm[] {
  if (!Array.isArray(perms) || perms.length === 0) return false;
  return perms.every((p: XsPerm) => p !== null && typeof p === 'object' && Number.isInteger(p.id) &&
    p.id >= 0 && p.id <= DOMID_MAX && (p.perm === 'n' || p.perm === 'r' || p.perm === 'w' || p.perm === 'b'));
}

/**
 * XS_SET_PERMS: only the owner (or a privileged domain) may change perms (else EACCES);
 * only a privileged domain may change the owner (else EPERM, which 4.3.0 sends as
 * EINVAL). Bad perms -> EINVAL. 4.19 (XSA-322): an owner that is not a live domain ->
 * ENOENT, and ACL entries naming domains that do not exist are not honoured (here:
 * dropped), so a later domain reusing the id inherits nothing. 4.3 takes any domid.
 */
export function xsSetPerms(
  ctx: Ctx, xs: XsState, dom: number, path: string, perms: XsPerm[], tx = 0,
): XsResult<void> {
  const type = 'XS_SET_PERMS';
  const strs = validPerms(perms) ? permsToStrings(perms) : [];
  if (Object.hasOwn(xs.special, path)) {
    if (!isLive(xs, dom)) return fail(ctx, xs, dom, type, 'EPERM', { path });
    if (!validPerms(perms)) return fail(ctx, xs, dom, type, 'EINVAL', { path });
    if (!isPrivileged(xs, dom)) return fail(ctx, xs, dom, type, 'EACCES', { path });
    if (!domExists(xs, perms[0]!.id)) return fail(ctx, xs, dom, type, 'ENOENT', { path });
    xs.special[path] = clonePerms([perms[0]!, ...perms.slice(1).filter((p) => domExists(xs, p.id))]);
    ctx.emit('xenstore', type, dom, 'xenstore', { path, perms: permsToStrings(xs.special[path]!) });
    return { ok: true, value: undefined };
  }
  const b = begin(ctx, xs, dom, type, path, tx, strs.reduce((s, p) => s + p.length + 1, 0));
  if (!b.ok) return b;
  if (!validPerms(perms)) return fail(ctx, xs, dom, type, 'EINVAL', b.detail);
  const a = accessNode(xs, b.t, dom, b.path, 'w');
  if ('err' in a) return fail(ctx, xs, dom, type, a.err, b.detail);
  const priv = isPrivileged(xs, dom);
  const owner = a.node.perms[0]!.id;
  if (!priv && owner !== dom) return fail(ctx, xs, dom, type, 'EACCES', b.detail);
  if (!priv && perms[0]!.id !== owner) return fail(ctx, xs, dom, type, 'EPERM', b.detail);
  const v43 = xs.xen === '4.3';
  if (!v43 && !domExists(xs, perms[0]!.id)) return fail(ctx, xs, dom, type, 'ENOENT', { ...b.detail, owner: perms[0]!.id });
  const oldPerms = a.node.perms;
  const kept = v43 ? perms : [perms[0]!, ...perms.slice(1).filter((p) => domExists(xs, p.id))];
  if (nodeTooBig(xs, dom, { value: a.node.value, perms: kept, children: a.node.children })) {
    return fail(ctx, xs, dom, type, 'ENOSPC', b.detail);
  }
  const shared = internPerms(kept);
  putNode(xs, b.t, b.path, { value: a.node.value, perms: shared, children: a.node.children.length === 0 ? NO_CHILDREN : [...a.node.children] });
  ctx.emit('xenstore', type, dom, 'xenstore', ctx.keep && { ...b.detail, perms: permsToStrings(kept) });
  recordChange(ctx, xs, b.t, { kind: 'perms', path: b.path, perms: shared, oldPerms });
  return { ok: true, value: undefined };
}
