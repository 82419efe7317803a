import { describe, it, expect } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import { PRESETS } from '../scenarios';

const preset = PRESETS.find((p) => p.id === 'allowed-connection')!;
const fresh = () => createPlaygroundStore(preset.doc, preset.id);
const view = (s: ReturnType<typeof fresh>) => s.derived.viewAt(s.getState().timeline, s.getState().cursor);
const end = (s: ReturnType<typeof fresh>) => s.getState().timeline.endSeq.length - 1;

describe('playground store', () => {
  it('loads a preset at the start of its run', () => {
    const s = fresh();
    expect(s.getState().doc.title).toBe('Allowed connection');
    expect(s.getState().cursor).toBe(0);
    expect(s.getState().timeline.events.length).toBeGreaterThan(100);
  });

  it('loads every preset in the gallery', () => {
    const s = fresh();
    for (const p of PRESETS) expect(s.getState().load(p.doc, p.id)).toEqual({ ok: true });
  });

  it('seeks back and forward exactly', () => {
    const s = fresh();
    s.getState().seek(end(s));
    const atEnd = JSON.stringify(view(s));
    expect(view(s).sockets.some((x) => x.name === 'q' && x.state === 'connected')).toBe(true);
    expect(view(s).rings).toHaveLength(1);
    s.getState().seek(3);
    const early = JSON.stringify(view(s));
    expect(view(s).rings).toHaveLength(0);
    s.getState().seek(end(s));
    expect(JSON.stringify(view(s))).toBe(atEnd);
    s.getState().seek(3);
    expect(JSON.stringify(view(s))).toBe(early);
    s.getState().step(1); s.getState().step(-1);
    expect(JSON.stringify(view(s))).toBe(early);
  });

  it('a user action becomes a step at the cursor and drops the future', () => {
    const s = fresh();
    const tl = s.getState().timeline;
    // put the cursor just after the connection is up (before the two sends at 500/600 µs)
    let a = 0;
    while (tl.times[a]! < 300) a++;
    s.getState().seek(a - 1);
    const t = tl.times[a - 1]!;
    const r = s.getState().dispatch({ op: 'crash', dom: 2, note: 'crash db' });
    expect(r).toEqual({ ok: true });
    const steps = s.getState().doc.steps;
    expect(steps[steps.length - 1]).toMatchObject({ op: 'crash', dom: 2, at: t + 1 });
    expect(steps.some((x) => x.op === 'send')).toBe(false);
    expect(s.getState().past).toHaveLength(1);
    const st = s.getState();
    expect(st.timeline.times[st.cursor]).toBe(t + 1);
    s.getState().seek(end(s));
    expect(view(s).domains.find((d) => d.id === 2)?.state).toBe('crashed');
    s.getState().undoEdit();
    expect(s.getState().doc.steps.some((x) => x.op === 'send')).toBe(true);
    s.getState().redoEdit();
    expect(s.getState().doc.steps.some((x) => x.op === 'crash')).toBe(true);
  });

  it('an invalid action changes nothing and says why in one line', () => {
    const s = fresh();
    s.getState().seek(10);
    const before = s.getState();
    for (const bad of [
      { op: 'connect' as const, dom: 1, cid: 1, port: 5, as: 'x' },
      { op: 'listen' as const, dom: 2, port: 4294967296 },
      { op: 'listen' as const, dom: 9, port: 1 },
    ]) {
      const r = s.getState().dispatch(bad);
      expect(r.ok).toBe(false);
      const now = s.getState();
      expect(now.doc).toBe(before.doc);
      expect(now.timeline).toBe(before.timeline);
      expect(now.cursor).toBe(before.cursor);
      expect(now.error).toMatch(/^[^\n]+$/);
    }
    // crashed domain: acting on it is refused
    s.getState().dispatch({ op: 'crash', dom: 2 });
    s.getState().seek(end(s));
    const mid = s.getState();
    const r = s.getState().dispatch({ op: 'listen', dom: 2, port: 80 });
    expect(r).toEqual({ ok: false, error: 'listen: db is crashed' });
    expect(s.getState().doc).toBe(mid.doc);
  });

  it('a denied pair is refused with reason denied', () => {
    const s = fresh();
    s.getState().seek(end(s));
    expect(s.getState().dispatch({ op: 'deny', from: 1, to: 2 }).ok).toBe(true);
    expect(s.getState().dispatch({ op: 'connect', dom: 1, cid: 2, port: 5432, as: 'z' }).ok).toBe(true);
    s.getState().seek(end(s));
    const z = view(s).sockets.find((x) => x.name === 'z');
    expect(z).toMatchObject({ state: 'refused', reason: 'denied' });
  });
});
