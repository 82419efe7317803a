/**
 * XenStore and XenBus model (spec section 4). The state names the Xen version it models
 * (`xsInit({…, xen})`, default '4.3'); rows of the spec's Versions and quota tables follow it.
 * Choices and simplifications:
 * - Sizes: wire payload (path + value, or path + token) > 4096 bytes -> E2BIG; the stored
 *   record of a node an unprivileged domain writes (header 12 B on 4.3 / 16 B on 4.19, 8 B
 *   per perm, value, child names) at or over 2048 (4.3) / over 2048 (4.19) -> ENOSPC;
 *   path > 3072 bytes, bad characters, `//` or a trailing `/` -> EINVAL.
 * - Errors go out as the version's wire sends them: 4.3.0 knows 14 names (no E2BIG, no
 *   EPERM) and sends EINVAL for the others; the XS_ERROR event keeps the original as `errno`.
 * - Quotas apply to unprivileged domains; nodes are charged to their owner (perms[0]).
 *   Node count: more than 1000 refused (4.19 ENOSPC; 4.3 the stale ENOENT). Watches: more
 *   than 128 refused (E2BIG). Transactions: more than 10 refused (ENOSPC).
 * - A request from a domain that is neither privileged nor introduced -> EPERM (it has no
 *   connection in reality). Unknown or foreign transaction id -> ENOENT.
 * - Relative paths resolve under /local/domain/<dom>; watch events on a relative watch
 *   carry relative paths.
 * - Transactions: copy-on-write overlay. 4.3: EAGAIN if anything changed anywhere since the
 *   start (one global generation); 4.19: EAGAIN if a path the transaction read or wrote was
 *   changed by anybody else. Nested start (EBUSY) does not arise: start takes no
 *   transaction id. Quota is not re-checked at commit.
 * - Watches: a change fires watches at/above it; an rm also fires watches below the removed
 *   path with their own path. 4.3 filters nothing and fires every watch below an rm; 4.19
 *   tells only watchers that may read the node (before or after a perm change) and fires a
 *   watch below an rm only if its node was removed. Special watches: 4.3 every watcher;
 *   4.19 domains allowed to read the special node's perms (privileged by default; settable
 *   with xsSetPerms('@releaseDomain')).
 * - XS_INTRODUCE creates no node: xsLibxlCreateHome writes the home first, as libxl does.
 * - Release: the home, /vm/<uuid> and /libxl/<d> are removed. 4.19 (XSA-322): nodes still
 *   owned by the domain go to the control domain, ACL entries naming it are removed,
 *   set_perms naming a dead owner -> ENOENT and ACL entries naming dead domains are dropped.
 *   4.3 keeps them: the next domain with that id inherits them (counters stay per domid).
 * - All events: src = requesting domain, dst = 'xenstore' (XS_ERROR included, with the request
 *   type in detail.type); XS_WATCH_EVENT: src 'xenstore', dst = watcher. Introduce/release are
 *   emitted as XS_INTRODUCE / XS_RELEASE from the control domain.
 */
export * from './types';
export { xsRead, xsWrite, xsMkdir, xsRm, xsDirectory, xsGetPerms, xsSetPerms } from './ops';
export { xsWatch, xsUnwatch, xsTakeWatchEvents, xsIntroduceDomain, xsReleaseDomain } from './watch';
export { xsTransactionStart, xsTransactionEnd } from './transaction';
export { xsCheck, xsSubtree } from './check';
export { xsLibxlCreateHome, xsVmUuid, guestWritable } from './libxl';
export * from './xenbus';
