import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Vchan, type VchanSide, vchanClientConnect, vchanDataReady, vchanBufferSpace, vchanInit, vchanOrdersError,
  vchanRead, vchanRecv, vchanSend, vchanWaitForData, vchanWaitForSpace, vchanWrite,
} from './vchan';
import { vchanCheck, vchanCorrupt } from './vchancheck';

type Meta = { dir: VchanSide; off: number };
const TWO32 = 2 ** 32;

const ordersArb = fc.tuple(fc.integer({ min: 10, max: 16 }), fc.integer({ min: 10, max: 16 }))
  .filter(([l, r]) => vchanOrdersError(l, r) === null);
const startArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 }).map((d) => TWO32 - d));
const sideArb = fc.constantFrom<VchanSide>('client', 'server');
type Op =
  | { k: 'write' | 'send'; side: VchanSide; len: number }
  | { k: 'read' | 'recv'; side: VchanSide; len: number }
  | { k: 'sleep'; side: VchanSide };
const lenArb = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 1, max: 1 << 17 }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constantFrom('write' as const, 'send' as const), side: sideArb, len: lenArb }),
  fc.record({ k: fc.constantFrom('read' as const, 'recv' as const), side: sideArb, len: lenArb }),
  fc.record({ k: fc.constant('sleep' as const), side: sideArb }),
);

interface Party { woff: number; roff: number; asleep: 'no' | 'data' | 'space'; event: boolean; need: number }
interface World { v: Vchan<Meta>; p: { client: Party; server: Party }; log: (number | boolean | string)[] }
const peer = (s: VchanSide): VchanSide => (s === 'client' ? 'server' : 'client');

function world(l: number, r: number, start: number): World {
  const v = vchanInit<Meta>(l, r);
  for (const ring of ['left', 'right'] as const) { vchanCorrupt(v, ring, 'prod', start); vchanCorrupt(v, ring, 'cons', start); }
  const w: World = { v, p: { client: party(), server: party() }, log: [] };
  if (vchanClientConnect(v).notify) w.p.server.event = true;
  return w;
}
function party(): Party { return { woff: 0, roff: 0, asleep: 'no', event: false, need: 0 }; }

/**
 * One step of two parties sharing one event channel. A party that found nothing to
 * read (or no room) may go to sleep: careful parties sleep only if the notify-bit
 * re-check (vchanWaitForData / vchanWaitForSpace) says so; careless ones sleep anyway.
 */
function step(w: World, op: Op, careful = true): void {
  const me = w.p[op.side];
  if (me.asleep !== 'no') { if (!me.event) return; me.asleep = 'no'; }
  me.event = false;
  const kick = (notify: boolean): void => { if (notify) w.p[peer(op.side)].event = true; };
  switch (op.k) {
    case 'write': case 'send': {
      const meta: Meta = { dir: op.side, off: me.woff };
      let n = 0;
      if (op.k === 'write') {
        const r = vchanWrite(w.v, op.side, op.len, meta);
        n = r.written;
        kick(r.notify);
        me.need = n < op.len ? 1 : 0;
      } else {
        const r = vchanSend(w.v, op.side, op.len, meta);
        n = r.ok ? op.len : 0;
        kick(r.notify);
        me.need = r.status === 'would-block' ? op.len : 0;
      }
      me.woff += n;
      w.log.push(op.k, n);
      break;
    }
    case 'read': case 'recv': {
      const r = op.k === 'read' ? vchanRead(w.v, op.side, op.len) : vchanRecv(w.v, op.side, op.len);
      for (const piece of r.pieces) {
        expect(piece.meta).not.toBeNull();
        expect(piece.meta!.dir).toBe(peer(op.side));
        expect(piece.meta!.off + piece.at).toBe(me.roff);
        me.roff += piece.len;
      }
      kick(r.notify);
      w.log.push(op.k, r.read, r.notify);
      break;
    }
    case 'sleep':
      if (me.need > 0) {
        const room = vchanWaitForSpace(w.v, op.side, me.need);
        if (!careful || !room) me.asleep = 'space';
      } else {
        const data = vchanWaitForData(w.v, op.side);
        if (!careful || !data) me.asleep = 'data';
      }
      break;
  }
}

/** No party sleeps, without a pending event, while what it waits for is there. */
function lostWakeUp(w: World): string | null {
  for (const side of ['client', 'server'] as const) {
    const me = w.p[side];
    if (me.event) continue;
    if (me.asleep === 'data' && vchanDataReady(w.v, side) > 0) return `${side} sleeps on pending data`;
    if (me.asleep === 'space' && vchanBufferSpace(w.v, side) >= me.need) return `${side} sleeps on free space`;
  }
  return null;
}

function drain(w: World): void {
  for (const side of ['client', 'server'] as const) { w.p[side].asleep = 'no'; w.p[side].event = false; }
  step(w, { k: 'read', side: 'client', len: 1 << 21 });
  step(w, { k: 'read', side: 'server', len: 1 << 21 });
}

const scriptArb = fc.tuple(ordersArb, startArb, fc.array(opArb, { maxLength: 150 }));

describe('vchan properties', () => {
  it('the reader gets exactly the written bytes, in order, with their meta (both directions)', () => {
    fc.assert(fc.property(scriptArb, ([[l, r], start, ops]) => {
      const w = world(l, r, start);
      for (const op of ops) {
        step(w, op);
        expect(vchanCheck(w.v)).toEqual([]);
      }
      drain(w);
      expect(w.p.server.roff).toBe(w.p.client.woff);
      expect(w.p.client.roff).toBe(w.p.server.woff);
      expect(vchanCheck(w.v)).toEqual([]);
    }), { numRuns: 300 });
  });

  it('the notify-bit handshake never loses a wake-up', () => {
    fc.assert(fc.property(scriptArb, ([[l, r], start, ops]) => {
      const w = world(l, r, start);
      for (const op of ops) {
        step(w, op);
        expect(lostWakeUp(w)).toBeNull();
      }
    }), { numRuns: 500 });
  });

  it('the wake-up check has teeth: sleeping without the re-check is caught', () => {
    const res = fc.check(fc.property(scriptArb, ([[l, r], start, ops]) => {
      const w = world(l, r, start);
      for (const op of ops) {
        step(w, op, false);
        if (lostWakeUp(w)) return false;
      }
      return true;
    }), { numRuns: 2000, seed: 7 });
    expect(res.failed).toBe(true);
  });

  it('same script twice, or resumed from a structuredClone / JSON copy, gives identical results', () => {
    fc.assert(fc.property(scriptArb, ([[l, r], start, ops]) => {
      const run = (): string => { const w = world(l, r, start); for (const op of ops) step(w, op); return JSON.stringify(w); };
      const a = run();
      expect(run()).toBe(a);
      const half = Math.floor(ops.length / 2);
      const w = world(l, r, start);
      for (const op of ops.slice(0, half)) step(w, op);
      for (const c of [structuredClone(w), JSON.parse(JSON.stringify(w)) as World]) {
        for (const op of ops.slice(half)) step(c, op);
        expect(JSON.stringify(c)).toBe(a);
      }
    }), { numRuns: 200 });
  });
});
