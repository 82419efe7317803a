/** Ring keys come from a table by domain pair: always the same text as built afresh. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { peerKey } from './peer';

describe('peerKey', () => {
  it('is "lo:hi" (or "bypass:lo:hi") for either order, cached or not', () => {
    const dom = fc.oneof(fc.nat(40), fc.nat(70_000), fc.constantFrom(65_535, 65_536, -1, 1.5));
    fc.assert(fc.property(dom, dom, fc.constantFrom<'peer' | 'bypass'>('peer', 'bypass'), (x, y, kind) => {
      const plain = x < y ? `${x}:${y}` : `${y}:${x}`;
      const want = kind === 'peer' ? plain : `bypass:${plain}`;
      expect(peerKey(x, y, kind)).toBe(want);
      expect(peerKey(y, x, kind)).toBe(want);
      expect(peerKey(x, y, kind)).toBe(want); // from the table the second time
    }), { numRuns: 2000 });
  });
});
