'use client';
/**
 * Header buttons: Share, Embed, Export, Import (+ drag-and-drop of a scenario file
 * anywhere on the page). The dialogs and exporters load on first use only.
 */
import { lazyPart } from '@lib/lazy';
import { memo, useEffect, useRef, useState } from 'react';
import { usePlaygroundStore, withEngine } from '@store/index';
import './share.css';

const ShareDialog = lazyPart(() => import('./ShareDialog').then((m) => m.default));
const EmbedDialog = lazyPart(() => import('./EmbedDialog').then((m) => m.default));
const ExportDialog = lazyPart(() => import('./ExportDialog').then((m) => m.default));
const OfflineStatus = lazyPart(() => import('./OfflineStatus').then((m) => m.default));

type Open = 'share' | 'embed' | 'export' | null;

const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

function ShareBarImpl() {
  const store = usePlaygroundStore();
  const [open, setOpen] = useState<Open>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const load = (f: File | undefined) => { if (f) void withEngine(import('./importFile')).then((m) => m.importFile(store, f)); };

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setDragging(true); } };
    const leave = (e: DragEvent) => { if (hasFiles(e) && --depth <= 0) { depth = 0; setDragging(false); } };
    const over = (e: DragEvent) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer!.dropEffect = 'copy'; } };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); depth = 0; setDragging(false);
      load(e.dataTransfer!.files[0]);
    };
    window.addEventListener('dragenter', enter); window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over); window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter); window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over); window.removeEventListener('drop', drop);
    };
  }, []);
  const close = () => setOpen(null);
  return (
    <div className="share-bar" role="group" aria-label="Share, embed, export, import">
      <button type="button" onClick={() => setOpen('share')} data-testid="share-button">Share</button>
      <button type="button" onClick={() => setOpen('embed')} data-testid="embed-button">Embed</button>
      <button type="button" onClick={() => setOpen('export')} data-testid="export-button">Export</button>
      <button type="button" onClick={() => input.current?.click()} data-testid="import-button" title="Import a scenario JSON file (or drop one on the page)">Import</button>
      <input ref={input} type="file" accept=".json,application/json" hidden data-testid="import-input" aria-label="Import a scenario file"
        onChange={(e) => { load(e.target.files?.[0]); e.target.value = ''; }} />
      {open === 'share' ? <ShareDialog onClose={close} /> : null}
      {open === 'embed' ? <EmbedDialog onClose={close} /> : null}
      {open === 'export' ? <ExportDialog onClose={close} /> : null}
      <OfflineStatus />
      {dragging ? <div className="drop-overlay" aria-hidden="true"><span>Drop a scenario JSON file to load it</span></div> : null}
    </div>
  );
}
export const ShareBar = memo(ShareBarImpl);
