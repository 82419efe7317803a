/**
 * XenStore state, plain data only (records, arrays, Maps and Sets: survives structuredClone). Paths are the
 * keys of `nodes`; every node keeps its sorted child names. Semantics follow the C
 * xenstored of the modelled version: X `tools/xenstored/core.c`, `watch.c`,
 * `transaction.c`, `domain.c` (4.19), 4.3 `tools/xenstore/xenstored_*.c` (spec section 4).
 */
import { utf8Length } from '../core/utf8';
import { DEFAULT_XEN, type XenVersion } from '../core/xen';

export type XsPermLetter = 'n' | 'r' | 'w' | 'b';
export interface XsPerm { id: number; perm: XsPermLetter }
export type XsResult<T> = { ok: true; value: T } | { ok: false; err: string };

export interface XsNode { value: string; perms: XsPerm[]; children: string[] }

/** A registered watch. `path` is absolute (or `@introduceDomain` / `@releaseDomain`); `given` as registered. */
export interface XsWatch { dom: number; path: string; given: string; token: string }

/** One change awaiting watch delivery (immediately, or at transaction commit). */
export interface XsChange {
  kind: 'write' | 'rm' | 'perms';
  path: string;
  perms: XsPerm[];
  /** perms before a perm change: watchers that could read before or after are told. */
  oldPerms?: XsPerm[];
  /** rm: every removed path with the perms it had. */
  removed?: { [path: string]: XsPerm[] };
}

export interface XsTransaction {
  id: number;
  dom: number;
  /** Copy-on-write view: a node, or null for "deleted in this transaction". */
  overlay: Map<string, XsNode | null>;
  /** Paths read or written by the transaction. */
  accessed: Set<string>;
  /** Paths changed by anybody else since the transaction started. */
  dirtied: Set<string>;
  /** Node-count change per owner relative to the live store. */
  nodeDelta: { [dom: string]: number };
  changes: XsChange[];
  /**
   * Children added to a large directory and not yet written into the overlay's copy of its
   * list (tree.ts, withChild): the overlay node still shares the live list, and the names
   * go in when the transaction reads the node or commits. A Map: it is asked about every
   * path the transaction reads, and a record would look each fresh path string up in the
   * engine's string table.
   */
  kids?: Map<string, string[]>;
  /** XsState.generation when it started (4.3 commits fail if it moved at all). */
  startGen: number;
}

export interface XsQuota { nodes: number; watches: number; transactions: number }

export interface XsLimits {
  /** Per-domain quotas (unprivileged domains only), over -> ENOSPC. */
  nodes: number;
  watches: number;
  transactions: number;
  /** quota_max_entry_size: the stored record of a node an unprivileged domain writes (nodeBytes), over -> ENOSPC. */
  valueBytes: number;
  /** Wire payload (xs_wire.h XENSTORE_PAYLOAD_MAX), over -> E2BIG. */
  payloadBytes: number;
  /** Absolute path length (XENSTORE_ABS_PATH_MAX), over -> EINVAL. */
  pathBytes: number;
}

export interface XsWatchEvent { dom: number; path: string; token: string }

export interface XsState {
  /** The Xen version modelled (see the Versions table of xen-model.md). */
  xen: XenVersion;
  /** 4.3's global generation: bumped by every change outside a transaction and every commit. */
  generation: number;
  /**
   * Every node by absolute path. A Map, like the transactions' path sets: a host of
   * thousands of guests keeps hundreds of thousands of paths, and a record would turn each
   * new path into a global string-table entry (slow to add, slow to look up).
   */
  nodes: Map<string, XsNode>;
  /** Perms of the special nodes `@introduceDomain` and `@releaseDomain` (owner: the control domain). */
  special: { [name: string]: XsPerm[] };
  watches: XsWatch[];
  /** Bumped whenever `watches` changes (keys the by-path index cache). */
  watchVersion?: number;
  transactions: { [id: string]: XsTransaction };
  nextTxId: number;
  /** Counters per domain: nodes owned, watches registered, transactions open. */
  quota: { [dom: string]: XsQuota };
  limits: XsLimits;
  /** Privileged (control) domains, sorted; always connected. */
  privileged: number[];
  /** Introduced unprivileged domains, sorted. */
  domains: number[];
  /** Domains the toolstack has created (xsLibxlCreateHome) but not introduced yet, sorted. */
  creating?: number[];
  pendingWatchEvents: XsWatchEvent[];
}

export const SPECIAL_WATCHES = ['@introduceDomain', '@releaseDomain'] as const;

