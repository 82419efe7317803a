import { describe, expect, it } from 'vitest';
import { segCount } from './bytering';
import {
  type Vchan, VCHAN_NOTIFY_READ, VCHAN_NOTIFY_WRITE, vchanBufferSpace, vchanClientConnect, vchanClose, vchanDataReady,
  vchanInit, vchanIsOpen, vchanOrderFor, vchanOrdersError, vchanPages, vchanRead, vchanRecv, vchanSend,
  vchanServerOrders, vchanWaitForData, vchanWaitForSpace, vchanWrite,
} from './vchan';
import { vchanCheck, vchanCorrupt } from './vchancheck';

type Meta = { off: number };
function connected(left = 10, right = 11): Vchan<Meta> {
  const v = vchanInit<Meta>(left, right);
  expect(vchanClientConnect(v)).toEqual({ ok: true, notify: true });
  return v;
}

describe('orders', () => {
  it('vchanOrderFor picks the smallest order in 10..20', () => {
    expect([0, 1024, 1025, 2048, 2049, 4096, 4097, 1 << 20].map(vchanOrderFor)).toEqual([10, 10, 11, 11, 12, 12, 13, 20]);
    expect(() => vchanOrderFor((1 << 20) + 1)).toThrow(RangeError);
  });
  it('server order choice follows libxenvchan_server_init', () => {
    expect(vchanServerOrders(0, 0)).toEqual({ left: 10, right: 11 });
    expect(vchanServerOrders(1024, 2048)).toEqual({ left: 10, right: 11 });
    expect(vchanServerOrders(2048, 1024)).toEqual({ left: 11, right: 10 });
    expect(vchanServerOrders(2048, 5000)).toEqual({ left: 11, right: 13 });
    expect(vchanServerOrders(100_000, 100)).toEqual({ left: 17, right: 11 });
    expect(vchanServerOrders(5000, 5000)).toEqual({ left: 13, right: 13 });
    expect(vchanServerOrders((1 << 20) + 1, 0)).toBeNull();
  });
  it('pages per ring and the client rejection rules', () => {
    expect([10, 11, 12, 13, 20].map(vchanPages)).toEqual([0, 0, 1, 2, 256]);
    expect(vchanOrdersError(10, 11)).toBeNull();
    expect(vchanOrdersError(12, 12)).toBeNull();
    expect(vchanOrdersError(20, 10)).toBeNull();
    for (const [l, r] of [[9, 11], [10, 21], [10, 10], [11, 11], [12.5, 12]]) expect(vchanOrdersError(l!, r!)).not.toBeNull();
    expect(() => vchanInit(10, 10)).toThrow(RangeError);
    expect(vchanInit(13, 12)).toMatchObject({ left_order: 13, right_order: 12, leftSize: 8192, rightSize: 4096 });
  });
  it('an idle vchan is one flat record: no nested objects, no queues until the first write', () => {
    const v = vchanInit<Meta>(12, 12);
    expect(Object.values(v).every((x) => x === null || typeof x === 'number')).toBe(true);
    expect([v.leftData, v.rightData]).toEqual([null, null]);
    vchanClientConnect(v);
    expect(vchanRead(v, 'server', 10).status).toBe('would-block');
    expect(v.leftData).toBeNull();
    expect(vchanSend(v, 'client', 5, { off: 0 }).ok).toBe(true);
    expect(v.leftData).not.toBeNull();
    expect(v.rightData).toBeNull();
    expect(vchanCheck(v)).toEqual([]);
  });
  it('a client refuses a page with impossible orders and leaves it untouched', () => {
    const v = vchanInit<Meta>(10, 11);
    v.right_order = 10; // bad server: both rings at offset 1024
    const before = JSON.stringify(v);
    const r = vchanClientConnect(v);
    expect(r.ok).toBe(false);
    expect(r.notify).toBe(false);
    expect(JSON.stringify(v)).toBe(before);
    expect(v.cli_live).toBe(2);
  });
});

