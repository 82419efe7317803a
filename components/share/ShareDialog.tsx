'use client';
/** The share link: the whole scenario in the URL fragment, plus the cursor. */
import { useMemo, useState } from 'react';
import { usePg } from '@store/index';
import { shareHash } from '@store/share';
import { Modal, copyText } from './Modal';
import { fmtCount } from '@lib/format';


const CHAT_LIMIT = 2000;

export default function ShareDialog({ onClose }: { onClose(): void }) {
  const doc = usePg((s) => s.doc);
  const cursor = usePg((s) => s.cursor);
  const [withCursor, setWithCursor] = useState(true);
  const [status, setStatus] = useState('');
  const link = useMemo(
    () => `${window.location.origin}${window.location.pathname}${shareHash(doc, withCursor ? cursor : undefined)}`,
    [doc, cursor, withCursor],
  );
  return (
    <Modal title="Share this scenario" testId="share-dialog" onClose={onClose}>
      <p className="muted">The link holds the whole scenario (not the trace: the same scenario replays the same run). Nothing is uploaded.</p>
      <label className="field">Link
        <input readOnly value={link} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} className="mono" />
      </label>
      <label className="check">
        <input type="checkbox" checked={withCursor} onChange={(e) => setWithCursor(e.target.checked)} />
        open at the current point of the run (action {cursor})
      </label>
      <p className={link.length > CHAT_LIMIT ? 'warn-text' : 'muted'} data-testid="share-length">
        {fmtCount(link.length)} characters{link.length > CHAT_LIMIT ? ' — long for chat; Export → Scenario JSON may travel better' : ''}
      </p>
      <div className="dialog-buttons">
        <span role="status" className="status">{status}</span>
        <button type="button" className="primary" onClick={async () => setStatus(await copyText(link))} data-testid="share-copy">Copy link</button>
      </div>
    </Modal>
  );
}
