/**
 * The node tree seen through an optional transaction (copy-on-write overlay), quota
 * bookkeeping, conflict marking and watch firing. Internal to engine/xenstore.
 */
import type { Ctx, XsErrorExtra, XsRequest } from '../core/trace';
import {
  type XsChange, type XsNode, type XsPerm, type XsState, type XsTransaction, type XsWatch,
  NO_CHILDREN, canRead, canWrite, internPerms, isPrivileged, joinPath, parentOf, baseName, nodeQuotaErr, nodeTooBig, quotaOf,
  quotaTidy, wireErr,
} from './types';

export type Tx = XsTransaction | undefined;

export function getNode(xs: XsState, tx: Tx, path: string): XsNode | undefined {
  if (tx) {
    tx.accessed.add(path);
    const n = tx.overlay.get(path);
    if (n !== undefined) {
      if (n && tx.kids !== undefined && tx.kids.has(path)) materialize(tx, path, n);
      return n ?? undefined;
    }
  }
  return xs.nodes.get(path);
}

/** Where `name` goes in a sorted child list (code-unit order, as Array.prototype.sort). */
function childIndex(cs: readonly string[], name: string): number {
  let lo = 0, hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid]! < name) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Insert names into a sorted list in place (names not already there). */
function insertChildren(cs: string[], names: readonly string[]): void {
  for (const name of names) {
    const at = childIndex(cs, name);
    if (cs[at] !== name) cs.splice(at, 0, name);
  }
}

/** The overlay node at `path` gets its own child list, with the names added so far. */
function materialize(tx: XsTransaction, path: string, n: XsNode): void {
  const names = tx.kids!.get(path)!;
  tx.kids!.delete(path);
  const cs = n.children.slice();
  insertChildren(cs, names);
  n.children = cs;
}

/**
 * Commit: the overlay node at `path` is about to replace the live one. Its pending names
 * go into its list; a list still shared with the live node is the live node's own (the
 * commit found no change to it since), so it grows in place instead of by a copy.
 */
export function settleChildren(xs: XsState, tx: XsTransaction, path: string, n: XsNode | null): void {
  const names = tx.kids?.get(path);
  if (names === undefined) return;
  tx.kids!.delete(path);
  if (!n) return;
  unshare(xs, path);
  insertChildren(n.children, names);
}

/**
 * Before a live list changes in place, transactions whose overlay still shares it take
 * their own copy (they must not see changes made after they wrote to it).
 */
function unshare(xs: XsState, path: string): void {
  if (openTransactions(xs) === 0) return;
  for (const id in xs.transactions) {
    const t = xs.transactions[id]!;
    const n = t.kids?.has(path) ? t.overlay.get(path) : undefined;
    if (n) materialize(t, path, n);
  }
}

/** Replace (or delete, with null) one node; keeps owner counters and conflict marks. */
export function putNode(xs: XsState, tx: Tx, path: string, node: XsNode | null, exceptTx = 0): void {
  replaceNode(xs, tx, path, getNode(xs, tx, path), node, exceptTx);
}

/** putNode when the caller has just read the node it replaces (`old`, undefined: none) in the same view. */
function replaceNode(xs: XsState, tx: Tx, path: string, old: XsNode | undefined, node: XsNode | null, exceptTx = 0): void {
  const oldOwner = old?.perms[0]?.id;
  const newOwner = node?.perms[0]?.id;
  if (tx) {
    tx.overlay.set(path, node);
    if (oldOwner !== newOwner) {
      if (oldOwner !== undefined) tx.nodeDelta[oldOwner] = (tx.nodeDelta[oldOwner] ?? 0) - 1;
      if (newOwner !== undefined) tx.nodeDelta[newOwner] = (tx.nodeDelta[newOwner] ?? 0) + 1;
    }
    return;
  }
  if (node) xs.nodes.set(path, node); else xs.nodes.delete(path);
  xs.generation++;
  if (oldOwner !== newOwner) {
    if (oldOwner !== undefined) { quotaOf(xs, oldOwner).nodes--; quotaTidy(xs, oldOwner); }
    if (newOwner !== undefined) quotaOf(xs, newOwner).nodes++;
  }
  if (openTransactions(xs) === 0) return;
  for (const id in xs.transactions) {
    if (+id !== exceptTx) xs.transactions[id]!.dirtied.add(path);
  }
}

