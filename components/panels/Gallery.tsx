'use client';
/**
 * The gallery as a course: basics → policy → isolation → scale → alternatives, each preset
 * with one line of what you will see, then the exercises (scenarios/course.ts,
 * scenarios/exerciseIndex.ts). An exercise's document and code are fetched when it is opened.
 */
import { memo, useEffect, useState } from 'react';
import { usePg, usePlaygroundStore, withEngine, loadPreset, loadedPreset, loadPresetInto, PRESET_INDEX, type PresetInfo } from '@store/index';
import { COURSE } from '../../scenarios/course';
import { EXERCISE_INDEX, type ExerciseInfo } from '../../scenarios/exerciseIndex';
import '../exercise/course.css';

const TITLES = new Map(PRESET_INDEX.map((p: PresetInfo) => [p.id, p.title]));
const LEVELS = ['', 'easy', 'medium', 'harder'] as const;

/** Replace the page's query with `key=value` (a share link's scenario is no longer what the page shows). */
function setQuery(key: 'preset' | 'exercise', value: string): void {
  const u = new URL(window.location.href);
  u.searchParams.delete('preset');
  u.searchParams.delete('exercise');
  u.searchParams.set(key, value);
  u.hash = '';
  window.history.replaceState(null, '', u);
}

/** Which exercises this browser has solved (read after the first render: storage is the browser's), kept up to date. */
function useSolved(): ReadonlySet<string> {
  const [solved, setSolved] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const read = () => {
      const s = new Set<string>();
      try {
        for (const e of EXERCISE_INDEX) if ((JSON.parse(window.localStorage.getItem(`interdomain-exercise:${e.id}`) ?? '{}') as { solved?: unknown }).solved === true) s.add(e.id);
      } catch { /* storage blocked or garbled: nothing shown as solved */ }
      setSolved(s);
    };
    read();
    // store/exercise.ts says so when it writes progress; another tab's writes arrive as `storage`
    window.addEventListener('interdomain-exercise-progress', read);
    window.addEventListener('storage', read);
    return () => { window.removeEventListener('interdomain-exercise-progress', read); window.removeEventListener('storage', read); };
  }, []);
  return solved;
}

function GalleryImpl() {
  const store = usePlaygroundStore();
  const current = usePg((s) => s.presetId);
  const solved = useSolved();
  // Fetch a preset's document when the pointer comes near its button, so a click loads it
  // at once; once here, its description becomes the button's tooltip.
  const [, arrived] = useState(0);
  const prefetch = (id: string) => { if (!loadedPreset(id)) void loadPreset(id).then(() => arrived((n) => n + 1), () => undefined); };
  const tip = (id: string) => { const d = loadedPreset(id)?.doc as { description?: unknown } | undefined; return typeof d?.description === 'string' ? d.description : undefined; };
  const load = (id: string) => {
    void loadPresetInto(store, id, { play: true }).then((r) => { if (!r.ok) store.getState().setError(r.error); });
    setQuery('preset', id);
  };
  const open = (e: ExerciseInfo) => {
    void withEngine(import('@store/exercise')).then((m) => m.openExercise(store, e.id)).then((r) => { if (!r.ok) store.getState().setError(r.error); });
    setQuery('exercise', e.id);
  };
  return (
    <nav aria-label="Scenario gallery" className="gallery">
      {COURSE.map((g, gi) => (
        <section key={g.id} className="course-group" data-testid={`course-${g.id}`}>
          <h3>{gi + 1}. {g.title}</h3>
          <ul>
            {g.items.map((e) => (
              <li key={e.id}>
                <button type="button" className={e.id === current ? 'preset current' : 'preset'} onClick={() => load(e.id)} onPointerEnter={() => prefetch(e.id)} onFocus={() => prefetch(e.id)}
                  aria-current={e.id === current ? 'true' : undefined} title={tip(e.id)} data-testid={`preset-${e.id}`}>
                  <span className="preset-title">{TITLES.get(e.id) ?? e.id}</span>
                  <span className="see">{e.see}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="course-group" data-testid="course-exercises">
        <h3>{COURSE.length + 1}. Exercises</h3>
        <ul>
          {EXERCISE_INDEX.map((e) => (
            <li key={e.id}>
              <button type="button" className="preset" onClick={() => open(e)} data-testid={`exercise-${e.id}`}>
                <span className="preset-title">{e.title}{solved.has(e.id) ? <span className="solved-mark" aria-label="solved"> ✓</span> : null}</span>
                <span className="see">{LEVELS[e.level]} · {e.see}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </nav>
  );
}
export const Gallery = memo(GalleryImpl);
