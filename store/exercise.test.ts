/** Exercises in the store: open by id, edit the document's policy, check, progress kept in storage. */
import { describe, expect, it } from 'vitest';
import { memoryStorage, useMemoryStorage } from './testing/memoryStorage';
import { createPlaygroundStore } from './createPlaygroundStore';
import { checkExercise, editPolicy, exerciseStore, openExercise, progressKey, readProgress, revealHint, startOver } from './exercise';
import { PRESETS } from '../scenarios';

useMemoryStorage();

const fresh = () => createPlaygroundStore(PRESETS[0]!.doc, PRESETS[0]!.id);

describe('exercise store', () => {
  it('refuses an unknown exercise and leaves the page as it was', async () => {
    const s = fresh();
    const before = s.getState().doc;
    expect(await openExercise(s, 'nope')).toEqual({ ok: false, error: 'exercise: no exercise called "nope"' });
    expect(s.getState().doc).toBe(before);
  });

  it('open, check (fails with reasons), edit the policy in the document, check (solved), progress kept', async () => {
    const s = fresh();
    expect(await openExercise(s, 'web-reaches-db')).toEqual({ ok: true });
    expect(s.getState().playing).toBe(false);
    const ex = exerciseStore(s);
    expect(ex.getState().id).toBe('web-reaches-db');
    await checkExercise(s);
    expect(ex.getState().results!.map((r) => r.met)).toEqual([false, true]);
    expect(ex.getState().results![0]!.detail).toBe('conn web-db: refused (denied), 0 bytes received, wanted connected with at least 8192 bytes received');
    expect(ex.getState().progress.solved).toBe(false);

    expect(editPolicy(s, 1, 2, 5432, true)).toEqual({ ok: true });
    expect(s.getState().doc.policy.allow).toEqual([{ from: 1, to: 2, port: 5432 }]);
    expect(s.getState().doc.steps).toHaveLength(4); // the whole run, not just its future
    await checkExercise(s);
    expect(ex.getState().results!.every((r) => r.met)).toBe(true);
    expect(readProgress(progressKey('web-reaches-db', s.getState().doc))).toEqual({ solved: true, hints: 0 });

    // solved stays solved: a later failing check does not take it back
    editPolicy(s, 3, 2, null, true);
    await checkExercise(s);
    expect(ex.getState().results!.some((r) => !r.met)).toBe(true);
    expect(ex.getState().progress.solved).toBe(true);
    // denying a pair removes its rules; start over goes back to the exercise as opened
    editPolicy(s, 3, 2, null, false);
    expect(s.getState().doc.policy.allow).toEqual([{ from: 1, to: 2, port: 5432 }]);
    startOver(s);
    expect(s.getState().doc.policy.allow).toEqual([]);
  });

  it('a pair the default allows cannot be denied alone: one line, nothing changes', async () => {
    const s = fresh();
    await openExercise(s, 'grant-exhaustion');
    const before = s.getState().doc;
    expect(editPolicy(s, 1, 2, null, false)).toEqual({ ok: false, error: 'policy: the default allows every pair, so one pair cannot be denied alone' });
    expect(s.getState().doc).toBe(before);
  });

  it('hints are revealed one at a time, up to their number, and remembered', async () => {
    const s = fresh();
    await openExercise(s, 'no-listener');
    for (let i = 0; i < 5; i++) revealHint(s);
    expect(exerciseStore(s).getState().progress.hints).toBe(2);
    const s2 = fresh();
    await openExercise(s2, 'no-listener');
    expect(exerciseStore(s2).getState().progress).toEqual({ solved: false, hints: 2 });
  });

  it('broken storage reads as no progress', () => {
    memoryStorage().setItem('interdomain-exercise:x', '{not json');
    expect(readProgress('interdomain-exercise:x')).toEqual({ solved: false, hints: 0 });
  });
});
