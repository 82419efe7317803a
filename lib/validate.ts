/** Checks on what a person typed, before anything becomes a scenario step. */
export const U32_MAX = 4294967295;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A vsock port: an unsigned 32-bit integer typed as decimal digits. */
export function parsePort(text: string): Checked<number> {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return { ok: false, error: `port: "${s.slice(0, 20)}" is not a whole number (0..${U32_MAX})` };
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n > U32_MAX) return { ok: false, error: `port: ${s.slice(0, 20)} is out of range 0..${U32_MAX}` };
  return { ok: true, value: n };
}

/** A domain id for a new guest: 1..32751 and not yet used. */
export function parseNewDomId(text: string, used: ReadonlySet<number>): Checked<number> {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return { ok: false, error: `domain id: "${s.slice(0, 20)}" is not a whole number` };
  const n = Number(s);
  if (n < 1 || n > 32751) return { ok: false, error: `domain id: ${s.slice(0, 20)} is out of range 1..32751` };
  if (used.has(n)) return { ok: false, error: `domain id: ${n} is already used` };
  return { ok: true, value: n };
}

/** A guest name: 1..64 characters of plain text (rendered as text, never HTML). */
export function parseName(text: string): Checked<string> {
  const s = text.trim();
  if (s.length === 0) return { ok: false, error: 'name: must not be empty' };
  if (s.length > 64) return { ok: false, error: 'name: at most 64 characters' };
  return { ok: true, value: s };
}
