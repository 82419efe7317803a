/**
 * Presentation mode talks to its speaker-notes window over a BroadcastChannel (same
 * origin only). Messages are checked field by field on arrival: text in them is only ever
 * shown as React text.
 */
export const PRESENT_CHANNEL = 'interdomain-present';

/** What the notes window shows: the current slide's full text and the next one's. */
export interface SlideMsg {
  type: 'slide';
  title: string;
  description: string;
  k: number;
  total: number;
  text: string | null;
  next: string | null;
}
export type PresentMsg = SlideMsg | { type: 'hello' } | { type: 'go'; dir: 1 | -1 } | { type: 'end' };

const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || typeof v === 'string';
const count = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The message if it is one of ours, else null. */
export function readMsg(data: unknown): PresentMsg | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m['type']) {
    case 'hello': case 'end': return { type: m['type'] };
    case 'go': return m['dir'] === 1 || m['dir'] === -1 ? { type: 'go', dir: m['dir'] } : null;
    case 'slide':
      if (!str(m['title']) || !str(m['description']) || !count(m['k']) || !count(m['total']) || !strOrNull(m['text']) || !strOrNull(m['next'])) return null;
      return m as unknown as SlideMsg;
    default: return null;
  }
}

/** A channel, or null where BroadcastChannel is missing. */
export function openChannel(onMsg: (m: PresentMsg) => void): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const ch = new BroadcastChannel(PRESENT_CHANNEL);
  ch.onmessage = (e: MessageEvent) => { const m = readMsg(e.data); if (m) onMsg(m); };
  return ch;
}

/** Keys a presenter's clicker (or keyboard) sends: +1 next note, -1 previous, 0 not ours. */
export function slideKey(key: string): 1 | -1 | 0 {
  switch (key) {
    case 'PageDown': case 'ArrowRight': case 'ArrowDown': case ' ': case 'Enter': case 'n': return 1;
    case 'PageUp': case 'ArrowLeft': case 'ArrowUp': case 'Backspace': case 'p': return -1;
    default: return 0;
  }
}
