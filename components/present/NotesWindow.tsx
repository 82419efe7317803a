'use client';
/**
 * The speaker's notes, in a second window: the current note in full, the next one, and
 * the slide number. It follows the presentation (BroadcastChannel) and its keys move it.
 */
import { useEffect, useRef, useState } from 'react';
import { openChannel, slideKey, type SlideMsg } from './channel';
import './present.css';

export default function NotesWindow() {
  const [slide, setSlide] = useState<SlideMsg | null>(null);
  const [ended, setEnded] = useState(false);
  const ch = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    const saved = window.localStorage.getItem('theme');
    if (saved === 'dark' || saved === 'light') document.documentElement.dataset['theme'] = saved;
    const c = openChannel((m) => {
      if (m.type === 'slide') { setSlide(m); setEnded(false); }
      else if (m.type === 'end') setEnded(true);
    });
    ch.current = c;
    c?.postMessage({ type: 'hello' });
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const dir = slideKey(e.key);
      if (dir === 0) return;
      e.preventDefault();
      c?.postMessage({ type: 'go', dir });
    };
    window.addEventListener('keydown', onKey);
    return () => { window.removeEventListener('keydown', onKey); c?.close(); ch.current = null; };
  }, []);
  if (!slide) return <main className="notes-window"><p className="muted">Waiting for the presentation… (open presentation mode in the playground)</p></main>;
  return (
    <main className="notes-window" data-testid="notes-window">
      <header>
        <h1>{slide.title}</h1>
        <span className="present-progress" data-testid="notes-progress">{slide.k} / {slide.total}</span>
      </header>
      {ended ? <p className="muted">The presentation was left.</p> : null}
      <section aria-label="Current note">
        <p className="notes-now" data-testid="notes-now">{slide.text ?? slide.description}</p>
      </section>
      <section aria-label="Next note">
        <h2>Next</h2>
        <p className="notes-next" data-testid="notes-next">{slide.next ?? 'End of the notes.'}</p>
      </section>
      <p className="muted">PageDown / → next note · PageUp / ← previous (here or in the presentation)</p>
    </main>
  );
}