describe('live bytes', () => {
  it('server starts srv_live=1, cli_live=2; client connect sets 1 and kicks the server', () => {
    const v = vchanInit<Meta>(12, 12);
    expect([v.srv_live, v.cli_live, v.cli_notify, v.srv_notify]).toEqual([1, 2, VCHAN_NOTIFY_WRITE, 0]);
    expect(vchanIsOpen(v, 'server')).toBe(true); // 2 counts as open, as in libxenvchan_is_open
    expect(vchanSend(v, 'server', 100, { off: 0 }).ok).toBe(true); // server may write before the client comes
    vchanClientConnect(v);
    expect([v.cli_live, v.srv_notify]).toEqual([1, VCHAN_NOTIFY_WRITE]);
    expect(vchanRead(v, 'client', 1000).read).toBe(100);
  });
  it('after a close the peer still drains data, then sees closed; writes fail at once', () => {
    const v = connected();
    vchanSend(v, 'client', 10, { off: 0 });
    expect(vchanClose(v, 'client')).toEqual({ notify: true });
    expect(v.cli_live).toBe(0);
    expect(vchanIsOpen(v, 'server')).toBe(false);
    expect(vchanIsOpen(v, 'client')).toBe(true);
    expect(vchanRead(v, 'server', 4).read).toBe(4);
    expect(vchanRecv(v, 'server', 6).read).toBe(6);
    const r = vchanRead(v, 'server', 4);
    expect([r.read, r.closed, r.status]).toEqual([0, true, 'closed']);
    expect(vchanRecv(v, 'server', 1).status).toBe('closed');
    expect(vchanSend(v, 'server', 1, { off: 0 })).toEqual({ ok: false, notify: false, status: 'closed', ret: -1 });
    expect(vchanWrite(v, 'server', 1, { off: 0 })).toEqual({ written: 0, notify: false, closed: true });
  });
});

describe('stream and backpressure', () => {
  it('send is all-or-nothing, write is partial, nothing is lost', () => {
    const v = connected(10, 11); // left (client -> server) 1 KiB
    expect(vchanSend(v, 'client', 1000, { off: 0 }).ok).toBe(true);
    const prod = v.left_prod;
    expect(vchanSend(v, 'client', 25, { off: 1000 })).toEqual({ ok: false, notify: false, status: 'would-block', ret: 0 });
    expect(v.left_prod).toBe(prod);
    // Non-blocking: a send larger than the ring returns 0 like any other that does not fit now, not an error.
    expect(vchanSend(v, 'client', 2000, { off: 1000 })).toMatchObject({ status: 'too-big', ret: 0 });
    expect(vchanWrite(v, 'client', 25, { off: 1000 })).toMatchObject({ written: 24 });
    expect(vchanBufferSpace(v, 'client')).toBe(0);
    expect(vchanWrite(v, 'client', 1, { off: 1024 })).toEqual({ written: 0, notify: false, closed: false });
    const r = vchanRead(v, 'server', 5000);
    expect(r.read).toBe(1024);
    expect(r.pieces).toEqual([{ len: 1000, meta: { off: 0 }, at: 0 }, { len: 24, meta: { off: 1000 }, at: 0 }]);
    expect(vchanCheck(v)).toEqual([]);
  });
  it('reads split segments and report the offset inside each', () => {
    const v = connected();
    vchanSend(v, 'server', 300, { off: 0 });
    expect(vchanRecv(v, 'client', 120).pieces).toEqual([{ len: 120, meta: { off: 0 }, at: 0 }]);
    expect(vchanRecv(v, 'client', 500).status).toBe('would-block');
    expect(vchanRecv(v, 'client', 5000)).toMatchObject({ status: 'too-big', ret: 0 });
    expect(vchanRead(v, 'client', 100).pieces).toEqual([{ len: 100, meta: { off: 0 }, at: 120 }]);
    expect(vchanDataReady(v, 'client')).toBe(80);
  });
  it('indices wrap across 2^32 without loss', () => {
    const v = connected(12, 12);
    const start = 2 ** 32 - 1000;
    for (const r of ['left', 'right'] as const) { vchanCorrupt(v, r, 'prod', start); vchanCorrupt(v, r, 'cons', start); }
    let woff = 0, roff = 0;
    for (let i = 0; i < 10; i++) {
      woff += vchanWrite(v, 'client', 3000, { off: woff }).written;
      for (const p of vchanRead(v, 'server', 2500).pieces) { expect(p.meta!.off + p.at).toBe(roff); roff += p.len; }
      expect(vchanCheck(v)).toEqual([]);
    }
    expect(v.left_prod).toBe((start + woff) % 2 ** 32);
    expect(v.left_prod).toBeLessThan(start);
  });
  it('the segment queue stays compact under many small writes', () => {
    const v = connected(12, 12);
    for (let i = 0; i < 5000; i++) {
      vchanSend(v, 'client', 3, { off: i * 3 });
      if (i % 7 === 6) vchanRead(v, 'server', 20);
      expect(v.leftData!.segs.length).toBeLessThanOrEqual(2 * segCount(v.leftData) + 130);
    }
    expect(vchanCheck(v)).toEqual([]);
  });
});

