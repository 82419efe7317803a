/**
 * libxenvchan, as plain data: a bidirectional byte stream over two one-way byte rings,
 * one control page and one event channel (the channel is the simulation's; functions
 * here return `notify` when libxenvchan would call xenevtchn_notify).
 *
 * Left ring: client writes, server reads. Right ring: server writes, client reads.
 * Rings carry byte counts plus caller metadata (see bytering.ts), not bytes.
 * Function bodies follow tools/libs/vchan/io.c step by step (barriers become order).
 */
import { type Piece, type SegQueue, segPush, segQueueInit, segTake } from './bytering';
import { vchanOrdersError } from './vchanorder';

export * from './vchanorder';

export const VCHAN_NOTIFY_WRITE = 0x1;
export const VCHAN_NOTIFY_READ = 0x2;
/** Live byte values. */
export const VCHAN_EXITED = 0;
export const VCHAN_CONNECTED = 1;
export const VCHAN_WAITING = 2;

export type VchanSide = 'client' | 'server';

/**
 * One vchan as a single flat record. The first fields are the grant-shared control page
 * (`struct vchan_interface`) with its two `struct ring_shared` written out in place:
 * `left_prod` is the page's `left.prod`. (The page's list of ring-page grant refs is not
 * kept here: the side that shares the page holds those refs, see vsock/peer.ts.)
 * Flat, because a host of thousands of rings keeps every one of them live: nested records
 * would cost an object each per ring.
 */
export interface Vchan<M = unknown> {
  left_prod: number;
  left_cons: number;
  right_prod: number;
  right_cons: number;
  left_order: number;
  right_order: number;
  cli_live: number;
  srv_live: number;
  cli_notify: number;
  srv_notify: number;
  /** Ring sizes in bytes, as both ends hold them privately (read once at set-up). */
  leftSize: number;
  rightSize: number;
  /**
   * Contents of the left (client -> server) and right (server -> client) rings; null until
   * the first write (an idle ring holds no queue).
   */
  leftData: SegQueue<M> | null;
  rightData: SegQueue<M> | null;
}

export type VchanRing = 'left' | 'right';

/** A ring's shared indices, read from the control page. */
export function vchanIndices<M>(v: Vchan<M>, ring: VchanRing): { prod: number; cons: number } {
  return ring === 'left' ? { prod: v.left_prod, cons: v.left_cons } : { prod: v.right_prod, cons: v.right_cons };
}

export type VchanSendStatus = 'ok' | 'would-block' | 'too-big' | 'closed';
/**
 * `ret` is what libxenvchan returns: the length on success, -1 when closed, else 0 (non-blocking:
 * no room, or a request larger than the ring, which blocking mode alone calls an error).
 */
export interface VchanSendResult { ok: boolean; notify: boolean; status: VchanSendStatus; ret: number }
export interface VchanWriteResult { written: number; notify: boolean; closed: boolean }
export interface VchanReadResult<M> {
  pieces: Piece<M>[];
  read: number;
  notify: boolean;
  /** Nothing was read and the peer is gone (libxenvchan returns -1). */
  closed: boolean;
  /** 'ok' when bytes were read; else why not ('too-big' only from recv: len > ring size). */
  status: VchanSendStatus;
  /** libxenvchan's return: bytes read, -1 closed, else 0 (also for a recv larger than the ring). */
  ret: number;
}

/** Server side set-up (`init_gnt_srv`): srv_live=1, cli_live=2, server asks for write notifications. */
export function vchanInit<M = unknown>(leftOrder: number, rightOrder: number): Vchan<M> {
  const err = vchanOrdersError(leftOrder, rightOrder);
  if (err) throw new RangeError(`vchanInit: ${err}`);
  return {
    left_prod: 0,
    left_cons: 0,
    right_prod: 0,
    right_cons: 0,
    left_order: leftOrder,
    right_order: rightOrder,
    cli_live: VCHAN_WAITING,
    srv_live: VCHAN_CONNECTED,
    cli_notify: VCHAN_NOTIFY_WRITE,
    srv_notify: 0,
    // Shifts, not 2 **: a small integer is stored in the record itself, a power's result
    // (a double) in a box of its own, two more objects per ring pair.
    leftSize: 1 << leftOrder,
    rightSize: 1 << rightOrder,
    leftData: null,
    rightData: null,
  };
}

