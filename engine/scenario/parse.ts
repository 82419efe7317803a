/**
 * parseScenario: text or value in, a defaults-filled ScenarioDoc or ONE readable line out.
 * Never throws, whatever the input (null, arrays, deep nesting, "__proto__" keys, getters
 * that throw, ...).
 */
import { ScenarioError, oneLine } from './errors';
import { documentTooLarge, jsonLargerThan, mb, utf8Length } from './text';
import { MAX_DOCUMENT_BYTES, type ParseOptions, type ParseResult } from './types';
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
 * The error is `path: message`, e.g. `steps[3].conn: unknown connection "q2"`. A document
 * beyond the format's size limits (SCENARIO_LIMITS) is refused before anything else.
 */
export function parseScenario(input: string | unknown, opts: ParseOptions = {}): ParseResult {
  try {
    let raw: unknown = input;
    if (typeof input === 'string') {
      if (!opts.unlimited && input.length > MAX_DOCUMENT_BYTES / 3) {
        const big = documentTooLarge(input.length > MAX_DOCUMENT_BYTES ? input.length : utf8Length(input));
        if (big) return failure(big);
      }
      if (input.trim() === '') return failure('document: empty (expected a JSON object)');
      try {
        raw = JSON.parse(input);
      } catch (e) {
        return failure(`document: not valid JSON (${errorText(e)})`);
      }
    } else if (!opts.unlimited && jsonLargerThan(input, MAX_DOCUMENT_BYTES)) {
      return failure(`document: too large (a scenario is at most ${mb(MAX_DOCUMENT_BYTES)} as JSON text)`);
    }
    return { ok: true, doc: validateDocument(raw, opts.unlimited === true) };
  } catch (e) {
    if (e instanceof ScenarioError) return failure(e.message);
    if (e instanceof RangeError) return failure('document: too deeply nested or too large to read');
    return failure(`document: could not be read (${errorText(e)})`);
  }
}
