/**
 * The shipped exercises (scenarios/exercises): each unsolved document misses at least one
 * goal, its solution meets every goal and differs from it only in the parts the exercise
 * says may be changed; the tempting wrong answers miss a goal too.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { EXERCISE_IDS, EXERCISE_INDEX, loadExercise } from '../scenarios/exerciseIndex';
import { parseScenario, runScenario, scenarioToJson, type ScenarioDoc } from './index';

const DIR = path.resolve(__dirname, '../scenarios/exercises');
const read = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
function parse(raw: unknown): ScenarioDoc {
  const p = parseScenario(raw);
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}
const goalsOf = (doc: ScenarioDoc) => runScenario(doc).report.goals ?? [];
const missed = (doc: ScenarioDoc) => goalsOf(doc).filter((g) => !g.met).map((g) => g.detail);

/** The document without the parts the exercise lets the student change. */
function fixedParts(doc: ScenarioDoc): Record<string, unknown> {
  const c = JSON.parse(scenarioToJson(doc)) as Record<string, unknown>;
  for (const k of doc.exercise?.editable ?? []) delete c[k];
  return c;
}

describe('exercises', () => {
  it('the folder holds exactly the indexed exercises, each with a solution', () => {
    const files = fs.readdirSync(DIR).sort();
    expect(files).toEqual(EXERCISE_IDS.flatMap((id) => [`${id}.json`, `${id}.solution.json`]).sort());
    expect(EXERCISE_INDEX.length).toBeGreaterThanOrEqual(8);
    // graded: easiest first, every level present
    const levels = EXERCISE_INDEX.map((e) => e.level);
    expect(levels).toEqual([...levels].sort());
    expect(new Set(levels)).toEqual(new Set([1, 2, 3]));
  });

  for (const id of EXERCISE_IDS) {
    it(`${id}: unsolved misses a goal; the solution meets all and changes only what is editable`, async () => {
      const raw = read(id);
      expect(await loadExercise(id)).toEqual(raw); // the page's copy is the same document
      const doc = parse(raw);
      const sol = parse(read(`${id}.solution`));
      expect(doc.exercise?.prompt.length).toBeGreaterThan(80);
      expect(doc.exercise?.editable.length).toBeGreaterThan(0);
      expect(doc.goals?.length).toBeGreaterThan(0);
      expect(missed(doc).length).toBeGreaterThan(0);
      expect(missed(sol)).toEqual([]);
      expect(goalsOf(sol)).toHaveLength(doc.goals!.length);
      expect(fixedParts(sol)).toEqual(fixedParts(doc));
      expect(scenarioToJson(sol)).not.toBe(scenarioToJson(doc));
    });
  }
});

describe('tempting wrong answers miss a goal', () => {
  const variant = (id: string, change: (d: ScenarioDoc) => void) => {
    const d = parse(read(id));
    change(d);
    return missed(parse(JSON.parse(scenarioToJson(d))));
  };
  it('web-reaches-db: allowing everything lets cache in', () => {
    expect(variant('web-reaches-db', (d) => { d.policy.default = 'allow'; })).toEqual(['conn cache-db: connected, wanted refused (denied)']);
  });
  it('shed-flooder: shedding the wrong peer cuts the friendly one', () => {
    expect(variant('shed-flooder', (d) => { d.steps.push({ at: 3000, op: 'shutdown-ring', dom: 2, peer: 3 }); }).join(' ')).toMatch(/conn friend: reset \(ring-shutdown\)/);
  });
  it('grant-exhaustion: a smaller table runs out too, but breaks the rule', () => {
    expect(variant('grant-exhaustion', (d) => { d.limits.grantEntries = 200; })).toEqual(['hub grantCapacity: 192, wanted at least 16376']);
  });
  it('v4v-spurious-wakeups: two writers are not enough, four are more than the fewest', () => {
    const withWriters = (n: number) => variant('v4v-spurious-wakeups', (d) => {
      for (let i = 3; i < 2 + n; i++) {
        d.domains.push({ id: i, name: `writer${i}`, role: 'guest', privileged: false });
        d.steps.push({ at: 100, op: 'connect', dom: i, cid: 1, port: 5432, as: `w${i}` }, { at: 1000, op: 'flood', conn: `w${i}`, until: 4000, kind: 'data' });
      }
    });
    expect(withWriters(2)[0]).toMatch(/^spuriousWakeups: 186, usefulWakeups: 190, wanted spuriousWakeups above usefulWakeups$/);
    expect(withWriters(3)).toEqual([]);
    expect(withWriters(4)).toEqual(['connectRequests: 4, wanted at most 3']);
  });
});
