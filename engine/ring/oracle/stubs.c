/*
 * Link-time stand-ins for the Xen device libraries that libxenvchan's set-up and close
 * paths call (event channels, grant sharing and mapping, xenstore). The differential
 * driver never calls those paths; every stand-in fails if one is reached.
 */
#include <stdio.h>
#include <stdlib.h>
#define STUB(name) \
  int name(void) { fprintf(stderr, #name " reached in the vchan oracle\n"); abort(); }
STUB(xenevtchn_bind_interdomain) STUB(xenevtchn_bind_unbound_port) STUB(xenevtchn_close) STUB(xenevtchn_open)
STUB(xenevtchn_unbind) STUB(xenevtchn_unmask) STUB(xenevtchn_fd) STUB(xenevtchn_pending)
STUB(xengntshr_open) STUB(xengntshr_share_page_notify) STUB(xengntshr_share_pages) STUB(xengntshr_unshare)
STUB(xengntshr_close) STUB(xengnttab_map_domain_grant_refs) STUB(xengnttab_map_grant_ref_notify)
STUB(xengnttab_open) STUB(xengnttab_unmap) STUB(xengnttab_close)
STUB(xs_close) STUB(xs_open) STUB(xs_read) STUB(xs_rm) STUB(xs_set_permissions) STUB(xs_transaction_end)
STUB(xs_transaction_start) STUB(xs_write)
