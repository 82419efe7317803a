'use client';
/**
 * The scenario's description and its step notes, the current one highlighted as the run
 * goes. A note with no text for the current mode shows the engine's plain line, marked so.
 */
import { useState } from 'react';
import { lazyPart } from '@lib/lazy';
import { usePg, usePlaygroundStore, inPanelGroup, withEngine, PANEL_GROUP } from '@store/index';
import { descriptionCaveat, noteIsFromOtherMode } from '@store/narration';
import { useNarration } from '../hooks/useNarration';

/** The lesson editor loads on first use. */
const LessonEditor = lazyPart(() => withEngine(import('../editor/LessonEditor')).then((m) => m.default));

/** `onPresent`: the page's presentation mode (the button sits with the lesson it presents). */
function NarrationImpl({ onPresent }: { onPresent?: () => void }) {
  const [editing, setEditing] = useState(false);
  const store = usePlaygroundStore();
  const { tl, notes, cur } = useNarration();
  const presetId = usePg((s) => s.presetId);
  const caveat = descriptionCaveat(tl.doc, presetId);
  const st = store.getState;
  return (
    <section className="narration" aria-label="Narration">
      <div className="narration-head">
        <h2>{tl.doc.title}</h2>
        <span className="narration-tools">
          {onPresent ? (
            <button type="button" className="edit-lesson" onClick={onPresent} data-testid="present-button"
              title="Present: the diagram and the notes in large type, one note at a time">Present</button>
          ) : null}
          <button type="button" className="edit-lesson" onClick={() => setEditing((v) => !v)} aria-expanded={editing} data-testid="edit-lesson">
            {editing ? 'Close editor' : 'Edit lesson'}
          </button>
        </span>
      </div>
      {editing ? <LessonEditor onClose={() => setEditing(false)} /> : null}
      {tl.doc.description ? <p className="desc">{tl.doc.description}</p> : null}
      {caveat ? <p className="desc other-mode" data-testid="description-caveat">{caveat}</p> : null}
      {notes.length > 0 ? (
        <ol className="notes" aria-live="polite">
          {notes.map((n, i) => (
            <li key={n.seq} className={`${i === cur ? 'cur' : i > cur ? 'future' : 'past'}${noteIsFromOtherMode(tl.doc, n.detail.step) ? ' other-mode' : ''}`}
              aria-current={i === cur ? 'step' : undefined}>
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
/** Follows the moment as the side group (store/panelMoment.ts). */
export const Narration = inPanelGroup(PANEL_GROUP.side, NarrationImpl);
