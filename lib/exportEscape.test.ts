/** Exports and embed replies escape whatever a hostile document or host page puts in them. */
import { describe, expect, it } from 'vitest';
import { toMermaid } from './exportMermaid';
import { toSvg, xmlEscape, cut } from './exportSvg';
import { parseHostMessage } from './hostProtocol';
import type { ChartRow } from './chartRows';

const row = (text: string): ChartRow => ({ seq: 1, last: 1, t: 5, kind: 'cm', op: 'CONNECT_req', src: 1, dst: 2, count: 1, cause: undefined, text, bad: false } as ChartRow);

describe('Mermaid export', () => {
  it('cannot smuggle a directive or a line through the title', () => {
    const title = '%%{init: {"theme":"dark","themeCSS":"x{background:url(https://evil.example/p)}"}}%%\nsequenceDiagram';
    const out = toMermaid(title, [{ ep: 1, name: 'a' }, { ep: 2, name: 'b' }], [row('hi')], false);
    const line = out.split('\n')[1]!;
    expect(line.startsWith('  %% Interdomain Playground: ')).toBe(true);
    expect(out).not.toMatch(/[{}]/);
    expect(line.match(/%%/g)).toHaveLength(1);
    expect(out.split('\n').filter((l) => l === 'sequenceDiagram')).toHaveLength(1);
  });

  it('writes bidi controls as codes', () => {
    const out = toMermaid('t', [{ ep: 1, name: 'web\u202Etxt' }], [], false);
    expect(out).toContain('web#8238;txt');
  });
});

describe('SVG export', () => {
  it('leaves out what XML forbids and never splits a surrogate pair', () => {
    expect(xmlEscape('a\uFFFEb\uFFFFc\u0001d\uD800e<')).toBe('abcde&#60;');
    expect(xmlEscape('😀')).toBe('😀');
    expect(cut('😀'.repeat(30), 24)).toBe('😀'.repeat(23) + '…');
    const svg = toSvg('x\uFFFF', [{ ep: 1, label: '😀'.repeat(30) }, { ep: 2, label: 'b' }], [row('\uFFFE' + '😀'.repeat(100))]);
    expect(svg).not.toMatch(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('embed replies', () => {
  it('cap an echoed id of any length', () => {
    const r = parseHostMessage({ source: 'interdomain-playground', version: 1, type: 'play', id: 'x'.repeat(10_000_000), junk: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(String(r.id).length).toBeLessThanOrEqual(200);
      expect(r.error.length).toBeLessThanOrEqual(300);
    }
  });
});