/**
 * Client attach (`libxenvchan_client_init` after mapping): check the orders found in
 * the page as the real client does; on success cli_live=1, srv_notify=WRITE and kick
 * the server (notify=true). On failure nothing in the page changes.
 */
export function vchanClientConnect<M>(v: Vchan<M>): { ok: boolean; notify: boolean; error?: string } {
  const err = vchanOrdersError(v.left_order, v.right_order);
  if (err) return { ok: false, notify: false, error: err };
  v.leftSize = 1 << v.left_order;
  v.rightSize = 1 << v.right_order;
  v.cli_live = VCHAN_CONNECTED;
  v.srv_notify = VCHAN_NOTIFY_WRITE;
  return { ok: true, notify: true };
}

/** `libxenvchan_is_open`: the server sees cli_live (2 counts as open), the client srv_live. */
export function vchanIsOpen<M>(v: Vchan<M>, side: VchanSide): boolean {
  return (side === 'server' ? v.cli_live : v.srv_live) !== 0;
}

/** `libxenvchan_close`: zero own live byte and kick the peer. */
export function vchanClose<M>(v: Vchan<M>, side: VchanSide): { notify: boolean } {
  if (side === 'server') v.srv_live = VCHAN_EXITED;
  else v.cli_live = VCHAN_EXITED;
  return { notify: true };
}

/** `raw_get_data_ready`: prod - cons of the ring `side` reads; > size counts as 0. No side effect. */
export function vchanDataReady<M>(v: Vchan<M>, side: VchanSide): number {
  const ready = (side === 'server' ? v.left_prod - v.left_cons : v.right_prod - v.right_cons) >>> 0;
  const size = side === 'server' ? v.leftSize : v.rightSize;
  return ready > size ? 0 : ready;
}

/** `raw_get_buffer_space`: size - (prod - cons) of the ring `side` writes; > size counts as 0. */
export function vchanBufferSpace<M>(v: Vchan<M>, side: VchanSide): number {
  const used = (side === 'server' ? v.right_prod - v.right_cons : v.left_prod - v.left_cons) >>> 0;
  const size = side === 'server' ? v.rightSize : v.leftSize;
  const space = (size - used) >>> 0;
  return space > size ? 0 : space;
}

/** `request_notify`: OR `bit` into the PEER's notify byte. */
function requestNotify<M>(v: Vchan<M>, side: VchanSide, bit: number): void {
  if (side === 'server') v.cli_notify |= bit;
  else v.srv_notify |= bit;
}

/** `send_notify`: atomically clear `bit` in OWN notify byte; notify iff it was set. */
function sendNotify<M>(v: Vchan<M>, side: VchanSide, bit: number): boolean {
  const prev = side === 'server' ? v.srv_notify : v.cli_notify;
  if (side === 'server') v.srv_notify = prev & ~bit;
  else v.cli_notify = prev & ~bit;
  return (prev & bit) !== 0;
}

/** `libxenvchan_data_ready`: ask the peer for a write notification, then re-read. True if data is ready. */
export function vchanWaitForData<M>(v: Vchan<M>, side: VchanSide): boolean {
  requestNotify(v, side, VCHAN_NOTIFY_WRITE);
  return vchanDataReady(v, side) > 0;
}

/** `libxenvchan_buffer_space` style: ask for a read notification, then re-check for `need` bytes. */
export function vchanWaitForSpace<M>(v: Vchan<M>, side: VchanSide, need: number): boolean {
  requestNotify(v, side, VCHAN_NOTIFY_READ);
  return vchanBufferSpace(v, side) >= need;
}

/** `fast_get_buffer_space`: short of `request` -> request READ notification and re-check. */
function fastSpace<M>(v: Vchan<M>, side: VchanSide, request: number): number {
  const s = vchanBufferSpace(v, side);
  if (s >= request) return s;
  requestNotify(v, side, VCHAN_NOTIFY_READ);
  return vchanBufferSpace(v, side);
}

/** `fast_get_data_ready`: short of `request` -> request WRITE notification and re-check. */
function fastReady<M>(v: Vchan<M>, side: VchanSide, request: number): number {
  const r = vchanDataReady(v, side);
  if (r >= request) return r;
  requestNotify(v, side, VCHAN_NOTIFY_WRITE);
  return vchanDataReady(v, side);
}

