/**
 * The runner's --check on every shipped exercise: the unsolved document exits 1 and names
 * each unmet goal on stderr, its solution exits 0, and a document with malformed goals
 * exits 2 with the field path.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXERCISE_IDS } from '../scenarios/exerciseIndex';

const EXERCISES = path.resolve(__dirname, '../scenarios/exercises');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(file: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, 'scenario.ts'), file, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('runner --check', () => {
  for (const id of EXERCISE_IDS) {
    it(`${id}: unsolved exits 1 naming the unmet goals, the solution exits 0`, () => {
      const bad = run(path.join(EXERCISES, `${id}.json`), '--check');
      expect(bad.code, bad.stderr).toBe(1);
      const report = JSON.parse(bad.stdout) as { goals: { index: number; met: boolean; detail: string }[] };
      const missed = report.goals.filter((g) => !g.met);
      expect(missed.length).toBeGreaterThan(0);
      expect(bad.stderr.trimEnd().split('\n')).toEqual(missed.map((g) => `goals[${g.index}]: not met: ${g.detail}`));
      const good = run(path.join(EXERCISES, `${id}.solution.json`), '--check');
      expect(good.stderr).toBe('');
      expect(good.code).toBe(0);
      expect((JSON.parse(good.stdout) as typeof report).goals.every((g) => g.met)).toBe(true);
    }, 120_000);
  }

  it('without --check an unsolved exercise still exits 0 (the report says which goals are met)', () => {
    const r = run(path.join(EXERCISES, 'web-reaches-db.json'));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { goals: unknown[] }).goals).toHaveLength(2);
  });

  it('malformed goals exit 2 with the field path, and nothing runs', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(EXERCISES, 'web-reaches-db.json'), 'utf8')) as { goals: unknown[] };
    doc.goals.push({ conn: 'web-db', state: 'connected' }, { stat: 'foo', min: 1 });
    const file = path.join(dir, 'bad-goals.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = run(file, '--check');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^goals\[3\]\.stat: unknown stat "foo" \(known: events, /);
  });

  it('a document without goals cannot be checked: exit 2', () => {
    const r = run(path.resolve(__dirname, '../scenarios/allowed-connection.json'), '--check');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('goals: --check needs a document with goals (this one has none)\n');
  });
});
