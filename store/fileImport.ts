/**
 * Checks an imported scenario file before anything changes: size, then its bytes as the
 * headless runner reads them (UTF-8, a BOM dropped, UTF-16 and binary data refused:
 * decodeDocumentBytes), then the same parseScenario (`path: message`).
 */
import { parseScenario, type ScenarioDoc } from '@engine/api';
import { decodeDocumentBytes, documentTooLarge, MAX_DOCUMENT_BYTES } from '@engine/api';

/** The format's document limit: a file, a link and an embed's `load` share it. */
export const MAX_IMPORT_BYTES = MAX_DOCUMENT_BYTES;

export type Checked = { ok: true; doc: ScenarioDoc } | { ok: false; error: string };

/** A file name as plain, short text for messages (no controls, no bidi reordering, whole characters). */
export function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim() || 'file';
  const chars = Array.from(s);
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : s;
}

export function checkImport(name: string, size: number, bytes: Uint8Array | null): Checked {
  const label = `import “${safeName(name)}”`;
  const big = documentTooLarge(size);
  if (big) return { ok: false, error: `${label}: ${big.replace(/^document: /, 'file: ')}` };
  if (bytes === null) return { ok: false, error: `${label}: file: could not be read` };
  if (size === 0 || bytes.length === 0) return { ok: false, error: `${label}: document: empty (expected a JSON object)` };
  const d = decodeDocumentBytes(bytes);
  if (!d.ok) return { ok: false, error: `${label}: ${d.error}` };
  const p = parseScenario(d.text);
  return p.ok ? p : { ok: false, error: `${label}: ${p.error}` };
}
