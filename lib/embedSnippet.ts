/** The /embed URL and the <iframe> snippet a docs author pastes (attributes HTML-escaped). */
import type { PanelName } from './embedParams';

export interface EmbedOptions {
  source: { kind: 'preset'; id: string } | { kind: 'packed'; s: string };
  at: number | null; autoplay: boolean; speed: number; theme: 'light' | 'dark' | null;
  panels: readonly PanelName[]; origins: readonly string[];
}

export function embedSrc(embedBase: string, o: EmbedOptions): string {
  const q: string[] = [];
  q.push(o.source.kind === 'preset' ? `preset=${encodeURIComponent(o.source.id)}` : `s=${o.source.s}`);
  if (o.at !== null && o.at > 0) q.push(`at=${o.at}`);
  if (o.autoplay) q.push('autoplay=1');
  if (o.speed !== 1) q.push(`speed=${o.speed}`);
  if (o.theme) q.push(`theme=${o.theme}`);
  q.push(`panels=${o.panels.join(',')}`);
  if (o.origins.length) q.push(`origins=${o.origins.map(encodeURIComponent).join(',')}`);
  return `${embedBase}?${q.join('&')}`;
}

export function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function iframeSnippet(src: string, title: string, width: number, height: number): string {
  return `<iframe src="${attr(src)}" width="${width}" height="${height}" title="${attr(`Interdomain Playground: ${title}`)}"` +
    ` style="border:0;max-width:100%" loading="lazy" sandbox="allow-scripts allow-same-origin allow-popups allow-downloads"` +
    ` referrerpolicy="strict-origin-when-cross-origin"></iframe>`;
}
