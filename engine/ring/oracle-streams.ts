/**
 * Seeded operation streams for the real-Xen differential tests, and the engine's side of
 * them: the same text protocol as ring_driver.c and vchan_driver.c, applied to
 * engine/ring/ioring.ts and engine/ring/vchan.ts.
 */
import { rngInit, rngInt, type RngState } from '../core/rng';
import {
  ringPair, ringFull, putRequest, pushRequestsAndCheckNotify, unconsumedRequests, takeRequest, putResponse,
  pushResponsesAndCheckNotify, unconsumedResponses, takeResponse, finalCheckForRequests, finalCheckForResponses,
} from './ioring';
import {
  vchanInit, vchanClientConnect, vchanSend, vchanWrite, vchanRecv, vchanRead, vchanWaitForData, vchanDataReady,
  vchanWaitForSpace, vchanBufferSpace, vchanClose, vchanOrdersError, type Vchan, type VchanSide,
} from './vchan';

const RING_OPS = 'abcdefgh';
const ENTRY_BYTES = [8, 12, 64] as const;

/** Sessions of ring ops: random entry size, 1–4 pages, start index near 0, near 2^32 or anywhere. */
export function ringStream(seed: number, sessions: number, opsPer: number): string[] {
  const r = rngInit(seed);
  const lines: string[] = [];
  for (let s = 0; s < sessions; s++) {
    const esize = ENTRY_BYTES[rngInt(r, 0, 2)]!;
    const bytes = 4096 * rngInt(r, 1, 4);
    const where = rngInt(r, 0, 2);
    const start = where === 0 ? rngInt(r, 0, 8) : where === 1 ? (2 ** 32 - rngInt(r, 1, 600)) >>> 0 : rngInt(r, 0, 2 ** 31) * 2;
    lines.push(`ring ${esize} ${bytes} ${start >>> 0}`);
    // Phases that lean to producing or consuming, so rings fill, drain and wrap.
    let lean = 0;
    for (let i = 0; i < opsPer; i++) {
      if (i % 64 === 0) lean = rngInt(r, 0, 2);
      const pick = rngInt(r, 0, 11);
      const op = pick < 8 ? RING_OPS[pick]! : lean === 0 ? 'a' : lean === 1 ? 'c' : 'f';
      lines.push(op);
    }
    lines.push('end');
  }
  return lines;
}

/** The engine's output for a ring stream, in ring_driver.c's format. */
export function ringModel(lines: readonly string[]): string[] {
  const out: string[] = [];
  let p: ReturnType<typeof ringPair<number>> | null = null;
  let counter = 0;
  for (const line of lines) {
    if (line.startsWith('ring ')) {
      const [, e, b, s] = line.split(' ').map(Number);
      p = ringPair<number>(b!, e!, s!);
      counter = 0;
      out.push(`size ${p.front.nr_ents}`);
      continue;
    }
    if (line === 'end' || !p) continue;
    const { front: f, back: b, sring: s } = p;
    let res: string;
    switch (line) {
      case 'a': if (ringFull(f)) res = 'full'; else { putRequest(f, ++counter); res = `put${counter}`; } break;
      case 'b': res = `n${pushRequestsAndCheckNotify(f) ? 1 : 0}`; break;
      case 'c': res = unconsumedRequests(b) === 0 ? 'none' : `got${takeRequest(b)}`; break;
      case 'd': if (b.rsp_prod_pvt === b.req_cons) res = 'none'; else { putResponse(b, ++counter); res = `put${counter}`; } break;
      case 'e': res = `n${pushResponsesAndCheckNotify(b) ? 1 : 0}`; break;
      case 'f': res = unconsumedResponses(f) === 0 ? 'none' : `got${takeResponse(f)}`; break;
      case 'g': res = `w${finalCheckForRequests(b) ? 1 : 0}`; break;
      case 'h': res = `w${finalCheckForResponses(f) ? 1 : 0}`; break;
      default: throw new Error(`bad op ${line}`);
    }
    out.push(`${res} ${s.req_prod} ${s.req_event} ${s.rsp_prod} ${s.rsp_event} ${f.req_prod_pvt} ${f.rsp_cons} ${b.rsp_prod_pvt} ${b.req_cons}`);
  }
  return out;
}

