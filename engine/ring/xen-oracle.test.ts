/**
 * Real Xen as the oracle: the engine's io/ring.h rings and libxenvchan rings against the
 * real ring.h macros and the real libxenvchan library (Debian's libxen-dev, Xen 4.17;
 * the logic exercised here is the same in Xen 4.3), on the same seeded operation
 * streams. Every index, notify decision, live byte and notify byte is compared after
 * every operation. Needs gcc and libxen-dev (`.ci/run` installs them); without them the
 * suite is skipped with one line saying so.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ringStream, ringModel, vchanStream, vchanModel } from './oracle-streams';

const here = path.join(__dirname, 'oracle');

function toolchain(): { ok: true; vchanLib: string } | { ok: false; why: string } {
  const gcc = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  if (gcc.status !== 0) return { ok: false, why: 'gcc is not installed' };
  if (!fs.existsSync('/usr/include/xen/io/ring.h')) return { ok: false, why: 'libxen-dev is not installed (no xen/io/ring.h)' };
  const lib = spawnSync('gcc', ['-print-file-name=libxenvchan.a'], { encoding: 'utf8' }).stdout.trim();
  if (!path.isAbsolute(lib) || !fs.existsSync(lib)) return { ok: false, why: 'libxen-dev is not installed (no libxenvchan.a)' };
  return { ok: true, vchanLib: lib };
}

const tc = toolchain();
if (!tc.ok) console.log(`real-Xen oracle tests skipped: ${tc.why} (apt-get install gcc libxen-dev)`);

/** First difference between the oracle's lines and the engine's, with the op that led to it. */
export function firstDiff(input: readonly string[], want: readonly string[], got: readonly string[]): string | null {
  const ops = input.filter((l) => l !== 'end' && !l.startsWith('ring ') && !l.startsWith('vchan '));
  const n = Math.max(want.length, got.length);
  for (let i = 0, op = -1; i < n; i++) {
    if (!want[i]?.startsWith('size ')) op++;
    if (want[i] !== got[i]) return `line ${i} (op ${op}: ${ops[op] ?? '?'}): xen "${want[i]}" engine "${got[i]}"`;
  }
  return null;
}

function run(bin: string, input: readonly string[]): string[] {
  const r = spawnSync(bin, [], { input: input.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} exited ${r.status}: ${r.stderr}`);
  return r.stdout.trimEnd().split('\n');
}

describe.skipIf(!tc.ok)('engine rings against real Xen code', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xen-oracle-'));
    const cc = (args: string[]) => {
      const r = spawnSync('gcc', ['-O1', '-Wall', '-Werror', ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`gcc ${args.join(' ')}:\n${r.stderr}`);
    };
    cc(['-o', path.join(dir, 'ring'), path.join(here, 'ring_driver.c')]);
    if (tc.ok) cc(['-o', path.join(dir, 'vchan'), path.join(here, 'vchan_driver.c'), path.join(here, 'stubs.c'), tc.vchanLib]);
  });

  it('io/ring.h: 200,000 random operations, every index and notify decision equal (2^32 wrap included)', () => {
    const input = ringStream(20261201, 100, 2000);
    const want = run(path.join(dir, 'ring'), input);
    const got = ringModel(input);
    expect(firstDiff(input, want, got)).toBeNull();
    // The stream reached the cases that matter: full rings, both notify answers, wrapped indices.
    const text = want.join('\n');
    expect(text).toContain('full');
    expect(want.filter((l) => l.startsWith('n1')).length).toBeGreaterThan(1000);
    expect(want.filter((l) => l.startsWith('n0')).length).toBeGreaterThan(1000);
    expect(want.some((l) => / [0-9] /.test(l) && / 42949672\d\d /.test(l))).toBe(true);
  });

  it('libxenvchan: 200,000 random non-blocking operations, every result, index, notify and live byte equal', () => {
    const input = vchanStream(20261202, 100, 2000);
    const want = run(path.join(dir, 'vchan'), input);
    expect(want.some((l) => l.includes('corrupt'))).toBe(false);
    const got = vchanModel(input);
    expect(firstDiff(input, want, got)).toBeNull();
    // Would-block, partial writes, closed ends and notifications all happened.
    expect(want.filter((l) => l.startsWith('0 ')).length).toBeGreaterThan(1000);
    expect(want.filter((l) => l.startsWith('-1 ')).length).toBeGreaterThan(100);
    expect(want.filter((l) => l.split(' ')[1] === '1').length).toBeGreaterThan(1000);
  });

  it('the comparison catches a one-bit difference', () => {
    const input = ringStream(7, 2, 300);
    const want = run(path.join(dir, 'ring'), input);
    const got = ringModel(input);
    const i = got.findIndex((l) => l.startsWith('n1'));
    got[i] = got[i]!.replace(/^n1/, 'n0');
    expect(firstDiff(input, want, got)).toMatch(/^line \d+ \(op \d+: b\): xen "n1/);
  });
});
