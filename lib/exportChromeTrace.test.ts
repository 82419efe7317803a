/** The Chrome/Perfetto export follows the Trace Event Format's rules and carries every cause. */
import { describe, it, expect } from 'vitest';
import { PRESETS } from '../scenarios';
import { parseScenario, runScenario, type RunResult } from '../engine';
import { toChromeTrace, chromeTraceText, domPid, XEN_PID, XENSTORE_PID, type ChromeEvent } from './exportChromeTrace';
import { checkTraceEventFormat } from '../e2e/helpers/traceEventFormat';

function run(id: string): RunResult {
  const p = parseScenario(PRESETS.find((x) => x.id === id)!.doc);
  if (!p.ok) throw new Error(p.error);
  return runScenario(p.doc);
}
const fi = run('flood-isolation');
const tr = toChromeTrace(fi.trace, fi.state.doc);
const named = (ph: string, name: string) => tr.traceEvents.filter((e) => e.ph === ph && e.name === name);

describe('Chrome trace export', () => {
  it('passes the format rules, with a flow for every caused event', () => {
    const s = checkTraceEventFormat(JSON.parse(chromeTraceText(fi.trace, fi.state.doc)));
    expect(s.problems).toEqual([]);
    const caused = fi.trace.filter((e) => e.cause !== undefined).map((e) => e.seq);
    expect(caused.length).toBeGreaterThan(2000);
    expect([...s.flows].sort((a, b) => a - b)).toEqual(caused);
  });

  it('has a process per domain plus Xen and xenstored, and a thread per mechanism', () => {
    const procs = new Map(named('M', 'process_name').map((e) => [e.pid, (e.args as { name: string }).name]));
    expect(procs.get(XEN_PID)).toBe('Xen');
    expect(procs.get(XENSTORE_PID)).toBe('xenstored');
    for (const d of fi.state.doc.domains) expect(procs.get(domPid(d.id))).toBe(`dom${d.id} ${d.name}`);
    const threads = named('M', 'thread_name').filter((e) => e.pid === domPid(2)).map((e) => (e.args as { name: string }).name);
    expect(threads).toEqual(expect.arrayContaining(['hypercalls', 'grant table', 'event channels', 'rings', 'sockets']));
  });

  it('slices for work, instants for notifications, counters for rings and grants', () => {
    const byPh = (ph: string) => tr.traceEvents.filter((e) => e.ph === ph);
    expect(byPh('i').every((e) => e.cat === 'evtchn' || e.name === 'EVTCHNOP_send' || e.name === 'XS_WATCH_EVENT')).toBe(true);
    expect(byPh('i').length).toBe(fi.trace.filter((e) => e.kind === 'evtchn' || e.op === 'EVTCHNOP_send' || e.op === 'XS_WATCH_EVENT').length);
    expect(named('X', 'CONNECT_req')).toHaveLength(2);
    // the flooder (dom1) waits on its full ring; the steady writer's connection is set up once
    const waits = named('X', 'ring full: waiting').filter((e) => e.pid === domPid(1));
    expect(waits.length).toBeGreaterThan(100);
    expect(waits.every((e) => (e.dur ?? 0) > 0)).toBe(true);
    expect(named('X', 'set-up: connected').map((e) => e.pid).sort()).toEqual([domPid(1), domPid(3)]);
    const occ = byPh('C').filter((e) => e.name === 'ring 1:2 from dom1 (bytes)');
    expect(occ.every((e) => e.pid === domPid(2))).toBe(true);
    const full = Math.max(...occ.map((e) => (e.args as { bytes: number }).bytes));
    expect(full).toBeGreaterThan(262144 - 64); // the flooder fills the 256 KiB ring up to its last packet
    expect(full).toBeLessThanOrEqual(262144);
    const grants = byPh('C').filter((e) => e.name === 'grant entries in use' && e.pid === domPid(2));
    expect((grants.at(-1)!.args as { entries: number }).entries).toBe(fi.report.domains.find((d) => d.id === 2)!.grantsInUse);
  });

  it('uses virtual µs: every event at or after its own t, within the same µs unless its thread is crowded', () => {
    const bySeq = new Map(tr.traceEvents.filter((e) => e.ph === 'X' || e.ph === 'i').map((e) => [(e.args as { seq?: number }).seq, e] as const));
    for (const ev of fi.trace) {
      const c = bySeq.get(ev.seq) as ChromeEvent;
      expect(c.ts).toBeGreaterThanOrEqual(ev.t);
      expect(c.ts).toBeLessThan(ev.t + 1);
    }
  });

  it('is the same text for the same run', () => {
    expect(chromeTraceText(run('flood-isolation').trace, fi.state.doc)).toBe(chromeTraceText(fi.trace, fi.state.doc));
  });

  it('the checker catches a flow without an end, a thread going back in time and missing fields', () => {
    const broken = structuredClone(tr);
    const f = broken.traceEvents.findIndex((e) => e.ph === 'f');
    broken.traceEvents.splice(f, 1);
    const x = broken.traceEvents.findLast((e) => e.ph === 'X')!;
    broken.traceEvents.push({ ...x, ts: 0 });
    delete (broken.traceEvents[3] as Partial<ChromeEvent>).pid;
    const p = checkTraceEventFormat(broken).problems.join('\n');
    expect(p).toMatch(/starts and never ends/);
    expect(p).toMatch(/goes back on thread/);
    expect(p).toMatch(/missing required field "pid"/);
  });

  it('every preset passes the rules', () => {
    for (const pr of PRESETS) {
      if (pr.id === 'grant-exhaustion-default') continue; // hundreds of domains: covered by the runner e2e
      const r = run(pr.id);
      const s = checkTraceEventFormat(toChromeTrace(r.trace, r.state.doc));
      expect(s.problems, pr.id).toEqual([]);
      expect(s.flows.size, pr.id).toBe(r.trace.filter((e) => e.cause !== undefined).length);
    }
  });
});
