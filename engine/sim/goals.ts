/**
 * A document's goals (scenario-v1.md 1.1) held against the report of its run: one
 * `{ index, met, detail }` per goal, the detail a sentence a student can read, e.g.
 * "conn app: refused (denied), wanted connected". Pure: the report in, the verdicts out.
 */
import type { DOMAIN_GOAL_FIELDS } from '../scenario/goals';
import type { ConnGoal, DomGoal, Goal, StatGoal } from '../scenario/types';
import type { DomainReport, Report } from './report';

export interface GoalResult { index: number; met: boolean; detail: string }

// Compile-time: the fields a `dom` goal may name are exactly the report's numeric and list fields.
type Measurable<T> = { [K in keyof T]: T[K] extends number | readonly unknown[] ? K : never }[keyof T];
type Listed = (typeof DOMAIN_GOAL_FIELDS)[number];
type FieldsOk = [Exclude<Measurable<DomainReport>, Listed>, Exclude<Listed, Measurable<DomainReport>>] extends [never, never] ? true : never;
/** @public Checked by the compiler only. */
export const DOMAIN_GOAL_FIELDS_OK: FieldsOk = true;

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `wanted ${min}` : `wanted ${min} to ${max}`;
  return min !== undefined ? `wanted at least ${min}` : `wanted at most ${max ?? 0}`;
}
const within = (v: number, min?: number, max?: number) => (min === undefined || v >= min) && (max === undefined || v <= max);

function connGoal(g: ConnGoal, r: Report): { met: boolean; detail: string } {
  const c = r.connections.find((x) => x.name === g.conn);
  const want = `${g.state}${g.reason !== undefined ? ` (${g.reason})` : ''}${g.bytesReceived !== undefined ? ` with at least ${g.bytesReceived} bytes received` : ''}`;
  if (!c) return { met: false, detail: `conn ${g.conn}: no such connection in the run, wanted ${want}` };
  const got = `${c.state}${c.reason !== null ? ` (${c.reason})` : ''}`;
  const stateOk = c.state === g.state && (g.reason === undefined || c.reason === g.reason);
  const bytesOk = g.bytesReceived === undefined || c.bytesReceived >= g.bytesReceived;
  const bytes = g.bytesReceived !== undefined ? `, ${c.bytesReceived} bytes received` : '';
  return { met: stateOk && bytesOk, detail: `conn ${g.conn}: ${got}${bytes}${stateOk && bytesOk ? '' : `, wanted ${want}`}` };
}

/** A domain report figure by name: a number, a list's length, or undefined (a field this report lacks). */
function figureOf(d: DomainReport, field: string): number | undefined {
  const v = (d as unknown as Record<string, unknown>)[field];
  if (typeof v === 'number') return v;
  return Array.isArray(v) ? v.length : undefined;
}

function domGoal(g: DomGoal, r: Report): { met: boolean; detail: string } {
  const d = r.domains.find((x) => x.id === g.dom);
  const want = range(g.min, g.max);
  if (!d) return { met: false, detail: `dom ${g.dom}: no such domain in the run, ${want} ${g.field}` };
  const v = figureOf(d, g.field);
  if (v === undefined) return { met: false, detail: `${d.name}: the report has no ${g.field}, ${want}` };
  const met = within(v, g.min, g.max);
  return { met, detail: `${d.name} ${g.field}: ${v}${met ? '' : `, ${want}`}` };
}

/** A stat by name, including the derived ones (engine/scenario/goals.ts DERIVED_STATS). */
function statOf(r: Report, name: string): number | undefined {
  if (name === 'usefulWakeups') {
    const w = r.stats['wakeups'], s = r.stats['spuriousWakeups'];
    return w === undefined || s === undefined ? undefined : w - s;
  }
  return r.stats[name];
}

function statGoal(g: StatGoal, r: Report): { met: boolean; detail: string } {
  const v = statOf(r, g.stat);
  if (v === undefined) return { met: false, detail: `${g.stat}: not in this run's report` };
  const inRange = within(v, g.min, g.max);
  const other = g.above === undefined ? undefined : statOf(r, g.above);
  const aboveOk = g.above === undefined || (other !== undefined && v > other);
  const met = inRange && aboveOk;
  const parts = [`${g.stat}: ${v}`];
  if (g.above !== undefined) parts.push(`${g.above}: ${other ?? 'not in the report'}`);
  const wants: string[] = [];
  if (!inRange) wants.push(range(g.min, g.max));
  if (!aboveOk) wants.push(`wanted ${g.stat} above ${g.above!}`);
  return { met, detail: `${parts.join(', ')}${wants.length ? `, ${wants.join(', ')}` : ''}` };
}

export function evaluateGoal(g: Goal, r: Report): { met: boolean; detail: string } {
  if ('conn' in g) return connGoal(g, r);
  if ('dom' in g) return domGoal(g, r);
  return statGoal(g, r);
}

export function evaluateGoals(goals: readonly Goal[], r: Report): GoalResult[] {
  return goals.map((g, index) => ({ index, ...evaluateGoal(g, r) }));
}
