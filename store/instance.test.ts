/** Each playground owns its store and its caches: two never see each other's load, seek, edit or views. */
import { describe, it, expect } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createPlaygroundStore } from './createPlaygroundStore';
import { PlaygroundProvider, usePlaygroundStore, usePg, OUTSIDE_PROVIDER } from './context';
import { PRESETS } from '../scenarios';

const doc = (id: string) => PRESETS.find((p) => p.id === id)!.doc;
const snap = (s: ReturnType<typeof createPlaygroundStore>) => {
  const st = s.getState();
  return { doc: JSON.stringify(st.doc), cursor: st.cursor, presetId: st.presetId, events: st.rec.events, past: st.past.length, error: st.error };
};

describe('a store per playground', () => {
  it('load, seek and dispatch in one leave the other unchanged', () => {
    const a = createPlaygroundStore(doc('allowed-connection'), 'allowed-connection');
    const b = createPlaygroundStore(doc('allowed-connection'), 'allowed-connection');
    const before = snap(b);
    const tlB = b.getState().timeline;
    a.getState().seek(40);
    expect(a.getState().cursor).toBe(40);
    expect(a.getState().dispatch({ op: 'listen', dom: 1, port: 7777 })).toEqual({ ok: true });
    expect(a.getState().load(doc('flood-isolation'), 'flood-isolation')).toEqual({ ok: true });
    a.getState().seekTime(500);
    expect(a.getState().presetId).toBe('flood-isolation');
    expect(snap(b)).toEqual(before);
    expect(b.getState().timeline).toBe(tlB);
  });

  it('derived views and caches do not leak between stores', () => {
    const a = createPlaygroundStore(doc('allowed-connection'), 'allowed-connection');
    const b = createPlaygroundStore(doc('flood-isolation'), 'flood-isolation');
    expect(a.derived).not.toBe(b.derived);
    const ta = a.getState().timeline, tb = b.getState().timeline;
    // interleaved reads: each store steps its own cached state, so views stay exact
    const last = Math.min(ta.endSeq.length, tb.endSeq.length) - 1;
    for (let i = 0; i <= Math.min(last, 120); i += 3) {
      const va = a.derived.viewAt(ta, i), vb = b.derived.viewAt(tb, i);
      expect(a.derived.viewAt(ta, i)).toBe(va); // still cached after the other store's read
      expect(b.derived.viewAt(tb, i)).toBe(vb);
    }
    const va = a.derived.viewAt(ta, 30);
    expect(va.domains.map((d) => d.name)).toEqual(createPlaygroundStore(doc('allowed-connection')).derived.viewAt(ta, 30).domains.map((d) => d.name));
    expect(b.derived.viewAt(tb, 30).domains.length).not.toBe(va.domains.length);
    // the other store's rows are its own arrays, built from its own timeline
    expect(b.derived.rowsOf(ta, false)).not.toBe(a.derived.rowsOf(ta, false));
    expect(b.derived.rowsOf(ta, false)).toEqual(a.derived.rowsOf(ta, false));
  });
});

describe('PlaygroundProvider', () => {
  const Probe = () => createElement('span', null, usePg((s) => s.doc.title));
  it('usePlaygroundStore throws outside its provider', () => {
    const Bare = () => { usePlaygroundStore(); return null; };
    expect(() => renderToString(createElement(Bare))).toThrow(OUTSIDE_PROVIDER);
    expect(() => renderToString(createElement(Probe))).toThrow(OUTSIDE_PROVIDER);
  });
  it('each provider reads its own store', () => {
    const a = createPlaygroundStore(doc('allowed-connection'), 'allowed-connection');
    const b = createPlaygroundStore(doc('flood-isolation'), 'flood-isolation');
    const html = renderToString(createElement('div', null,
      createElement(PlaygroundProvider, { store: a }, createElement(Probe)),
      createElement(PlaygroundProvider, { store: b }, createElement(Probe))));
    expect(html).toContain(`<span>${a.getState().doc.title}</span><span>${b.getState().doc.title}</span>`);
    expect(a.getState().doc.title).not.toBe(b.getState().doc.title);
  });
});
