/**
 * Hostile inputs, built in code (no megabyte fixtures): documents that are valid or nearly
 * so but ask for unbounded work or memory, and a share-link decompression bomb. Shared by
 * e2e/hostile.spec.ts (the page) and scripts/scenario.test.ts (the runner).
 */
import LZString from 'lz-string';

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const base = (domains: unknown[], steps: unknown[], policy: unknown = { default: 'allow', allow: [] }) => ({
  format: 'interdomain-scenario', version: 1, title: 'hostile', seed: 1, transport: 'vsock', domains, policy, steps,
});
const three = [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }];

/** The allowed-connection preset's run plus a connect flood until 2^53-1 µs. */
export function connectFloodDoc(): Record<string, unknown> {
  return base(three, [
    { at: 0, op: 'listen', dom: 2, port: 5432 },
    { at: 100, op: 'connect', dom: 1, cid: 2, port: 5432, as: 'q' },
    { at: 500, op: 'send', conn: 'q', bytes: 8192 },
    { at: 700, op: 'flood', kind: 'connect', dom: 1, cid: 2, port: 9, until: MAX_SAFE },
  ], { default: 'deny', allow: [{ from: 1, to: 2, port: 5432 }] });
}

/** A data flood until 2^53-1 µs. */
export function dataFloodDoc(): Record<string, unknown> {
  return base(three, [
    { at: 0, op: 'listen', dom: 2, port: 80 }, { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
    { at: 200, op: 'flood', conn: 'f', until: MAX_SAFE },
  ]);
}

/** One send of 2^53-1 bytes. */
export function hugeSendDoc(): Record<string, unknown> {
  return base(three, [
    { at: 0, op: 'listen', dom: 2, port: 80 }, { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
    { at: 200, op: 'send', conn: 'f', bytes: MAX_SAFE },
  ]);
}

/** `n` allow steps (the old limit was 100,000), each with a note of `noteChars`. */
export function manyStepsDoc(n: number, noteChars = 0): Record<string, unknown> {
  const note = noteChars ? 'n'.repeat(noteChars) : undefined;
  return base(three, Array.from({ length: n }, () => ({ at: 0, op: 'allow', from: 1, to: 2, ...(note ? { note } : {}) })), { default: 'deny', allow: [] });
}

/** Every domain id there is: 32,752 domains. */
export function allDomainsDoc(n = 32_752): Record<string, unknown> {
  return base(Array.from({ length: n }, (_, i) => (i === 0 ? { id: 0, name: 'dom0', role: 'backend' } : { id: i, name: 'd' })), []);
}

/** `count` connect floods at once. */
export function manyFloodsDoc(count: number): Record<string, unknown> {
  return base(three, [{ at: 0, op: 'listen', dom: 2, port: 80 },
    ...Array.from({ length: count }, (_, i) => ({ at: 10 + i, op: 'flood', kind: 'connect', dom: 1, cid: 2, port: 9, until: MAX_SAFE }))]);
}

export function pack(doc: unknown): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(doc));
}

/**
 * A packed link that unpacks to `codes`²/2 copies of "a" (LZW's worst case: each code is
 * the previous entry plus one character), written straight in lz-string's bit format, since
 * compressing a gigabyte to build it would take lz-string minutes.
 */
export function bombLink(codes: number): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '', acc = 0, nacc = 0;
  const put = (value: number, bits: number) => {
    for (let i = 0; i < bits; i++) { // least significant bit first, 6 bits a character, high bit first
      acc = (acc << 1) | ((value >> i) & 1);
      if (++nacc === 6) { out += ALPHABET[acc]!; acc = 0; nacc = 0; }
    }
  };
  put(0, 2); put('a'.charCodeAt(0), 8); // the first character, a literal
  let dictSize = 4, enlargeIn = 4, numBits = 3;
  for (let k = 0; k < codes; k++) {
    put(dictSize, numBits); // the entry about to be made: previous entry + its first character
    dictSize++;
    if (--enlargeIn === 0) { enlargeIn = 2 ** numBits; numBits++; }
  }
  put(2, numBits); // end of stream
  if (nacc > 0) out += ALPHABET[acc << (6 - nacc)]!;
  return out;
}
