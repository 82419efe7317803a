'use client';
/** The embed's narration: the note the run has reached in the current mode (or the description), with ‹ › to move between notes. */
import { memo } from 'react';
import { usePlaygroundStore } from '@store/index';
import { noteIsFromOtherMode } from '@store/narration';
import { useNarration } from '../hooks/useNarration';

function EmbedNarrationImpl() {
  const store = usePlaygroundStore();
  const { tl, notes, cur } = useNarration();
  const go = (i: number) => { const n = notes[i]; if (n) { store.getState().pause(); store.getState().seekSeq(n.seq); } };
  const text = cur >= 0 ? notes[cur]!.detail.text : tl.doc.description ?? '';
  // a note with no text for this mode: the engine's plain line, set in italics
  const other = cur >= 0 && noteIsFromOtherMode(tl.doc, notes[cur]!.detail.step);
  return (
    <section className="embed-narration" aria-label="Narration" data-testid="embed-narration">
      {notes.length > 0 ? (
        <button type="button" onClick={() => go(cur - 1)} disabled={cur <= 0} aria-label="Previous note">‹</button>
      ) : null}
      <p aria-live="polite" title={text} style={other ? { fontStyle: 'italic' } : undefined}><span className="muted">{cur >= 0 ? `${cur + 1}/${notes.length}` : notes.length ? `0/${notes.length}` : ''}</span> {text}</p>
      {notes.length > 0 ? (
        <button type="button" onClick={() => go(cur + 1)} disabled={cur >= notes.length - 1} aria-label="Next note">›</button>
      ) : null}
    </section>
  );
}
export const EmbedNarration = memo(EmbedNarrationImpl);
