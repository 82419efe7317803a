/**
 * parseScenario: text or value in, a defaults-filled ScenarioDoc or ONE readable line out.
 * Never throws, whatever the input (null, arrays, deep nesting, "__proto__" keys, getters
 * that throw, ...).
 */
import { ScenarioError, oneLine } from './errors';
import type { ParseResult } from './types';
import { validateDocument } from './validate';

function failure(error: string): ParseResult {
  return { ok: false, error: oneLine(error) };
}

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unknown error';
  }
}

/**
 * A string is JSON-decoded first; anything else is taken as an already-decoded value.
 * The error is `path: message`, e.g. `steps[3].conn: unknown connection "q2"`.
 */
export function parseScenario(input: string | unknown): ParseResult {
  try {
    let raw: unknown = input;
    if (typeof input === 'string') {
      if (input.trim() === '') return failure('document: empty (expected a JSON object)');
      try {
        raw = JSON.parse(input);
      } catch (e) {
        return failure(`document: not valid JSON (${errorText(e)})`);
      }
    }
    return { ok: true, doc: validateDocument(raw) };
  } catch (e) {
    if (e instanceof ScenarioError) return failure(e.message);
    if (e instanceof RangeError) return failure('document: too deeply nested or too large to read');
    return failure(`document: could not be read (${errorText(e)})`);
  }
}
