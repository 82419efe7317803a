'use client';
/** The editor's "add a step" form: an op, its fields, a time and a note; checked by the validator. */
import { useState } from 'react';
import type { ScenarioDoc } from '@engine/api';

type FieldKind = 'dom' | 'num' | 'text';
const OPS: Record<string, [string, FieldKind, boolean][]> = {
  listen: [['dom', 'dom', true], ['port', 'num', true]],
  connect: [['dom', 'dom', true], ['cid', 'dom', true], ['port', 'num', true], ['as', 'text', true]],
  send: [['conn', 'text', true], ['bytes', 'num', true]],
  close: [['conn', 'text', true]],
  allow: [['from', 'dom', true], ['to', 'dom', true], ['port', 'num', false]],
  deny: [['from', 'dom', true], ['to', 'dom', true], ['port', 'num', false]],
  crash: [['dom', 'dom', true]],
  migrate: [['dom', 'dom', true]],
};

export function AddStepForm({ doc, at, onAdd }: { doc: ScenarioDoc; at: number; onAdd: (step: Record<string, unknown>) => boolean }) {
  const [op, setOp] = useState('listen');
  const [vals, setVals] = useState<Record<string, string>>({});
  const [time, setTime] = useState('');
  const [note, setNote] = useState('');
  const fields = OPS[op]!;
  const set = (k: string, v: string) => setVals((x) => ({ ...x, [k]: v }));
  const guests = doc.domains;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const step: Record<string, unknown> = { at: time.trim() === '' ? at : Number(time), op };
    for (const [k, kind, required] of fields) {
      const v = vals[k] ?? (kind === 'dom' ? String(guests[0]?.id ?? 0) : '');
      if (v.trim() === '' && !required) continue;
      step[k] = kind === 'text' ? v : Number(v);
    }
    if (note.trim() !== '') step['note'] = note;
    if (onAdd(step)) { setVals({}); setNote(''); setTime(''); }
  };
  return (
    <form className="add-step" onSubmit={submit} aria-label="Add a step">
      <div className="add-step-row">
        <label>op <select value={op} onChange={(e) => { setOp(e.target.value); setVals({}); }} data-testid="add-op">
          {Object.keys(OPS).map((o) => <option key={o} value={o}>{o}</option>)}
        </select></label>
        <label>at µs <input type="number" min={0} className="short" value={time} placeholder={String(at)} onChange={(e) => setTime(e.target.value)} data-testid="add-at" /></label>
        {fields.map(([k, kind]) => (
          <label key={k}>{k}{' '}
            {kind === 'dom' ? (
              <select value={vals[k] ?? String(guests[0]?.id ?? 0)} onChange={(e) => set(k, e.target.value)} data-testid={`add-${k}`}>
                {guests.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
              </select>
            ) : (
              <input type={kind === 'num' ? 'number' : 'text'} className="short" value={vals[k] ?? ''} onChange={(e) => set(k, e.target.value)} data-testid={`add-${k}`} />
            )}
          </label>
        ))}
      </div>
      <textarea aria-label="Note of the new step" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What this step shows" data-testid="add-note" />
      <button type="submit" className="primary" data-testid="add-step">Add step</button>
    </form>
  );
}