/**
 * How many transactions are open, by transactions record. Every change outside a
 * transaction asks (to mark the open ones dirty), and mostly none is open; a for-in over
 * the record (its keys are sparse ids, kept as a dictionary) costs a call into the runtime
 * each time. The count is kept by txPut and txDrop, the only writers of the record; a
 * record it has not seen (a new state, a snapshot's copy) is counted once.
 */
const openCount = new WeakMap<XsState['transactions'], number>();

function openTransactions(xs: XsState): number {
  let n = openCount.get(xs.transactions);
  if (n === undefined) {
    n = 0;
    for (const id in xs.transactions) if (xs.transactions[id] !== undefined) n++;
    openCount.set(xs.transactions, n);
  }
  return n;
}

/** Record an open transaction (by its id). */
export function txPut(xs: XsState, t: XsTransaction): void {
  const n = openTransactions(xs);
  const had = xs.transactions[String(t.id)] !== undefined;
  xs.transactions[String(t.id)] = t;
  if (!had) openCount.set(xs.transactions, n + 1);
}

/** Forget transaction `id` (committed, aborted, or its domain released). */
export function txDrop(xs: XsState, id: string): void {
  const n = openTransactions(xs);
  if (xs.transactions[id] === undefined) return;
  delete xs.transactions[id];
  openCount.set(xs.transactions, n - 1);
}

/** Nodes owned by `dom` as the request would see them (live count plus the transaction's delta). */
export function ownedCount(xs: XsState, tx: Tx, dom: number): number {
  return (xs.quota[String(dom)]?.nodes ?? 0) + (tx?.nodeDelta[dom] ?? 0);
}

/**
 * errno for a node that is missing: EACCES when the nearest existing ancestor is not
 * readable (hides existence, xenstored errno_from_parents), else ENOENT.
 */
export function missingErr(xs: XsState, tx: Tx, dom: number, path: string): string {
  for (let p = parentOf(path); p !== null; p = parentOf(p)) {
    const n = getNode(xs, tx, p);
    if (n) return canRead(xs, dom, n.perms) ? 'ENOENT' : 'EACCES';
  }
  return 'ENOENT';
}

/** An existing node the domain may access as `need`, or an errno. */
export function accessNode(
  xs: XsState, tx: Tx, dom: number, path: string, need: 'r' | 'w',
): { node: XsNode } | { err: string } {
  const node = getNode(xs, tx, path);
  if (!node) return { err: missingErr(xs, tx, dom, path) };
  const ok = need === 'r' ? canRead(xs, dom, node.perms) : canWrite(xs, dom, node.perms);
  return ok ? { node } : { err: 'EACCES' };
}

/**
 * `n` (the node at `path`) with child `name` added or removed. Children stay sorted (by
 * code unit, as Array.prototype.sort orders strings): a binary search finds the place.
 * Inside a transaction the node is copied (the overlay must not touch the live tree),
 * except that a large live directory's list is shared until the transaction reads it
 * again or commits (tx.kids); outside one, the live list changes in place (after any
 * transaction sharing it took its own copy), so adding the ten-thousandth domain under
 * /local/domain costs a memmove, not a copy and a sort.
 */
function withChild(xs: XsState, n: XsNode, tx: Tx, path: string, name: string, add: boolean): XsNode {
  const cs = n.children;
  const lo = childIndex(cs, name);
  const present = lo < cs.length && cs[lo] === name;
  if (!tx) {
    if (add !== present) unshare(xs, path);
  } else if (add && !present && cs.length >= SHARE_AT && xs.nodes.get(path) === n) {
    // A large live directory gets a child inside a transaction (libxl adding the ten-
    // thousandth home under /local/domain): the overlay node shares the live list and the
    // name waits in tx.kids, instead of copying the whole list for one name.
    const out = { value: n.value, perms: n.perms, children: cs };
    const kids = tx.kids ??= new Map();
    const names = kids.get(path);
    if (names) names.push(name); else kids.set(path, [name]);
    return out;
  }
  if (add === present) return tx ? { value: n.value, perms: n.perms, children: cs.length === 0 ? NO_CHILDREN : cs.slice() } : n;
  // An empty list may be the shared NO_CHILDREN: a first child gets a list of its own.
  if (cs.length === 0) {
    if (!tx) { n.children = [name]; return n; }
    return { value: n.value, perms: n.perms, children: [name] };
  }
  const out = tx ? { value: n.value, perms: n.perms, children: cs.slice() } : n;
  if (add) out.children.splice(lo, 0, name);
  else out.children.splice(lo, 1);
  if (out.children.length === 0) out.children = NO_CHILDREN;
  return out;
}

