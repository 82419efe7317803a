/*
 * Differential driver for Xen's io/ring.h: applies a stream of ring operations read from
 * stdin with the real macros and prints the result and every index after each one.
 * engine/ring/xen-oracle.test.ts feeds the same stream to engine/ring/ioring.ts and
 * compares the two outputs line by line.
 *
 * Input, one token per line:
 *   ring <entryBytes 8|12|64> <ringBytes> <start>   start a session on a fresh ring
 *   a put request   b push requests + notify check   c take request
 *   d put response  e push responses + notify check  f take response
 *   g final check for requests                       h final check for responses
 * Output: "size N" per session, then per op "<res> req_prod req_event rsp_prod rsp_event
 * req_prod_pvt rsp_cons rsp_prod_pvt req_cons". A request/response carries a counter
 * value, so a slot mix-up shows as a wrong value read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define mb() __sync_synchronize()
#define rmb() __sync_synchronize()
#define wmb() __sync_synchronize()
#include <xen/io/ring.h>

typedef struct { uint32_t v[2]; } e8_t;
typedef struct { uint32_t v[3]; } e12_t;
typedef struct { uint32_t v[16]; } e64_t;
DEFINE_RING_TYPES(e8, e8_t, e8_t);
DEFINE_RING_TYPES(e12, e12_t, e12_t);
DEFINE_RING_TYPES(e64, e64_t, e64_t);

static uint32_t counter;

#define PRINT(F, B, RES) \
  printf("%s %u %u %u %u %u %u %u %u\n", RES, (F).sring->req_prod, (F).sring->req_event, (F).sring->rsp_prod, \
         (F).sring->rsp_event, (F).req_prod_pvt, (F).rsp_cons, (B).rsp_prod_pvt, (B).req_cons)

#define SESSION(T)                                                                          \
  static void session_##T(size_t bytes, RING_IDX start) {                                   \
    struct T##_sring *s = aligned_alloc(4096, (bytes + 4095) / 4096 * 4096);                \
    struct T##_front_ring f;                                                                \
    struct T##_back_ring b;                                                                 \
    char op[64], res[32];                                                                   \
    memset(s, 0, bytes);                                                                    \
    SHARED_RING_INIT(s);                                                                    \
    s->req_prod = s->rsp_prod = start;                                                      \
    s->req_event = s->rsp_event = start + 1;                                                \
    FRONT_RING_ATTACH(&f, s, start, bytes);                                                 \
    BACK_RING_ATTACH(&b, s, start, bytes);                                                  \
    printf("size %u\n", RING_SIZE(&f));                                                     \
    while (fgets(op, sizeof op, stdin)) {                                                   \
      int n;                                                                                \
      if (op[0] == 'e' && op[1] == 'n') break; /* "end" */                                  \
      switch (op[0]) {                                                                      \
      case 'a':                                                                             \
        if (RING_FULL(&f)) { strcpy(res, "full"); break; }                                  \
        RING_GET_REQUEST(&f, f.req_prod_pvt)->v[0] = ++counter;                             \
        f.req_prod_pvt++;                                                                   \
        sprintf(res, "put%u", counter);                                                     \
        break;                                                                              \
      case 'b': RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&f, n); sprintf(res, "n%d", n); break;  \
      case 'c':                                                                             \
        if (!RING_HAS_UNCONSUMED_REQUESTS(&b)) { strcpy(res, "none"); break; }              \
        sprintf(res, "got%u", RING_GET_REQUEST(&b, b.req_cons)->v[0]);                      \
        b.req_cons++;                                                                       \
        break;                                                                              \
      case 'd':                                                                             \
        if (b.rsp_prod_pvt == b.req_cons) { strcpy(res, "none"); break; }                   \
        RING_GET_RESPONSE(&b, b.rsp_prod_pvt)->v[0] = ++counter;                            \
        b.rsp_prod_pvt++;                                                                   \
        sprintf(res, "put%u", counter);                                                     \
        break;                                                                              \
      case 'e': RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&b, n); sprintf(res, "n%d", n); break; \
      case 'f':                                                                             \
        if (!RING_HAS_UNCONSUMED_RESPONSES(&f)) { strcpy(res, "none"); break; }             \
        sprintf(res, "got%u", RING_GET_RESPONSE(&f, f.rsp_cons)->v[0]);                     \
        f.rsp_cons++;                                                                       \
        break;                                                                              \
      case 'g': RING_FINAL_CHECK_FOR_REQUESTS(&b, n); sprintf(res, "w%d", n != 0); break;   \
      case 'h': RING_FINAL_CHECK_FOR_RESPONSES(&f, n); sprintf(res, "w%d", n != 0); break;  \
      default: fprintf(stderr, "bad op %s", op); exit(2);                                   \
      }                                                                                     \
      PRINT(f, b, res);                                                                     \
    }                                                                                       \
    free(s);                                                                                \
  }

SESSION(e8)
SESSION(e12)
SESSION(e64)

int main(void) {
  char line[128];
  while (fgets(line, sizeof line, stdin)) {
    unsigned esize, start;
    size_t bytes;
    if (sscanf(line, "ring %u %zu %u", &esize, &bytes, &start) != 3) { fprintf(stderr, "bad header %s", line); return 2; }
    counter = 0;
    if (esize == 8) session_e8(bytes, start);
    else if (esize == 12) session_e12(bytes, start);
    else if (esize == 64) session_e64(bytes, start);
    else { fprintf(stderr, "bad entry size %u\n", esize); return 2; }
  }
  return 0;
}
