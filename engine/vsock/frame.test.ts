import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { frameOf, framePageOf } from './link';

describe('framePageOf', () => {
  it('is frameOf of the page\'s name, without building it', () => {
    for (const [peer, page] of [[0, 0], [9, 10], [10, 99], [100, 1000], [32_767, 1], [1_000_000, 123_456]] as const) {
      expect(framePageOf(3, 'peer', peer, page)).toBe(frameOf(3, `peer:${peer}:${page}`));
    }
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1 << 16 }), fc.constantFrom('peer', 'bypass'), fc.integer({ min: -5, max: 2 ** 40 }), fc.nat(),
      (dom, what, peer, page) => framePageOf(dom, what, peer, page) === frameOf(dom, `${what}:${peer}:${page}`),
    ), { numRuns: 2000 });
  });
});
