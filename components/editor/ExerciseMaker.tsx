'use client';
/**
 * "Make an exercise" in the lesson editor: the scenario becomes a challenge (format 1.1's
 * `exercise` and `goals`): the prompt, what the student may change, hints, goals that
 * Check tests, and the link that opens it as an exercise. Every change is a lesson edit:
 * checked (one line naming the field when refused), undoable, in the share link.
 */
import { useMemo, useState } from 'react';
import { addGoal, EDITABLES, removeExercise, removeGoal, setExercise, type LessonEdit } from '@store/lessonEdits';
import { shareHash } from '@store/share';
import type { Editable, ScenarioDoc } from '@engine/api';
import { CommitField } from './CommitField';
import { GoalForm } from './GoalForm';
import { goalSummary } from './summary';

const PART_LABELS: Record<Editable, string> = { policy: 'policy', steps: 'steps', domains: 'guests', limits: 'limits', xsm: 'XSM' };

function Parts({ value, onChange }: { value: readonly Editable[]; onChange: (v: Editable[]) => void }) {
  return (
    <fieldset className="exercise-parts">
      <legend>The student may change</legend>
      {EDITABLES.map((e) => (
        <label key={e} className="check">
          <input type="checkbox" checked={value.includes(e)} data-testid={`editable-${e}`}
            onChange={() => onChange(EDITABLES.filter((x) => (x === e ? !value.includes(e) : value.includes(x))))} />
          {PART_LABELS[e]}
        </label>
      ))}
    </fieldset>
  );
}

function StudentLink({ doc }: { doc: ScenarioDoc }) {
  const link = useMemo(() => `${window.location.origin}${window.location.pathname}${shareHash(doc)}`, [doc]);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="student-link">
      <label className="field">Link for students (opens as this exercise)
        <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="student-link" />
      </label>
      <span className="student-link-tools">
        <button type="button" onClick={copy}>{copied ? 'Copied' : 'Copy'}</button>
        <a href={link} target="_blank" rel="noopener noreferrer">Open as a student</a>
      </span>
    </div>
  );
}

export function ExerciseMaker({ doc, apply }: { doc: ScenarioDoc; apply: (e: LessonEdit) => boolean }) {
  const [prompt, setPrompt] = useState('');
  const [parts, setParts] = useState<Editable[]>(['policy']);
  const [hint, setHint] = useState('');
  const ex = doc.exercise;
  if (!ex) {
    return (
      <div className="exercise-maker" data-testid="exercise-maker">
        <p className="muted hint">Turn this scenario into a challenge: say what the student must achieve, choose what they may change, then add the goals Check tests.</p>
        <label className="field">Prompt
          <textarea rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} data-testid="exercise-prompt-new" placeholder="What the student must make happen" />
        </label>
        <Parts value={parts} onChange={setParts} />
        <button type="button" className="primary" onClick={() => { if (apply(setExercise({ prompt, editable: parts }))) setPrompt(''); }}
          data-testid="make-exercise">Make an exercise</button>
      </div>
    );
  }
  const goals = doc.goals ?? [];
  const addHint = (e: React.FormEvent) => {
    e.preventDefault();
    if (apply(setExercise({ hints: [...ex.hints, hint] }))) setHint('');
  };
  return (
    <div className="exercise-maker" data-testid="exercise-maker">
      <label className="field">Prompt
        <CommitField multiline value={ex.prompt} label="Prompt of the exercise" testId="exercise-prompt" onCommit={(v) => apply(setExercise({ prompt: v }))} />
      </label>
      <Parts value={ex.editable} onChange={(editable) => apply(setExercise({ editable }))} />
      <h4>Goals ({goals.length})</h4>
      {goals.length > 0 ? (
        <ol className="lesson-goals">
          {goals.map((g, i) => (
            <li key={`${i}:${JSON.stringify(g)}`} data-testid={`lesson-goal-${i}`}>
              <span>{goalSummary(doc, g)}</span>
              <button type="button" className="danger" aria-label={`Remove goal ${i + 1}`} onClick={() => apply(removeGoal(i))}>✕</button>
            </li>
          ))}
        </ol>
      ) : <p className="warn">No goal yet: Check has nothing to test.</p>}
      <GoalForm doc={doc} onAdd={(g) => apply(addGoal(g))} />
      <h4>Hints ({ex.hints.length})</h4>
      {ex.hints.length > 0 ? (
        <ol className="lesson-goals">
          {ex.hints.map((h, i) => (
            <li key={`${i}:${h}`}>
              <span>{h}</span>
              <button type="button" className="danger" aria-label={`Remove hint ${i + 1}`}
                onClick={() => apply(setExercise({ hints: ex.hints.filter((_, j) => j !== i) }))}>✕</button>
            </li>
          ))}
        </ol>
      ) : null}
      <form className="add-hint" onSubmit={addHint} aria-label="Add a hint">
        <input value={hint} onChange={(e) => setHint(e.target.value)} placeholder="A hint, shown one at a time" aria-label="New hint" data-testid="hint-new" />
        <button type="submit" data-testid="hint-add">Add hint</button>
      </form>
      <StudentLink doc={doc} />
      <button type="button" className="danger" onClick={() => apply(removeExercise)} data-testid="exercise-remove">No longer an exercise</button>
    </div>
  );
}
