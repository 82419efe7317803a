'use client';
/**
 * The lesson editor, beside the narration: the title, the description, each step's note
 * (in the mode chosen here), steps added, moved, retimed and deleted, domains renamed,
 * the policy the run starts with, the limits and XSM, and the scenario made an exercise. Every change goes through the store's lesson edits (validated, undoable, in the share
 * link). All text is shown as React text.
 */
import { useEffect, useState } from 'react';
import { usePg, usePlaygroundStore, withEngine } from '@store/index';
import { addStep, applyLessonEdit, deleteStep, moveStep, noteTextFor, ownNoteMode, renameDomain, runOrder, setDescription, setNote, setStepTime, setTitle, type LessonEdit } from '@store/lessonEdits';
import { timeAt } from '@store/timeline';
import type { NoteMode } from '@engine/api';
import { CommitField } from './CommitField';
import { AddStepForm } from './AddStepForm';
import { stepSummary } from './summary';
import { PolicyEditor } from './PolicyEditor';
import { LimitsEditor } from './LimitsEditor';
import { ExerciseMaker } from './ExerciseMaker';
import './editor.css';

const MODE_LABELS: [NoteMode, string][] = [['connection-manager', 'vsock + connection manager'], ['xenstore', 'vsock + xenstore'], ['v4v', 'V4V']];

export default function LessonEditor({ onClose }: { onClose: () => void }) {
  const store = usePlaygroundStore();
  const doc = usePg((s) => s.doc);
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const own = ownNoteMode(doc);
  const [mode, setMode] = useState<NoteMode>(own);
  const apply = (e: LessonEdit) => applyLessonEdit(store, e).ok;
  // an exercise being written starts where its author leaves it (Start over goes back there)
  useEffect(() => { if (doc.exercise) void withEngine(import('@store/exercise')).then((m) => m.markAuthored(store)); }, [store, doc]);
  const order = runOrder(doc);
  return (
    <section className="lesson-editor" aria-label="Lesson editor" data-testid="lesson-editor">
      <header>
        <h2>Edit the lesson</h2>
        <button type="button" onClick={onClose} data-testid="lesson-close">Done</button>
      </header>
      <label className="field">Title
        <CommitField value={doc.title} label="Title" testId="lesson-title" onCommit={(v) => apply(setTitle(v))} />
      </label>
      <label className="field">Description
        <CommitField value={doc.description ?? ''} label="Description" multiline testId="lesson-description" onCommit={(v) => apply(setDescription(v))} />
      </label>
      <label className="field">Notes for
        <select value={mode} onChange={(e) => setMode(e.target.value as NoteMode)} data-testid="lesson-mode">
          {MODE_LABELS.map(([m, l]) => <option key={m} value={m}>{l}{m === own ? ' (this document)' : ''}</option>)}
        </select>
      </label>
      <h3>Steps</h3>
      <ol className="lesson-steps">
        {order.map(({ step, index }, i) => (
          <li key={`${index}:${step.op}:${step.at}`} data-testid={`lesson-step-${index}`}>
            <div className="lesson-step-head">
              <CommitField type="number" className="short" value={String(step.at)} label={`Time of step ${i + 1}, µs`}
                onCommit={(v) => apply(setStepTime(index, v.trim() === '' ? Number.NaN : Number(v)))} />
              <span className="lesson-op">{stepSummary(doc, step)}</span>
              <button type="button" aria-label={`Move step ${i + 1} earlier`} disabled={i === 0} onClick={() => apply(moveStep(index, -1))}>↑</button>
              <button type="button" aria-label={`Move step ${i + 1} later`} disabled={i === order.length - 1} onClick={() => apply(moveStep(index, 1))}>↓</button>
              <button type="button" className="danger" aria-label={`Delete step ${i + 1}`} onClick={() => apply(deleteStep(index))}>✕</button>
            </div>
            <CommitField multiline value={noteTextFor(step.note, own, mode)} label={`Note of step ${i + 1}`} testId={`lesson-note-${index}`}
              placeholder={mode === own ? 'No note' : 'No note for this mode'} onCommit={(v) => apply(setNote(index, mode, v))} />
          </li>
        ))}
      </ol>
      <h3>Add a step</h3>
      <AddStepForm doc={doc} at={timeAt(tl, cursor) + 1} onAdd={(s) => apply(addStep(s))} />
      <h3>Domains</h3>
      <ul className="lesson-domains">
        {doc.domains.map((d) => (
          <li key={d.id}>
            <span className="muted">dom{d.id}</span>
            <CommitField value={d.name} label={`Name of dom${d.id}`} testId={`lesson-domain-${d.id}`} onCommit={(v) => apply(renameDomain(d.id, v))} />
          </li>
        ))}
      </ul>
      <h3>Policy at the start</h3>
      <PolicyEditor doc={doc} apply={apply} />
      <h3>Limits and XSM</h3>
      <LimitsEditor doc={doc} apply={apply} />
      <h3>Make an exercise</h3>
      <ExerciseMaker doc={doc} apply={apply} />
      <p className="muted">Each change is checked, can be undone, and goes into the share link and the export.</p>
    </section>
  );
}
