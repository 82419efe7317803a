/** The optional `xen` field (scenario-v1 "Additions in 1.1"): "4.3" (meant when absent) or "4.19". */
import { describe, expect, it } from 'vitest';
import { parseScenario, scenarioToJson } from './index';
import { SPEC_EXAMPLE, withTop } from './fixtures';

describe('scenario field xen', () => {
  it('is absent when not given (the engine then models 4.3) and kept when given', () => {
    const plain = parseScenario(SPEC_EXAMPLE);
    expect(plain.ok && plain.doc.xen).toBeUndefined();
    for (const xen of ['4.3', '4.19']) {
      const r = parseScenario(withTop({ xen }));
      expect(r.ok && r.doc.xen).toBe(xen);
      if (!r.ok) continue;
      const back = parseScenario(scenarioToJson(r.doc));
      expect(back).toEqual(r);
      expect(scenarioToJson(r.doc)).toMatch(new RegExp(`"xsm": false,\\n  "xen": "${xen.replace('.', '\\.')}",\\n  "limits"`));
    }
  });

  it.each([
    ['another release', '4.4', 'xen: expected "4.3" or "4.19", got "4.4"'],
    ['a number', 4.3, 'xen: expected "4.3" or "4.19", got 4.3'],
    ['null', null, 'xen: expected "4.3" or "4.19", got null'],
    ['a longer string', '4.19.1', 'xen: expected "4.3" or "4.19", got "4.19.1"'],
  ])('rejects %s with one line', (_label, xen, error) => {
    const r = parseScenario(withTop({ xen }));
    expect(r).toEqual({ ok: false, error });
  });

  it('reports xen before limits (document order)', () => {
    const r = parseScenario(withTop({ xen: 'new', limits: { ringPages: 0 } }));
    expect(r.ok || r.error.startsWith('xen: ')).toBe(true);
    expect(r.ok).toBe(false);
  });
});
