'use client';
/**
 * Opens the exercise a URL names (`?exercise=<id>`) and shows the Exercise panel while
 * the loaded document is an exercise. Both the panel and the exercise code are fetched on
 * first use: a page that never opens an exercise never loads them.
 */
import { useEffect } from 'react';
import { lazyPart } from '@lib/lazy';
import { usePg, usePlaygroundStore, withEngine } from '@store/index';

const ExercisePanel = lazyPart(() => withEngine(import('./ExercisePanel')).then((m) => m.ExercisePanel), <p className="muted hint">Loading the exercise…</p>);

export function ExerciseHost() {
  const store = usePlaygroundStore();
  const isExercise = usePg((s) => s.doc.exercise !== undefined);
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('exercise');
    if (id === null) return;
    void withEngine(import('@store/exercise')).then((m) => m.openExercise(store, id)).then(
      (r) => { if (!r.ok) store.getState().setError(r.error); },
      (e: unknown) => store.getState().setError(`exercise: could not be loaded (${String(e).split('\n')[0]})`),
    );
  }, [store]);
  if (!isExercise) return null;
  return <details open className="panel exercise-panel"><summary>Exercise</summary><ExercisePanel /></details>;
}