export function xsInit(opts: {
  privileged: number[]; nodes: number; watches: number; transactions: number; xen?: XenVersion;
}): XsState {
  const privileged = [...new Set(opts.privileged)].sort((a, b) => a - b);
  const ctl = privileged[0] ?? 0;
  const perms = (): XsPerm[] => [{ id: 0, perm: 'n' }];
  const xs: XsState = {
    xen: opts.xen ?? DEFAULT_XEN,
    generation: 0,
    nodes: new Map([
      ['/', { value: '', perms: perms(), children: ['local'] }],
      ['/local', { value: '', perms: perms(), children: ['domain'] }],
      ['/local/domain', { value: '', perms: perms(), children: [] }],
    ]),
    special: {
      '@introduceDomain': [{ id: ctl, perm: 'n' }],
      '@releaseDomain': [{ id: ctl, perm: 'n' }],
    },
    watches: [],
    transactions: {},
    nextTxId: 1,
    quota: { '0': { nodes: 3, watches: 0, transactions: 0 } },
    limits: {
      nodes: opts.nodes, watches: opts.watches, transactions: opts.transactions,
      valueBytes: 2048, payloadBytes: 4096, pathBytes: 3072,
    },
    privileged,
    domains: [],
    pendingWatchEvents: [],
  };
  return xs;
}

// ---- version rules ----

/** xsd_errors of Xen 4.3.0 (xs_wire.h): any other errno goes out on the wire as EINVAL. */
export const XS_WIRE_ERRORS_43: readonly string[] = [
  'EINVAL', 'EACCES', 'EEXIST', 'EISDIR', 'ENOENT', 'ENOMEM', 'ENOSPC', 'EIO', 'ENOTEMPTY', 'ENOSYS', 'EROFS',
  'EBUSY', 'EAGAIN', 'EISCONN',
];

/** The errno name the guest receives (send_error): 4.3.0 sends EINVAL for one missing from its table. */
export function wireErr(xs: XsState, err: string): string {
  return xs.xen === '4.3' && !XS_WIRE_ERRORS_43.includes(err) ? 'EINVAL' : err;
}

/**
 * The stored record's size, which quota_max_entry_size limits: a header (4.3: 12 bytes,
 * now 16), 8 bytes per perm, the value and the NUL-terminated child names.
 */
export function nodeBytes(xs: XsState, n: XsNode): number {
  let b = (xs.xen === '4.3' ? 12 : 16) + 8 * n.perms.length + utf8Len(n.value);
  for (const c of n.children) b += utf8Len(c) + 1;
  return b;
}

/** Would an unprivileged domain's write of `n` break the node-size quota? (4.3: >= 2048; 4.19: > 2048) */
export function nodeTooBig(xs: XsState, dom: number, n: XsNode): boolean {
  if (isPrivileged(xs, dom)) return false;
  const b = nodeBytes(xs, n);
  return xs.xen === '4.3' ? b >= xs.limits.valueBytes : b > xs.limits.valueBytes;
}

/**
 * errno of a creation over the node-count quota: 4.19 ENOSPC; 4.3 has none of its own and
 * answers with the stale errno of its earlier lookup, ENOENT.
 */
export function nodeQuotaErr(xs: XsState): string { return xs.xen === '4.3' ? 'ENOENT' : 'ENOSPC'; }

// ---- helpers shared by the other files ----

export function isPrivileged(xs: XsState, dom: number): boolean { return xs.privileged.includes(dom); }
/** Index of `dom` in the sorted list `d`, or where it would go (lower bound). */
export function sortedIndex(d: readonly number[], dom: number): number {
  let lo = 0, hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d[mid]! < dom) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function isLive(xs: XsState, dom: number): boolean {
  if (isPrivileged(xs, dom)) return true;
  // xs.domains is kept sorted: binary search (hosts have hundreds of domains).
  return xs.domains[sortedIndex(xs.domains, dom)] === dom;
}
/**
 * Does the domain exist for ACL purposes (XSA-322)? Live, or created by the toolstack and
 * about to be introduced (xenstored asks the hypervisor, which already knows it).
 */
export function domExists(xs: XsState, dom: number): boolean {
  return isLive(xs, dom) || (xs.creating?.includes(dom) ?? false);
}
export function controlDomain(xs: XsState): number { return xs.privileged[0] ?? 0; }

