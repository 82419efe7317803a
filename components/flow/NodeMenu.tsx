'use client';
/**
 * The selected guest's menu on its node: flood a connection, migrate, crash, connect to…,
 * show its details. A menu button with arrow-key navigation (WAI-ARIA menu pattern), so all
 * of it works from the keyboard. Shown only where the page provides NodeMenuContext.
 */
import { memo, useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SimView } from '@engine/api';
import { usePg, usePlaygroundStore, useView } from '@store/index';
import type { StepInput } from '@store/edits';
import { timeAt } from '@store/timeline';
import { NodeMenuContext } from './nodeMenuHost';


export interface GuestConn { key: string; name: string; side: 'client' | 'server'; peerDom: number }

/** The connected sockets of `guest` a flood step can name (a connection is named by its client). */
export function guestConns(v: SimView, guest: number): GuestConn[] {
  const named = new Map(v.sockets.filter((s) => s.name !== null).map((s) => [s.id, s.name!]));
  return v.sockets.flatMap((s) => {
    if (s.dom !== guest || s.state !== 'connected') return [];
    const name = s.role === 'client' ? s.name : named.get(s.peerSock);
    const side = s.role === 'client' ? 'client' as const : 'server' as const;
    return name ? [{ key: `${side}:${name}`, name, side, peerDom: s.peerDom }] : [];
  });
}

interface Item { key: string; label: string; danger?: boolean; run(): void }

function NodeMenuImpl({ id, name }: { id: number; name: string }) {
  const host = useContext(NodeMenuContext);
  const store = usePlaygroundStore();
  const v = useView();
  const tNow = usePg((s) => timeAt(s.timeline, s.cursor));
  const [open, setOpen] = useState(false);
  const btn = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => { if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus(); }, [open]);
  if (!host) return null;
  const nameOf = (d: number) => v.domains.find((x) => x.id === d)?.name ?? `dom${d}`;
  const run = (s: StepInput) => { store.getState().dispatch(s); };
  const items: Item[] = [
    ...guestConns(v, id).map((c) => ({
      key: `flood-${c.key}`, label: `Flood ${c.name} → ${nameOf(c.peerDom)}${c.side === 'server' ? ' (server end)' : ''}`,
      run: () => run({ op: 'flood', conn: c.name, side: c.side, until: tNow + 20_000, kind: 'data', note: `${name} floods “${c.name}” (its ${c.side} end) for 20 ms.` }),
    })),
    { key: 'connect', label: 'Connect to…', run: () => host.connect(id) },
    { key: 'migrate', label: '⇄ Migrate', run: () => run({ op: 'migrate', dom: id, note: `The toolstack migrates ${name}.` }) },
    { key: 'crash', label: '✕ Crash', danger: true, run: () => run({ op: 'crash', dom: id, note: `${name} crashes.` }) },
    { key: 'details', label: 'Show details', run: () => host.showDetails() },
  ];
  const close = (refocus: boolean) => { setOpen(false); if (refocus) btn.current?.focus(); };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const i = list.indexOf(document.activeElement as HTMLElement);
    const to = (j: number) => list[(j + list.length) % list.length]?.focus();
    e.stopPropagation();
    if (e.key === 'ArrowDown') { e.preventDefault(); to(i + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); to(i - 1); }
    else if (e.key === 'Home') { e.preventDefault(); to(0); }
    else if (e.key === 'End') { e.preventDefault(); to(list.length - 1); }
    else if (e.key === 'Escape' || e.key === 'Tab') { if (e.key === 'Escape') e.preventDefault(); close(e.key === 'Escape'); }
  };
  return (
    <div className="node-menu nodrag nopan nowheel" onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') e.stopPropagation(); }}>
      <button ref={btn} type="button" className="node-menu-button" aria-haspopup="menu" aria-expanded={open}
        aria-controls={open ? `node-menu-${id}` : undefined} data-testid={`node-menu-${id}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); e.stopPropagation(); setOpen(true); } }}>
        Actions <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div ref={menu} role="menu" id={`node-menu-${id}`} aria-label={`Actions on ${name}`} className="node-menu-list" onKeyDown={onKey}>
          {items.map((it) => (
            <button key={it.key} type="button" role="menuitem" tabIndex={-1} className={it.danger ? 'danger' : undefined}
              data-testid={`menu-${it.key}`} onClick={() => { close(it.key !== 'connect' && it.key !== 'details'); it.run(); }}>
              {it.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
export const NodeMenu = memo(NodeMenuImpl);
