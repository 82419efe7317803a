/**
 * Before / after, side by side (not part of npm run bench): frame runs of /bench/page on
 * this build and on another build's out/ (served here too), alternated A B B A, one
 * browser, same flags. Prints each run and the medians.
 *   npx tsx bench/side.ts --before /path/to/other/out [--pairs 3] [--window 5000] [--speed 8] [--cpu-rate 1]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { serveOut, launchChromium } from './serve';
import { oneRun, paneOf, bareGraph, median, type FrameOpts, type RunResult } from './frames';

const argv = process.argv.slice(2);
const arg = (n: string) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? argv[i + 1] : undefined; };
const num = (n: string, d: number) => Number(arg(n) ?? d);

/** Serve another out/ directory with this checkout's static server on a free port. */
async function serveOther(dir: string): Promise<{ url: string; stop(): void }> {
  const port = 41_000 + Math.floor(Math.random() * 900);
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'scripts', 'serve-out.mjs'), dir, '--port', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${url}/`)).ok) return { url, stop: () => child.kill() }; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`could not serve ${dir}`);
}

async function main() {
  const before = arg('before');
  if (!before) throw new Error('--before <out dir> is required');
  const server = await serveOut();
  const other = await serveOther(before);
  const browser = await launchChromium();
  const opts: FrameOpts = { pairs: num('pairs', 3), warmMs: 2000, windowMs: num('window', 5000), speed: num('speed', 8), floodUs: 100, log: console.error };
  const rate = num('cpu-rate', 1);
  try {
    const pane = await paneOf(browser, server.url, opts.floodUs);
    const graph = bareGraph(opts.floodUs);
    const runs: Array<RunResult & { build: string }> = [];
    for (let i = 0; i < opts.pairs; i++) {
      for (const [build, url] of (i % 2 === 0 ? [['before', other.url], ['after', server.url]] : [['after', server.url], ['before', other.url]])) {
        const r = { ...(await oneRun(browser, url!, 'page', opts, pane, graph, rate)), build: build! };
        runs.push(r);
        console.error(`  ${build!.padEnd(6)} p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} ms, ${r.frames} frames, task ${r.taskMsPerFrame.toFixed(2)} script ${r.scriptMsPerFrame.toFixed(2)} style ${r.styleMsPerFrame.toFixed(2)} layout ${r.layoutMsPerFrame.toFixed(2)} ms/frame, ${r.cursorMoves} actions`);
      }
    }
    const m = (b: string, k: keyof RunResult) => Number(median(runs.filter((r) => r.build === b).map((r) => r[k] as number)).toFixed(2));
    const out: Record<string, number> = {};
    for (const b of ['before', 'after']) for (const k of ['p95', 'p50', 'taskMsPerFrame', 'scriptMsPerFrame', 'styleMsPerFrame', 'layoutMsPerFrame', 'frames', 'cursorMoves'] as const) out[`${b}.${k}`] = m(b, k);
    console.log(JSON.stringify(out));
  } finally {
    await browser.close();
    await server.stop();
    other.stop();
  }
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.stack ?? e.message : String(e)); process.exit(1); });
