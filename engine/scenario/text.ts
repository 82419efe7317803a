/**
 * A scenario document as bytes and text, the same way in the headless runner and the
 * page: how big it is, how its bytes become text (UTF-8, a BOM dropped, UTF-16/32 and
 * binary data refused), and how input text is quoted safely in a one-line message.
 */
import { MAX_DOCUMENT_BYTES } from './types';
import { utf8Length } from '../core/utf8';

export { utf8Length };

/**
 * True when a decoded value would take more than `max` bytes as JSON text. Walks it once
 * and stops as soon as the count passes `max`, so a huge object costs no more than that.
 * Counts the text of strings and numbers and a byte or two of punctuation per item.
 */
export function jsonLargerThan(value: unknown, max: number): boolean {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') n += v.length > max ? v.length : utf8Length(v) + 2;
    else if (typeof v === 'number') n += String(v).length;
    else if (typeof v === 'boolean') n += 5;
    else if (v === null || v === undefined) n += 4;
    else if (Array.isArray(v)) { n += 2 + v.length; for (let i = 0; i < v.length && n <= max; i++) stack.push(v[i]); }
    else if (typeof v === 'object') {
      n += 2;
      for (const k of Object.keys(v)) {
        n += k.length + 4;
        if (n > max) break;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
    if (n > max) return true;
  }
  return false;
}

export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The one-line reason a document of `bytes` bytes is refused, or null. */
export function documentTooLarge(bytes: number): string | null {
  return bytes > MAX_DOCUMENT_BYTES
    ? `document: ${mb(bytes)} is too large (a scenario is at most ${mb(MAX_DOCUMENT_BYTES)})`
    : null;
}

export type DecodedText = { ok: true; text: string } | { ok: false; error: string };

/**
 * The text of a scenario file: UTF-8, with a leading byte-order mark dropped. A UTF-16 or
 * UTF-32 file, bytes that are not UTF-8 and control characters (binary data) are refused
 * with one line (`file: …`). Needs TextDecoder (every browser, Node).
 */
export function decodeDocumentBytes(bytes: Uint8Array): DecodedText {
  const b = bytes;
  const big = documentTooLarge(b.length);
  if (big) return { ok: false, error: big };
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))
    return { ok: false, error: 'file: UTF-16 or UTF-32 text (save it as UTF-8)' };
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b); } catch {
    return { ok: false, error: 'file: not UTF-8 JSON text (binary data?)' };
  }
  // eslint-disable-next-line no-control-regex
  const ctl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (ctl) return { ok: false, error: `file: control character ${quoteSafe(ctl[0])} at character ${ctl.index} (binary data?)` };
  return { ok: true, text };
}

/**
 * Input text made safe to print on one line of a terminal or a page: controls, line
 * breaks, bidi controls, lone surrogates and the non-characters shown as \uXXXX escapes.
 */
export function escapeUnsafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `s` JSON-quoted with every unsafe character escaped. */
export function quoteSafe(s: string): string {
  return escapeUnsafe(JSON.stringify(s));
}
