/**
 * One-line, path-first error messages: `steps[3].conn: unknown connection "q2"`.
 * User text that ends up in a message is quoted (JSON escapes) and shortened, so a message
 * is always a single line of bounded length.
 */

import { escapeUnsafe, quoteSafe } from './text';

/** Internal: thrown by the validator, caught by parseScenario; never escapes the module. */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'ScenarioError';
  }
}

export function fail(path: string, detail: string): never {
  throw new ScenarioError(path, detail);
}

const MAX_QUOTED = 40;
export const MAX_ERROR_LENGTH = 300;

/** A user string, JSON-quoted (controls, bidi controls and lone surrogates escaped) and cut to a readable length. */
export function quote(s: string): string {
  const cut = s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED)}…` : s;
  return quoteSafe(cut);
}

/** A short description of any value for "expected X, got Y". */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return 'a number too large to represent';
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
      return String(v);
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof v}`;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `path.key`, or `path["odd key"]` for keys that are not identifiers. */
export function keyPath(path: string, key: string): string {
  if (IDENT.test(key)) return path ? `${path}.${key}` : key;
  return `${path || 'document'}[${quote(key)}]`;
}

export function indexPath(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Collapse any line break (including U+2028/9, NEL), escape what a terminal or a page must not get raw, cap the length. */
export function oneLine(s: string): string {
  const flat = escapeUnsafe(s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' '));
  if (flat.length <= MAX_ERROR_LENGTH) return flat;
  let cut = MAX_ERROR_LENGTH - 1;
  if ((flat.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--; // never split a surrogate pair
  return `${flat.slice(0, cut)}…`;
}