describe('notify-bit handshake', () => {
  it('a writer signals only when the reader asked (its own WRITE bit), then clears it', () => {
    const v = connected(); // server_init set cli_notify = WRITE
    expect(vchanSend(v, 'client', 10, { off: 0 }).notify).toBe(true);
    expect(v.cli_notify & VCHAN_NOTIFY_WRITE).toBe(0);
    expect(vchanSend(v, 'client', 10, { off: 10 }).notify).toBe(false);
    expect(vchanRead(v, 'server', 20).read).toBe(20); // exactly what was there: no new request
    expect(vchanSend(v, 'client', 1, { off: 20 }).notify).toBe(false);
    expect(vchanWaitForData(v, 'server')).toBe(true); // data present: bit set, but no need to sleep
    vchanRead(v, 'server', 1);
    expect(vchanWaitForData(v, 'server')).toBe(false); // now the server may sleep...
    expect(v.cli_notify).toBe(VCHAN_NOTIFY_WRITE); // ...because it asked the client
    expect(vchanWrite(v, 'client', 5, { off: 21 }).notify).toBe(true);
  });
  it('a reader signals only when the writer waited for space (its own READ bit)', () => {
    const v = connected();
    vchanSend(v, 'client', 1024, { off: 0 });
    expect(vchanRead(v, 'server', 10).notify).toBe(false);
    expect(vchanSend(v, 'client', 100, { off: 1024 }).ok).toBe(false); // short: asks for READ in srv_notify
    expect(v.srv_notify & VCHAN_NOTIFY_READ).toBe(VCHAN_NOTIFY_READ);
    expect(vchanRead(v, 'server', 10).notify).toBe(true);
    expect(v.srv_notify & VCHAN_NOTIFY_READ).toBe(0);
    expect(vchanRead(v, 'server', 10).notify).toBe(false);
    expect(vchanWaitForSpace(v, 'client', 100)).toBe(false);
    expect(vchanRead(v, 'server', 100).notify).toBe(true);
    expect(vchanWaitForSpace(v, 'client', 100)).toBe(true);
  });
});

describe('corrupt indices stall, never overrun', () => {
  it('prod beyond cons + size: reader sees 0 and reads nothing; writer sees no space', () => {
    const v = connected(12, 12);
    vchanSend(v, 'client', 100, { off: 0 });
    vchanCorrupt(v, 'left', 'prod', v.left_cons + 4097);
    expect(vchanDataReady(v, 'server')).toBe(0);
    const r = vchanRead(v, 'server', 10_000);
    expect([r.read, r.pieces.length, r.closed]).toEqual([0, 0, false]);
    expect(v.left_cons).toBe(0);
    expect(vchanBufferSpace(v, 'client')).toBe(0);
    expect(vchanWrite(v, 'client', 10, { off: 100 }).written).toBe(0);
    expect(vchanCheck(v).join()).toMatch(/left: prod - cons = 4097 > size 4096/);
  });
  it('cons ahead of prod (reader lies): writer sees no space', () => {
    const v = connected(12, 12);
    vchanCorrupt(v, 'right', 'cons', 5);
    expect(vchanBufferSpace(v, 'server')).toBe(0);
    expect(vchanSend(v, 'server', 1, { off: 0 }).status).toBe('would-block');
    expect(vchanDataReady(v, 'client')).toBe(0);
  });
  it('a plausible but false prod yields garbage pieces (meta null) and fails the check', () => {
    const v = connected(12, 12);
    vchanSend(v, 'client', 10, { off: 0 });
    vchanCorrupt(v, 'left', 'prod', 15);
    expect(vchanCheck(v)).not.toEqual([]);
    expect(vchanRead(v, 'server', 100).pieces).toEqual([{ len: 10, meta: { off: 0 }, at: 0 }, { len: 5, meta: null, at: 0 }]);
  });
});
