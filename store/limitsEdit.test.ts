/** The limits and XSM editor's edits: defaults by Xen version, values checked, exercises solved with them. */
import { describe, expect, it } from 'vitest';
import { useMemoryStorage } from './testing/memoryStorage';
import { createPlaygroundStore } from './createPlaygroundStore';
import { checkExercise, exerciseStore, openExercise } from './exercise';
import { applyLessonEdit, setLimit, setXsm } from './lessonEdits';
import { limitRows } from './limitRows';
import { PRESETS } from '../scenarios';

useMemoryStorage();

const fresh = () => createPlaygroundStore(PRESETS[0]!.doc, PRESETS[0]!.id);
const row = (s: ReturnType<typeof fresh>, key: string) => limitRows(s.getState().doc).find((r) => r.key === key)!;

describe('limits and XSM in the page', () => {
  it('each limit shows the default of the document\'s Xen version until set', () => {
    const s = fresh();
    const doc = s.getState().doc;
    const v43 = limitRows({ ...doc, xen: '4.3', limits: {} });
    const v419 = limitRows({ ...doc, xen: '4.19', limits: {} });
    const d = (rows: typeof v43, k: string) => rows.find((r) => r.key === k)!.dflt;
    expect([d(v43, 'grantEntries'), d(v419, 'grantEntries')]).toEqual([16384, 32768]);
    expect([d(v43, 'eventChannels'), d(v419, 'eventChannels')]).toEqual([4096, 1024]);
    expect(v43.every((r) => r.value === null && r.min <= r.dflt && r.dflt <= r.max)).toBe(true);
  });

  it('a limit is set, refused with one line when out of range or not a number, and goes back to its default', () => {
    const s = fresh();
    expect(applyLessonEdit(s, setLimit('ringPages', 16))).toEqual({ ok: true });
    expect(row(s, 'ringPages').value).toBe(16);
    const before = s.getState().doc;
    for (const [v, want] of [[999, /^lesson: limits\.ringPages: expected an integer from 1 to 256/], ['lots', /^lesson: limits\.ringPages: /]] as const) {
      const r = applyLessonEdit(s, setLimit('ringPages', v));
      expect(r.ok).toBe(false);
      if (!r.ok) { expect(r.error).toMatch(want); expect(r.error).not.toContain('\n'); }
      expect(s.getState().doc).toBe(before);
    }
    expect(applyLessonEdit(s, setLimit('ringPages', null))).toEqual({ ok: true });
    expect(s.getState().doc.limits).not.toHaveProperty('ringPages');
    expect(applyLessonEdit(s, setXsm(!before.xsm))).toEqual({ ok: true });
    expect(s.getState().doc.xsm).toBe(!before.xsm);
    expect(s.getState().past.length).toBe(3); // each change undoable
  });

  it('the grant-exhaustion exercise fails as opened and is solved by raising ringPages to 256', async () => {
    const s = fresh();
    expect(await openExercise(s, 'grant-exhaustion')).toEqual({ ok: true });
    const ex = exerciseStore(s);
    await checkExercise(s);
    expect(ex.getState().results!.some((r) => !r.met)).toBe(true);
    expect(applyLessonEdit(s, setLimit('ringPages', 256))).toEqual({ ok: true });
    await checkExercise(s);
    expect(ex.getState().results!.every((r) => r.met)).toBe(true);
    expect(ex.getState().progress.solved).toBe(true);
  });

  it('the xsm-bypass exercise is solved by turning XSM on', async () => {
    const s = fresh();
    expect(await openExercise(s, 'xsm-bypass')).toEqual({ ok: true });
    const ex = exerciseStore(s);
    await checkExercise(s);
    expect(ex.getState().results!.some((r) => !r.met)).toBe(true);
    expect(applyLessonEdit(s, setXsm(true))).toEqual({ ok: true });
    await checkExercise(s);
    expect(ex.getState().results!.every((r) => r.met)).toBe(true);
  });
});
