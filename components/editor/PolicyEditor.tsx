'use client';
/**
 * The policy the run starts with (the document's own, not a step at the cursor): its
 * default, its rules, a rule added or removed. An exercise's author sets here the policy
 * the student starts from.
 */
import { useState } from 'react';
import { addPolicyRule, removePolicyRule, setPolicyDefault, type LessonEdit } from '@store/lessonEdits';
import type { ScenarioDoc } from '@engine/api';

export function PolicyEditor({ doc, apply }: { doc: ScenarioDoc; apply: (e: LessonEdit) => boolean }) {
  const guests = doc.domains.filter((d) => d.role !== 'backend');
  const first = String(guests[0]?.id ?? 1);
  const [from, setFrom] = useState(first);
  const [to, setTo] = useState(String(guests[1]?.id ?? first));
  const [port, setPort] = useState('');
  const n = (id: number) => doc.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
  const add = (e: React.FormEvent) => {
    e.preventDefault();
    const p = port.trim();
    if (apply(addPolicyRule({ from: Number(from), to: Number(to), ...(p === '' ? {} : { port: /^\d+$/.test(p) ? Number(p) : p }) }))) setPort('');
  };
  return (
    <div className="lesson-policy">
      <label className="field inline">default
        <select value={doc.policy.default} onChange={(e) => apply(setPolicyDefault(e.target.value as 'allow' | 'deny'))} data-testid="lesson-policy-default">
          <option value="deny">deny</option><option value="allow">allow</option>
        </select>
      </label>
      {doc.policy.allow.length > 0 ? (
        <ul className="lesson-rules">
          {doc.policy.allow.map((r, i) => (
            <li key={`${i}:${r.from}:${r.to}:${r.port ?? ''}`} data-testid={`lesson-rule-${i}`}>
              <span>allow {n(r.from)} → {n(r.to)}{r.port !== undefined ? ` on port ${r.port}` : ' on every port'}</span>
              <button type="button" className="danger" aria-label={`Remove the rule ${n(r.from)} to ${n(r.to)}`} onClick={() => apply(removePolicyRule(i))}
                data-testid={`lesson-rule-remove-${i}`}>✕</button>
            </li>
          ))}
        </ul>
      ) : <p className="muted hint">No rule: the default decides every pair.</p>}
      <form className="add-step-row" onSubmit={add} aria-label="Add a policy rule">
        <label>allow <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="Rule from">
          {guests.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select></label>
        <label>→ <select value={to} onChange={(e) => setTo(e.target.value)} aria-label="Rule to">
          {guests.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select></label>
        <label>port <input className="short" value={port} onChange={(e) => setPort(e.target.value)} placeholder="any" inputMode="numeric" aria-label="Rule port" /></label>
        <button type="submit" data-testid="lesson-rule-add">Add rule</button>
      </form>
    </div>
  );
}
