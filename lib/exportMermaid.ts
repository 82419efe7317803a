/**
 * The sequence chart as Mermaid `sequenceDiagram` text: one participant per lane
 * (domains, Xen, xenstore), one message per chart row, in the same order and with the
 * same filter. Names and texts are escaped with Mermaid's `#code;` entities, so a
 * name like `<b>a;b</b>` can neither break the diagram nor become markup.
 */
import type { Endpoint } from '@engine/api';
import type { ChartRow } from './chartRows';

export interface MermaidLane { ep: Endpoint; name: string }
export const MERMAID_MAX_ROWS = 5000;
/** Bidi controls, which would show a name reordered: written as #code; like markup. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Everything but plain letters, digits, spaces and harmless punctuation becomes #code;. */
export function mermaidEscape(text: string, colon = true): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    const c = ch.codePointAt(0)!;
    const safe = /[A-Za-z0-9 _.,()[\]/+*=!?'@^|~-]/.test(ch) || (colon && ch === ':')
      || (c > 0x9f && c !== 0x2028 && c !== 0x2029 && !BIDI.test(ch) && !(c >= 0xd800 && c < 0xe000) && c !== 0xfffe && c !== 0xffff);
    out += safe ? ch : `#${c};`;
  }
  return out.trim() || '#160;';
}

export function participantId(ep: Endpoint): string {
  return ep === 'xen' ? 'xen' : ep === 'xenstore' ? 'xs' : `d${ep}`;
}

export function toMermaid(title: string, lanes: readonly MermaidLane[], rows: readonly ChartRow[], filtered: boolean): string {
  const lines = ['sequenceDiagram'];
  // escaped like every text: Mermaid reads `%%{init: …}%%` even inside a comment line
  lines.push(`  %% Interdomain Playground: ${mermaidEscape(Array.from(title).slice(0, 200).join(''))}`);
  lines.push(`  %% ${rows.length} messages${filtered ? ' (noise hidden, as in the chart)' : ' (every event)'}; "%% #seq @t" names each trace event`);
  for (const l of lanes) lines.push(`  participant ${participantId(l.ep)} as ${mermaidEscape(l.name, false)}`);
  const known = new Set(lanes.map((l) => participantId(l.ep)));
  for (const r of rows.slice(0, MERMAID_MAX_ROWS)) {
    const a = participantId(r.src), b = participantId(r.dst);
    if (!known.has(a) || !known.has(b)) continue;
    lines.push(`  %% #${r.seq}${r.last !== r.seq ? `..${r.last}` : ''} @${r.t}µs`);
    lines.push(`  ${a}${r.bad ? '-x' : '->>'}${b}: ${mermaidEscape(r.text)}`);
  }
  if (rows.length > MERMAID_MAX_ROWS) lines.push(`  %% … ${rows.length - MERMAID_MAX_ROWS} more messages left out`);
  return lines.join('\n') + '\n';
}
