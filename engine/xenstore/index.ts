/**
 * XenStore and XenBus model (spec section 4). Choices and simplifications:
 * - Sizes: wire payload (path + value, or path + token) > 4096 bytes -> E2BIG; a value
 *   > 2048 bytes from an unprivileged domain -> ENOSPC (C xenstored's quota_max_entry_size
 *   is a quota, hence ENOSPC); path > 3072 bytes, bad characters, `//` or a trailing `/` -> EINVAL.
 * - Quotas (nodes owned, watches, open transactions) apply to unprivileged domains only;
 *   nodes are charged to their owner (perms[0]).
 * - A request from a domain that is neither privileged nor introduced -> EPERM (it has no
 *   connection in reality). Unknown or foreign transaction id -> ENOENT.
 * - Relative paths resolve under /local/domain/<dom>; watch events on a relative watch
 *   carry relative paths.
 * - Transactions: copy-on-write overlay plus conflict check; any path the transaction read
 *   or wrote that anybody else changed since it started -> EAGAIN at commit. Nested start
 *   (EBUSY) does not arise: start takes no transaction id. Quota is not re-checked at commit.
 * - Watches: an rm fires once for the removed path (watches at/above it) and once per watch
 *   below it (with the watch's own path); a perm change fires for watchers that could read
 *   under the old or the new perms. Special watches fire for domains allowed to read the
 *   special node's perms (privileged by default; settable with xsSetPerms('@releaseDomain')).
 * - Release (XSA-322 behaviour): nodes still owned by the domain go to the control domain,
 *   ACL entries naming it are removed, set_perms naming a dead owner -> ENOENT and ACL entries
 *   naming dead domains are dropped.
 * - All events: src = requesting domain, dst = 'xenstore' (XS_ERROR included, with the request
 *   type in detail.type); XS_WATCH_EVENT: src 'xenstore', dst = watcher. Introduce/release are
 *   emitted as XS_INTRODUCE / XS_RELEASE from the control domain.
 */
export * from './types';
export { xsRead, xsWrite, xsMkdir, xsRm, xsDirectory, xsGetPerms, xsSetPerms } from './ops';
export { xsWatch, xsUnwatch, xsTakeWatchEvents, xsIntroduceDomain, xsReleaseDomain } from './watch';
export { xsTransactionStart, xsTransactionEnd } from './transaction';
export { xsCheck, xsSubtree } from './check';
export * from './xenbus';
