/**
 * Unpacking a share link: decode (lz-string, with an output cap), JSON-parse and validate.
 * Names what went wrong: a link that cannot be decoded, or a decoded document that
 * parseScenario rejects (`path: message`). Pure: the page runs it in a worker
 * (unpackWorker.ts), the tests and the runner call it directly.
 */
import { parseScenario, MAX_DOCUMENT_BYTES, type ScenarioDoc } from '@engine/api';
import { decompressCapped } from '@lib/lzDecode';

/** Longest packed document we try to decode (a preset packs to 1–10 k characters). */
export const MAX_PACKED = 400_000;
/** Longest unpacked text: the format's document limit (its bytes are at least its characters). */
const MAX_UNPACKED = MAX_DOCUMENT_BYTES;
const ALPHABET = /^[A-Za-z0-9+\-$]*$/;

export type Unpacked = { ok: true; doc: ScenarioDoc } | { ok: false; error: string };

export function unpackDoc(packed: string, label = 'share link'): Unpacked {
  // a chat client may turn '+' into a space; lz-string's alphabet has '+' but no space
  const s = packed.trim().replace(/ /g, '+');
  if (s === '') return { ok: false, error: `${label}: the packed scenario is empty` };
  if (s.length > MAX_PACKED) return { ok: false, error: `${label}: too long to be a scenario (${s.length} characters; at most ${MAX_PACKED})` };
  if (!ALPHABET.test(s)) {
    const i = s.search(/[^A-Za-z0-9+\-$]/);
    return { ok: false, error: `${label}: could not be decoded (character ${JSON.stringify(s[i])} at position ${i} is not part of a packed scenario)` };
  }
  // lz-string's own decoder has no output cap: a hand-built link of 72 K characters would
  // unpack to a gigabyte; this one stops as soon as the text passes the document limit
  const d = decompressCapped(s, MAX_UNPACKED);
  if (!d.ok && d.reason === 'too-large') return { ok: false, error: `${label}: the packed scenario unpacks to more than a scenario may be (${(MAX_UNPACKED / (1024 * 1024)).toFixed(1)} MB)` };
  const text = d.ok ? d.text : null;
  if (!text) return { ok: false, error: `${label}: could not be decoded (the link is damaged or cut short)` };
  let raw: unknown;
  try { raw = JSON.parse(text); } catch {
    return { ok: false, error: `${label}: could not be decoded (the unpacked text is not JSON; the link is damaged)` };
  }
  const p = parseScenario(raw);
  return p.ok ? p : { ok: false, error: `${label}: ${p.error}` };
}

