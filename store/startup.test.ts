/** The page's first recording: a few actions before the first paint, the rest in short tasks after it. */
import { describe, it, expect } from 'vitest';
import { traceToJsonl, lastAction } from '@engine/api';
import { FIRST_PRESET, loadedPreset } from '../scenarios/catalog';
import { createPlaygroundStore } from './createPlaygroundStore';
import { recordRest, restRecorded } from './recording';

describe('start small, record the rest after paint', () => {
  it('records only the first actions at once, and the same run as a full load once the rest is in', async () => {
    const small = createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id, { startSmall: true });
    const full = createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id);
    expect(full.getState().timeline.ended).toBe(true);
    const tl = small.getState().timeline;
    expect(tl.ended).toBe(false);
    expect(lastAction(tl)).toBeLessThanOrEqual(4);
    expect(small.getState().rec.ended).toBe(false);

    const done = recordRest(small);
    expect(restRecorded(small)).toBe(done);
    // nothing is recorded in the task that asked: the rest waits for the next one
    expect(lastAction(tl)).toBeLessThanOrEqual(4);
    await done;
    const s = small.getState();
    expect(s.timeline).toBe(tl);
    expect(s.rec.ended).toBe(true);
    expect(s.rec.last).toBe(full.getState().rec.last);
    expect(traceToJsonl(tl.events)).toBe(traceToJsonl(full.getState().timeline.events));
  });

  it('stops when the store loads another document meanwhile', async () => {
    const small = createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id, { startSmall: true });
    const first = small.getState().timeline;
    const done = recordRest(small);
    const other = loadedPreset(FIRST_PRESET.id)!;
    expect(small.getState().load(other.doc, null, { play: false }).ok).toBe(true);
    const loaded = small.getState().timeline;
    await done;
    expect(first.ended).toBe(false);
    expect(small.getState().timeline).toBe(loaded);
    expect(small.getState().rec.ended).toBe(true);
  });

  it('a store given no recordRest is recorded already (restRecorded resolves at once)', async () => {
    const full = createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id);
    await restRecorded(full);
    expect(full.getState().rec.ended).toBe(true);
  });
});