export function quotaOf(xs: XsState, dom: number): XsQuota {
  const k = String(dom);
  let q = xs.quota[k];
  if (!q) { q = { nodes: 0, watches: 0, transactions: 0 }; xs.quota[k] = q; }
  return q;
}
/** Drops a counter record once it is all zero (keeps state small and comparable). */
export function quotaTidy(xs: XsState, dom: number): void {
  const q = xs.quota[String(dom)];
  if (q && q.nodes === 0 && q.watches === 0 && q.transactions === 0) delete xs.quota[String(dom)];
}

/** perm_for_conn: privileged and owner get everything; then an ACL entry; else the owner entry's letter. */
export function permFor(xs: XsState, dom: number, perms: readonly XsPerm[]): XsPermLetter {
  if (isPrivileged(xs, dom)) return 'b';
  const owner = perms[0];
  if (!owner) return 'n';
  if (owner.id === dom) return 'b';
  for (let i = 1; i < perms.length; i++) if (perms[i]!.id === dom) return perms[i]!.perm;
  return owner.perm;
}
export function canRead(xs: XsState, dom: number, perms: readonly XsPerm[]): boolean {
  const p = permFor(xs, dom, perms);
  return p === 'r' || p === 'b';
}
export function canWrite(xs: XsState, dom: number, perms: readonly XsPerm[]): boolean {
  const p = permFor(xs, dom, perms);
  return p === 'w' || p === 'b';
}

export function permsToStrings(perms: readonly XsPerm[]): string[] { return perms.map((p) => p.perm + p.id); }
export function clonePerms(perms: readonly XsPerm[]): XsPerm[] { return perms.map((p) => ({ id: p.id, perm: p.perm })); }

/**
 * A node's perms are never changed in place: a change puts a new list. So nodes, overlay
 * copies and change records with equal perms share one frozen list (a guest's home has a
 * few distinct perms over dozens of nodes), taken from this table by content. Sharing is
 * invisible: nothing compares perms by identity, and a snapshot (structuredClone) keeps
 * the sharing. The table only ever holds equal copies, so it is emptied when it grows large.
 */
const PERMS = new Map<string, readonly XsPerm[]>();
const PERMS_MAX = 100_000;

export function internPerms(perms: readonly XsPerm[]): XsPerm[] {
  let key = '';
  for (const p of perms) key += `${p.perm}${p.id},`;
  let got = PERMS.get(key);
  if (got === undefined) {
    if (PERMS.size >= PERMS_MAX) PERMS.clear();
    got = Object.freeze(perms.map((p) => Object.freeze({ id: p.id, perm: p.perm })));
    PERMS.set(key, got);
  }
  return got as XsPerm[];
}

/**
 * The child list of a node created without children, shared (frozen) like perms: a list
 * that gains a child is replaced, never grown in place (tree.ts, withChild).
 */
export const NO_CHILDREN = Object.freeze([]) as unknown as string[];
export function cloneNode(n: XsNode): XsNode {
  return { value: n.value, perms: n.perms, children: n.children.length === 0 ? NO_CHILDREN : [...n.children] };
}

/** UTF-8 byte length (one implementation for the engine: core/utf8.ts). */
export const utf8Len = utf8Length;

const PATH_CHARS = /^[A-Za-z0-9\-/_@]*$/;

/**
 * Canonical absolute path, or null when invalid (-> EINVAL). Relative paths are
 * relative to /local/domain/<dom>, as in xenstored.
 */
export function resolvePath(xs: XsState, dom: number, p: string): string | null {
  if (typeof p !== 'string' || p.length === 0 || !PATH_CHARS.test(p)) return null;
  if (p.startsWith('@')) return null;
  const relative = !p.startsWith('/');
  if (relative && utf8Len(p) > xs.limits.pathBytes - 1024) return null;
  const abs = relative ? `/local/domain/${dom}/${p}` : p;
  if (abs !== '/' && (abs.endsWith('/') || abs.includes('//'))) return null;
  if (utf8Len(abs) > xs.limits.pathBytes) return null;
  return abs;
}

export function parentOf(path: string): string | null {
  if (path === '/') return null;
  const i = lastSlash(path);
  return i <= 0 ? '/' : path.slice(0, i);
}
export function baseName(path: string): string { return path.slice(lastSlash(path) + 1); }

/**
 * path.lastIndexOf('/'), as a loop the compiler keeps inline: String.prototype.lastIndexOf
 * is a call into the runtime, and every request walks a path's parents with it.
 */
function lastSlash(path: string): number {
  let i = path.length - 1;
  while (i >= 0 && path.charCodeAt(i) !== 47) i--;
  return i;
}
export function joinPath(dir: string, name: string): string { return dir === '/' ? `/${name}` : `${dir}/${name}`; }
