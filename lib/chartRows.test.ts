/** Chart rows read typed event details: the text and the red mark of each kind of row. */
import { describe, it, expect } from 'vitest';
import { applyOverrides, parseScenario, runScenario, type TraceEvent } from '@engine/index';
import { PRESETS } from '../scenarios';
import { buildRows, eventText, isBad, isBrokerXs } from './chartRows';

function trace(id: string, v4v = false): TraceEvent[] {
  const p = parseScenario(PRESETS.find((x) => x.id === id)!.doc);
  if (!p.ok) throw new Error(p.error);
  return runScenario(v4v ? applyOverrides(p.doc, { transport: 'v4v' }) : p.doc).trace;
}

const ev = (e: Omit<TraceEvent, 'seq' | 't' | 'src' | 'dst'>): TraceEvent => ({ seq: 0, t: 0, src: 1, dst: 2, ...e } as TraceEvent);

describe('chart rows', () => {
  it('a denied connect reads as the policy verdict, the refusal and its reason, in red', () => {
    const rows = buildRows(trace('denied-by-default'), [Number.MAX_SAFE_INTEGER], false);
    const text = rows.map((r) => `${r.bad ? '✕' : ' '} ${r.text}`);
    expect(text).toContain('  CONNECT_req :5432');
    expect(text).toContain('✕ policy 1→2:5432 = deny');
    expect(text).toContain('✕ CONNECT_rsp ✕ denied');
    expect(text).toContain('✕ refused ✕ denied');
    expect(text).toContain('  ring closed ✕ denied');
    expect(text).toContain('  grant_foreign_access ×65');
  });

  it('a refusal by the broker comes back to the client from the broker; the target guest never hears of it', () => {
    for (const all of [false, true]) {
      const rows = buildRows(trace('denied-by-default'), [Number.MAX_SAFE_INTEGER], all);
      const refused = rows.find((r) => r.op === 'refused')!;
      expect([refused.src, refused.dst, refused.bad]).toEqual([0, 1, true]);
      // from web's connect on, no other domain's row reaches db's lifeline (db = 2), nor db's one
      // another domain (db's own link set-up with xenstore and Xen goes on meanwhile)
      const dom = (e: unknown) => typeof e === 'number';
      const intoDb = rows.filter((r) => r.t >= 100 && r.src !== r.dst && dom(r.src) && dom(r.dst) && (r.src === 2 || r.dst === 2));
      expect(intoDb.map((r) => `${String(r.src)}→${String(r.dst)} ${r.text}`)).toEqual([]);
    }
    const xs = buildRows(trace('xenstore-broker'), [Number.MAX_SAFE_INTEGER], false);
    const denied = xs.filter((r) => r.op === 'refused' || r.op === 'xenstore-refused');
    expect(denied.map((r) => [r.src, r.dst])).toEqual([['xenstore', 3], ['xenstore', 3]]);
    // hub's own table is full: peer-c never hears of the refused connection either
    const ge = buildRows(trace('grant-exhaustion-override'), [Number.MAX_SAFE_INTEGER], false).filter((r) => r.bad);
    expect(ge.map((r) => `${String(r.src)}→${String(r.dst)} ${r.text}`)).toEqual(['1→1 exhausted', '1→1 refused ✕ grant-exhausted']);
    // a ring that came up still runs between its two guests
    expect(xs.filter((r) => r.text === 'ring connected').map((r) => [r.src, r.dst])).toContainEqual([1, 2]);
  });

  it('under V4V, Xen refuses (v4vtables): the refusal comes back to web from Xen, not from db', () => {
    const rows = buildRows(trace('denied-by-default', true), [Number.MAX_SAFE_INTEGER], false);
    const refused = rows.filter((r) => r.op === 'refused');
    expect(refused.map((r) => [r.src, r.dst, r.bad])).toEqual([['xen', 1, true]]);
  });

  it('the chart runs to the end of the run: its last row is at the clock’s last time (shed-flooder: the deferred frees, one row a tick)', () => {
    const late: string[] = [];
    for (const p of PRESETS) {
      const tr = trace(p.id);
      const rows = buildRows(tr, [Number.MAX_SAFE_INTEGER], false);
      if (rows[rows.length - 1]!.t !== tr[tr.length - 1]!.t) late.push(`${p.id}: last row at ${rows[rows.length - 1]!.t} µs, run ends at ${tr[tr.length - 1]!.t} µs`);
    }
    expect(late).toEqual([]);
    const tail = buildRows(trace('shed-flooder'), [Number.MAX_SAFE_INTEGER], false).filter((r) => r.t > 1_000_000);
    expect(tail.map((r) => `${r.t} ${String(r.src)}→${String(r.dst)} ${r.text}`)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((s) => `${s}003000 2→2 deferred_free ×10`), '7003000 2→2 deferred_free ×5',
    ]);
  });

  it('the xenstore broker rows name their node paths; its EACCES is red', () => {
    const tr = trace('xenstore-broker');
    const broker = tr.filter(isBrokerXs);
    expect(broker.length).toBeGreaterThan(10);
    expect(broker.every((e) => e.kind === 'xenstore' && !e.op.startsWith('XS_TRANSACTION'))).toBe(true);
    expect(eventText(broker[0]!)).toBe('XS_MKDIR /vsock/0');
    const denied = ev({ kind: 'xenstore', op: 'XS_ERROR', detail: { type: 'XS_WRITE', err: 'EACCES', path: '/vsock/2/1' } });
    expect([eventText(denied), isBad(denied)]).toEqual(['XS_WRITE /vsock/2/1 ✕ EACCES', true]);
  });

  it('a xenstore step reads as its action, path and answer; an errno is red; a resume names the new CID', () => {
    const text = buildRows(trace('xenstore-permissions'), [Number.MAX_SAFE_INTEGER], false).map((r) => `${r.bad ? '✕' : ' '} ${r.text}`);
    expect(text).toContain('✕ write /local/domain/1/nickname ✕ EACCES');
    expect(text).toContain('  write data/greeting → OK');
    expect(text).toContain('✕ transaction-end ✕ EAGAIN');
    const resumed = buildRows(trace('migrate-reconnect'), [Number.MAX_SAFE_INTEGER], false).map((r) => r.text);
    expect(resumed).toContain('resume as CID 4');
  });

  it('texts of the other kinds', () => {
    expect(eventText(ev({ kind: 'vsock', op: 'connect', detail: { sock: 1, name: null, cid: 2, port: 80, srcPort: 5000 } }))).toBe('connect  → CID 2:80');
    expect(eventText(ev({ kind: 'ring', op: 'read', detail: { ring: 'r', bytes: 12, prod: 12, cons: 12 } }))).toBe('ring read 12 B');
    expect(eventText(ev({ kind: 'error', op: 'crash', detail: { message: 'domain 1 is not running' } }))).toBe('✕ crash: domain 1 is not running');
    expect(eventText(ev({ kind: 'evtchn', op: 'destroy', detail: { dom: 1, ports: 3 } }))).toBe('evtchn destroy (3 ports)');
    expect(eventText(ev({ kind: 'cm', op: 'DISCONNECT_ind', detail: { dead: 1, reason: 'peer-crashed', ring: 'r' } }))).toBe('DISCONNECT_ind ✕ peer-crashed');
    expect(isBad(ev({ kind: 'cm', op: 'CONNECT_ack', detail: { sock: 1, status: 'ok', grefs: [], evtchn: 1, port: 80, from: 1 } }))).toBe(false);
    expect(isBad(ev({ kind: 'gnttab', op: 'exhausted', detail: { rc: -12, inUse: 1, capacity: 1, deferred: 0 } }))).toBe(true);
  });
});
