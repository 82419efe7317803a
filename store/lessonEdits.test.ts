import { describe, expect, it } from 'vitest';
import { scenarioToJson } from '@engine/api';
import { PRESETS } from '../scenarios';
import { createPlaygroundStore } from './createPlaygroundStore';
import { addStep, applyLessonEdit, deleteStep, editDoc, moveStep, noteWith, renameDomain, runOrder, setDescription, setNote, setStepTime, setTitle } from './lessonEdits';
import { descriptionCaveat, noteIsFromOtherMode } from './narration';

const allowed = () => createPlaygroundStore(PRESETS.find((p) => p.id === 'allowed-connection')!.doc, 'allowed-connection');

describe('lesson edits', () => {
  it('a note for the own mode stays a string; another mode makes it an object; emptied, it goes', () => {
    expect(noteWith('a', 'connection-manager', 'connection-manager', 'b')).toBe('b');
    expect(noteWith('a', 'connection-manager', 'v4v', 'c')).toEqual({ 'connection-manager': 'a', v4v: 'c' });
    expect(noteWith({ 'connection-manager': 'a', v4v: 'c' }, 'connection-manager', 'v4v', '')).toBe('a');
    expect(noteWith('a', 'connection-manager', 'connection-manager', '')).toBeUndefined();
    expect(noteWith(undefined, 'v4v', 'xenstore', 'x')).toEqual({ xenstore: 'x' });
  });

  it('writes a lesson through the store: undoable, and the narration follows', () => {
    const store = allowed();
    expect(applyLessonEdit(store, setTitle('My lesson')).ok).toBe(true);
    expect(applyLessonEdit(store, setDescription('Why rings are per peer.')).ok).toBe(true);
    expect(applyLessonEdit(store, setNote(0, 'connection-manager', 'db waits for callers.')).ok).toBe(true);
    expect(applyLessonEdit(store, addStep({ at: 700, op: 'close', conn: 'q', note: 'web hangs up.' })).ok).toBe(true);
    expect(applyLessonEdit(store, renameDomain(2, 'postgres')).ok).toBe(true);
    const s = store.getState();
    expect(s.doc.title).toBe('My lesson');
    expect(s.doc.description).toBe('Why rings are per peer.');
    expect(s.doc.steps[0]!.note).toBe('db waits for callers.');
    expect(s.doc.steps.at(-1)).toMatchObject({ op: 'close', note: 'web hangs up.' });
    expect(s.doc.domains.find((d) => d.id === 2)!.name).toBe('postgres');
    expect(s.past).toHaveLength(5);
    const noteTexts = store.derived.notesOf(s.timeline).map((n) => n.detail.text);
    expect(noteTexts[0]).toBe('db waits for callers.');
    s.undoEdit();
    expect(store.getState().doc.domains.find((d) => d.id === 2)!.name).toBe('db');
    store.getState().redoEdit();
    expect(store.getState().doc.domains.find((d) => d.id === 2)!.name).toBe('postgres');
  });

  it('refuses a bad edit with one line and changes nothing', () => {
    const store = allowed();
    const before = scenarioToJson(store.getState().doc);
    const r = applyLessonEdit(store, setTitle('x'.repeat(201)));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^lesson: title: expected a string of at most 200 characters/) as unknown });
    expect(store.getState().error).toMatch(/^lesson: title:/);
    // deleting the connect that later steps use
    const c = store.getState().doc.steps.findIndex((s) => s.op === 'connect');
    expect(applyLessonEdit(store, deleteStep(c)).ok).toBe(false);
    expect(store.getState().error).toMatch(/unknown connection/);
    expect(applyLessonEdit(store, renameDomain(1, '')).ok).toBe(false);
    expect(scenarioToJson(store.getState().doc)).toBe(before);
    expect(store.getState().past).toHaveLength(0);
  });

  it('moves a step in the run (times and file places swapped) and retimes one', () => {
    const doc = allowed().getState().doc;
    const last = doc.steps.length - 1;
    const moved = editDoc(doc, moveStep(last, -1));
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    const order = runOrder(moved.doc).map((o) => o.step.note);
    expect(order.slice(-2)).toEqual([doc.steps[last]!.note, doc.steps[last - 1]!.note]);
    expect(editDoc(doc, moveStep(0, -1))).toEqual({ ok: false, error: 'lesson: step 1 is already the first' });
    const re = editDoc(doc, setStepTime(last, 9000));
    expect(re.ok && re.doc.steps[last]!.at).toBe(9000);
    expect(editDoc(doc, setStepTime(last, -5)).ok).toBe(false);
  });

  it('says when a note or a description was written for another mode', () => {
    const store = allowed();
    store.getState().probeModes();
    expect(store.getState().setMode('v4v').ok).toBe(true);
    const s = store.getState();
    expect(noteIsFromOtherMode(s.doc, 0)).toBe(true);
    expect(descriptionCaveat(s.doc, s.presetId)).toBe('This description was written for vsock + connection manager; the step notes say what V4V shows.');
    expect(descriptionCaveat(s.doc, null)).toBeNull();
  });
});
