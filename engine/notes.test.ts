import { describe, expect, it } from 'vitest';
import { applyOverrides, noteText, parseScenario, pickNote, scenarioToJson, type ScenarioDoc } from './scenario';
import { runScenario } from './index';
import { withSteps } from './scenario/fixtures';

const vsockDoc = (notes: unknown[]): ScenarioDoc => {
  const steps = [
    { at: 0, op: 'listen', dom: 2, port: 80, note: notes[0] },
    { at: 10, op: 'allow', from: 1, to: 2 },
    { at: 20, op: 'connect', dom: 1, cid: 2, port: 80, as: 'a', note: notes[1] },
  ];
  const r = parseScenario({ ...withSteps(steps), transport: 'vsock', broker: 'connection-manager' });
  if (!r.ok) throw new Error(r.error);
  return r.doc;
};
const noteTexts = (doc: ScenarioDoc) =>
  runScenario(doc).trace.filter((e) => e.kind === 'toolstack' && e.op === 'note').map((e) => (e.detail as { text: string }).text);

describe('step notes per mode', () => {
  it('keeps a per-mode note in the fixed key order and round-trips it', () => {
    const doc = vsockDoc([{ v4v: 'copied by Xen', 'connection-manager': 'db listens' }, 'web connects']);
    expect(Object.keys(doc.steps[0]!.note as object)).toEqual(['connection-manager', 'v4v']);
    const again = parseScenario(scenarioToJson(doc));
    expect(again.ok && again.doc).toEqual(doc);
    expect(scenarioToJson(doc)).toContain('"note": {\n        "connection-manager": "db listens",\n        "v4v": "copied by Xen"\n      }');
  });

  it('picks the mode\'s text, and otherwise names the modes the note was written for', () => {
    expect(pickNote('plain', 'v4v')).toEqual({ text: 'plain', writtenFor: null });
    expect(pickNote({ xenstore: 'x' }, 'xenstore')).toEqual({ text: 'x', writtenFor: null });
    expect(pickNote({ 'connection-manager': 'a', xenstore: 'b' }, 'v4v')).toEqual({ text: null, writtenFor: ['connection-manager', 'xenstore'] });
    expect(noteText({ 'connection-manager': 'a' }, 'v4v')).toBe("This step's note was written for vsock + connection manager; on V4V see the figures.");
    expect(noteText({ 'connection-manager': 'a', v4v: 'b' }, 'xenstore')).toBe(
      "This step's note was written for vsock + connection manager and V4V; on vsock + xenstore see the figures.");
  });

  it('a string note belongs to the document\'s own mode: another mode narrates the plain line instead', () => {
    const doc = vsockDoc(['db listens', { 'connection-manager': 'web connects', v4v: 'web sends to db\'s ring' }]);
    expect(noteTexts(doc)).toEqual(['db listens', 'web connects']);
    const v4v = applyOverrides(doc, { transport: 'v4v' });
    expect(v4v.steps[0]!.note).toEqual({ 'connection-manager': 'db listens' });
    expect(doc.steps[0]!.note).toBe('db listens'); // the input is not modified
    expect(noteTexts(v4v)).toEqual(["This step's note was written for vsock + connection manager; on V4V see the figures.", "web sends to db's ring"]);
    // and back: the text comes back in its own mode
    expect(noteTexts(applyOverrides(v4v, { transport: 'vsock' }))).toEqual(['db listens', 'web connects']);
    // a change that keeps the mode keeps the notes as they are
    expect(applyOverrides(doc, { v4vMode: 'argo' }).steps).toBe(doc.steps);
  });
});
