/**
 * Hash of a preset's run (trace JSONL + report), used by the golden-trace test and by
 * `npm run golden`. FNV-1a 64-bit over the text: stable across platforms, no crypto.
 */
import { PRESETS } from '../scenarios';
import { parseScenario } from './scenario';
import { runScenario } from './index';
import { traceToJsonl } from './core/trace';

export const GOLDEN_FILE = 'scenarios/golden/hashes.json';
export type GoldenFile = Record<string, { hash: string; why: string }>;

export function fnv1a64(text: string): string {
  // h = hi:lo, starting at the FNV offset basis; the prime is 2^40 + 0x1b3, so
  // h * prime = h * 0x1b3 + (lo << 40), all mod 2^64, done in 32-bit halves.
  let lo = 0x84222325, hi = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const a = Math.imul(lo, 0x1b3) >>> 0;
    const carry = Math.floor((lo >>> 0) * 0x1b3 / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = a;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

export function runHash(doc: unknown): string {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.error);
  const r = runScenario(p.doc);
  return fnv1a64(traceToJsonl(r.trace) + JSON.stringify(r.report));
}

export function goldenHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of PRESETS) out[p.id] = runHash(p.doc);
  return out;
}
