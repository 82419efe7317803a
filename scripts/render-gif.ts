/**
 * The animated export, headless (for docs builds that regenerate their GIFs):
 *   npm run -s render-gif -- scenario.json out.gif [--webm out.webm] [--width 480|640|800|1024]
 *     [--speed 0.25..8] [--from step] [--to step] [--no-captions] [--theme light|dark]
 * Builds out/ if it is stale, serves it on 127.0.0.1, opens the document in Chromium
 * (Debian's, or CHROMIUM_PATH) and drives the Export dialog, so the file is exactly what
 * the page would give. Same document and options, same GIF bytes. A bad document or
 * option exits 2 with one line; nothing is written.
 */
import fs from 'node:fs';
import LZString from 'lz-string';
import { parseScenario } from '../engine';
import { WIDTHS } from '../lib/animationPlan';
import { SPEEDS } from '../lib/playback';
import { ensureBuild, serveOut, launchChromium } from '../bench/serve';

function fail(line: string): never {
  process.stderr.write(line.replace(/\s*\n\s*/g, ' ') + '\n');
  process.exit(2);
}

interface Args { file: string; gif: string; webm?: string; width: number; speed: number; from?: number; to?: number; captions: boolean; theme: 'light' | 'dark' }

function parseArgs(argv: string[]): Args {
  const pos: string[] = [];
  const a: Partial<Args> = { width: 640, speed: 1, captions: true, theme: 'light' };
  const int = (k: string, v: string) => { if (!/^\d+$/.test(v)) fail(`${k}: ${JSON.stringify(v)} is not a step number`); return Number(v); };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const value = () => { const v = argv[++i]; if (v === undefined) fail(`${k}: missing value`); return v; };
    if (k === '--webm') a.webm = value();
    else if (k === '--width') { const w = Number(value()); if (!(WIDTHS as readonly number[]).includes(w)) fail(`--width: must be one of ${WIDTHS.join(', ')}`); a.width = w; }
    else if (k === '--speed') { const s = Number(value()); if (!(SPEEDS as readonly number[]).includes(s)) fail(`--speed: must be one of ${SPEEDS.join(', ')}`); a.speed = s; }
    else if (k === '--from') a.from = int(k, value());
    else if (k === '--to') a.to = int(k, value());
    else if (k === '--no-captions') a.captions = false;
    else if (k === '--theme') { const t = value(); if (t !== 'light' && t !== 'dark') fail('--theme: light or dark'); a.theme = t; }
    else if (k.startsWith('--')) fail(`${k}: unknown option (expected --webm, --width, --speed, --from, --to, --no-captions, --theme)`);
    else pos.push(k);
  }
  if (pos.length !== 2) fail('usage: npm run -s render-gif -- scenario.json out.gif [--webm out.webm] [--width 640] [--speed 1] [--from N] [--to M] [--no-captions] [--theme light|dark]');
  if (!/\.gif$/i.test(pos[1]!)) fail(`${pos[1]}: the output file must end in .gif`);
  return { ...a, file: pos[0]!, gif: pos[1]! } as Args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try { text = fs.readFileSync(args.file, 'utf8'); } catch (e) { fail(`${args.file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  const parsed = parseScenario(text);
  if (!parsed.ok) fail(parsed.error);
  const packed = LZString.compressToEncodedURIComponent(JSON.stringify(JSON.parse(text)));
  await ensureBuild((s) => process.stderr.write(s + '\n'));
  const server = await serveOut();
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: args.theme, acceptDownloads: true, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/?paused#s=${packed}`);
    await page.getByTestId('domain-0').waitFor({ timeout: 60_000 });
    await page.getByTestId('export-button').click();
    await page.getByTestId('anim-width').selectOption(String(args.width));
    await page.getByTestId('anim-speed').selectOption(String(args.speed));
    if (!args.captions) await page.getByTestId('anim-captions').uncheck();
    if (args.from !== undefined || args.to !== undefined) {
      await page.getByTestId('anim-range').selectOption('custom');
      if (args.to !== undefined) await page.getByTestId('anim-to').fill(String(args.to));
      if (args.from !== undefined) await page.getByTestId('anim-from').fill(String(args.from));
    }
    const plan = (await page.getByTestId('anim-estimate').textContent()) ?? '';
    for (const [format, file] of [['gif', args.gif], ['webm', args.webm]] as const) {
      if (!file) continue;
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByTestId(`anim-${format}`).click()]);
      const failure = await dl.failure();
      if (failure) throw new Error(`${format}: ${failure}`);
      await dl.saveAs(file);
      process.stderr.write(`${file}: ${plan.split(';')[0]}, ${fs.statSync(file).size} bytes\n`);
    }
    const status = (await page.getByTestId('anim-status').textContent()) ?? '';
    if (status.startsWith('Export failed')) throw new Error(status);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e: unknown) => { process.stderr.write(`render-gif: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`); process.exit(1); });
