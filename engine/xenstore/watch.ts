/**
 * XS_WATCH / XS_UNWATCH, watch-event delivery queue, and domain introduce/release
 * (which drive `@introduceDomain` / `@releaseDomain`).
 */
import type { Ctx } from '../core/trace';
import {
  type XsResult, type XsState, type XsWatchEvent, SPECIAL_WATCHES,
  controlDomain, isLive, isPrivileged, quotaOf, quotaTidy, resolvePath, sortedIndex, utf8Len,
} from './types';
import { fail, fireChange, fireSpecial, putNode, queueEvent, removeSubtree, txDrop, watchesOn } from './tree';
import { homePaths } from './libxl';

function watchPath(xs: XsState, dom: number, path: string): string | null {
  if ((SPECIAL_WATCHES as readonly string[]).includes(path)) return path;
  return resolvePath(xs, dom, path);
}

/**
 * XS_WATCH: registers and fires once at once (with the path as given). Duplicate
 * (same path and token) -> EEXIST; over the watch quota (more than 128: 129 fit) ->
 * E2BIG (unprivileged), which 4.3.0 cannot send and so answers EINVAL. A special watch
 * can be registered by anyone; on 4.19 it fires only for domains allowed to read the
 * special node (privileged, or granted with xsSetPerms on it), on 4.3 for everyone.
 */
export function xsWatch(ctx: Ctx, xs: XsState, dom: number, path: string, token: string): XsResult<void> {
  const type = 'XS_WATCH';
  const detail = { path: String(path), token: String(token) };
  if (!isLive(xs, dom)) return fail(ctx, xs, dom, type, 'EPERM', detail);
  if (typeof token !== 'string') return fail(ctx, xs, dom, type, 'EINVAL', detail);
  if (typeof path === 'string' && utf8Len(path) + utf8Len(token) + 2 > xs.limits.payloadBytes) {
    return fail(ctx, xs, dom, type, 'E2BIG', detail);
  }
  const abs = watchPath(xs, dom, path);
  if (abs === null) return fail(ctx, xs, dom, type, 'EINVAL', detail);
  if (watchesOn(xs, abs).some((w) => w.dom === dom && w.token === token)) {
    return fail(ctx, xs, dom, type, 'EEXIST', detail);
  }
  const q = quotaOf(xs, dom);
  if (!isPrivileged(xs, dom) && q.watches > xs.limits.watches) {
    quotaTidy(xs, dom);
    return fail(ctx, xs, dom, type, 'E2BIG', detail);
  }
  const w = { dom, path: abs, given: path, token };
  xs.watches.push(w);
  xs.watchVersion = (xs.watchVersion ?? 0) + 1;
  q.watches++;
  ctx.emit('xenstore', type, dom, 'xenstore', { path: abs, token });
  queueEvent(ctx, xs, w, path);
  return { ok: true, value: undefined };
}

export function xsUnwatch(ctx: Ctx, xs: XsState, dom: number, path: string, token: string): XsResult<void> {
  const type = 'XS_UNWATCH';
  const detail = { path: String(path), token: String(token) };
  if (!isLive(xs, dom)) return fail(ctx, xs, dom, type, 'EPERM', detail);
  const abs = watchPath(xs, dom, path);
  if (abs === null) return fail(ctx, xs, dom, type, 'EINVAL', detail);
  const i = xs.watches.findIndex((w) => w.dom === dom && w.path === abs && w.token === token);
  if (i < 0) return fail(ctx, xs, dom, type, 'ENOENT', detail);
  xs.watches.splice(i, 1);
  xs.watchVersion = (xs.watchVersion ?? 0) + 1;
  quotaOf(xs, dom).watches--;
  quotaTidy(xs, dom);
  ctx.emit('xenstore', type, dom, 'xenstore', { path: abs, token });
  return { ok: true, value: undefined };
}

/** Drain the fired-but-undelivered watch events (the simulation delivers them). */
export function xsTakeWatchEvents(xs: XsState): XsWatchEvent[] {
  const out = xs.pendingWatchEvents;
  xs.pendingWatchEvents = [];
  return out;
}

/**
 * XS_INTRODUCE (by the control domain): the domain gets a connection and
 * @introduceDomain fires. It creates no node (do_introduce): the toolstack wrote the
 * domain's home beforehand (xsLibxlCreateHome).
 */
