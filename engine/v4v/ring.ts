/**
 * Ring arithmetic of a receiver-registered ring (xen-model.md §6): a data area of
 * `len` bytes after a 64-byte header, messages of a 16-byte header plus payload
 * rounded up to 16-byte slots, wrapping at the end; one slot always stays free so
 * `rx == tx` means empty. Pure functions, no simulation.
 */
import {
  ERRNO, MAX_MSG_LEN, MAX_RING_LEN, MIN_RING_LEN, MSG_HEADER, RING_HEADER, SLOT, type RingMsg, type V4vRing,
} from './types';

export function roundup16(n: number): number {
  return Math.ceil(n / SLOT) * SLOT;
}

/** Bytes a message with `payload` bytes occupies in a ring. */
export function msgBytes(payload: number): number {
  return MSG_HEADER + roundup16(payload);
}

/** Pages a ring of `len` needs (header included). */
export function ringPages(len: number): number {
  return Math.ceil((len + RING_HEADER) / 4096);
}

/** -EINVAL when the size is wrong (register_ring), else 0. */
export function checkRingSize(len: number, npages = ringPages(len)): number {
  if (!Number.isInteger(len) || len < MIN_RING_LEN || len % SLOT !== 0 || len > MAX_RING_LEN) return ERRNO.EINVAL;
  if (npages !== ringPages(len)) return ERRNO.EINVAL;
  return 0;
}

export function ringUsed(r: Pick<V4vRing, 'rx' | 'tx' | 'len'>): number {
  return (r.tx - r.rx + r.len) % r.len;
}

/** Bytes a new message may occupy now (the free slot excluded). */
export function ringSpace(r: Pick<V4vRing, 'rx' | 'tx' | 'len'>): number {
  return Math.max(0, r.len - ringUsed(r) - SLOT);
}

/** Largest payload the ring could ever take (empty ring). */
export function maxMessage(ringLen: number): number {
  return Math.max(0, ringLen - SLOT - MSG_HEADER);
}

/** -EMSGSIZE when a message of `payload` bytes can never fit this ring. */
export function checkMsgSize(ringLen: number, payload: number): number {
  if (payload > MAX_MSG_LEN || ringLen <= MSG_HEADER + roundup16(payload)) return ERRNO.EMSGSIZE;
  return 0;
}

export function fitsNow(r: Pick<V4vRing, 'rx' | 'tx' | 'len'>, payload: number): boolean {
  return msgBytes(payload) <= ringSpace(r);
}

/** Xen copies a message in at tx_ptr and advances tx_ptr (wrapping). Caller checked the space. */
export function ringWrite(r: V4vRing, msg: Omit<RingMsg, 'at' | 'slots'>, payload: number): RingMsg {
  const m: RingMsg = { ...msg, at: r.tx, slots: msgBytes(payload) };
  r.tx = (r.tx + m.slots) % r.len;
  r.msgs.push(m);
  return m;
}

/** The receiver consumes whole messages, up to about `maxBytes`, and advances rx_ptr. */
export function ringRead(r: V4vRing, maxBytes: number): { msgs: RingMsg[]; bytes: number } {
  const out: RingMsg[] = [];
  let bytes = 0;
  while (r.msgs.length > 0 && (out.length === 0 || bytes + r.msgs[0]!.slots <= maxBytes)) {
    const m = r.msgs.shift()!;
    bytes += m.slots;
    r.rx = (m.at + m.slots) % r.len;
    out.push(m);
  }
  return { msgs: out, bytes };
}

/** Consistency of one ring: pointers in range, aligned, and the message list tiles [rx, tx). */
export function ringCheck(r: V4vRing): string[] {
  const out: string[] = [];
  if (r.rx % SLOT || r.tx % SLOT) out.push('rx_ptr or tx_ptr not slot-aligned');
  if (r.rx < 0 || r.rx >= r.len || r.tx < 0 || r.tx >= r.len) out.push('rx_ptr or tx_ptr out of range');
  let at = r.rx, total = 0;
  for (const m of r.msgs) {
    if (m.at !== at) { out.push(`message at ${m.at}, expected ${at}`); break; }
    at = (at + m.slots) % r.len;
    total += m.slots;
  }
  if (out.length === 0 && at !== r.tx) out.push(`messages end at ${at}, tx_ptr is ${r.tx}`);
  if (total > r.len - SLOT) out.push('the free slot was used');
  if (total !== ringUsed(r) && !(total === 0 && r.rx === r.tx)) out.push(`messages hold ${total} bytes, pointers say ${ringUsed(r)}`);
  return out;
}
