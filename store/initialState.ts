/** The store's data, and the pure function that builds its starting value. */
import type { ScenarioDoc, Timeline } from '@engine/api';
import type { ModeStatus } from './modes';
import { recWindow, type RecWindow } from './recording';

export type Selection = { kind: 'domain'; id: number } | { kind: 'ring'; key: string } | null;

/** One undoable scenario edit: the document and cursor as they were before it. */
export interface EditEntry { doc: ScenarioDoc; presetId: string | null; cursor: number }

export interface PlaygroundData {
  presetId: string | null;
  doc: ScenarioDoc;
  /** The recording of the run: only its window is held (see rec). Mutated as it grows. */
  timeline: Timeline;
  /** The recording window, a fresh value whenever the timeline grows or drops its start. */
  rec: RecWindow;
  /** Bytes of heap the recording may take before its oldest part is dropped. */
  budget: number;
  /** Index of the last engine action applied (0 = set-up), within [rec.first, rec.last]. */
  cursor: number;
  playing: boolean;
  speed: number;
  selection: Selection;
  past: EditEntry[];
  future: EditEntry[];
  /** One readable line after a refused command; null when all is well. */
  error: string | null;
  /** Sequence chart shows every hypercall and xenstore op. */
  showAll: boolean;
  /** seq whose cause chain is highlighted (hover). */
  hoverSeq: number | null;
  /** Which transport/broker modes the engine runs (null until probed). */
  modes: ModeStatus[] | null;
}

export function getInitialState(doc: ScenarioDoc, timeline: Timeline, presetId: string | null, modes: ModeStatus[] | null, budget: number): PlaygroundData {
  return {
    presetId, doc, timeline, rec: recWindow(timeline), budget, cursor: timeline.firstAction, playing: false, speed: 1, selection: null,
    past: [], future: [], error: null, showAll: false, hoverSeq: null, modes,
  };
}
