/** Recording in chunks and dropping the oldest part: same run, same events, same states. */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseScenario, type ScenarioDoc } from './scenario';
import { recordTimeline } from './index';
import {
  extendTimeline, dropTimelineBefore, stateAtAction, stateAtSeq, actionOfSeq, actionAtTime,
  lastAction, clampAction, endSeqAt, startSeqAt, timeAt, eventAt, eventsBetween, SNAPSHOT_EVERY, type Timeline,
} from './timeline';
import type { SimState } from './sim/types';
import { traceToJsonl } from './core/trace';

function load(name: string): ScenarioDoc {
  const p = parseScenario(fs.readFileSync(path.join(__dirname, '..', 'scenarios', name), 'utf8'));
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}

/** web floods db for `us` µs of virtual time. */
function flood(us: number): ScenarioDoc {
  const p = parseScenario({
    format: 'interdomain-scenario', version: 1, title: 'flood', seed: 1, transport: 'vsock',
    domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }],
    policy: { default: 'allow', allow: [] },
    steps: [{ at: 0, op: 'listen', dom: 2, port: 80 }, { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
      { at: 200, op: 'flood', conn: 'f', until: 200 + us }],
  });
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}

const strip = (st: SimState): string => JSON.stringify({ ...st, trace: { ...st.trace, events: [] } });

/** Record `doc` in chunks of `chunk` actions, dropping to keep about `keep` actions. */
function chunked(doc: ScenarioDoc, first: number, chunk: number, keep: number, total: number): Timeline {
  const tl = recordTimeline(doc, first);
  while (!tl.ended && lastAction(tl) < total) {
    extendTimeline(tl, Math.min(chunk, total - lastAction(tl)));
    if (lastAction(tl) - tl.firstAction > keep) dropTimelineBefore(tl, lastAction(tl) - keep);
  }
  return tl;
}

