/**
 * Checks an imported scenario file before anything changes: size, binary content,
 * then the same parseScenario as the headless runner (`path: message`).
 */
import { parseScenario, type ScenarioDoc } from '@engine/api';

export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export type Checked = { ok: true; doc: ScenarioDoc } | { ok: false; error: string };

/** A file name as plain, short text for messages. */
export function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it strips
  const s = name.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '').trim() || 'file';
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function mb(n: number): string { return `${(n / (1024 * 1024)).toFixed(1)} MB`; }

export function checkImport(name: string, size: number, text: string | null): Checked {
  const label = `import “${safeName(name)}”`;
  if (size > MAX_IMPORT_BYTES) return { ok: false, error: `${label}: file: ${mb(size)} is too large (the playground takes scenario files up to ${mb(MAX_IMPORT_BYTES)}; the headless runner takes bigger ones)` };
  if (text === null) return { ok: false, error: `${label}: file: could not be read` };
  if (size === 0 || text.length === 0) return { ok: false, error: `${label}: document: empty (expected a JSON object)` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 65536)) || text.includes('\ufffd')) return { ok: false, error: `${label}: file: not UTF-8 JSON text (binary data?)` };
  const p = parseScenario(text);
  return p.ok ? p : { ok: false, error: `${label}: ${p.error}` };
}
