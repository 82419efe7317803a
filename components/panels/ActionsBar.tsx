'use client';
/** "Add guest", undo/redo, and the selected guest's actions (GuestActions, loaded on first use). */
import { useState } from 'react';
import { lazyPart } from '@lib/lazy';
import { usePanelView, usePg, usePlaygroundStore, inPanelGroup, withEngine, PANEL_GROUP } from '@store/index';
import { parseName, parseNewDomId } from '@lib/validate';
import type { StepInput } from '@store/edits';

const GuestActions = lazyPart(() => withEngine(import('./GuestActions')).then((m) => m.GuestActions), <p className="muted hint">Loading the guest's actions…</p>);
/** Fetch the guest actions before a guest is clicked (the pointer reached the diagram). */
export function prefetchGuestActions(): void { void withEngine(import('./GuestActions')); }

function ActionsBarImpl() {
  const store = usePlaygroundStore();
  const sel = usePg((s) => s.selection);
  const v = usePanelView();
  const [port, setPort] = useState('5432');
  const [name, setName] = useState('');
  const st = store.getState;
  const dom = sel?.kind === 'domain' ? v.domains.find((d) => d.id === sel.id) : undefined;
  const guest = dom && dom.role === 'guest' ? dom : undefined;
  const run = (s: StepInput | StepInput[]) => st().dispatch(s);
  const addGuest = () => {
    const n = parseName(name || `guest${v.domains.length}`);
    if (!n.ok) { st().setError(n.error); return; }
    const used = new Set(st().doc.domains.map((d) => d.id));
    for (const s of st().doc.steps) if (s.op === 'add-domain') used.add(s.id);
    let id = 1; while (used.has(id)) id++;
    const chk = parseNewDomId(String(id), used);
    if (!chk.ok) { st().setError(chk.error); return; }
    if (run({ op: 'add-domain', id, name: n.value, note: `The toolstack creates ${n.value} (dom${id}).` }).ok) setName('');
  };

  return (
    <section className="actions" aria-label="Actions">
      <div className="action-row">
        <label className="field inline">new guest
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="name" maxLength={80} aria-label="New guest name" />
        </label>
        <button type="button" onClick={addGuest} data-testid="add-guest">+ Add guest</button>
        <button type="button" onClick={() => st().undoEdit()} aria-label="Undo last edit" title="Undo the last scenario edit">↶ Undo</button>
        <button type="button" onClick={() => st().redoEdit()} aria-label="Redo edit" title="Redo">↷ Redo</button>
      </div>
      {!guest ? (
        <p className="muted hint">Select a guest for its actions · drag from a guest’s ⊕ handle to another guest to connect.</p>
      ) : (
        <GuestActions guest={guest} port={port} setPort={setPort} />
      )}
    </section>
  );
}
/** Follows the moment as the side group (store/panelMoment.ts). */
export const ActionsBar = inPanelGroup(PANEL_GROUP.side, ActionsBarImpl);