function checkLen(len: number, what: string): void {
  if (!Number.isInteger(len) || len < 0) throw new RangeError(`${what}: bad length ${len}`);
}

/** `do_send`: append, advance prod, then clear own WRITE bit (notify if the reader asked). */
function doSend<M>(v: Vchan<M>, side: VchanSide, len: number, meta: M): boolean {
  if (side === 'server') {
    if (len > 0) segPush(v.rightData ??= segQueueInit<M>(), len, meta);
    v.right_prod = (v.right_prod + len) >>> 0;
  } else {
    if (len > 0) segPush(v.leftData ??= segQueueInit<M>(), len, meta);
    v.left_prod = (v.left_prod + len) >>> 0;
  }
  return sendNotify(v, side, VCHAN_NOTIFY_WRITE);
}

/** `do_recv`: take `len` bytes, advance cons, then clear own READ bit (notify if the writer waited). */
function doRecv<M>(v: Vchan<M>, side: VchanSide, len: number, out: Piece<M>[]): boolean {
  if (len > 0) segTake(side === 'server' ? v.leftData : v.rightData, len, out);
  if (side === 'server') v.left_cons = (v.left_cons + len) >>> 0;
  else v.right_cons = (v.right_cons + len) >>> 0;
  return sendNotify(v, side, VCHAN_NOTIFY_READ);
}

/** `libxenvchan_send` (non-blocking): all `len` bytes or none. */
export function vchanSend<M>(v: Vchan<M>, side: VchanSide, len: number, meta: M): VchanSendResult {
  checkLen(len, 'vchanSend');
  if (!vchanIsOpen(v, side)) return { ok: false, notify: false, status: 'closed', ret: -1 };
  const avail = fastSpace(v, side, len);
  if (len <= avail) return { ok: true, notify: doSend(v, side, len, meta), status: 'ok', ret: len };
  const size = side === 'server' ? v.rightSize : v.leftSize;
  return { ok: false, notify: false, status: len > size ? 'too-big' : 'would-block', ret: 0 };
}

/** `libxenvchan_write` (non-blocking): as many of `len` bytes as fit. */
export function vchanWrite<M>(v: Vchan<M>, side: VchanSide, len: number, meta: M): VchanWriteResult {
  checkLen(len, 'vchanWrite');
  if (!vchanIsOpen(v, side)) return { written: 0, notify: false, closed: true };
  const avail = fastSpace(v, side, len);
  const n = len > avail ? avail : len;
  if (n === 0) return { written: 0, notify: false, closed: false };
  return { written: n, notify: doSend(v, side, n, meta), closed: false };
}

/** `libxenvchan_recv` (non-blocking): exactly `len` bytes or none. */
export function vchanRecv<M>(v: Vchan<M>, side: VchanSide, len: number): VchanReadResult<M> {
  checkLen(len, 'vchanRecv');
  const avail = fastReady(v, side, len);
  const pieces: Piece<M>[] = [];
  if (len <= avail) {
    const notify = doRecv(v, side, len, pieces);
    return { pieces, read: len, notify, closed: false, status: 'ok', ret: len };
  }
  if (!vchanIsOpen(v, side)) return { pieces, read: 0, notify: false, closed: true, status: 'closed', ret: -1 };
  const size = side === 'server' ? v.leftSize : v.rightSize;
  return { pieces, read: 0, notify: false, closed: false, status: len > size ? 'too-big' : 'would-block', ret: 0 };
}

/** `libxenvchan_read` (non-blocking): up to `maxBytes` bytes. */
export function vchanRead<M>(v: Vchan<M>, side: VchanSide, maxBytes: number): VchanReadResult<M> {
  checkLen(maxBytes, 'vchanRead');
  const avail = fastReady(v, side, maxBytes);
  const pieces: Piece<M>[] = [];
  if (avail > 0) {
    const n = maxBytes > avail ? avail : maxBytes;
    const notify = doRecv(v, side, n, pieces);
    return { pieces, read: n, notify, closed: false, status: 'ok', ret: n };
  }
  const closed = !vchanIsOpen(v, side);
  return { pieces, read: 0, notify: false, closed, status: closed ? 'closed' : 'would-block', ret: closed ? -1 : 0 };
}