export function xsIntroduceDomain(ctx: Ctx, xs: XsState, dom: number): XsResult<void> {
  const ctl = controlDomain(xs);
  const path = `/local/domain/${dom}`;
  if (!Number.isInteger(dom) || dom < 0 || isPrivileged(xs, dom)) {
    return fail(ctx, xs, ctl, 'XS_INTRODUCE', 'EINVAL', { domid: dom });
  }
  const at = sortedIndex(xs.domains, dom);
  if (xs.domains[at] === dom) return fail(ctx, xs, ctl, 'XS_INTRODUCE', 'EEXIST', { domid: dom });
  xs.domains.splice(at, 0, dom);
  if (xs.creating) {
    xs.creating = xs.creating.filter((d) => d !== dom);
    if (xs.creating.length === 0) delete xs.creating;
  }
  ctx.emit('xenstore', 'XS_INTRODUCE', ctl, 'xenstore', { domid: dom, path });
  fireSpecial(ctx, xs, '@introduceDomain');
  return { ok: true, value: undefined };
}

/**
 * XS_RELEASE: drops the domain's connection (its watches, open transactions and
 * undelivered events), fires @releaseDomain, removes /local/domain/<dom>, /vm/<uuid>
 * and /libxl/<dom> (what the toolstack does next). On 4.19 (XSA-322) it also hands any
 * other node the domain owned to the control domain and deletes ACL entries naming it
 * (including inside other domains' open transactions), so a later domain with the same
 * id inherits nothing; on 4.3 they stay, and a domain that gets the id inherits them.
 */
export function xsReleaseDomain(ctx: Ctx, xs: XsState, dom: number): XsResult<void> {
  const ctl = controlDomain(xs);
  const at = sortedIndex(xs.domains, dom);
  if (xs.domains[at] !== dom) return fail(ctx, xs, ctl, 'XS_RELEASE', 'ENOENT', { domid: dom });
  xs.domains.splice(at, 1);
  ctx.emit('xenstore', 'XS_RELEASE', ctl, 'xenstore', { domid: dom });
  xs.watches = xs.watches.filter((w) => w.dom !== dom);
  xs.watchVersion = (xs.watchVersion ?? 0) + 1;
  xs.pendingWatchEvents = xs.pendingWatchEvents.filter((e) => e.dom !== dom);
  for (const id of Object.keys(xs.transactions).sort((a, b) => +a - +b)) {
    if (xs.transactions[id]!.dom === dom) txDrop(xs, id);
  }
  const q = quotaOf(xs, dom);
  q.watches = 0;
  q.transactions = 0;
  fireSpecial(ctx, xs, '@releaseDomain');
  for (const path of homePaths(dom)) {
    const top = xs.nodes.get(path);
    if (!top) continue;
    const perms = top.perms;
    const removed = removeSubtree(xs, undefined, path);
    fireChange(ctx, xs, { kind: 'rm', path, perms, removed });
  }
  if (xs.xen !== '4.3') disown(xs, dom, ctl);
  quotaTidy(xs, dom);
  return { ok: true, value: undefined };
}

function disown(xs: XsState, dom: number, ctl: number): void {
  const fix = (perms: { id: number; perm: 'n' | 'r' | 'w' | 'b' }[]) => {
    const owner = perms[0]!;
    const rest = perms.slice(1).filter((p) => p.id !== dom);
    return [owner.id === dom ? { id: ctl, perm: owner.perm } : { ...owner }, ...rest];
  };
  const names = (perms: { id: number }[]) => perms.some((p) => p.id === dom);
  for (const p of [...xs.nodes.keys()].sort()) {
    const n = xs.nodes.get(p)!;
    if (names(n.perms)) putNode(xs, undefined, p, { ...n, perms: fix(n.perms) });
  }
  for (const id of Object.keys(xs.transactions).sort((a, b) => +a - +b)) {
    const t = xs.transactions[id]!;
    for (const p of [...t.overlay.keys()].sort()) {
      const n = t.overlay.get(p);
      if (n && names(n.perms)) t.overlay.set(p, { ...n, perms: fix(n.perms) });
    }
    const d = t.nodeDelta[dom];
    if (d !== undefined) {
      t.nodeDelta[ctl] = (t.nodeDelta[ctl] ?? 0) + d;
      delete t.nodeDelta[dom];
    }
  }
  for (const s of Object.keys(xs.special).sort()) xs.special[s] = fix(xs.special[s]!);
}
