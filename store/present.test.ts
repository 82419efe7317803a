import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenarios';
import { createPlaygroundStore } from './createPlaygroundStore';
import { noteOfSlide, slideAt, slideSteps, slideText } from './present';

describe('presentation slides', () => {
  it('one slide per note, in run order (time, then file order)', () => {
    const store = createPlaygroundStore(PRESETS.find((p) => p.id === 'allowed-connection')!.doc);
    const s = store.getState();
    const doc = { ...s.doc, steps: [s.doc.steps[0]!, { at: 50, op: 'crash', dom: 3 } as never, ...s.doc.steps.slice(1)] };
    expect(slideSteps(s.doc)).toEqual([0, 1, 2, 3]);
    const reordered = { ...s.doc, steps: [...s.doc.steps].reverse() };
    expect(slideSteps(reordered)).toEqual([3, 2, 1, 0]);
    expect(slideSteps(doc)).toEqual([0, 2, 3, 4]);
    const order = slideSteps(s.doc);
    const notes = store.derived.notesOf(s.timeline);
    expect(slideAt(order, notes, -1)).toEqual({ k: 0, total: 4, note: null });
    expect(slideAt(order, notes, 1).k).toBe(2);
    expect(noteOfSlide(order, notes, 2)).toBe(notes[1]);
    expect(noteOfSlide(order, notes, 5)).toBeNull();
    expect(slideText(s.doc, order, 1)).toBe('db listens on vsock port 5432.');
    expect(slideText(s.doc, order, 5)).toBeNull();
  });
});
