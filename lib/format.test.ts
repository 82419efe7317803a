import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fmtCount } from './format';

const intl = new Intl.NumberFormat('en-US');

describe('fmtCount', () => {
  it('groups digits as en-US does', () => {
    expect(fmtCount(0)).toBe('0');
    expect(fmtCount(999)).toBe('999');
    expect(fmtCount(1000)).toBe('1,000');
    expect(fmtCount(1234567)).toBe('1,234,567');
    expect(fmtCount(-65536)).toBe('-65,536');
    expect(fmtCount(1.5)).toBe('1.5');
    expect(fmtCount(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });
  it('agrees with Intl.NumberFormat("en-US") on integers', () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => fmtCount(n) === intl.format(n)), { numRuns: 5000 });
  });
  it('agrees with Intl.NumberFormat("en-US") on numbers with up to three decimals', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 999 }), (i, m) => {
      const n = i + Math.sign(i || 1) * m / 1000;
      return fmtCount(n) === intl.format(n);
    }), { numRuns: 5000 });
  });
});
