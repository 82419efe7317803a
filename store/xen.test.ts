import { describe, it, expect } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import { shareHash, unpackDoc } from './share';
import { xenOf } from './xen';
import { PRESETS } from '../scenarios';

const preset = PRESETS.find((p) => p.id === 'xenstore-permissions')!;
const commitResult = (s: ReturnType<typeof createPlaygroundStore>) => {
  s.getState().seek(Number.MAX_SAFE_INTEGER);
  const ev = s.getState().timeline.events.find((e) => e.kind === 'toolstack' && e.op === 'xenstore-answer' && (e.detail as { name?: string }).name === 'commit');
  return (ev?.detail as { result?: string } | undefined)?.result;
};

describe('setXen', () => {
  it('re-runs the document on the other Xen as an edit: undo goes back, the share link carries it', () => {
    const s = createPlaygroundStore(preset.doc, preset.id);
    expect(xenOf(s.getState().doc)).toBe('4.3');
    expect(commitResult(s)).toBe('EAGAIN');
    expect(s.getState().setXen('4.19')).toEqual({ ok: true });
    expect(s.getState().doc.xen).toBe('4.19');
    expect(s.getState().cursor).toBe(0);
    expect(commitResult(s)).toBe('OK');
    const back = unpackDoc(shareHash(s.getState().doc).slice('#s='.length));
    expect(back.ok && back.doc.xen).toBe('4.19');
    s.getState().undoEdit();
    expect(xenOf(s.getState().doc)).toBe('4.3');
  });

  it('choosing the version already modelled changes nothing (no history entry)', () => {
    const s = createPlaygroundStore(preset.doc, preset.id);
    const past = s.getState().past.length;
    expect(s.getState().setXen('4.3')).toEqual({ ok: true });
    expect(s.getState().past.length).toBe(past);
  });
});
