/**
 * The sequence chart as a standalone SVG document, drawn from the chart's rows (not
 * a screenshot): lifelines, arrows, times and texts, with inline styles only.
 */
import type { Endpoint } from '@engine/api';
import type { ChartRow } from './chartRows';
import { fmtTime } from './format';

export interface SvgLane { ep: Endpoint; label: string }
export const SVG_MAX_ROWS = 5000;
const ROW = 26, TIME_W = 78, LANE_W = 150, HEAD = 56;

/**
 * Text for XML: markup characters as references; what XML 1.0 forbids (controls, lone
 * surrogates, U+FFFE/U+FFFF) and bidi controls (a label shown reversed) left out.
 */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** At most `n` characters (whole code points), with … when cut. */
export function cut(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length > n ? cps.slice(0, n - 1).join('') + '…' : s;
}

export function toSvg(title: string, lanes: readonly SvgLane[], rows: readonly ChartRow[]): string {
  const shown = rows.slice(0, SVG_MAX_ROWS);
  const width = TIME_W + LANE_W * lanes.length + 10;
  const height = HEAD + shown.length * ROW + (rows.length > shown.length ? ROW : 0) + 12;
  const x = new Map(lanes.map((l, i) => [l.ep, TIME_W + LANE_W * i + LANE_W / 2]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="11">`);
  out.push(`<title>${xmlEscape(`Sequence chart: ${title}`)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="8" y="18" font-size="13" font-weight="bold" fill="#14171c">${xmlEscape(title)}</text>`);
  for (const l of lanes) {
    const cx = x.get(l.ep)!;
    out.push(`<text x="${cx}" y="44" text-anchor="middle" font-weight="bold" fill="#14171c">${xmlEscape(cut(l.label, 24))}</text>`);
    out.push(`<line x1="${cx}" x2="${cx}" y1="${HEAD - 6}" y2="${height - 6}" stroke="#c4cad3" stroke-width="1"/>`);
  }
  shown.forEach((r, i) => {
    const y = HEAD + i * ROW;
    const x1 = x.get(r.src), x2 = x.get(r.dst);
    if (x1 === undefined || x2 === undefined) return;
    const colour = r.bad ? '#c8102e' : r.kind === 'cm' ? '#7a3fc4' : r.kind === 'ring' || r.kind === 'v4v' ? '#0a7f6f' : r.kind === 'evtchn' ? '#b86e00' : '#39414d';
    out.push(`<g data-seq="${r.seq}">`);
    out.push(`<text x="6" y="${y + 18}" fill="#5b6472">${xmlEscape(fmtTime(r.t))}</text>`);
    if (x1 === x2) out.push(`<circle cx="${x1}" cy="${y + 18}" r="4" fill="${colour}"/>`);
    else {
      const dir = x2 > x1 ? -1 : 1;
      out.push(`<line x1="${x1}" x2="${x2}" y1="${y + 18}" y2="${y + 18}" stroke="${colour}" stroke-width="1.5"/>`);
      out.push(`<path d="M${x2},${y + 18}l${7 * dir},-4v8z" fill="${colour}"/>`);
    }
    const lx = x1 === x2 ? x1 + 8 : Math.min(x1, x2) + 6;
    const text = cut(r.text, 90);
    out.push(`<text x="${lx}" y="${y + 12}" fill="${r.bad ? '#c8102e' : '#14171c'}">${xmlEscape(text)}</text></g>`);
  });
  if (rows.length > shown.length) out.push(`<text x="8" y="${HEAD + shown.length * ROW + 16}" fill="#5b6472">… ${rows.length - shown.length} more rows left out</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
