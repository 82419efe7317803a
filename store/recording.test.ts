/** The store's recording window: recorded on as the cursor nears its end, trimmed to a small budget. */
import { describe, it, expect } from 'vitest';
import { parseScenario, recordTimeline, stateAtAction, viewOf, lastAction, traceToJsonl, type TraceEvent } from '@engine/api';
import { buildRows } from '@lib/chartRows';
import { createPlaygroundStore, type PlaygroundStore } from './createPlaygroundStore';
import { createDerived } from './derived';
import { applyCommand as apply, stateInfo, passedEvents } from './hostApi';
import type { HostCommand } from '@lib/hostProtocol';
import { recordedBytes, initialActions, sliceActions, recordOn, seekActionSliced, SEEK_WINDOW_EVENTS, VIEW_PORTION_EVENTS } from './recording';

const { viewAt, rowsOf, notesOf } = createDerived();

/** web floods db for an hour of virtual time (the run goes on for millions of actions). */
const hourFlood = {
  format: 'interdomain-scenario', version: 1, title: 'hour flood', seed: 1, transport: 'vsock',
  domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }],
  policy: { default: 'allow', allow: [] },
  steps: [{ at: 0, op: 'listen', dom: 2, port: 80, note: 'db listens' }, { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
    { at: 200, op: 'flood', conn: 'f', until: 3_599_000_000, note: 'web floods db' }],
};
const BUDGET = 3e6;
const applyCommand = (s: PlaygroundStore, cmd: Record<string, unknown>) => apply(s, { source: 'interdomain-playground', version: 1, ...cmd } as HostCommand);
const fresh = (budget = BUDGET) => createPlaygroundStore(hourFlood, null, { budget });
const doc = (() => { const p = parseScenario(hourFlood); if (!p.ok) throw new Error(p.error); return p.doc; })();

/** Play to the recorded end and record on, `n` times (what the playback loop does). */
function playOn(s: PlaygroundStore, n: number): void {
  for (let i = 0; i < n; i++) {
    s.getState().seek(s.getState().rec.last);
    expect(s.getState().extendRecording()).toBe(true);
  }
}

