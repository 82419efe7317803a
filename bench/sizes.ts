/**
 * First-load JS of a route, gzip KiB, two ways:
 *  - html: the non-nomodule scripts its out/<route>/index.html references;
 *  - start: every .js the page fetches until the network is idle in Chromium and no
 *    script has arrived for a while (the chunks next/dynamic and import() pull in after
 *    hydration included), plus the scripts inline in its HTML (the page's data travels
 *    there: the props of its client components, such as the run recorded at build time).
 *    The figures use "start".
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from '@playwright/test';
import { OUT } from './serve';

const gz = new Map<string, number>();
function gzipBytes(file: string): number {
  let n = gz.get(file);
  if (n === undefined) { n = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length; gz.set(file, n); }
  return n;
}
const kib = (b: number) => Number((b / 1024).toFixed(1));

/** out/ file for a URL path (basePath-free build). */
function fileOf(urlPath: string): string { return path.join(OUT, decodeURIComponent(urlPath)); }

export function htmlReferencedKb(route: string): number | null {
  const html = path.join(OUT, route, 'index.html');
  if (!fs.existsSync(html)) return null;
  const text = fs.readFileSync(html, 'utf8');
  const srcs = new Set<string>();
  for (const m of text.matchAll(/<script\b[^>]*>/g)) {
    const tag = m[0];
    if (/nomodule/i.test(tag)) continue;
    const src = /\bsrc="([^"]+\.js)"/.exec(tag)?.[1];
    if (src) srcs.add(src.split('?')[0]!);
  }
  let total = 0;
  for (const s of srcs) { const f = fileOf(s); if (fs.existsSync(f)) total += gzipBytes(f); }
  return kib(total);
}

/** The scripts inline in out/<route>/index.html (no src), gzipped together. */
export function inlineScriptBytes(route: string): number {
  const html = path.join(OUT, route, 'index.html');
  if (!fs.existsSync(html)) return 0;
  const text = fs.readFileSync(html, 'utf8');
  let inline = '';
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) if (!/\bsrc=/.test(m[1]!)) inline += m[2];
  return inline === '' ? 0 : zlib.gzipSync(inline, { level: 9 }).length;
}

const QUIET_MS = 2500;
const MAX_WAIT_MS = 15_000;

export async function loadedAtStartKb(browser: Browser, base: string, route: string): Promise<{ kb: number; files: number; inlineKb: number } | null> {
  if (!fs.existsSync(path.join(OUT, route, 'index.html'))) return null;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const seen = new Set<string>();
  let lastJs = Date.now();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.origin === base && u.pathname.endsWith('.js')) { seen.add(u.pathname); lastJs = Date.now(); }
  });
  await page.goto(`${base}/${route}${route ? '/' : ''}?paused`, { waitUntil: 'networkidle' });
  // the chunks a page imports after hydrating can come well after "networkidle" on a busy
  // machine: wait for the live diagram (every route renders data-testid=diagram once its
  // code has run), then until no script has arrived for QUIET_MS (at most MAX_WAIT_MS)
  await page.getByTestId('diagram').waitFor({ state: 'attached', timeout: 60_000 });
  lastJs = Math.max(lastJs, Date.now());
  const t0 = Date.now();
  while (Date.now() - lastJs < QUIET_MS && Date.now() - t0 < MAX_WAIT_MS) await page.waitForTimeout(250);
  await ctx.close();
  let total = 0;
  for (const s of seen) { const f = fileOf(s); if (fs.existsSync(f)) total += gzipBytes(f); }
  const inline = inlineScriptBytes(route);
  return { kb: kib(total + inline), files: seen.size, inlineKb: kib(inline) };
}
