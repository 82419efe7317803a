/**
 * npm run bench — both halves, one table, and as the LAST line one JSON object.
 *   --quick        smaller sizes, 2 frame pairs of 3 s (a smoke run)
 *   --engine-only  / --page-only   one half
 *   --pairs N --window MS --speed X   frame-run overrides
 *   --cpu-rate R   CPU throttling of the extra page/bare pairs (default 4; 1 skips them)
 *   --lighthouse-runs N   rounds of Lighthouse over /, /embed/ and the bare page (default 3; medians)
 * Engine half: bench/engine.bench.ts in a child process (its last line is its JSON).
 * Page half: builds out/ if missing or stale, serves it on 127.0.0.1, measures first-load
 * JS of /, /embed and /bench/bare, then frame times of /bench/page vs /bench/bare, of the
 * compare view and of the page on a 260-domain preset (bench/frames.ts), and stops the server.
 * Lighthouse step (its own server; --lighthouse-only alone, --no-lighthouse to skip):
 * mobile performance, accessibility and LCP of / and /embed/, and of /bench/bare (bench/lighthouse.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuild, serveOut, launchChromium } from './serve';
import { htmlReferencedKb, loadedAtStartKb } from './sizes';
import { frameBench, BIG_PRESET, bigDomains } from './frames';
import { lighthouseBench } from './lighthouse';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const num = (name: string, d: number) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? Number(argv[i + 1]) : d; };
const log = (s: string) => console.error(s);
const rows: Array<[string, string]> = [];
const figures: Record<string, number | null> = {};
const fig = (k: string, v: number | null, shown: string) => { figures[k] = v; rows.push([k, shown]); };
const r2 = (x: number) => Number(x.toFixed(2));

function engineHalf() {
  log('engine half (bench/engine.bench.ts)…');
  // The engine runs bundled in the page, so measure it bundled (one esbuild bundle, no
  // per-call module getters), in a fresh process.
  const out = path.join(__dirname, '.out', 'engine.bench.mjs');
  const esbuild = path.join(__dirname, '..', 'node_modules', '.bin', 'esbuild');
  const b = spawnSync(esbuild, [path.join(__dirname, 'engine.bench.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${out}`, '--log-level=warning'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`engine bench bundle failed:\n${b.stderr}`);
  const r = spawnSync(process.execPath, ['--expose-gc', out, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`engine bench failed:\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  const json = JSON.parse(lines.pop()!) as Record<string, number>;
  for (const l of lines) {
    const m = /^(\S+)\s+(.*)$/.exec(l);
    if (m && m[1]! in json) rows.push([m[1]!, m[2]!]);
  }
  Object.assign(figures, json);
}

async function pageHalf() {
  await ensureBuild(log);
  const server = await serveOut();
  const browser = await launchChromium();
  try {
    log(`page half on ${server.url}…`);
    const sizes: Record<string, { html: number | null; start: { kb: number; files: number; inlineKb: number } | null }> = {};
    for (const [name, route] of [['main', ''], ['embed', 'embed'], ['bare', 'bench/bare']] as const) {
      sizes[name] = { html: htmlReferencedKb(route), start: await loadedAtStartKb(browser, server.url, route) };
    }
    const show = (n: string) => {
      const s = sizes[n]!;
      return s.start ? `${s.start.kb} KiB gzip loaded at start (${s.start.files} files + ${s.start.inlineKb} KiB inline in the HTML); ${s.html} KiB html-referenced` : 'null: route not in this build';
    };
    fig('firstLoadKb', sizes['main']!.start?.kb ?? null, `/ : ${show('main')}`);
    fig('embedFirstLoadKb', sizes['embed']!.start?.kb ?? null, `/embed : ${show('embed')}`);
    fig('bareFirstLoadKb', sizes['bare']!.start?.kb ?? null, `/bench/bare : ${show('bare')}`);
    fig('firstLoadHtmlKb', sizes['main']!.html, `${sizes['main']!.html} KiB html-referenced on /`);
    fig('bareFirstLoadHtmlKb', sizes['bare']!.html, `${sizes['bare']!.html} KiB html-referenced on /bench/bare`);
    const lr = figures['firstLoadKb'] && figures['bareFirstLoadKb'] ? r2(figures['firstLoadKb'] / figures['bareFirstLoadKb']) : null;
    fig('loadRatio', lr, `${lr}x first-load JS (fetched and inline) of / over the bare page (goal <= 1.25)`);

    const f = await frameBench(browser, server.url, {
      pairs: num('pairs', quick ? 2 : 5), warmMs: quick ? 1500 : 2000, windowMs: num('window', quick ? 3000 : 10_000),
      speed: num('speed', 8), floodUs: quick ? 60 : 100, cpuRate: num('cpu-rate', 4), log,
    });
    fig('frameP95Ms', r2(f.frameP95Ms), `${f.frameP95Ms.toFixed(1)} ms p95 frame, our page (runs ${f.spread.page.map((x) => x.toFixed(1)).join('..')}; p50 ${f.frameP50Ms.toFixed(1)}; ${f.framesPerRun} frames/run; ${f.actionsPerRun} actions played per run)`);
    fig('frameP95BareMs', r2(f.frameP95BareMs), `${f.frameP95BareMs.toFixed(1)} ms p95 frame, bare React Flow (runs ${f.spread.bare.map((x) => x.toFixed(1)).join('..')}; p50 ${f.frameP50BareMs.toFixed(1)}; ${f.framesPerRunBare} frames/run)`);
    const ratio = r2(f.frameP95Ms / f.frameP95BareMs);
    fig('frameRatio', ratio, `${ratio}x (goal <= 1.25), vsync mode, median of per-run p95, A B B A`);
    const ratioA = r2(f.frameP95Ms / f.frameP95BareAnimatedMs);
    fig('frameP95BareAnimatedMs', r2(f.frameP95BareAnimatedMs), `${f.frameP95BareAnimatedMs.toFixed(1)} ms p95 frame, bare React Flow with every ring edge animated (runs ${f.spread.bareAnimated.map((x) => x.toFixed(1)).join('..')})`);
    fig('frameRatioAnimated', ratioA, `${ratioA}x our page over the animated bare page (goal <= 1.25)`);
    fig('taskMsPerFrame', r2(f.taskMsPerFrame), `${f.taskMsPerFrame.toFixed(2)} ms main-thread task per frame, our page (goal <= 6; bare ${f.taskMsPerFrameBare.toFixed(2)}, animated bare ${f.taskMsPerFrameBareAnimated.toFixed(2)})`);
    const x4 = (v: number | null) => (v === null ? null : r2(v));
    fig('frameP95Ms4x', x4(f.frameP95Ms4x), f.frameP95Ms4x === null ? 'null: --cpu-rate 1' : `${f.frameP95Ms4x.toFixed(1)} ms p95 frame, our page, CPU throttled ${num('cpu-rate', 4)}x (task ${f.taskMsPerFrame4x!.toFixed(2)} ms/frame)`);
    fig('frameP95BareMs4x', x4(f.frameP95BareMs4x), f.frameP95BareMs4x === null ? 'null: --cpu-rate 1' : `${f.frameP95BareMs4x.toFixed(1)} ms p95 frame, bare React Flow, CPU throttled ${num('cpu-rate', 4)}x`);
    fig('scriptMsPerFrame', r2(f.scriptMsPerFrame), `${f.scriptMsPerFrame.toFixed(2)} ms script per frame (bare ${f.scriptMsPerFrameBare.toFixed(2)}), task ${f.taskMsPerFrame.toFixed(2)} (bare ${f.taskMsPerFrameBare.toFixed(2)})`);
    fig('compareFrameP95Ms', r2(f.compareP95Ms), `${f.compareP95Ms.toFixed(1)} ms p95 frame, the compare view playing flood-isolation in three panes on one clock (runs ${f.compareSpread.map((x) => x.toFixed(1)).join('..')}; p50 ${f.compareP50Ms.toFixed(1)}; ${f.compareFrames} frames/run)`);
    fig('frameP95Ms260', r2(f.bigP95Ms), `${f.bigP95Ms.toFixed(1)} ms p95 frame, the page playing ${BIG_PRESET} (${bigDomains()} domains; runs ${f.bigSpread.map((x) => x.toFixed(1)).join('..')}; p50 ${f.bigP50Ms.toFixed(1)}; ${f.bigFrames} frames/run; ${f.bigActions} actions played per run; task ${f.bigTaskMsPerFrame.toFixed(2)} ms/frame)`);
    fig('pageHeapMb', r2(f.heapMb), `${f.heapMb.toFixed(0)} MB JS heap in our page after the run (bare ${f.heapMbBare.toFixed(0)} MB)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function lighthouseStep() {
  await ensureBuild(log);
  const server = await serveOut();
  try { lighthouseBench(server.url, fig, log, num('lighthouse-runs', quick ? 1 : 3)); } finally { await server.stop(); }
}

async function main() {
  const only = argv.includes('--lighthouse-only');
  if (!only && !argv.includes('--page-only')) engineHalf();
  if (!only && !argv.includes('--engine-only')) await pageHalf();
  if (only || (!argv.includes('--engine-only') && !argv.includes('--no-lighthouse'))) await lighthouseStep();
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log(JSON.stringify(figures));
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.stack ?? e.message : String(e)); process.exit(1); });
