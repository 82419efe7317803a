'use client';
/** The scenario's description and its step notes, the current one highlighted as the run goes. */
import { memo, useMemo } from 'react';
import { usePg, getStore } from '@store/index';

function NarrationImpl() {
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const notes = useMemo(() => tl.events.filter((e) => e.kind === 'toolstack' && e.op === 'note'), [tl]);
  const upto = (tl.endSeq[cursor] ?? 0) - 1;
  let cur = -1;
  for (let i = 0; i < notes.length; i++) if (notes[i]!.seq <= upto) cur = i;
  const st = getStore().getState;
  return (
    <section className="narration" aria-label="Narration">
      <h2>{tl.doc.title}</h2>
      {tl.doc.description ? <p className="desc">{tl.doc.description}</p> : null}
      {notes.length > 0 ? (
        <ol className="notes" aria-live="polite">
          {notes.map((n, i) => (
            <li key={n.seq} className={i === cur ? 'cur' : i > cur ? 'future' : 'past'} aria-current={i === cur ? 'step' : undefined}>
              <button type="button" className="linkish" onClick={() => { st().pause(); st().seekSeq(n.seq); }}>
                {String(n.detail['text'] ?? '')}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
export const Narration = memo(NarrationImpl);
