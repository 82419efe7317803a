/**
 * Presentation mode's slides: one per step note, in the order the run reaches them (steps
 * run in `at` order, file order for equal times). Pure functions over the document and the
 * narration notes held in the recording window.
 */
import { noteModeOf, noteText, type ScenarioDoc } from '@engine/api';
import type { NoteEvent } from './derived';

/** The indexes of the steps that have a note, in run order. */
export function slideSteps(doc: ScenarioDoc): number[] {
  const idx: number[] = [];
  doc.steps.forEach((s, i) => { if (s.note !== undefined) idx.push(i); });
  return idx.sort((a, b) => doc.steps[a]!.at - doc.steps[b]!.at || a - b);
}

/** Where the run is: slide `k` of `total` (0 before the first note), and that note. */
export interface SlidePos { k: number; total: number; note: NoteEvent | null }

export function slideAt(order: readonly number[], notes: readonly NoteEvent[], cur: number): SlidePos {
  const note = cur >= 0 ? notes[cur] ?? null : null;
  const k = note ? order.indexOf(note.detail.step) + 1 : 0;
  return { k, total: order.length, note };
}

/** The note event of slide `k` (1-based) if the recording window holds it. */
export function noteOfSlide(order: readonly number[], notes: readonly NoteEvent[], k: number): NoteEvent | null {
  const step = order[k - 1];
  if (step === undefined) return null;
  return notes.find((n) => n.detail.step === step) ?? null;
}

/** The text slide `k` (1-based) shows in the document's mode, whether or not the run has reached it. */
export function slideText(doc: ScenarioDoc, order: readonly number[], k: number): string | null {
  const note = doc.steps[order[k - 1] ?? -1]?.note;
  return note === undefined ? null : noteText(note, noteModeOf(doc));
}
