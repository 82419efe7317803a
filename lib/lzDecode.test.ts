import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import LZString from 'lz-string';
import { decompressCapped } from './lzDecode';

/** A packed string whose text is `n` copies of one character: the smallest bomb there is. */
function bomb(n: number): string {
  return LZString.compressToEncodedURIComponent('a'.repeat(n));
}

describe('decompressCapped', () => {
  it('returns what lz-string returns, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const packed = LZString.compressToEncodedURIComponent(text);
      const d = decompressCapped(packed, 1e6);
      if (text === '') expect(d.ok).toBe(false);
      else expect(d).toEqual({ ok: true, text });
    }), { numRuns: 100 });
    const doc = JSON.stringify({ title: 'x'.repeat(5000), steps: Array.from({ length: 300 }, (_, i) => ({ at: i, op: 'send', bytes: i * 7 })) });
    expect(decompressCapped(LZString.compressToEncodedURIComponent(doc), 1e6)).toEqual({ ok: true, text: doc });
  });

  it('agrees with lz-string on damaged input (cut short, changed)', () => {
    const packed = LZString.compressToEncodedURIComponent(JSON.stringify({ a: 'hello world'.repeat(20), b: [1, 2, 3] }));
    fc.assert(fc.property(fc.nat(packed.length - 1), fc.constantFrom(...'AZaz09+-$'), (i, c) => {
      for (const p of [packed.slice(0, i), packed.slice(0, i) + c + packed.slice(i + 1)]) {
        const ours = decompressCapped(p, 1e6);
        let theirs: string | null;
        try { theirs = LZString.decompressFromEncodedURIComponent(p); } catch { theirs = null; } // it can throw
        expect(ours.ok ? ours.text : null).toBe(theirs ? theirs : null);
      }
    }), { numRuns: 200 });
  });

  it('stops a decompression bomb at the cap, quickly', () => {
    // (compressing a real bomb takes lz-string a while; a small one shows the same)
    const packed = bomb(400_000);
    expect(packed.length).toBeLessThan(2_000);
    expect(decompressCapped(packed, 100_000)).toEqual({ ok: false, reason: 'too-large' });
    expect(decompressCapped(bomb(1000), 1000)).toEqual({ ok: true, text: 'a'.repeat(1000) });
    expect(decompressCapped(bomb(1001), 1000)).toEqual({ ok: false, reason: 'too-large' });
  });
});
