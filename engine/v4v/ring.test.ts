/**
 * Ring arithmetic: 16-byte slot alignment, the 64-byte header in the page count, the
 * size checks of register_ring and sendv, and the slot that always stays free.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkMsgSize, checkRingSize, fitsNow, maxMessage, msgBytes, ringCheck, ringPages, ringRead, ringSpace, ringWrite, roundup16 } from './ring';
import { ERRNO, MAX_RING_LEN, type StreamMeta, type V4vRing } from './types';

const META: StreamMeta = { op: 'RW', from: 1, to: 2, off: 0, len: 0 };
function ring(len: number): V4vRing {
  return { id: 'r', owner: 1, port: 7, partner: 2, len, rx: 0, tx: 0, msgs: [], pending: [], rxScheduled: false, epoch: 0 };
}
const put = (r: V4vRing, payload: number) => ringWrite(r, { srcDom: 2, srcPort: 9, type: 0, meta: { ...META, len: payload } }, payload);

describe('v4v ring arithmetic', () => {
  it('messages take a 16-byte header plus the payload rounded up to 16-byte slots', () => {
    expect([0, 1, 15, 16, 17, 4104].map(roundup16)).toEqual([0, 16, 16, 16, 32, 4112]);
    expect([0, 1, 16, 17].map(msgBytes)).toEqual([16, 32, 32, 48]);
  });

  it('register_ring sizes: at least 48, a multiple of 16, at most 16 MiB, pages counted with the 64-byte header', () => {
    expect(checkRingSize(32)).toBe(ERRNO.EINVAL);
    expect(checkRingSize(47)).toBe(ERRNO.EINVAL);
    expect(checkRingSize(48)).toBe(0);
    expect(checkRingSize(50)).toBe(ERRNO.EINVAL);
    expect(checkRingSize(MAX_RING_LEN)).toBe(0);
    expect(checkRingSize(MAX_RING_LEN + 16)).toBe(ERRNO.EINVAL);
    expect(ringPages(4032)).toBe(1);
    expect(ringPages(4048)).toBe(2);
    expect(checkRingSize(4048, 1)).toBe(ERRNO.EINVAL);
    expect(checkRingSize(65536, 17)).toBe(0);
  });

  it('keeps one slot free: an empty 64-byte ring takes 48 bytes, then nothing, though 16 bytes are unused', () => {
    const r = ring(64);
    expect(ringSpace(r)).toBe(48);
    expect(fitsNow(r, 32)).toBe(true);
    put(r, 32);
    expect(ringSpace(r)).toBe(0);
    expect(fitsNow(r, 0)).toBe(false);
    expect(r.tx).toBe(48);
    expect(ringCheck(r)).toEqual([]);
  });

  it('EMSGSIZE when a message could never fit: ring len <= 16 + roundup16(len)', () => {
    expect(maxMessage(64)).toBe(32);
    expect(checkMsgSize(64, 32)).toBe(0);
    expect(checkMsgSize(64, 33)).toBe(ERRNO.EMSGSIZE);
    expect(checkMsgSize(65536, 16 << 20)).toBe(ERRNO.EMSGSIZE);
  });

  it('wraps at the end, rx == tx means empty, and reads whole messages in order', () => {
    const r = ring(128);
    put(r, 24); put(r, 24);
    expect(r.tx).toBe(96);
    expect(fitsNow(r, 24)).toBe(false);
    expect(ringRead(r, 1).msgs.map((m) => m.at)).toEqual([0]);
    put(r, 24);
    expect(r.tx).toBe(16);
    expect(ringCheck(r)).toEqual([]);
    const rest = ringRead(r, 1000);
    expect(rest.msgs.map((m) => m.at)).toEqual([48, 96]);
    expect(r.rx).toBe(r.tx);
    expect(ringSpace(r)).toBe(112);
  });

  it('any sequence of fitting writes and reads keeps the ring consistent and FIFO', () => {
    fc.assert(fc.property(
      fc.constantFrom(48, 64, 128, 4096),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constant(-1)), { maxLength: 200 }),
      (len, ops) => {
        const r = ring(len);
        let wrote = 0, read = 0;
        for (const op of ops) {
          if (op < 0) { read += ringRead(r, 64).msgs.length; continue; }
          if (checkMsgSize(len, op) < 0 || !fitsNow(r, op)) continue;
          const m = put(r, op); m.meta = { ...m.meta, off: wrote++ };
        }
        expect(ringCheck(r)).toEqual([]);
        const tail = ringRead(r, 1 << 30).msgs.map((m) => m.meta.off);
        expect(tail).toEqual(Array.from({ length: wrote - read }, (_, i) => read + i));
        expect(r.rx).toBe(r.tx);
      },
    ), { numRuns: 200 });
  });
});
