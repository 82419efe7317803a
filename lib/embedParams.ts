/**
 * The /embed route's query parameters, checked one by one. A bad parameter gives one
 * readable line naming it and falls back to its default; it never stops the embed.
 */
import { SPEED_VALUES } from './hostEvents';

export const PANEL_NAMES = ['narration', 'controls', 'chart', 'figures', 'title'] as const;
export type PanelName = (typeof PANEL_NAMES)[number];
export const DEFAULT_PANELS: readonly PanelName[] = ['narration', 'controls', 'title'];
export const MAX_ORIGINS = 20;

export interface EmbedParams {
  source: { kind: 'preset'; id: string } | { kind: 'packed'; s: string } | null;
  autoplay: boolean;
  start: { kind: 'action'; at: number } | { kind: 'time'; t: number } | null;
  speed: number;
  theme: 'light' | 'dark' | null;
  panels: ReadonlySet<PanelName>;
  origins: string[];
  /** Open in presentation mode. */
  present: boolean;
  errors: string[];
}

const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** An origin as a host writes it: scheme://host[:port], nothing else. */
export function checkOrigin(text: string): { ok: true; origin: string } | { ok: false; error: string } {
  const s = text.trim().replace(/\/$/, '');
  if (s === '*' || s === 'null') return { ok: false, error: `${short(s)} is not allowed; list the host page's origins, e.g. https://docs.example.org` };
  let u: URL;
  try { u = new URL(s); } catch { return { ok: false, error: `${short(s)} is not an origin like https://docs.example.org` }; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, error: `${short(s)}: only http and https origins` };
  if (u.pathname !== '/' || u.search || u.hash || u.username || u.password || /[/?#]$/.test(text.trim().replace(/\/$/, ''))) return { ok: false, error: `${short(s)} is not an origin (no path, query or user; e.g. https://docs.example.org)` };
  return { ok: true, origin: u.origin };
}

export function parseOrigins(text: string): { origins: string[]; error: string | null } {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length > MAX_ORIGINS) return { origins: [], error: `origins: at most ${MAX_ORIGINS} origins` };
  const origins: string[] = [];
  for (const p of parts) {
    const c = checkOrigin(p);
    if (!c.ok) return { origins: [], error: `origins: ${c.error}` };
    if (!origins.includes(c.origin)) origins.push(c.origin);
  }
  return { origins, error: null };
}

function flag(name: string, v: string, errors: string[]): boolean {
  if (v === '1' || v === 'true' || v === '') return true;
  if (v === '0' || v === 'false') return false;
  errors.push(`${name}: ${short(v)} is not 1 or 0`);
  return false;
}

/** `raw` is the query string's pairs (see parseFragment: '+' is kept as '+'). */
export function parseEmbedParams(raw: ReadonlyMap<string, string>, presetIds: readonly string[]): EmbedParams {
  const errors: string[] = [];
  const known = new Set(['preset', 's', 'autoplay', 't', 'at', 'speed', 'theme', 'panels', 'origins', 'present']);
  for (const k of raw.keys()) if (!known.has(k)) errors.push(`${short(k).slice(1, -1)}: unknown parameter (known: ${[...known].join(', ')})`);

  let source: EmbedParams['source'] = null;
  const preset = raw.get('preset'), s = raw.get('s');
  if (preset !== undefined && s !== undefined) errors.push('preset: give either preset or s, not both (using s)');
  if (s !== undefined) source = { kind: 'packed', s };
  else if (preset !== undefined) {
    if (presetIds.includes(preset)) source = { kind: 'preset', id: preset };
    else errors.push(`preset: no preset called ${short(preset)}`);
  }

  const autoplay = raw.has('autoplay') ? flag('autoplay', raw.get('autoplay')!, errors) : false;

  let start: EmbedParams['start'] = null;
  const at = raw.get('at'), t = raw.get('t');
  if (at !== undefined && t !== undefined) errors.push('t: give either t or at, not both (using at)');
  if (at !== undefined) {
    if (/^\d{1,9}$/.test(at)) start = { kind: 'action', at: Number(at) };
    else errors.push(`at: ${short(at)} is not a whole number of actions`);
  } else if (t !== undefined) {
    if (/^\d{1,15}$/.test(t) && Number.isSafeInteger(Number(t))) start = { kind: 'time', t: Number(t) };
    else errors.push(`t: ${short(t)} is not a whole number of microseconds`);
  }

  let speed = 1;
  const sp = raw.get('speed');
  if (sp !== undefined) {
    const n = Number(sp);
    if (sp.trim() !== '' && (SPEED_VALUES as readonly number[]).includes(n)) speed = n;
    else errors.push(`speed: ${short(sp)} is not one of ${SPEED_VALUES.join(', ')}`);
  }

  let theme: EmbedParams['theme'] = null;
  const th = raw.get('theme');
  if (th !== undefined) {
    if (th === 'light' || th === 'dark') theme = th;
    else errors.push(`theme: ${short(th)} is not light or dark`);
  }

  let panels: Set<PanelName> = new Set(DEFAULT_PANELS);
  const pn = raw.get('panels');
  if (pn !== undefined) {
    const list = pn.split(',').map((x) => x.trim()).filter((x) => x !== '');
    const bad = list.find((x) => !(PANEL_NAMES as readonly string[]).includes(x));
    if (bad !== undefined) errors.push(`panels: ${short(bad)} is not one of ${PANEL_NAMES.join(', ')}`);
    else panels = new Set(list as PanelName[]);
  }

  let origins: string[] = [];
  const or = raw.get('origins');
  if (or !== undefined) {
    const r = parseOrigins(or);
    if (r.error) errors.push(r.error); else origins = r.origins;
  }
  const present = raw.has('present') ? flag('present', raw.get('present')!, errors) : false;
  return { source, autoplay, start, speed, theme, panels, origins, present, errors };
}
