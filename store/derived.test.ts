/** Stepping the cached state forward (playback) gives exactly what a fresh seek gives. */
import { describe, it, expect } from 'vitest';
import { parseScenario, recordTimeline, stateAtAction, viewOf } from '@engine/api';
import { PRESETS } from '../scenarios';
import { createDerived } from './derived';
import { loadedModules } from './transport';

const { viewAt } = createDerived();

describe('viewAt while playing forward', () => {
  for (const id of ['allowed-connection', 'flood-isolation', 'xenstore-broker', 'v4v-wakeup-storm']) {
    it(`matches a fresh seek at every action of ${id}`, () => {
      const p = parseScenario(PRESETS.find((x) => x.id === id)!.doc);
      if (!p.ok) throw new Error(p.error);
      const tl = recordTimeline(p.doc, undefined, undefined, undefined, loadedModules());
      const last = Math.min(tl.endSeq.length - 1, 600);
      for (let a = 0; a <= last; a += a % 7 === 3 ? 5 : 1) {
        expect(viewAt(tl, a)).toEqual(viewOf(stateAtAction(tl, a)));
      }
      expect(viewAt(tl, 1)).toEqual(viewOf(stateAtAction(tl, 1))); // and back again
    });
  }
});

describe('recording in the page is bounded', () => {
  it('an hour-long flood records only its start at load; every preset records to its end', async () => {
    const { recordSafe, recordOn, initialActions, PAGE_MEMORY_BUDGET } = await import('./recording');
    const doc = parseScenario({
      format: 'interdomain-scenario', version: 1, title: 'hour flood', seed: 1, transport: 'vsock',
      domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }],
      policy: { default: 'allow', allow: [] },
      steps: [{ at: 0, op: 'listen', dom: 2, port: 80 }, { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
        { at: 200, op: 'flood', conn: 'f', until: 3_599_000_000 }],
    });
    if (!doc.ok) throw new Error(doc.error);
    const r = recordSafe(doc.doc);
    if (!r.ok) throw new Error(r.error);
    expect(r.timeline.ended).toBe(false);
    // at most initialActions, fewer if that took more than the load's wall time on this machine
    expect(r.timeline.endSeq.length).toBeGreaterThan(1);
    expect(r.timeline.endSeq.length).toBeLessThanOrEqual(initialActions(doc.doc, PAGE_MEMORY_BUDGET) + 1);
    expect(r.timeline.endSeq.length).toBeLessThanOrEqual(100_001);
    for (const p of PRESETS) { // every preset still records to its end
      const d = parseScenario(p.doc);
      if (!d.ok) throw new Error(d.error);
      const x = recordSafe(d.doc);
      if (!x.ok) throw new Error(x.error);
      // a preset heavier than LOAD_WORK_US at load (hundreds of domains) records on as it plays
      for (let i = 0; i < 100 && !x.timeline.ended; i++) recordOn(x.timeline, PAGE_MEMORY_BUDGET, Number.POSITIVE_INFINITY, null);
      expect(x.timeline.ended && !x.timeline.truncated && !x.timeline.stopped, p.id).toBe(true);
    }
  }, 120_000);
});
