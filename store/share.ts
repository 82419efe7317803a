/**
 * Share links: the whole scenario document (never the trace: the same document gives
 * the same run) packed with lz-string into the URL fragment, `#s=<packed>&at=<action>`.
 * The fragment never reaches a server. Unpacking names what went wrong: a link that
 * cannot be decoded, or a decoded document that parseScenario rejects (`path: message`).
 */
import LZString from 'lz-string';
import { parseScenario, scenarioToJson, type ScenarioDoc } from '@engine/api';
import { MAX_DOCUMENT_BYTES } from '@engine/api';
import { decompressCapped } from '@lib/lzDecode';
import { loadedPreset } from '../scenarios/catalog';

/** Longest packed document we try to decode (a preset packs to 1–10 k characters). */
export const MAX_PACKED = 400_000;
/** Longest unpacked text: the format's document limit (its bytes are at least its characters). */
export const MAX_UNPACKED = MAX_DOCUMENT_BYTES;
const ALPHABET = /^[A-Za-z0-9+\-$]*$/;

export type Unpacked = { ok: true; doc: ScenarioDoc } | { ok: false; error: string };

/** Compact canonical JSON of the document (scenarioToJson without the indentation). */
export function compactJson(doc: ScenarioDoc): string {
  return JSON.stringify(JSON.parse(scenarioToJson(doc)));
}

export function packDoc(doc: ScenarioDoc): string {
  return LZString.compressToEncodedURIComponent(compactJson(doc));
}

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

/**
 * key=value pairs of a URL fragment or query, split by hand: URLSearchParams would
 * turn the '+' of the packed alphabet into a space.
 */
export function parseFragment(hash: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = hash.replace(/^[#?]/, '');
  if (!body) return out;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    let v = eq < 0 ? '' : part.slice(eq + 1);
    try { v = decodeURIComponent(v); } catch { /* keep the raw text; the decoder names the problem */ }
    if (k && !out.has(k)) out.set(k, v);
  }
  return out;
}

/** `#s=…` with the cursor's action when given. */
export function shareHash(doc: ScenarioDoc, at?: number): string {
  return `#s=${packDoc(doc)}${at !== undefined && at > 0 ? `&at=${at}` : ''}`;
}

/** An action index as typed in a link: a whole number, or a readable line. */
export function parseActionParam(text: string, name = 'at'): { ok: true; value: number } | { ok: false; error: string } {
  if (!/^\d{1,9}$/.test(text)) return { ok: false, error: `${name}: "${text.slice(0, 20)}" is not a whole number of actions` };
  return { ok: true, value: Number(text) };
}

/**
 * True when `doc` is still exactly the preset `presetId` (no edits). A preset the store
 * names has been loaded, so its document is here.
 */
export function presetUnchanged(presetId: string | null, doc: ScenarioDoc): boolean {
  const p = presetId ? loadedPreset(presetId) : undefined;
  const parsed = p ? parseScenario(p.doc) : null;
  return !!parsed?.ok && compactJson(parsed.doc) === compactJson(doc);
}