/** Directories at least this large are not copied for a child added in a transaction. */
const SHARE_AT = 32;

/**
 * Create `path` and any missing parents (construct_node). Write permission is needed
 * on the nearest existing ancestor; new nodes copy that ancestor's perms, with the
 * creator as owner when the creator is unprivileged. An unprivileged creator is held to
 * the node-count quota (errno by version) and the node-size quota on every record it
 * writes, parents included (a child name makes the parent's record longer). Returns an
 * errno or null.
 */
export function createNode(xs: XsState, tx: Tx, dom: number, path: string, value: string): string | null {
  const missing: string[] = [];
  let anc: XsNode | undefined;
  for (let p: string | null = path; p !== null; p = parentOf(p)) {
    anc = getNode(xs, tx, p);
    if (anc) break;
    missing.unshift(p);
  }
  if (!anc) return 'ENOENT';
  if (!canWrite(xs, dom, anc.perms)) return 'EACCES';
  const perms = isPrivileged(xs, dom) ? anc.perms : internPerms([{ id: dom, perm: anc.perms[0]!.perm }, ...anc.perms.slice(1)]);
  if (!isPrivileged(xs, dom) && ownedCount(xs, tx, dom) + missing.length > xs.limits.nodes) return nodeQuotaErr(xs);
  if (!isPrivileged(xs, dom)) {
    const top = getNode(xs, tx, parentOf(missing[0]!)!)!;
    const grown = { value: top.value, perms: top.perms, children: [...top.children, baseName(missing[0]!)] };
    if (nodeTooBig(xs, dom, grown)) return 'ENOSPC';
    for (let i = 0; i < missing.length; i++) {
      const kids = i + 1 < missing.length ? [baseName(missing[i + 1]!)] : [];
      if (nodeTooBig(xs, dom, { value: missing[i] === path ? value : '', perms, children: kids })) return 'ENOSPC';
    }
  }
  // Each parent was just read (and exists), each missing node was found missing above:
  // neither is read a second time to replace it.
  for (const p of missing) {
    const parent = parentOf(p)!;
    const pn = getNode(xs, tx, parent)!;
    replaceNode(xs, tx, parent, pn, withChild(xs, pn, tx, parent, baseName(p), true));
    replaceNode(xs, tx, p, undefined, { value: p === path ? value : '', perms, children: NO_CHILDREN });
  }
  return null;
}

/** Remove a subtree (the node must exist); returns removed path -> perms. */
export function removeSubtree(xs: XsState, tx: Tx, path: string): { [path: string]: XsPerm[] } {
  const removed: { [path: string]: XsPerm[] } = {};
  const walk = (p: string): void => {
    const n = getNode(xs, tx, p);
    if (!n) return;
    for (const c of n.children) walk(joinPath(p, c));
    removed[p] = n.perms;
    putNode(xs, tx, p, null);
  };
  walk(path);
  const parent = parentOf(path);
  const pn = parent === null ? undefined : getNode(xs, tx, parent);
  if (parent !== null && pn) putNode(xs, tx, parent, withChild(xs, pn, tx, parent, baseName(path), false));
  return removed;
}

// ---- requests, errors and watches ----

/**
 * An XS_ERROR reply. `err` is xenstored's errno; the guest receives it as the modelled
 * version's wire sends it (4.3.0: EINVAL for a name missing from its table), and the
 * event keeps the original as `errno` when the two differ.
 */
export function fail(ctx: Ctx, xs: XsState, dom: number, type: XsRequest, err: string, detail: XsErrorExtra = {}): { ok: false; err: string } {
  const sent = wireErr(xs, err);
  ctx.emit('xenstore', 'XS_ERROR', dom, 'xenstore', sent === err ? { type, err, ...detail } : { type, err: sent, errno: err, ...detail });
  return { ok: false, err: sent };
}

