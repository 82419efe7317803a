/**
 * What the narration says in the current mode. A step's note event already carries the
 * mode's text (or the engine's plain "written for another mode" line); these say which
 * case it is, and whether a preset's description was written for another mode.
 */
import { NOTE_MODE_LABELS, noteModeOf, pickNote } from '@engine/lite';
import type { ScenarioDoc } from '@engine/api';
import { loadedPreset } from '../scenarios/catalog';

/** True when step `index`'s note has no text for the document's mode (the page shows the plain line). */
export function noteIsFromOtherMode(doc: ScenarioDoc, index: number): boolean {
  const note = doc.steps[index]?.note;
  return note !== undefined && pickNote(note, noteModeOf(doc)).text === null;
}

/**
 * The line shown under a preset's description once the mode was switched away from the
 * one it was written for, or null. (A description is one text, written for the preset's mode.)
 */
export function descriptionCaveat(doc: ScenarioDoc, presetId: string | null): string | null {
  const preset = presetId ? loadedPreset(presetId) : undefined;
  const raw = preset?.doc as { transport?: unknown; broker?: unknown } | undefined;
  if (!raw || (raw.transport !== 'vsock' && raw.transport !== 'v4v')) return null;
  const own = noteModeOf({ transport: raw.transport, broker: raw.broker === 'xenstore' ? 'xenstore' : 'connection-manager' });
  const now = noteModeOf(doc);
  return own === now ? null : `This description was written for ${NOTE_MODE_LABELS[own]}; the step notes say what ${NOTE_MODE_LABELS[now]} shows.`;
}
