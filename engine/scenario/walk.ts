/**
 * Field-by-field object checking, in document order: the fields of an object are
 * checked in the order they appear in the JSON text (Object.keys order), then missing
 * required fields in shape order. Each field is checked by its check (fields.ts); an
 * optional hook runs semantic checks right after a field's shape passes, so the first
 * problem in the text is the one reported.
 */
import { describe, fail, keyPath } from './errors';
import { checkField, type AnyField, type Shape } from './fields';

export type { Shape };
type Json = Record<string, unknown>;

export interface WalkOptions {
  /** Reject fields not in the shape (true) or ignore and drop them (false). */
  strict: boolean;
  /** Appended to "unknown field" / "required" messages, e.g. ` for op "listen"`. */
  context?: string;
  /** What an unknown key is called in messages (default "field"). */
  unknownWord?: string;
  /** Fields whose raw value is checked by a custom walker (nested objects, arrays). */
  nested?: Record<string, (raw: unknown, path: string) => unknown>;
  /** Runs after a field's shape has passed, with its parsed value. */
  onField?: (key: string, value: unknown, path: string) => void;
  /** Explicit field order instead of the document's (used at the top level). */
  order?: readonly string[];
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The field's value, or its message followed by what was actually there. */
function parseField(field: AnyField, raw: unknown, path: string): unknown {
  const r = checkField(field, raw);
  if (!r.ok) fail(path, `${r.error}, got ${describe(raw)}`);
  return r.value;
}

/**
 * Check `raw` against `shape` and return a new object holding only the shape's fields
 * (defaults filled; absent optional fields left out).
 */
export function walkObject(raw: unknown, path: string, shape: Shape, opts: WalkOptions): Json {
  if (!isObject(raw)) fail(path || 'document', `expected an object, got ${describe(raw)}`);
  const ctx = opts.context ?? '';
  const parsed = new Map<string, unknown>();
  const keys = opts.order ?? Object.keys(raw);
  if (opts.order && opts.strict) {
    for (const k of Object.keys(raw)) if (!hasOwn(shape, k)) unknownField(path, k, shape, ctx, opts.unknownWord ?? 'field');
  }
  for (const k of keys) {
    if (!hasOwn(shape, k)) {
      if (opts.strict) unknownField(path, k, shape, ctx, opts.unknownWord ?? 'field');
      continue;
    }
    if (!hasOwn(raw, k)) {
      // With an explicit order, a missing required field is reported at its position.
      if (opts.order) parsed.set(k, defaultOf(shape[k]!, keyPath(path, k), ctx));
      continue;
    }
    const p = keyPath(path, k);
    const nested = opts.nested && hasOwn(opts.nested, k) ? opts.nested[k] : undefined;
    const value = nested ? nested(raw[k], p) : parseField(shape[k]!, raw[k], p);
    parsed.set(k, value);
    opts.onField?.(k, value, p);
  }
  const out: Json = {};
  for (const k of Object.keys(shape)) {
    let value: unknown;
    if (parsed.has(k)) value = parsed.get(k);
    else value = defaultOf(shape[k]!, keyPath(path, k), ctx);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** The default of an absent field, or a "required" error. */
function defaultOf(field: AnyField, path: string, ctx: string): unknown {
  const r = checkField(field, undefined);
  if (!r.ok) fail(path, `required${ctx}`);
  return r.value;
}

function unknownField(path: string, k: string, shape: Shape, ctx: string, word: string): never {
  return fail(keyPath(path, k), `unknown ${word}${ctx} (known: ${Object.keys(shape).join(', ')})`);
}

/** An array of at most `max` items (with `what` naming the items in messages). */
export function checkArray(raw: unknown, path: string, what: string, min: number, max: number): unknown[] {
  if (!Array.isArray(raw)) fail(path, `expected an array of ${what}, got ${describe(raw)}`);
  if (raw.length < min) fail(path, `expected at least ${min} ${what.replace(/s$/, '')}, got an empty array`);
  if (raw.length > max) fail(path, `too many ${what}: ${raw.length} (at most ${max})`);
  return raw;
}
