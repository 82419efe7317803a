/**
 * lz-string's `decompressFromEncodedURIComponent` (lz-string 1.5.0, MIT, Pieroxy) with an
 * output cap. The library's decoder has none: a hand-built link of 72 K characters unpacks
 * to hundreds of megabytes and blocks the tab for seconds, or crashes it. This one stops as
 * soon as the text passes `maxChars` (work and memory stay proportional to the cap) and
 * otherwise returns exactly what the library returns (lzDecode.test.ts checks both).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
/** Character code -> its 6-bit value (0 for anything outside the alphabet, as lz-string reads it). */
const VALUE = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export type Decoded = { ok: true; text: string } | { ok: false; reason: 'damaged' | 'too-large' };

/** Decode a packed string; text longer than maxChars is refused as 'too-large'. */
export function decompressCapped(packed: string, maxChars: number): Decoded {
  const input = packed.replace(/ /g, '+');
  if (input === '') return { ok: false, reason: 'damaged' };
  const length = input.length;
  const RESET = 32;
  const valueAt = (i: number) => (i < length ? VALUE[input.charCodeAt(i) & 127]! : 0);
  let val = valueAt(0), position = RESET, index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, max = 2 ** n; power !== max; power *= 2) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) { position = RESET; val = valueAt(index++); }
      if (resb > 0) bits |= power;
    }
    return bits;
  };
  const dictionary: string[] = [];
  let enlargeIn = 4, dictSize = 4, numBits = 3, outLen = 0;
  const result: string[] = [];
  let c: string;
  switch (readBits(2)) {
    case 0: c = String.fromCharCode(readBits(8)); break;
    case 1: c = String.fromCharCode(readBits(16)); break;
    default: return { ok: false, reason: 'damaged' };
  }
  dictionary[3] = c;
  let w = c;
  result.push(c);
  outLen = 1;
  for (;;) {
    if (index > length) return { ok: false, reason: 'damaged' };
    let code = readBits(numBits);
    switch (code) {
      case 0: dictionary[dictSize++] = String.fromCharCode(readBits(8)); code = dictSize - 1; enlargeIn--; break;
      case 1: dictionary[dictSize++] = String.fromCharCode(readBits(16)); code = dictSize - 1; enlargeIn--; break;
      case 2: return result.length === 0 ? { ok: false, reason: 'damaged' } : { ok: true, text: result.join('') };
    }
    if (enlargeIn === 0) { enlargeIn = 2 ** numBits; numBits++; }
    let entry: string;
    const known = dictionary[code];
    if (known) entry = known;
    else if (code === dictSize) entry = w + w.charAt(0);
    else return { ok: false, reason: 'damaged' };
    outLen += entry.length;
    if (outLen > maxChars) return { ok: false, reason: 'too-large' };
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) { enlargeIn = 2 ** numBits; numBits++; }
  }
}
