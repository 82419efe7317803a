'use client';
/**
 * Presentation mode: the chrome hidden (the page's `presenting` class, present.css), the
 * diagram and the current note in large type, one note per slide. PageDown / → / Space /
 * a click play the run on to the next note and stop there; PageUp / ← go back a note;
 * Escape leaves. The speaker-notes window follows over a BroadcastChannel.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { noteOfSlide, slideAt, slideSteps, slideText } from '@store/present';
import { noteIsFromOtherMode } from '@store/narration';
import { routeUrl } from '@lib/basePath';
import { useNarration } from '../hooks/useNarration';
import { ThemeToggle } from '../panels/ThemeToggle';
import { openChannel, slideKey, type SlideMsg } from './channel';
import './present.css';

export default function PresentMode({ onExit }: { onExit: () => void }) {
  const store = usePlaygroundStore();
  const { tl, notes, cur } = useNarration();
  const playing = usePg((s) => s.playing);
  const doc = tl.doc;
  const order = useMemo(() => slideSteps(doc), [doc]);
  const { k, total, note } = slideAt(order, notes, cur);
  /** The slide a forward move plays on to (null: not moving). */
  const target = useRef<number | null>(null);

  const go = useCallback((dir: 1 | -1) => {
    const s = store.getState();
    if (dir === 1) {
      if (k >= total) return;
      target.current = k + 1;
      s.play();
      return;
    }
    target.current = null;
    s.pause();
    const prev = k > 1 ? noteOfSlide(order, notes, k - 1) : null;
    if (prev) s.seekSeq(prev.seq);
    else s.seek(s.rec.first);
  }, [store, k, total, order, notes]);

  // stop on the note a forward move was playing to (however many actions a frame took)
  useEffect(() => {
    const t = target.current;
    if (t === null) return;
    if (k >= t) {
      target.current = null;
      const s = store.getState();
      s.pause();
      const n = noteOfSlide(order, notes, t);
      if (n) s.seekSeq(n.seq);
    } else if (!playing) target.current = null; // the run ended, or someone paused it
  }, [k, playing, store, order, notes]);

  const goRef = useRef(go);
  goRef.current = go;
  const exitRef = useRef(onExit);
  exitRef.current = onExit;
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, select, textarea, dialog, [contenteditable="true"]')) return;
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); exitRef.current(); return; }
      const dir = slideKey(e.key);
      if (dir === 0 || (t instanceof HTMLButtonElement && (e.key === ' ' || e.key === 'Enter'))) return;
      // capture phase: the page's own keys (Space plays, arrows step) do not see it
      e.preventDefault();
      e.stopPropagation();
      goRef.current(dir);
    };
    window.addEventListener('keydown', on, true);
    return () => window.removeEventListener('keydown', on, true);
  }, []);

  const text = note ? note.detail.text : null;
  const other = note ? noteIsFromOtherMode(doc, note.detail.step) : false;
  const slide: SlideMsg = useMemo(() => ({
    type: 'slide', title: doc.title, description: doc.description ?? '', k, total, text, next: slideText(doc, order, k + 1),
  }), [doc, order, k, total, text]);
  const slideRef = useRef(slide);
  slideRef.current = slide;
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    const ch = openChannel((m) => {
      if (m.type === 'hello') ch?.postMessage(slideRef.current);
      else if (m.type === 'go') goRef.current(m.dir);
    });
    channel.current = ch;
    return () => { ch?.postMessage({ type: 'end' }); ch?.close(); channel.current = null; };
  }, []);
  useEffect(() => { channel.current?.postMessage(slide); }, [slide]);

  const openNotes = () => { window.open(routeUrl('/present-notes/'), 'present-notes', 'popup,width=760,height=560'); };

  return (
    <>
      <div className="present-stage" data-testid="present-stage" aria-hidden="true" onClick={() => go(1)} />
      <section className="present-bar" aria-label="Presentation" data-testid="present">
        <p className={`present-note${other ? ' other-mode' : ''}`} aria-live="polite" data-testid="present-note">
          {text ?? <><strong>{doc.title}</strong>{doc.description ? <span className="present-desc">{doc.description}</span> : null}</>}
        </p>
        <div className="present-tools">
          <span className="present-progress" data-testid="present-progress" aria-label={`Note ${k} of ${total}`}>{k} / {total}</span>
          <button type="button" onClick={() => go(-1)} disabled={k === 0} aria-label="Previous note">‹</button>
          <button type="button" onClick={() => go(1)} disabled={k >= total} aria-label="Next note">›</button>
          <button type="button" onClick={openNotes} title="Open the speaker's notes in a second window">Notes</button>
          <ThemeToggle />
          <button type="button" onClick={onExit} title="Leave presentation mode (Esc)">Leave</button>
        </div>
      </section>
    </>
  );
}
