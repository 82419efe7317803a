import { afterEach, describe, expect, it } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import { recordRun } from './recordRun';
import { recordedViews } from './recordedRun';
import { engineIfLoaded, loadEngine, unloadEngineForTests } from './engine';
import { cpuSeriesOf } from './series';
import { PRESETS } from '../scenarios';
import { FIRST_PRESET } from '../scenarios/catalog';

const first = PRESETS.find((p) => p.id === FIRST_PRESET.id)!;
/** The recorded run as the page gets it: copied (React's props travel serialized, much as structuredClone copies). */
const recorded = () => structuredClone(recordRun(first.id, first.doc)!);
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(async () => { await loadEngine(); });

describe('a run recorded at build time', () => {
  it('is the run the engine records live, event by event and view by view', () => {
    const r = recorded();
    const live = createPlaygroundStore(first.doc, first.id);
    const tl = live.getState().timeline;
    expect(tl.ended).toBe(true);
    expect(JSON.stringify(r.events)).toBe(JSON.stringify(tl.events));
    expect(r.endSeq).toEqual(tl.endSeq);
    expect(r.times).toEqual(tl.times);
    expect(r.doc).toEqual(live.getState().doc);
    expect(r.views).toHaveLength(tl.endSeq.length);
    for (let a = 0; a < r.views.length; a++) expect(r.views[a], `view at action ${a}`).toEqual(live.derived.viewAt(tl, a));
  });

  it('is not made for a run that goes on past what the page should carry', () => {
    const flood = PRESETS.find((p) => p.id === 'flood-isolation')!;
    const r = recordRun(flood.id, flood.doc);
    expect(r).not.toBeNull();
    expect(recordRun(flood.id, flood.doc, r!.endSeq.length - 2)).toBeNull();
  });

  it('plays, steps and seeks without the engine; once it has arrived, the engine\'s detail of any moment is the live run\'s', async () => {
    unloadEngineForTests();
    const s = createPlaygroundStore(first.doc, first.id, { recorded: recorded() });
    expect(engineIfLoaded()).toBeNull();
    const tl0 = s.getState().timeline;
    expect(recordedViews(tl0)).not.toBeNull();
    s.getState().step(1);
    s.getState().step(1);
    const at = s.getState().cursor;
    expect(at).toBeGreaterThan(1);
    const seen = JSON.stringify(s.derived.viewAt(tl0, at));
    expect(s.derived.rowsOf(tl0, false).length).toBeGreaterThan(0);
    s.getState().seek(10_000);
    expect(s.getState().cursor).toBe(tl0.endSeq.length - 1);
    s.getState().seek(at);
    expect(engineIfLoaded()).toBeNull();

    // selecting a domain needs the engine's detail: it fetches the engine first
    s.getState().select({ kind: 'domain', id: 1 });
    expect(s.getState().selection).toBeNull();
    await loadEngine();
    await settle();
    const st = s.getState();
    expect(st.selection).toEqual({ kind: 'domain', id: 1 });
    expect(st.timeline).toBe(tl0);
    expect(st.cursor).toBe(at);
    expect(JSON.stringify(s.derived.viewAt(st.timeline, at))).toBe(seen);
    const live = createPlaygroundStore(first.doc, first.id);
    for (const a of [0, at, tl0.endSeq.length - 1]) {
      for (const dom of [0, 1, 2]) {
        expect(s.derived.detailAt(st.timeline, a, dom), `detail of ${dom} at ${a}`).toEqual(live.derived.detailAt(live.getState().timeline, a, dom));
      }
      expect(s.derived.reportAt(st.timeline, a)).toEqual(live.derived.reportAt(live.getState().timeline, a));
    }
    const names = new Map([[0, 'dom0'], [1, 'web'], [2, 'db']]);
    expect(cpuSeriesOf(st.timeline, names)).toEqual(cpuSeriesOf(live.getState().timeline, names));
  });

  it('an edit made before the engine arrives is made once it has', async () => {
    unloadEngineForTests();
    const s = createPlaygroundStore(first.doc, first.id, { recorded: recorded() });
    s.getState().seek(3);
    expect(s.getState().dispatch({ op: 'crash', dom: 2, note: 'crash db' })).toEqual({ ok: true });
    expect(s.getState().past).toHaveLength(0);
    await loadEngine();
    await settle();
    expect(s.getState().past).toHaveLength(1);
    expect(s.getState().doc.steps.some((x) => x.op === 'crash' && x.dom === 2)).toBe(true);
  });

  it('a preset loaded before the engine arrives is loaded once it has', async () => {
    unloadEngineForTests();
    const s = createPlaygroundStore(first.doc, first.id, { recorded: recorded() });
    const other = PRESETS.find((p) => p.id === 'denied-by-default')!;
    s.getState().load(other.doc, other.id);
    expect(s.getState().presetId).toBe(first.id);
    await loadEngine();
    await settle();
    expect(s.getState().presetId).toBe(other.id);
    expect(recordedViews(s.getState().timeline)).toBeNull();
  });
});
