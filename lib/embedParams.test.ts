import { describe, expect, it } from 'vitest';
import { parseEmbedParams, checkOrigin, DEFAULT_PANELS } from './embedParams';

const P = (o: Record<string, string>) => parseEmbedParams(new Map(Object.entries(o)), ['allowed-connection', 'peer-crash']);

describe('embed parameters', () => {
  it('defaults', () => {
    const p = P({});
    expect(p).toMatchObject({ source: null, autoplay: false, start: null, speed: 1, theme: null, origins: [], errors: [] });
    expect([...p.panels]).toEqual([...DEFAULT_PANELS]);
  });
  it('reads every parameter', () => {
    const p = P({ preset: 'peer-crash', autoplay: '1', at: '12', speed: '0.25', theme: 'dark', panels: 'chart,narration', origins: 'https://docs.example.org,http://127.0.0.1:8080/' });
    expect(p).toMatchObject({ source: { kind: 'preset', id: 'peer-crash' }, autoplay: true, start: { kind: 'action', at: 12 }, speed: 0.25, theme: 'dark', errors: [] });
    expect([...p.panels]).toEqual(['chart', 'narration']);
    expect(p.origins).toEqual(['https://docs.example.org', 'http://127.0.0.1:8080']);
    expect(P({ t: '1500' }).start).toEqual({ kind: 'time', t: 1500 });
    expect(P({ s: 'abc' }).source).toEqual({ kind: 'packed', s: 'abc' });
    expect(P({}).present).toBe(false);
    expect(P({ present: '1' }).present).toBe(true);
    expect(P({ present: 'maybe' })).toMatchObject({ present: false, errors: ['present: "maybe" is not 1 or 0'] });
  });
  it.each([
    [{ preset: 'nope' }, /^preset: no preset called "nope"/],
    [{ speed: '3' }, /^speed: "3" is not one of/], [{ speed: '' }, /^speed:/],
    [{ theme: 'blue' }, /^theme:/], [{ autoplay: 'yes' }, /^autoplay:/],
    [{ at: '-1' }, /^at:/], [{ at: '1e3' }, /^at:/], [{ t: '12.5' }, /^t:/], [{ t: '99999999999999999999' }, /^t:/],
    [{ at: '1', t: '2' }, /^t: give either/], [{ preset: 'peer-crash', s: 'x' }, /^preset: give either/],
    [{ panels: 'chart,<b>' }, /^panels: "<b>"/], [{ origins: '*' }, /^origins: "\*" is not allowed/],
    [{ origins: 'https://a.org/path' }, /^origins: .* is not an origin/], [{ origins: 'ftp://a.org' }, /only http/],
    [{ origins: 'javascript:alert(1)' }, /^origins:/], [{ origins: 'null' }, /^origins:/], [{ bogus: '1' }, /^bogus: unknown parameter/],
  ])('%j → %s', (o, re) => {
    const p = P(o as Record<string, string>);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.errors[0]).toMatch(re);
  });
  it('origin normalisation', () => {
    expect(checkOrigin('HTTPS://Docs.Example.org')).toEqual({ ok: true, origin: 'https://docs.example.org' });
    expect(checkOrigin('https://a.org:443')).toEqual({ ok: true, origin: 'https://a.org' });
    expect(checkOrigin('https://user@a.org').ok).toBe(false);
    expect(checkOrigin('https://a.org?x').ok).toBe(false);
  });
});
