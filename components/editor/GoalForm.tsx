'use client';
/**
 * The exercise maker's "add a goal" form: one of the format's goal kinds (how a connection
 * ends, a domain's figure, a figure of the whole run), its subject picked from the
 * document, and a number. The validator checks the goal and names a bad field.
 */
import { useState } from 'react';
import { CONN_STATES, DOMAIN_GOAL_FIELDS, GOAL_STATS, goalFrom } from '@store/lessonEdits';
import type { ScenarioDoc } from '@engine/api';

/** Why a connection is refused or reset (scenario-v1.md), offered as the reason field's suggestions. */
const REASONS = ['denied', 'no-listener', 'migrated', 'peer-crashed', 'ring-shutdown', 'grant-exhausted', 'evtchn-exhausted', 'xsm-denied', 'no-such-cid', 'timeout'];

type Kind = 'conn' | 'dom' | 'stat';
const KINDS: [Kind, string][] = [['conn', 'a connection ends…'], ['dom', "a domain's figure"], ['stat', 'a figure of the run']];

/** The connections the document's steps name (`as`), for the picker. */
function connNames(doc: ScenarioDoc): string[] {
  const out: string[] = [];
  for (const s of doc.steps) if ((s.op === 'connect' || s.op === 'bypass') && s.as && !out.includes(s.as)) out.push(s.as);
  return out;
}

function defaults(doc: ScenarioDoc, kind: Kind): Record<string, string> {
  if (kind === 'conn') return { conn: connNames(doc)[0] ?? '', state: 'connected' };
  if (kind === 'dom') return { dom: String(doc.domains.find((d) => d.role !== 'backend')?.id ?? doc.domains[0]?.id ?? 0), field: 'grantsInUse' };
  return { stat: 'errors' };
}

export function GoalForm({ doc, onAdd }: { doc: ScenarioDoc; onAdd: (goal: Record<string, unknown>) => boolean }) {
  const [kind, setKind] = useState<Kind>('conn');
  const [vals, setVals] = useState<Record<string, string>>(() => defaults(doc, 'conn'));
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setVals((x) => ({ ...x, [k]: e.target.value }));
  const num = (k: string, label: string) => (
    <label key={k}>{label} <input type="text" inputMode="numeric" className="short" value={vals[k] ?? ''} onChange={set(k)} data-testid={`newgoal-${k}`} placeholder="—" /></label>
  );
  const pick = (k: string, label: string, options: readonly (readonly [string, string])[]) => (
    <label key={k}>{label} <select value={vals[k] ?? ''} onChange={set(k)} data-testid={`newgoal-${k}`}>
      {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
    </select></label>
  );
  const names = connNames(doc);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (onAdd(goalFrom(kind, vals))) setVals(defaults(doc, kind));
  };
  return (
    <form className="add-step add-goal" onSubmit={submit} aria-label="Add a goal">
      <div className="add-step-row">
        <label>goal <select value={kind} data-testid="newgoal-kind"
          onChange={(e) => { const k = e.target.value as Kind; setKind(k); setVals(defaults(doc, k)); }}>
          {KINDS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
        </select></label>
        {kind === 'conn' ? (
          <>
            <label>connection <input list="goal-conn-names" className="short" value={vals.conn ?? ''} onChange={set('conn')} data-testid="newgoal-conn" /></label>
            <datalist id="goal-conn-names">{names.map((n) => <option key={n} value={n} />)}</datalist>
            {pick('state', 'ends', CONN_STATES.map((s) => [s, s] as const))}
            <label>reason <input list="goal-reasons" className="short" value={vals.reason ?? ''} onChange={set('reason')} placeholder="any" data-testid="newgoal-reason" /></label>
            <datalist id="goal-reasons">{REASONS.map((r) => <option key={r} value={r} />)}</datalist>
            {num('bytesReceived', 'bytes received ≥')}
          </>
        ) : kind === 'dom' ? (
          <>
            {pick('dom', 'domain', doc.domains.map((d) => [String(d.id), d.name] as const))}
            {pick('field', 'figure', DOMAIN_GOAL_FIELDS.map((f) => [f, f] as const))}
            {num('min', 'min')}{num('max', 'max')}
          </>
        ) : (
          <>
            {pick('stat', 'figure', GOAL_STATS.map((f) => [f, f] as const))}
            {num('min', 'min')}{num('max', 'max')}
          </>
        )}
      </div>
      <button type="submit" data-testid="newgoal-add">Add goal</button>
    </form>
  );
}
