/**
 * Field checks of the scenario document's shape: a field's type and range, the one
 * message any problem with it reports, and what it becomes when absent (required, left
 * out, or a default). walk.ts applies them in document order; cross-references are
 * validate.ts's. A few lines instead of a schema library: the validator ships in the
 * page's first load, and every message is written here anyway.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A field that must be there, or that takes a default when absent (undefined). */
export interface Field<T = unknown> {
  readonly check: (raw: unknown) => Checked<T>;
  readonly absent: 'required' | (() => T);
}
/** A field that may be left out (it is then absent from the parsed object too). */
export interface OptionalField<T = unknown> {
  readonly check: (raw: unknown) => Checked<T>;
  readonly absent: 'optional';
}
export type AnyField = Field | OptionalField;
export type Shape = Record<string, AnyField>;

type Req<S extends Shape> = { [K in keyof S as S[K] extends OptionalField ? never : K]: S[K] extends Field<infer T> ? T : never };
type Opt<S extends Shape> = { [K in keyof S as S[K] extends OptionalField ? K : never]?: S[K] extends OptionalField<infer T> ? T : never };
/** The parsed object of a shape (for compile-time checks against the document types). */
export type ShapeOutput<S extends Shape> = Req<S> & Opt<S>;

const pass = <T>(value: T): Checked<T> => ({ ok: true, value });

/**
 * The parsed value of `raw` (present or not), or the field's message. An absent field
 * is undefined: its default, nothing (optional), or the field's own message (required).
 */
export function checkField(field: AnyField, raw: unknown): Checked<unknown> {
  if (raw === undefined && field.absent !== 'required') return pass(field.absent === 'optional' ? undefined : field.absent());
  return field.check(raw);
}

export function required<T>(check: (raw: unknown) => Checked<T>): Field<T> {
  return { check, absent: 'required' };
}

export function optional<T>(f: Field<T>): OptionalField<T> {
  return { check: f.check, absent: 'optional' };
}

/** `f`, or `value` (a function: called for each document) when absent. */
export function withDefault<T>(f: Field<T>, value: T | (() => T)): Field<T> {
  return { check: f.check, absent: typeof value === 'function' ? (value as () => T) : () => value };
}

/** A test and the message of its failure. */
function test<T>(ok: (raw: unknown) => boolean, error: string): Field<T> {
  return required((raw) => (ok(raw) ? pass(raw as T) : { ok: false, error }));
}

/** An integer in [min, max] (always within the safe range); -0 becomes 0, so equal documents are identical. */
export function intIn(min: number, max: number, error: string): Field<number> {
  return required((raw) =>
    typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max ? pass(raw === 0 ? 0 : raw) : { ok: false, error },
  );
}

/**
 * Bidi embedding, override and isolate controls: they make a name show reordered (a file
 * "evil\u202Etxt.json" reads as "evilnosj.txt"). Plain right-to-left text needs none of
 * them; the marks U+200E/U+200F stay allowed.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

export function text(min: number, max: number, error: string): Field<string> {
  return required((raw) => {
    if (typeof raw !== 'string' || raw.length < min || raw.length > max) return { ok: false, error };
    const bidi = BIDI_CONTROLS.exec(raw);
    if (bidi) return { ok: false, error: `contains the bidi control U+${bidi[0].charCodeAt(0).toString(16).toUpperCase()} at position ${bidi.index}, which would show the text reordered` };
    return pass(raw);
  });
}

export function oneOf<T extends string>(values: readonly T[], error: string): Field<T> {
  return test((raw) => (values as readonly unknown[]).includes(raw), error);
}

export function literal<T extends string | number>(value: T, error: string): Field<T> {
  return test((raw) => raw === value, error);
}

export function boolean(error: string): Field<boolean> {
  return test((raw) => typeof raw === 'boolean', error);
}

/** Any array (its items are checked by a custom walker; this only fills the shape). */
export function array<T>(error: string): Field<T[]> {
  return test((raw) => Array.isArray(raw), error);
}

/** Any object (its fields are checked by a custom walker; this only fills the shape). */
export function object<T>(error: string): Field<T> {
  return test((raw) => typeof raw === 'object' && raw !== null && !Array.isArray(raw), error);
}
