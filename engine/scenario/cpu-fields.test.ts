/** `domains[].vcpus` and `costs` (scenario-v1 1.1): accepted, refused with one line, round-tripped. */
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioToJson } from './index';
import { withTop } from './fixtures';
import { COST_NAMES, DEFAULT_COSTS } from '../core/costs';

const B = { id: 0, name: 'dom0', role: 'backend' };
const W = { id: 1, name: 'web' };
const KNOWN = COST_NAMES.join(', ');

const CASES: [string, unknown, string][] = [
  ['vcpus 0', withTop({ domains: [B, { ...W, vcpus: 0 }] }), 'domains[1].vcpus: expected an integer from 1 to 64, got 0'],
  ['vcpus 65', withTop({ domains: [B, { ...W, vcpus: 65 }] }), 'domains[1].vcpus: expected an integer from 1 to 64, got 65'],
  ['vcpus 1.5', withTop({ domains: [{ ...B, vcpus: 1.5 }, W] }), 'domains[0].vcpus: expected an integer from 1 to 64, got 1.5'],
  ['vcpus text', withTop({ domains: [B, { ...W, vcpus: '2' }] }), 'domains[1].vcpus: expected an integer from 1 to 64, got "2"'],
  ['costs not an object', withTop({ costs: [] }), 'costs: expected an object, got an array'],
  ['unknown cost', withTop({ costs: { cm: 5, rxBytesPerSec: 1 } }), `costs.rxBytesPerSec: unknown cost (known: ${KNOWN})`],
  ['negative rate', withTop({ costs: { rxBytesPerUs: -1 } }), 'costs.rxBytesPerUs: must be a positive number of at most 1000000000, got -1'],
  ['zero rate', withTop({ costs: { txBytesPerUs: 0 } }), 'costs.txBytesPerUs: must be a positive number of at most 1000000000, got 0'],
  ['infinite rate', withTop({ costs: { rxBytesPerUs: Infinity } }), 'costs.rxBytesPerUs: must be a positive number of at most 1000000000, got a number too large to represent'],
  ['fractional µs', withTop({ costs: { cm: 2.5 } }), 'costs.cm: must be a positive integer of at most 1000000000, got 2.5'],
  ['cost as text', withTop({ costs: { upcall: '2' } }), 'costs.upcall: must be a positive integer of at most 1000000000, got "2"'],
];

describe('vcpus and costs', () => {
  it.each(CASES)('%s', (_label, input, error) => {
    const r = parseScenario(input);
    expect(r).toEqual({ ok: false, error });
  });

  it('accepts them, leaves them out when absent, and writes them back', () => {
    const plain = parseScenario(withTop({}));
    if (!plain.ok) throw new Error(plain.error);
    expect(plain.doc.costs).toBeUndefined();
    expect(plain.doc.domains.every((d) => d.vcpus === undefined)).toBe(true);
    const doc = withTop({ costs: { rxBytesPerUs: 333.5, cm: 9 } }) as { domains: Array<Record<string, unknown>> };
    doc.domains[0]!['vcpus'] = 4;
    doc.domains[1]!['vcpus'] = 64;
    const r = parseScenario(doc);
    if (!r.ok) throw new Error(r.error);
    expect(r.doc.domains.slice(0, 3).map((d) => d.vcpus)).toEqual([4, 64, undefined]);
    expect(r.doc.costs).toEqual({ rxBytesPerUs: 333.5, cm: 9 });
    const again = parseScenario(scenarioToJson(r.doc));
    expect(again).toEqual({ ok: true, doc: r.doc });
  });

  it('the table names every cost with a positive default', () => {
    for (const k of COST_NAMES) expect(DEFAULT_COSTS[k]).toBeGreaterThan(0);
  });
});