/** Event path as the watcher sees it: relative when the watch was registered relative. */
function eventPath(w: XsWatch, path: string): string {
  if (w.given.startsWith('/') || w.given.startsWith('@')) return path;
  const prefix = `/local/domain/${w.dom}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

export function queueEvent(ctx: Ctx, xs: XsState, w: XsWatch, path: string): void {
  const ev = { dom: w.dom, path: eventPath(w, path), token: w.token };
  xs.pendingWatchEvents.push(ev);
  ctx.emit('xenstore', 'XS_WATCH_EVENT', 'xenstore', w.dom, { path: ev.path, token: ev.token });
}

/**
 * Fire watches for one change (fire_watches): a watch on the changed path or an
 * ancestor fires with the changed path; after an rm, a watch below the removed path
 * fires with its own path. 4.3 filters nothing (add_event lets EACCES through), and its
 * rm fires every watch below the removed node, existing or not. 4.19 (XSA-115): only a
 * watcher that may read the node (before or after a perm change) is told, and a watch
 * below a removed node fires only if its own node was removed.
 */
export function fireChange(ctx: Ctx, xs: XsState, ch: XsChange): void {
  const v43 = xs.xen === '4.3';
  for (const w of watchCandidates(xs, ch)) {
    if (w.path.startsWith('@')) continue;
    if (w.path === ch.path || ch.path.startsWith(w.path === '/' ? '/' : w.path + '/')) {
      const ok = v43 || canRead(xs, w.dom, ch.perms) || (ch.oldPerms !== undefined && canRead(xs, w.dom, ch.oldPerms));
      if (ok) queueEvent(ctx, xs, w, ch.path);
    } else if (ch.kind === 'rm' && ch.removed && w.path.startsWith(ch.path + '/')) {
      const perms = ch.removed[w.path];
      if (v43 || (perms !== undefined && canRead(xs, w.dom, perms))) queueEvent(ctx, xs, w, w.path);
    }
  }
}

/**
 * Watches that may fire for a change, in registration order: those on the changed path
 * or an ancestor, and (after an rm) those below it. Found through an index by path that
 * is rebuilt only when the watch list changes, so a change costs O(depth), not O(watches).
 */
const indexCache = new WeakMap<XsState, { version: number; length: number; byPath: Map<string, number[]> }>();

function watchIndex(xs: XsState): Map<string, number[]> {
  const version = xs.watchVersion ?? 0;
  let c = indexCache.get(xs);
  if (c && c.version + 1 === version && c.length + 1 === xs.watches.length) {
    // The common change: one watch registered at the end.
    const w = xs.watches[c.length]!;
    addTo(c.byPath, w.path, c.length);
    c.version = version;
    c.length++;
  }
  if (!c || c.version !== version || c.length !== xs.watches.length) {
    const byPath = new Map<string, number[]>();
    xs.watches.forEach((w, i) => addTo(byPath, w.path, i));
    c = { version, length: xs.watches.length, byPath };
    indexCache.set(xs, c);
  }
  return c.byPath;
}

function addTo(byPath: Map<string, number[]>, path: string, i: number): void {
  const l = byPath.get(path);
  if (l) l.push(i); else byPath.set(path, [i]);
}

/** Watches registered on exactly `path` (absolute), in registration order. */
export function watchesOn(xs: XsState, path: string): XsWatch[] {
  return (watchIndex(xs).get(path) ?? []).map((i) => xs.watches[i]!);
}

function watchCandidates(xs: XsState, ch: XsChange): XsWatch[] {
  const byPath = watchIndex(xs);
  const hits: number[] = [];
  for (let p: string | null = ch.path; p !== null; p = parentOf(p)) {
    const l = byPath.get(p);
    if (l) for (const i of l) hits.push(i);
  }
  if (ch.kind === 'rm' && ch.removed) {
    const prefix = ch.path + '/';
    for (const [path, l] of byPath) if (path.startsWith(prefix)) for (const i of l) hits.push(i);
  }
  if (hits.length > 1) hits.sort((x, y) => x - y);
  return hits.map((i) => xs.watches[i]!);
}

/** A change outside a transaction fires now; inside one it waits for the commit. */
export function recordChange(ctx: Ctx, xs: XsState, tx: Tx, ch: XsChange): void {
  if (tx) tx.changes.push(ch); else fireChange(ctx, xs, ch);
}

/** @introduceDomain / @releaseDomain: 4.3 tells every watcher; 4.19 the privileged or permitted ones. */
export function fireSpecial(ctx: Ctx, xs: XsState, name: string): void {
  const perms = xs.special[name] ?? [];
  for (const w of watchesOn(xs, name)) if (xs.xen === '4.3' || canRead(xs, w.dom, perms)) queueEvent(ctx, xs, w, name);
}
