import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { parseScenario, recordTimeline, traceToJsonl } from '@engine/api';
import { PRESETS } from '../scenarios';
import { packDoc, unpackDoc, unpackOffThread, parseFragment, shareHash, compactJson, MAX_PACKED } from './share';

const docOf = (i: number) => { const p = parseScenario(PRESETS[i]!.doc); if (!p.ok) throw new Error(p.error); return p.doc; };

describe('share links: pack / unpack', () => {
  it('every preset round-trips to the same document and the same trace', () => {
    for (let i = 0; i < PRESETS.length; i++) {
      const doc = docOf(i);
      const u = unpackDoc(packDoc(doc));
      expect(u.ok, PRESETS[i]!.id).toBe(true);
      if (!u.ok) continue;
      expect(compactJson(u.doc)).toBe(compactJson(doc));
      if (i < 4) expect(traceToJsonl(recordTimeline(u.doc).events)).toBe(traceToJsonl(recordTimeline(doc).events));
    }
  });
  it('packs the small presets short enough for chat', () => {
    expect(packDoc(docOf(0)).length).toBeLessThan(2000);
  });
  it('uses only URL-safe characters, and survives a fragment round trip', () => {
    const doc = { ...docOf(0), title: 'a+b & c=d #e ✕ “q”' };
    const h = shareHash(doc, 17);
    expect(h).toMatch(/^#s=[A-Za-z0-9+\-$]+&at=17$/);
    const f = parseFragment(h);
    expect(f.get('at')).toBe('17');
    const u = unpackDoc(f.get('s')!);
    expect(u.ok && u.doc.title).toBe('a+b & c=d #e ✕ “q”');
  });
  it('turns spaces back into + (chat clients do that)', () => {
    const p = packDoc(docOf(1));
    expect(p).toContain('+');
    expect(unpackDoc(p.replace(/\+/g, ' ')).ok).toBe(true);
  });
  it('names a decode failure', () => {
    expect(unpackDoc('')).toEqual({ ok: false, error: 'share link: the packed scenario is empty' });
    expect(unpackDoc('abc%def').ok ? '' : (unpackDoc('abc%def') as { error: string }).error).toMatch(/could not be decoded \(character "%" at position 3/);
    const cut = packDoc(docOf(0)).slice(0, 200);
    const r = unpackDoc(cut);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^share link: could not be decoded/);
    const big = unpackDoc('A'.repeat(MAX_PACKED + 1));
    expect(!big.ok && big.error).toMatch(/too long/);
  });
  it('names the parseScenario problem with its path', () => {
    const raw = JSON.parse(compactJson(docOf(0)));
    raw.steps.push({ at: 5000, op: 'send', conn: 'nope', bytes: 1 });
    const r = unpackDoc(LZString.compressToEncodedURIComponent(JSON.stringify(raw)));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^share link: steps\[\d+\]\.conn: .*nope/) });
    const notJson = unpackDoc(LZString.compressToEncodedURIComponent('{"format": '));
    expect(!notJson.ok && notJson.error).toMatch(/not JSON/);
    const wrong = unpackDoc(LZString.compressToEncodedURIComponent('{"format":"x","version":1}'));
    expect(!wrong.ok && wrong.error).toMatch(/^share link: format/);
  });
  it('never throws on random garbage', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    for (let i = 0; i < 300; i++) {
      let s = '';
      for (let j = 0, n = 1 + Math.floor(rnd() * 200); j < n; j++) s += alpha[Math.floor(rnd() * alpha.length)];
      const r = unpackDoc(s);
      expect(typeof r.ok).toBe('boolean');
    }
  });
  it('unpackOffThread answers as unpackDoc does (here, with no Worker, on this thread)', async () => {
    const good = packDoc(docOf(0));
    expect(await unpackOffThread(good)).toEqual(unpackDoc(good));
    const bad = await unpackOffThread('abc%def', 's');
    expect(bad).toEqual(unpackDoc('abc%def', 's'));
    expect(bad.ok).toBe(false);
  });
  it('parseFragment keeps + and decodes %XX', () => {
    const f = parseFragment('#s=a+b%24&at=3&at=4&x');
    expect(f.get('s')).toBe('a+b$');
    expect(f.get('at')).toBe('3');
    expect(f.get('x')).toBe('');
  });
});
