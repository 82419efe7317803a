'use client';
/** The scenario's description and its step notes, the current one highlighted as the run goes. */
import { memo } from 'react';
import { usePlaygroundStore } from '@store/index';
import { useNarration } from '../hooks/useNarration';

function NarrationImpl() {
  const store = usePlaygroundStore();
  const { tl, notes, cur } = useNarration();
  const st = store.getState;
  return (
    <section className="narration" aria-label="Narration">
      <h2>{tl.doc.title}</h2>
      {tl.doc.description ? <p className="desc">{tl.doc.description}</p> : null}
      {notes.length > 0 ? (
        <ol className="notes" aria-live="polite">
          {notes.map((n, i) => (
            <li key={n.seq} className={i === cur ? 'cur' : i > cur ? 'future' : 'past'} aria-current={i === cur ? 'step' : undefined}>
              <button type="button" className="linkish" onClick={() => { st().pause(); st().seekSeq(n.seq); }}>
                {n.detail.text}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
export const Narration = memo(NarrationImpl);
