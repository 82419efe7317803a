/**
 * Golden traces of the presets, used by the golden-trace test and by `npm run golden`:
 * a hash of each run (trace JSONL + report; FNV-1a 64-bit over the text: stable across
 * platforms, no crypto), kept in scenarios/golden/hashes.json, and a readable digest of
 * the same run next to it (scenarios/golden/<preset>.digest.txt, engine/testing/digest.ts).
 */
import { PRESETS } from '../scenarios';
import { parseScenario } from './scenario';
import { runScenario, type RunResult } from './index';
import { traceToJsonl } from './core/trace';
import { digest } from './testing/digest';

export const GOLDEN_DIR = 'scenarios/golden';
export const GOLDEN_FILE = `${GOLDEN_DIR}/hashes.json`;
export type GoldenFile = Record<string, { hash: string; why: string }>;

/** Path of a preset's digest, relative to the project root. */
export function digestFile(id: string): string {
  return `${GOLDEN_DIR}/${id}.digest.txt`;
}

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

/** The golden hash of a finished run. */
export function hashOf(r: Pick<RunResult, 'trace' | 'report'>): string {
  return fnv1a64(traceToJsonl(r.trace) + JSON.stringify(r.report));
}

function run(doc: unknown): RunResult {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.error);
  return runScenario(p.doc);
}

export function runHash(doc: unknown): string {
  return hashOf(run(doc));
}

/** Hash and digest of one finished run of preset `id`. */
export function goldenOf(id: string, r: Pick<RunResult, 'trace' | 'report'>): { hash: string; digest: string } {
  const hash = hashOf(r);
  return { hash, digest: digest(id, r.trace, r.report, hash) };
}

/** Every preset's hash and digest, one run each. */
export function goldenRuns(): Record<string, { hash: string; digest: string }> {
  const out: Record<string, { hash: string; digest: string }> = {};
  for (const p of PRESETS) out[p.id] = goldenOf(p.id, run(p.doc));
  return out;
}
