/** A teacher turns a scenario into an exercise in the page; a student checks it, fixes it, checks again. */
import { describe, expect, it } from 'vitest';
import { useMemoryStorage } from './testing/memoryStorage';
import { lastAction, timeAt } from '@engine/api';
import { PRESETS } from '../scenarios';
import { createPlaygroundStore } from './createPlaygroundStore';
import { checkExercise, editPolicy, exerciseStore, markAuthored, startOver } from './exercise';
import { addGoal, addPolicyRule, applyLessonEdit, goalFrom, removeExercise, removeGoal, removePolicyRule, setExercise, setPolicyDefault } from './lessonEdits';
import { packDoc, unpackDoc } from './share';

useMemoryStorage();

const allowed = () => createPlaygroundStore(PRESETS.find((p) => p.id === 'allowed-connection')!.doc, 'allowed-connection');

describe('making an exercise in the page', () => {
  it('goal fields from the form: numbers where the format wants them, empty ones left out', () => {
    expect(goalFrom('conn', { conn: 'q', state: 'connected', reason: ' ', bytesReceived: '8192' })).toEqual({ conn: 'q', state: 'connected', bytesReceived: 8192 });
    expect(goalFrom('dom', { dom: '2', field: 'grantsInUse', min: '', max: '-3', conn: 'ignored' })).toEqual({ dom: 2, field: 'grantsInUse', max: -3 });
    expect(goalFrom('stat', { stat: 'errors', max: '1.5' })).toEqual({ stat: 'errors', max: '1.5' }); // the validator names it
    expect(goalFrom('conn', {})).toEqual({ conn: '' });
  });

  it('bad input is one line naming the field, and nothing changes', () => {
    const s = allowed();
    const before = s.getState().doc;
    const cases: Array<[Parameters<typeof applyLessonEdit>[1], RegExp]> = [
      [setExercise({ prompt: '' }), /^lesson: exercise\.prompt: expected a non-empty string/],
      [addGoal(goalFrom('conn', { conn: 'q', state: 'connected', bytesReceived: 'lots' })), /^lesson: goals\[0\]\.bytesReceived: expected a non-negative safe integer, got "lots"$/],
      [addGoal(goalFrom('dom', { dom: '2', field: 'grantsInUse' })), /^lesson: goals\[0\]: give min, max or both$/],
      [addGoal(goalFrom('stat', { stat: 'errors', min: '5', max: '1' })), /^lesson: goals\[0\]\.max: must not be below min/],
      [addGoal(goalFrom('conn', { conn: '', state: 'connected' })), /^lesson: goals\[0\]\.conn: /],
      [setExercise({ prompt: 'p', hints: [''] }), /^lesson: exercise\.hints\[0\]: /],
      [addPolicyRule({ from: 1, to: 2, port: 'x' }), /^lesson: policy\.allow\[1\]\.port: /],
    ];
    for (const [edit, want] of cases) {
      const r = applyLessonEdit(s, edit);
      expect(r.ok).toBe(false);
      if (!r.ok) { expect(r.error).toMatch(want); expect(r.error).not.toContain('\n'); }
      expect(s.getState().doc).toBe(before);
    }
    expect(s.getState().past).toHaveLength(0);
  });

  it('allowed-connection becomes an exercise whose check fails until the policy lets web in', async () => {
    const t = allowed();
    expect(applyLessonEdit(t, removePolicyRule(0)).ok).toBe(true);
    expect(applyLessonEdit(t, setExercise({ prompt: 'Let web reach db on 5432.', editable: ['policy'] })).ok).toBe(true);
    expect(applyLessonEdit(t, addGoal(goalFrom('conn', { conn: 'q', state: 'connected', bytesReceived: '8192' }))).ok).toBe(true);
    expect(applyLessonEdit(t, setExercise({ hints: ['Row web, column db.'] })).ok).toBe(true);
    const authored = t.getState().doc;
    expect(authored.exercise).toEqual({ prompt: 'Let web reach db on 5432.', hints: ['Row web, column db.'], editable: ['policy'] });
    expect(authored.goals).toEqual([{ conn: 'q', state: 'connected', bytesReceived: 8192 }]);
    expect(authored.policy.allow).toEqual([]);

    // the link a student opens holds the same exercise
    const u = unpackDoc(packDoc(authored));
    expect(u.ok && u.doc).toEqual(authored);
    const s = createPlaygroundStore(u.ok ? u.doc : null);
    await checkExercise(s);
    expect(exerciseStore(s).getState().results!.map((r) => [r.met, r.detail])).toEqual([[false, 'conn q: refused (denied), 0 bytes received, wanted connected with at least 8192 bytes received']]);
    // the diagram shows the checked run at its end
    const st = s.getState();
    expect(st.timeline.ended).toBe(true);
    expect(st.cursor).toBe(lastAction(st.timeline));
    expect(timeAt(st.timeline, st.cursor)).toBeGreaterThan(100);
    expect(st.playing).toBe(false);

    expect(editPolicy(s, 1, 2, 5432, true).ok).toBe(true);
    await checkExercise(s);
    expect(exerciseStore(s).getState().results!.every((r) => r.met)).toBe(true);
    expect(exerciseStore(s).getState().progress.solved).toBe(true);
  });

  it('the author edits the start: Start over goes back to it; goals and the exercise can go again', () => {
    const t = allowed();
    applyLessonEdit(t, setExercise({ prompt: 'p', editable: ['policy'] }));
    applyLessonEdit(t, setPolicyDefault('allow'));
    markAuthored(t);
    expect(exerciseStore(t).getState().original).toBe(t.getState().doc);
    editPolicy(t, 1, 2, null, true);
    startOver(t);
    expect(t.getState().doc.policy).toEqual({ default: 'allow', allow: [{ from: 1, to: 2, port: 5432 }] });

    applyLessonEdit(t, addGoal({ stat: 'errors', max: 0 }));
    applyLessonEdit(t, addGoal({ dom: 2, field: 'peers', min: 1 }));
    applyLessonEdit(t, removeGoal(0));
    expect(t.getState().doc.goals).toEqual([{ dom: 2, field: 'peers', min: 1 }]);
    applyLessonEdit(t, removeGoal(0));
    expect('goals' in t.getState().doc).toBe(false);
    applyLessonEdit(t, addGoal({ stat: 'errors', max: 0 }));
    applyLessonEdit(t, removeExercise);
    expect('exercise' in t.getState().doc || 'goals' in t.getState().doc).toBe(false);
    t.getState().undoEdit();
    expect(t.getState().doc.goals).toEqual([{ stat: 'errors', max: 0 }]);
  });
});
