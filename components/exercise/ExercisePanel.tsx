'use client';
/**
 * The exercise the page shows: its prompt, what may be changed, Check (the document runs
 * to its end and each goal is marked met or not, with the reason), hints one at a time,
 * and the solved state, which the browser keeps.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { usePg, usePlaygroundStore } from '@store/index';
import { adoptDocument, checkExercise, exerciseStore, revealHint, startOver } from '@store/exercise';
import type { Editable } from '@engine/api';
import { applyLessonEdit } from '@store/lessonEdits';
import { LimitsEditor } from '../editor/LimitsEditor';
import './exercise.css';

const PARTS: Record<Editable, string> = {
  policy: 'the policy (the Policy panel, further down this column)',
  steps: 'the steps (what happens when)',
  domains: 'the guests',
  limits: 'the limits (below)',
  xsm: 'XSM, the hypervisor\'s access control (below)',
};

export function ExercisePanel() {
  const store = usePlaygroundStore();
  const doc = usePg((s) => s.doc);
  const ex = exerciseStore(store);
  const { results, checkedDoc, progress, original } = useStore(ex);
  const [busy, setBusy] = useState(false);
  useEffect(() => adoptDocument(store), [store, doc]);
  const exercise = (original ?? doc).exercise;
  if (!exercise) return null;
  const fresh = results !== null && checkedDoc === doc;
  const allMet = fresh && results.every((g) => g.met);
  const check = () => {
    setBusy(true);
    void checkExercise(store).finally(() => setBusy(false));
  };
  const hints = exercise.hints.slice(0, progress.hints);
  return (
    <section className="exercise" aria-label="Exercise" data-testid="exercise">
      <h2>{doc.title}{progress.solved ? <span className="solved-badge" data-testid="exercise-solved"> ✓ solved</span> : null}</h2>
      <p className="prompt">{exercise.prompt}</p>
      <p className="editable"><strong>You may change:</strong> {exercise.editable.map((e) => PARTS[e]).join(', ') || 'nothing'}.</p>
      {exercise.editable.some((e) => e === 'limits' || e === 'xsm') ? (
        <LimitsEditor doc={doc} apply={(e) => applyLessonEdit(store, e).ok}
          show={{ limits: exercise.editable.includes('limits'), xsm: exercise.editable.includes('xsm') }} />
      ) : null}
      <div className="exercise-actions">
        <button type="button" className="primary" onClick={check} disabled={busy} data-testid="exercise-check">{busy ? 'Checking…' : 'Check'}</button>
        <button type="button" onClick={() => { const r = startOver(store); if (!r.ok) store.getState().setError(r.error); }}>Start over</button>
      </div>
      {fresh ? (
        <>
          <p className={allMet ? 'verdict met' : 'verdict unmet'} role="status" data-testid="exercise-verdict">
            {allMet ? 'Solved: every goal is met.' : `Not yet: ${results.filter((g) => !g.met).length} of ${results.length} goals not met.`}
          </p>
          <ul className="goals">
            {results.map((g) => (
              <li key={g.index} className={g.met ? 'goal met' : 'goal unmet'} data-testid={`goal-${g.index}`}>
                <span aria-hidden="true">{g.met ? '✓' : '✗'}</span> <span className="sr-only">{g.met ? 'met:' : 'not met:'}</span>{g.detail}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted hint">{results !== null ? 'Changed since the last check: ' : ''}Check runs the scenario to its end and tests its {doc.goals?.length === 1 ? 'goal' : `${doc.goals?.length ?? 0} goals`}.</p>
      )}
      {hints.length > 0 ? <ol className="hints">{hints.map((h, i) => <li key={i}>{h}</li>)}</ol> : null}
      {progress.hints < exercise.hints.length ? (
        <button type="button" className="link" onClick={() => revealHint(store)} data-testid="exercise-hint">
          Show a hint ({exercise.hints.length - progress.hints} left)
        </button>
      ) : null}
    </section>
  );
}
