/**
 * Step notes per mode (scenario-v1.md 1.1): a step's `note` is a string, written for the
 * document's own mode (its transport, and broker on vsock), or an object keyed by mode
 * when the same step reads differently on another transport or broker. A run shows the
 * text of its own mode; where there is none it says so in one plain line rather than
 * show text that is false there.
 */
import type { Broker, Transport } from './types';

export type NoteMode = 'connection-manager' | 'xenstore' | 'v4v';
export type NoteByMode = Partial<Record<NoteMode, string>>;
export type StepNote = string | NoteByMode;

/** The keys, in the order they are written. */
export const NOTE_MODES: readonly NoteMode[] = ['connection-manager', 'xenstore', 'v4v'];

export const NOTE_MODE_LABELS: Record<NoteMode, string> = {
  'connection-manager': 'vsock + connection manager',
  xenstore: 'vsock + xenstore',
  v4v: 'V4V',
};

/** The note mode a document (or a run) is in: V4V, or vsock with its broker. */
export function noteModeOf(doc: { transport: Transport; broker: Broker }): NoteMode {
  return doc.transport === 'v4v' ? 'v4v' : doc.broker;
}

/** A note as an object keyed by mode; a string belongs to `own`. */
export function noteByMode(note: StepNote, own: NoteMode): NoteByMode {
  return typeof note === 'string' ? { [own]: note } : note;
}

export type PickedNote = { text: string; writtenFor: null } | { text: null; writtenFor: NoteMode[] };

/** The text of `note` in `mode` (a string note is `mode`'s own), or the modes it was written for. */
export function pickNote(note: StepNote, mode: NoteMode): PickedNote {
  if (typeof note === 'string') return { text: note, writtenFor: null };
  const text = note[mode];
  if (text !== undefined) return { text, writtenFor: null };
  return { text: null, writtenFor: NOTE_MODES.filter((m) => note[m] !== undefined) };
}

/** The plain line shown instead of a note written only for other modes. */
export function otherModeLine(writtenFor: readonly NoteMode[], mode: NoteMode): string {
  const names = writtenFor.map((m) => NOTE_MODE_LABELS[m]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}` : names[0] ?? 'another mode';
  return `This step's note was written for ${list}; on ${NOTE_MODE_LABELS[mode]} see the figures.`;
}

/** What a run in `mode` narrates for `note`: its text there, or the plain line. */
export function noteText(note: StepNote, mode: NoteMode): string {
  const p = pickNote(note, mode);
  return p.text ?? otherModeLine(p.writtenFor, mode);
}