const VCHAN_OPS = ['send', 'recv', 'write', 'read', 'ready', 'space'] as const;

function validOrders(r: RngState): [number, number] {
  for (;;) {
    const lo = rngInt(r, 10, 14);
    const ro = rngInt(r, 10, 14);
    if (!vchanOrdersError(lo, ro)) return [lo, ro];
  }
}

/** Sessions of vchan ops on random valid orders; lengths from 0 to twice the ring, mostly small. */
export function vchanStream(seed: number, sessions: number, opsPer: number): string[] {
  const r = rngInit(seed);
  const lines: string[] = [];
  for (let s = 0; s < sessions; s++) {
    const [lo, ro] = validOrders(r);
    lines.push(`vchan ${lo} ${ro}`);
    const closeAt = rngInt(r, 0, 3) === 0 ? rngInt(r, 0, opsPer - 1) : -1;
    for (let i = 0; i < opsPer; i++) {
      const side = rngInt(r, 0, 1) === 0 ? 's' : 'c';
      if (i === closeAt) { lines.push(`${side} close 0`); continue; }
      const op = VCHAN_OPS[rngInt(r, 0, VCHAN_OPS.length - 1)]!;
      const ring = 2 ** (side === 'c' ? (op === 'send' || op === 'write' ? lo : ro) : (op === 'send' || op === 'write' ? ro : lo));
      const k = rngInt(r, 0, 9);
      const len = k < 5 ? rngInt(r, 0, 64) : k < 9 ? rngInt(r, 0, ring) : rngInt(r, ring, 2 * ring);
      lines.push(`${side} ${op} ${len}`);
    }
    lines.push('end');
  }
  return lines;
}

/** The engine's output for a vchan stream, in vchan_driver.c's format. */
export function vchanModel(lines: readonly string[]): string[] {
  const out: string[] = [];
  let v: Vchan<null> | null = null;
  for (const line of lines) {
    if (line.startsWith('vchan ')) {
      const [, lo, ro] = line.split(' ').map(Number);
      v = vchanInit<null>(lo!, ro!);
      vchanClientConnect(v);
      continue;
    }
    if (line === 'end' || !v) continue;
    const [sideCh, op, lenText] = line.split(' ');
    const side: VchanSide = sideCh === 's' ? 'server' : 'client';
    const len = Number(lenText);
    let res: number;
    let notify = false;
    switch (op) {
      case 'send': { const x = vchanSend(v, side, len, null); res = x.ok ? len : x.status === 'closed' ? -1 : 0; notify = x.notify; break; }
      case 'write': { const x = vchanWrite(v, side, len, null); res = x.closed ? -1 : x.written; notify = x.notify; break; }
      case 'recv': { const x = vchanRecv(v, side, len); res = x.status === 'ok' ? x.read : x.closed ? -1 : 0; notify = x.notify; break; }
      case 'read': { const x = vchanRead(v, side, len); res = x.status === 'ok' ? x.read : x.closed ? -1 : 0; notify = x.notify; break; }
      case 'ready': vchanWaitForData(v, side); res = vchanDataReady(v, side); break;
      case 'space': vchanWaitForSpace(v, side, 0); res = vchanBufferSpace(v, side); break;
      case 'close': notify = vchanClose(v, side).notify; res = 0; break;
      default: throw new Error(`bad op ${line}`);
    }
    const c = v;
    out.push(`${res} ${notify ? 1 : 0} ${c.left_prod} ${c.left_cons} ${c.right_prod} ${c.right_cons} ${c.cli_live} ${c.srv_live} ${c.cli_notify} ${c.srv_notify}`);
  }
  return out;
}
