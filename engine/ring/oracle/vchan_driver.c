/*
 * Differential driver for the real libxenvchan (Debian's libxen-dev, linked statically):
 * a server and a client handle share one control page and two rings in this process,
 * with the event channel stubbed (each notify is counted, nothing else). It applies a
 * stream of non-blocking operations read from stdin with the library's own send, recv,
 * write, read, data_ready and buffer_space, and prints the result and the whole control
 * page after each. engine/ring/xen-oracle.test.ts runs engine/ring/vchan.ts on the same
 * stream and compares the outputs line by line.
 *
 * Input: "vchan <leftOrder> <rightOrder>" starts a session (server set up, client
 * attached as libxenvchan_client_init leaves the page); then "<side> <op> <len>" lines,
 * side s|c, op send|recv|write|read|ready|space|close; "end" ends the session.
 * close writes the live byte and counts a notify, as libxenvchan_close does before it
 * unmaps (the library's close frees the handle, so it is not called here).
 * Output: "<res> <notifies> left.prod left.cons right.prod right.cons cli_live srv_live
 * cli_notify srv_notify"; bytes read are checked against the bytes written (same
 * running pattern) and a mismatch prints "corrupt".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxenvchan.h>

static int notifies;
int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port) { (void)xce; (void)port; notifies++; return 0; }

static uint8_t wpat[2], rpat[2]; /* running byte pattern per direction: 0 = left, 1 = right */
static uint8_t buf[1 << 21];

static void *ring_buffer(struct vchan_interface *page, int order) {
  if (order == 10) return (char *)page + 1024;
  if (order == 11) return (char *)page + 2048;
  return aligned_alloc(4096, (size_t)1 << order);
}

int main(void) {
  char line[128];
  while (fgets(line, sizeof line, stdin)) {
    int lo, ro;
    if (sscanf(line, "vchan %d %d", &lo, &ro) != 2) { fprintf(stderr, "bad header %s", line); return 2; }
    struct vchan_interface *page = aligned_alloc(4096, 4096);
    memset(page, 0, 4096);
    void *left = ring_buffer(page, lo), *right = ring_buffer(page, ro);
    /* init_gnt_srv, then the client's attach */
    page->left_order = lo; page->right_order = ro;
    page->cli_live = 2; page->srv_live = 1; page->cli_notify = VCHAN_NOTIFY_WRITE;
    page->cli_live = 1; page->srv_notify = VCHAN_NOTIFY_WRITE;
    struct libxenvchan srv, cli;
    memset(&srv, 0, sizeof srv); memset(&cli, 0, sizeof cli);
    srv.ring = cli.ring = page;
    srv.is_server = 1; srv.event_port = 1; cli.event_port = 2;
    srv.read = (struct libxenvchan_ring){ &page->left, left, lo };
    srv.write = (struct libxenvchan_ring){ &page->right, right, ro };
    cli.read = (struct libxenvchan_ring){ &page->right, right, ro };
    cli.write = (struct libxenvchan_ring){ &page->left, left, lo };
    wpat[0] = wpat[1] = rpat[0] = rpat[1] = 0;
    char side, op[16];
    int len;
    while (fgets(line, sizeof line, stdin)) {
      if (strncmp(line, "end", 3) == 0) break;
      if (sscanf(line, "%c %15s %d", &side, op, &len) != 3) { fprintf(stderr, "bad op %s", line); return 2; }
      struct libxenvchan *v = side == 's' ? &srv : &cli;
      int wdir = side == 's' ? 1 : 0, rdir = 1 - wdir;
      int before = notifies, res;
      const char *bad = "";
      if (!strcmp(op, "send") || !strcmp(op, "write")) {
        uint8_t p = wpat[wdir];
        for (int i = 0; i < len; i++) buf[i] = p++;
        res = op[0] == 's' ? libxenvchan_send(v, buf, len) : libxenvchan_write(v, buf, len);
        if (res > 0) wpat[wdir] += (uint8_t)res;
      } else if (!strcmp(op, "recv") || !strcmp(op, "read")) {
        res = op[2] == 'c' ? libxenvchan_recv(v, buf, len) : libxenvchan_read(v, buf, len);
        for (int i = 0; i < res; i++) if (buf[i] != rpat[rdir]++) bad = " corrupt";
      } else if (!strcmp(op, "ready")) {
        res = libxenvchan_data_ready(v);
      } else if (!strcmp(op, "space")) {
        res = libxenvchan_buffer_space(v);
      } else if (!strcmp(op, "close")) {
        if (v->is_server) page->srv_live = 0; else page->cli_live = 0;
        xenevtchn_notify(v->event, v->event_port);
        res = 0;
      } else { fprintf(stderr, "bad op %s\n", op); return 2; }
      printf("%d %d %u %u %u %u %u %u %u %u%s\n", res, notifies - before, page->left.prod, page->left.cons,
             page->right.prod, page->right.cons, page->cli_live, page->srv_live, page->cli_notify,
             page->srv_notify, bad);
    }
    if (lo >= 12) free(left);
    if (ro >= 12) free(right);
    free(page);
  }
  return 0;
}
