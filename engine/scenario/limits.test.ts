/**
 * The format's size limits (one table, SCENARIO_LIMITS) and the byte handling shared by
 * the runner and the page: each limit refuses just past it, in one line, quickly.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, SCENARIO_LIMITS } from './index';
import { decodeDocumentBytes, escapeUnsafe, jsonLargerThan, utf8Length } from './text';

const base = (extra: Record<string, unknown> = {}) => ({
  format: 'interdomain-scenario', version: 1, seed: 1, transport: 'vsock',
  domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'a' }, { id: 2, name: 'b' }],
  steps: [], ...extra,
});
const err = (r: ReturnType<typeof parseScenario>) => (r.ok ? 'ok' : r.error);

describe('SCENARIO_LIMITS', () => {
  it('holds every preset-sized document and states its numbers', () => {
    expect(SCENARIO_LIMITS).toMatchObject({ domains: 500, steps: 10_000, noteChars: 1000, documentBytes: 2 * 1024 * 1024 });
    const domains = Array.from({ length: 500 }, (_, i) => ({ id: i, name: `d${i}`, ...(i === 0 ? { role: 'backend' } : {}) }));
    expect(err(parseScenario(base({ domains })))).toBe('ok');
  });

  it('counts domains added by steps', () => {
    const domains = Array.from({ length: 499 }, (_, i) => ({ id: i, name: `d${i}`, ...(i === 0 ? { role: 'backend' } : {}) }));
    const steps = [{ at: 0, op: 'add-domain', id: 5000, name: 'x' }, { at: 1, op: 'add-domain', id: 5001, name: 'y' }];
    expect(err(parseScenario(base({ domains, steps })))).toBe('steps[1].id: too many domains: this would be domain number 501 (at most 500, declared and added)');
    expect(err(parseScenario(base({ domains, steps }), { unlimited: true }))).toBe('ok');
  });

  it('caps policy rules', () => {
    const allow = Array.from({ length: 10_001 }, () => ({ from: 1, to: 2 }));
    expect(err(parseScenario(base({ policy: { default: 'deny', allow } })))).toBe('policy.allow: too many rules: 10001 (at most 10000)');
  });

  it('refuses a document text past documentBytes before parsing it', () => {
    const text = JSON.stringify(base({ junk: 'x'.repeat(SCENARIO_LIMITS.documentBytes) }));
    expect(err(parseScenario(text))).toBe('document: 2.0 MB is too large (a scenario is at most 2.0 MB)');
    // counted in UTF-8 bytes: 800,000 three-byte characters are 2.4 MB
    expect(err(parseScenario(JSON.stringify(base({ junk: '€'.repeat(800_000) }))))).toMatch(/^document: 2\.3 MB is too large/);
  });

  it('refuses an object past documentBytes (the embed load), however it is built', () => {
    const big = base({ junk: Array.from({ length: 300_000 }, () => 'abcdefgh') });
    expect(err(parseScenario(big))).toBe('document: too large (a scenario is at most 2.0 MB as JSON text)');
    const loop: Record<string, unknown> = base();
    loop['self'] = loop;
    expect(err(parseScenario(loop))).toBe('document: too large (a scenario is at most 2.0 MB as JSON text)');
    expect(jsonLargerThan(base(), 10_000)).toBe(false);
  });
});

describe('document bytes', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const doc = JSON.stringify(base());

  it('drops a UTF-8 BOM, as the page does', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(doc)]);
    const d = decodeDocumentBytes(withBom);
    expect(d.ok && parseScenario(d.text).ok).toBe(true);
  });

  it('refuses UTF-16, invalid UTF-8 and control characters in one line', () => {
    const u16 = new Uint8Array([0xff, 0xfe, ...[...doc].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeDocumentBytes(u16)).toEqual({ ok: false, error: 'file: UTF-16 or UTF-32 text (save it as UTF-8)' });
    expect(decodeDocumentBytes(new Uint8Array([0x7b, 0xc3, 0x28]))).toEqual({ ok: false, error: 'file: not UTF-8 JSON text (binary data?)' });
    expect(decodeDocumentBytes(enc('{"a":"\u001b[31mred"}'))).toEqual({ ok: false, error: 'file: control character "\\u001b" at character 6 (binary data?)' });
  });

  it('never lets raw escapes, bidi controls or lone surrogates into a message', () => {
    const r = parseScenario('\u001b[2J\u202e{');
    expect(r.ok).toBe(false);
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    if (!r.ok) expect(r.error).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(escapeUnsafe('a\u202eb\ud800c\u0000')).toBe('a\\u202eb\\ud800c\\u0000');
    expect(escapeUnsafe('😀')).toBe('😀');
    expect(utf8Length('a€😀')).toBe(1 + 3 + 4);
  });
});