describe('a recording window', () => {
  const doc = flood(1_000_000);
  const TOTAL = 5000;
  const whole = recordTimeline(doc, TOTAL);

  it('records the same run in one go and in chunks with drops', () => {
    expect(lastAction(whole)).toBe(TOTAL);
    expect(whole.ended).toBe(false);
    const tl = chunked(doc, 700, 333, 1500, TOTAL);
    expect(lastAction(tl)).toBe(TOTAL);
    expect(tl.firstAction).toBeGreaterThan(0);
    expect(tl.firstAction % SNAPSHOT_EVERY).toBe(0);
    expect(tl.snapshots[0]!.action).toBe(tl.firstAction);
    expect(tl.firstSeq).toBe(whole.endSeq[tl.firstAction - 1]);
    expect(tl.events[0]!.seq).toBe(tl.firstSeq);
    expect(traceToJsonl(tl.events)).toBe(traceToJsonl(whole.events.slice(tl.firstSeq)));
    expect(tl.endSeq).toEqual(whole.endSeq.slice(tl.firstAction));
    expect(tl.times).toEqual(whole.times.slice(tl.firstAction));
    expect(tl.snapshots.map((s) => s.action)).toEqual(whole.snapshots.map((s) => s.action).filter((a) => a >= tl.firstAction));
    for (let a = tl.firstAction; a <= TOTAL; a += 37) expect(strip(stateAtAction(tl, a))).toBe(strip(stateAtAction(whole, a)));
    expect(strip(stateAtAction(tl, TOTAL))).toBe(strip(stateAtAction(whole, TOTAL)));
    expect(strip(tl.live)).toBe(strip(whole.live));
  });

  it('chunking does not change a run that ends', () => {
    for (const name of ['flood-isolation.json', 'v4v-wakeup-storm.json', 'allowed-connection.json']) {
      const d = load(name);
      const one = recordTimeline(d);
      expect(one.ended && !one.truncated, name).toBe(true);
      const tl = recordTimeline(d, 5);
      while (!tl.ended) extendTimeline(tl, 97);
      expect(traceToJsonl(tl.events), name).toBe(traceToJsonl(one.events));
      expect(tl.endSeq, name).toEqual(one.endSeq);
      expect(extendTimeline(tl, 100)).toBe(0);
    }
  });

  it('indexes by absolute action and seq once the start is dropped', () => {
    const tl = chunked(doc, 1000, 1000, 2000, TOTAL);
    const f = tl.firstAction, l = lastAction(tl);
    expect(f).toBe(2816); // the last snapshot at or before 5000 - 2000
    expect(l).toBe(TOTAL);
    for (const a of [f, f + 1, f + 300, l - 1, l]) {
      expect(endSeqAt(tl, a)).toBe(whole.endSeq[a]);
      expect(startSeqAt(tl, a)).toBe(whole.endSeq[a - 1]);
      expect(timeAt(tl, a)).toBe(whole.times[a]);
      const seq = endSeqAt(tl, a) - 1;
      expect(eventAt(tl, seq)).toEqual(whole.events[seq]);
      expect(actionOfSeq(tl, seq)).toBe(actionOfSeq(whole, seq));
      expect(actionAtTime(tl, timeAt(tl, a))).toBe(actionAtTime(whole, whole.times[a]!));
      expect(strip(stateAtSeq(tl, seq))).toBe(strip(stateAtSeq(whole, seq)));
    }
    const lo = startSeqAt(tl, f + 5), hi = endSeqAt(tl, f + 9);
    expect(eventsBetween(tl, lo, hi)).toEqual(whole.events.slice(lo, hi));
  });

  it('clamps a dropped moment to the window start, and a later one to its end', () => {
    const tl = chunked(doc, 1000, 1000, 2000, TOTAL);
    const f = tl.firstAction;
    expect(clampAction(tl, 0)).toBe(f);
    expect(clampAction(tl, 10 * TOTAL)).toBe(TOTAL);
    expect(strip(stateAtAction(tl, 5))).toBe(strip(stateAtAction(whole, f)));
    expect(actionOfSeq(tl, 0)).toBe(f);
    expect(actionAtTime(tl, 0)).toBe(f);
    expect(actionAtTime(tl, Number.MAX_SAFE_INTEGER)).toBe(TOTAL);
    expect(eventAt(tl, tl.firstSeq - 1)).toBeUndefined();
    expect(eventAt(tl, endSeqAt(tl, TOTAL))).toBeUndefined();
    expect(eventsBetween(tl, 0, tl.firstSeq + 2).map((e) => e.seq)).toEqual([tl.firstSeq, tl.firstSeq + 1]);
    expect(timeAt(tl, 0)).toBe(whole.times[f]);
    expect(startSeqAt(tl, 0)).toBe(tl.firstSeq);
  });

  it('drops only up to the last snapshot at or before the asked action, never past the end', () => {
    const tl = recordTimeline(doc, 1000);
    expect(dropTimelineBefore(tl, 255)).toBe(0);
    expect(tl.events[0]!.seq).toBe(0);
    expect(dropTimelineBefore(tl, 600)).toBe(512);
    expect(dropTimelineBefore(tl, 100)).toBe(512); // nothing comes back
    expect(dropTimelineBefore(tl, 1_000_000)).toBe(768); // the last snapshot held
    expect(lastAction(tl)).toBe(1000);
    expect(extendTimeline(tl, 24)).toBe(24);
    expect(tl.snapshots.map((s) => s.action)).toEqual([768, 1024]);
    expect(traceToJsonl(tl.events)).toBe(traceToJsonl(whole.events.slice(whole.endSeq[767], whole.endSeq[1024])));
  });

  it('a run that reaches the time limit ends there, marked truncated', () => {
    const tl = recordTimeline(doc, 1_000_000, 2_000);
    expect(tl.ended).toBe(true);
    expect(tl.truncated).toBe(true);
    expect(timeAt(tl, lastAction(tl))).toBeLessThanOrEqual(2_000);
    expect(extendTimeline(tl, 10)).toBe(0);
  });
});
