/** Property tests: no input makes parseScenario throw; errors are always one line. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioToJson } from './index';
import { EVERY_OP } from './fixtures';

function checkResult(input: unknown) {
  const r = parseScenario(input);
  if (r.ok) {
    // A valid document round-trips through its export.
    const again = parseScenario(scenarioToJson(r.doc));
    expect(again).toEqual({ ok: true, doc: r.doc });
  } else {
    expect(typeof r.error).toBe('string');
    expect(r.error).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    expect(r.error.length).toBeLessThanOrEqual(300);
    expect(r.error).toMatch(/^\S.*?: \S/);
  }
  return r;
}

type Obj = Record<string, unknown>;

/** EVERY_OP with one field (top level, a domain's or a step's) replaced by `value`. */
function mutate(where: number, key: string, value: unknown): Obj {
  const doc = structuredClone(EVERY_OP) as unknown as Obj;
  const steps = doc.steps as Obj[];
  const domains = doc.domains as Obj[];
  const target = where < 0 ? doc : where < domains.length ? domains[where]! : steps[(where - domains.length) % steps.length]!;
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return doc;
}

const KEYS = ['format', 'version', 'seed', 'at', 'op', 'dom', 'cid', 'port', 'as', 'conn', 'id', 'name', 'role',
  'until', 'kind', 'side', 'bytes', 'peer', 'limits', 'domains', 'steps', 'policy', '__proto__', 'constructor', 'x'];

describe('parseScenario never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void checkResult(v)), { numRuns: 500 });
  });

  it('on arbitrary JSON text and arbitrary strings', () => {
    fc.assert(fc.property(fc.json(), (t) => void checkResult(t)), { numRuns: 300 });
    fc.assert(fc.property(fc.string(), (t) => void checkResult(t)), { numRuns: 300 });
  });

  it('on a valid document with one field replaced by a random value', () => {
    const key = fc.oneof(fc.constantFrom(...KEYS), fc.string());
    const value = fc.oneof(fc.jsonValue(), fc.integer(), fc.constantFrom(Infinity, -0, 2 ** 53, 32752, 0xffffffff + 1, 'q', 'a', 7));
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 30 }), key, value, (where, k, v) => void checkResult(mutate(where, k, v))),
      { numRuns: Number(process.env.SCENARIO_FC_RUNS ?? 1000) },
    );
  }, 120_000);

  it('on non-JSON values and hostile objects', () => {
    const throwing = Object.defineProperty({}, 'format', { get() { throw new Error('boom\nline two'); }, enumerable: true });
    const proxy = new Proxy({}, { ownKeys() { throw new Error('nope'); } });
    for (const v of [undefined, () => 1, Symbol('s'), 10n, new Map(), Object.create(null), throwing, proxy, { steps: Infinity }]) {
      checkResult(v);
    }
    const deepText = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    checkResult(deepText);
    const r = checkResult({ ...EVERY_OP, extra: JSON.parse(deepText) });
    expect(r.ok).toBe(true);
  });
});