describe('the recording window in the store', () => {
  it('loads only the start of a long run, then records on in slices', () => {
    const s = fresh();
    const { rec, timeline } = s.getState();
    // at most initialActions, fewer if that took more than the load's wall time on this machine
    expect(rec).toMatchObject({ first: 0, ended: false, firstSeq: 0 });
    expect(rec.last).toBeGreaterThan(0);
    expect(rec.last).toBeLessThanOrEqual(initialActions(doc, BUDGET));
    expect(rec.last).toBeLessThan(10_000);
    s.getState().seek(rec.last);
    expect(s.getState().extendRecording()).toBe(true);
    const after = s.getState().rec;
    expect(after).not.toBe(rec);
    expect(after.last).toBeGreaterThan(rec.last);
    expect(after.last - rec.last).toBeLessThanOrEqual(sliceActions(doc));
    expect(s.getState().timeline).toBe(timeline); // grown in place: same run, caches stay valid
  });

  it('a recording call also stops on the clock: no wall time left, nothing recorded', () => {
    const s = fresh();
    const tl = s.getState().timeline;
    const last = lastAction(tl);
    expect(recordOn(tl, BUDGET, 10_000, null, undefined, Number.POSITIVE_INFINITY, 0)).toBe(0);
    expect(lastAction(tl)).toBe(last);
    expect(recordOn(tl, BUDGET, 10, null, undefined, Number.POSITIVE_INFINITY, 60_000)).toBe(10);
  });

  it('a far seek that the slices do not reach stops at the recorded end and says so', async () => {
    const s = fresh();
    const err = await seekActionSliced(s, 500_000_000, 300);
    const { cursor, timeline } = s.getState();
    expect(cursor).toBe(lastAction(timeline));
    expect(err).toMatch(/^500000000 is too far ahead of the recording \(recorded up to action \d+; seek there first\)$/);
  });

  it('a far seek keeps the last events before its target and tells the view a portion at a time', async () => {
    const s = fresh(300e6);
    const told: number[] = [];
    let last = s.getState().rec.events;
    s.subscribe((st, prev) => { if (st.rec !== prev.rec) { told.push(st.rec.events - last); last = st.rec.events; } });
    const target = 130_000;
    expect(await seekActionSliced(s, target, 120_000)).toBeNull();
    const { cursor, rec } = s.getState();
    expect(cursor).toBe(target);
    expect(rec.events).toBeGreaterThan(2 * SEEK_WINDOW_EVENTS); // the catch-up went far past the window
    expect(rec.first).toBeGreaterThan(0);
    // the window: at most SEEK_WINDOW_EVENTS, plus one slice and the actions back to a snapshot
    expect(rec.events - rec.firstSeq).toBeLessThanOrEqual(SEEK_WINDOW_EVENTS + 20_000);
    expect(told.length).toBeGreaterThan(3);
    for (const n of told) expect(n).toBeLessThanOrEqual(VIEW_PORTION_EVENTS + 20_000);
  }, 120_000);

  it('a near seek keeps the whole recording', async () => {
    const s = fresh(300e6);
    const target = s.getState().rec.last + 2_000;
    expect(await seekActionSliced(s, target)).toBeNull();
    expect(s.getState().rec.first).toBe(0);
    expect(s.getState().cursor).toBe(target);
  });

  it('drops the oldest part past the budget and keeps the heap estimate under it', () => {
    const s = fresh();
    let maxBytes = 0;
    for (let i = 0; i < 12; i++) {
      playOn(s, 1);
      maxBytes = Math.max(maxBytes, recordedBytes(s.getState().timeline));
      const { rec, cursor } = s.getState();
      expect(cursor).toBeGreaterThanOrEqual(rec.first);
      expect(cursor).toBeLessThanOrEqual(rec.last);
    }
    const { rec, timeline: tl } = s.getState();
    expect(rec.first).toBeGreaterThan(0);
    expect(rec.last - rec.first).toBeLessThan(rec.last / 2);
    expect(maxBytes).toBeLessThanOrEqual(BUDGET);
    expect(rec.firstSeq).toBe(tl.events[0]!.seq);
    // the same run as one recording in one go, at every action held
    const whole = recordTimeline(doc, rec.last);
    expect(traceToJsonl(tl.events)).toBe(traceToJsonl(whole.events.slice(rec.firstSeq)));
    for (let a = rec.first; a <= rec.last; a += 211) expect(viewAt(tl, a)).toEqual(viewOf(stateAtAction(whole, a)));
  });

  it('seeking to a dropped moment lands at the window start', () => {
    const s = fresh();
    playOn(s, 12);
    const { rec } = s.getState();
    expect(rec.first).toBeGreaterThan(0);
    s.getState().seek(0);
    expect(s.getState().cursor).toBe(rec.first);
    s.getState().step(-5);
    expect(s.getState().cursor).toBe(rec.first);
    s.getState().seek(rec.last);
    s.getState().seekSeq(3);
    expect(s.getState().cursor).toBe(rec.first);
    s.getState().seek(rec.last);
    s.getState().seekTime(0);
    expect(s.getState().cursor).toBe(rec.first);
    expect(viewAt(s.getState().timeline, rec.first)).toBeTruthy();
    s.getState().seek(Number.NaN);
    s.getState().seekTime(Number.NaN);
    expect(s.getState().cursor).toBe(rec.first);
    expect(s.getState().rec).toEqual(rec);
  });

  it('stepping forward at the recorded end records on', () => {
    const s = fresh();
    const last = s.getState().rec.last;
    s.getState().seek(last);
    s.getState().step(1);
    expect(s.getState().cursor).toBe(last + 1);
    expect(s.getState().rec.last).toBeGreaterThan(last);
    s.getState().step(2 * sliceActions(doc));
    expect(s.getState().cursor).toBe(last + 1 + 2 * sliceActions(doc));
  });

  it('the host API seeks and steps past the recorded end, and says when a seek is too far ahead', () => {
    const s = fresh();
    const last = s.getState().rec.last;
    expect(applyCommand(s, { type: 'seek', action: last + 100 })).toEqual({ ok: true });
    expect(s.getState().cursor).toBe(last + 100);
    expect(applyCommand(s, { type: 'step', delta: 50 })).toEqual({ ok: true });
    expect(s.getState().cursor).toBe(last + 150);
    const far = applyCommand(s, { type: 'seek', action: 50_000_000 });
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.error).toMatch(/^action: 50000000 is too far ahead of the recording \(recorded up to action \d+; seek there first\)$/);
    const info = stateInfo(s.getState());
    expect(info.last).toBe(s.getState().rec.last);
    expect(info.cursor).toBe(s.getState().cursor);
    expect(info.events).toBe(s.getState().rec.events);
    const t = info.t + 5000;
    expect(applyCommand(s, { type: 'seek', t })).toEqual({ ok: true });
    const tl = s.getState().timeline;
    expect(tl.times[s.getState().cursor - tl.firstAction]).toBeLessThanOrEqual(t);
    expect(tl.times[s.getState().cursor - tl.firstAction + 1]).toBeGreaterThan(t);
    expect(applyCommand(s, { type: 'seek', action: 0 })).toEqual({ ok: true }); // dropped: the window start
    expect(s.getState().cursor).toBe(s.getState().rec.first);
  });

  it('the events passed while playing across a recorded slice are contiguous', () => {
    const s = fresh();
    s.getState().seek(s.getState().rec.last - 2);
    const prev = s.getState();
    playOn(s, 1);
    s.getState().seek(prev.cursor + 5);
    const p = passedEvents(prev, s.getState());
    const tl = s.getState().timeline;
    expect(p.from).toBe(tl.endSeq[prev.cursor - tl.firstAction]);
    expect((p.events as TraceEvent[]).map((e) => e.seq)).toEqual(Array.from({ length: p.to - p.from }, (_, i) => p.from + i));
  });

  it('the chart rows and notes follow the window as it grows and drops its start', () => {
    const s = fresh();
    const tl = s.getState().timeline;
    const rows0 = rowsOf(tl, false), all0 = rowsOf(tl, true);
    expect(notesOf(tl).map((e) => e.detail.text)).toEqual(['db listens', 'web floods db']);
    playOn(s, 12);
    expect(s.getState().rec.first).toBeGreaterThan(0);
    const rows = rowsOf(tl, false);
    expect(rows).not.toBe(rows0);
    expect(rows).toEqual(buildRows(tl.events, tl.endSeq, false));
    expect(rowsOf(tl, true)).not.toBe(all0);
    expect(rowsOf(tl, true)).toEqual(buildRows(tl.events, tl.endSeq, true));
    expect(rows[0]!.seq).toBeGreaterThanOrEqual(tl.firstSeq);
    expect(rowsOf(tl, false)).toBe(rows); // unchanged window: same array
    expect(notesOf(tl)).toEqual([]); // both notes were dropped with the start
  });

  it('a run that ends is recorded to its end; play at the end starts again at the window start', () => {
    const s = createPlaygroundStore({ ...hourFlood, steps: hourFlood.steps.map((x) => x.op === 'flood' ? { ...x, until: 30_000 } : x) }, null, { budget: 1e6 });
    let guard = 0;
    while (!s.getState().rec.ended && guard++ < 1000) playOn(s, 1);
    const { rec } = s.getState();
    expect(rec.ended).toBe(true);
    expect(rec.first).toBeGreaterThan(0);
    expect(s.getState().extendRecording()).toBe(false);
    s.getState().seek(rec.last);
    s.getState().play();
    expect(s.getState().cursor).toBe(rec.first);
    expect(lastAction(s.getState().timeline)).toBe(rec.last);
  });

  it('a smaller budget set later trims the recording at once, keeping the cursor', () => {
    const s = fresh(50e6);
    playOn(s, 3);
    s.getState().seek(s.getState().rec.last - 10);
    const before = s.getState();
    expect(before.rec.first).toBe(0);
    s.getState().setBudget(1e6);
    const { rec, cursor, budget } = s.getState();
    expect(budget).toBe(1e6);
    expect(rec.first).toBeGreaterThan(0);
    expect(rec.last).toBe(before.rec.last);
    expect(cursor).toBe(before.cursor);
    expect(recordedBytes(s.getState().timeline)).toBeLessThanOrEqual(1e6);
  });

  it('an edit deep in a long run lands at the cursor, recording the new run on to it', () => {
    const s = fresh();
    playOn(s, 6);
    const { cursor, timeline: tl } = s.getState();
    const t = tl.times[cursor - tl.firstAction]!;
    expect(s.getState().dispatch({ op: 'crash', dom: 2 })).toEqual({ ok: true });
    const after = s.getState();
    expect(after.timeline).not.toBe(tl);
    expect(after.timeline.times[after.cursor - after.timeline.firstAction]).toBe(t + 1);
    expect(recordedBytes(after.timeline)).toBeLessThanOrEqual(BUDGET);
    expect(viewAt(after.timeline, after.rec.last).domains.find((d) => d.id === 2)?.state).toBe('crashed');
  });
});
