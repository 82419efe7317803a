'use client';
/** The embed's narration: the note the run has reached (or the description), with ‹ › to move between notes. */
import { memo, useMemo } from 'react';
import { usePg, getStore } from '@store/index';

function EmbedNarrationImpl() {
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const notes = useMemo(() => tl.events.filter((e) => e.kind === 'toolstack' && e.op === 'note'), [tl]);
  const upto = (tl.endSeq[cursor] ?? 0) - 1;
  let cur = -1;
  for (let i = 0; i < notes.length; i++) if (notes[i]!.seq <= upto) cur = i;
  const go = (i: number) => { const n = notes[i]; if (n) { getStore().getState().pause(); getStore().getState().seekSeq(n.seq); } };
  const text = cur >= 0 ? String(notes[cur]!.detail['text'] ?? '') : tl.doc.description ?? '';
  return (
    <section className="embed-narration" aria-label="Narration" data-testid="embed-narration">
      {notes.length > 0 ? (
        <button type="button" onClick={() => go(cur - 1)} disabled={cur <= 0} aria-label="Previous note">‹</button>
      ) : null}
      <p aria-live="polite" title={text}><span className="muted">{cur >= 0 ? `${cur + 1}/${notes.length}` : notes.length ? `0/${notes.length}` : ''}</span> {text}</p>
      {notes.length > 0 ? (
        <button type="button" onClick={() => go(cur + 1)} disabled={cur >= notes.length - 1} aria-label="Next note">›</button>
      ) : null}
    </section>
  );
}
export const EmbedNarration = memo(EmbedNarrationImpl);
