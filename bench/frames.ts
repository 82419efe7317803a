/**
 * Frame times, side by side, as /work/shared/guide/performance.md says: our page
 * (/bench/page: the real Playground, 100 domains, 300 edges, every ring flooding, playing
 * at a fixed speed) against the bare React Flow page (/bench/bare: same graph, same node
 * and edge components and CSS, pane of the same size, no engine). Same build, server,
 * browser and flags (default: vsync mode, the acceptance metric); a fresh context per
 * run; warm-up discarded; order A B B A; median of the per-run p95; frame counts checked.
 * CDP Performance.getMetrics gives main-thread cost per frame for attribution.
 * A second floor, /bench/bare/?animated=1, animates every ring edge with React Flow's own
 * animated edges (frameRatioAnimated). With `cpuRate`, the pairs run again under CDP
 * Emulation.setCPUThrottlingRate (4: a slow laptop): frameP95Ms4x / frameP95BareMs4x.
 * Then the compare view (/compare: three playgrounds on one clock, flood-isolation,
 * playing at the same speed) on its own: its p95 frame is reported, not compared. And the
 * page itself on a 260-domain preset (/?preset=grant-exhaustion-default: 262 domains, the
 * hub's peers summarised at the default fit, playing at the same speed), likewise reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { parseScenario, recordTimeline, actionAtTime, viewOf, stateAtAction } from '../engine/index';
import { toFlow } from '../store/toFlow';
import { benchFloodDoc, FLOOD_FROM_US } from '../app/bench/floodDoc';

export interface FrameOpts { pairs: number; warmMs: number; windowMs: number; speed: number; floodUs: number; cpuRate?: number; log(s: string): void }
type Which = 'page' | 'bare' | 'bareAnimated' | 'compare' | 'big';
/** The 260-domain preset the `big` run plays on the page itself. */
export const BIG_PRESET = 'grant-exhaustion-default';
/** Its domains, counted in its document (the run adds none). */
export function bigDomains(): number {
  const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'scenarios', `${BIG_PRESET}.json`), 'utf8')) as { domains: unknown[]; steps: Array<{ op: string }> };
  return doc.domains.length + doc.steps.filter((s) => s.op === 'add-domain').length;
}
export interface RunResult { which: Which; cpuRate: number; frames: number; p50: number; p95: number; scriptMsPerFrame: number; layoutMsPerFrame: number; styleMsPerFrame: number; taskMsPerFrame: number; longFrames: number; heapMb: number; cursorMoves: number }

const PROBE = `(() => {
  const p = { on: false, last: 0, iv: [], long: 0 };
  const tick = (t) => { if (p.on) { if (p.last) p.iv.push(t - p.last); p.last = t; } requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  try { new PerformanceObserver((l) => { if (p.on) p.long += l.getEntries().length; }).observe({ type: 'long-animation-frame', buffered: false }); } catch {}
  window.__probe = {
    start() { p.iv = []; p.last = 0; p.long = 0; p.on = true; },
    stop() { p.on = false; return { iv: p.iv, long: p.long }; },
  };
})();`;

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
}
export const median = (xs: number[]) => quantile(xs, 0.5);

/** The bare page's graph: exactly what toFlow makes for the real page once the flood runs. */
export function bareGraph(floodUs: number): { nodes: unknown[]; edges: unknown[] } {
  const p = parseScenario(benchFloodDoc(floodUs));
  if (!p.ok) throw new Error(p.error);
  const tl = recordTimeline(p.doc);
  const a = actionAtTime(tl, FLOOD_FROM_US) + 1;
  return toFlow(viewOf(stateAtAction(tl, a)), tl.doc);
}

async function metrics(page: Page, cdp: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>): Promise<Record<string, number>> {
  void page;
  const r = await cdp.send('Performance.getMetrics') as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
}

/**
 * The page saves itself for offline use on a first visit (public/sw.js fetches and caches the
 * app's ~2 MB in a service worker thread): a one-off cost of the first visit, which each fresh
 * context repeats and the bare page does not have. Frames are measured once it is over (the
 * status reads ready, failed or nothing to do), so they measure playback, not the install.
 */
async function offlineSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="offline-status"]');
    const st = el?.getAttribute('data-state');
    return st === 'ready' || st === 'failed' || (!el && !!navigator.serviceWorker?.controller) || !('serviceWorker' in navigator);
  }, null, { timeout: 60_000 }).catch(() => { /* measured anyway: a slow install is the machine's state */ });
}

export async function oneRun(browser: Browser, base: string, which: Which, opts: FrameOpts, pane: { width: number; height: number }, graph: unknown, cpuRate = 1): Promise<RunResult> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    await ctx.addInitScript(PROBE);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (which === 'big') {
      await page.goto(`${base}/?preset=${BIG_PRESET}&paused`);
      await page.waitForSelector('[data-testid="domain-0"]', { timeout: 120_000 });
      await offlineSettled(page);
    } else if (which === 'compare') {
      await page.goto(`${base}/compare/?preset=flood-isolation`);
      await page.waitForSelector('[data-testid="pane-v4v"] .react-flow__node', { timeout: 120_000 });
    } else if (which === 'page') {
      await page.goto(`${base}/bench/page/?paused&flood=${opts.floodUs}`);
      await page.waitForFunction(() => (window as unknown as { __bench?: { ready: boolean } }).__bench?.ready === true, null, { timeout: 120_000 });
      await offlineSettled(page);
    } else {
      await page.goto(`${base}/bench/bare/?w=${pane.width}&h=${pane.height}${which === 'bareAnimated' ? '&animated=1' : ''}`);
      await page.waitForFunction(() => typeof (window as unknown as { __bareSet?: unknown }).__bareSet === 'function', null, { timeout: 30_000 });
      await page.evaluate((g) => (window as unknown as { __bareSet(g: unknown): void }).__bareSet(g), graph);
      await page.waitForSelector('.react-flow__edge-ring', { timeout: 30_000 });
    }
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (cpuRate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    if (which === 'page') {
      await page.evaluate((s) => (window as unknown as { __bench: { startFlood(s: number): void } }).__bench.startFlood(s), opts.speed);
      await page.waitForSelector('.react-flow__edge-ring', { timeout: 30_000 });
      // startFlood records the flood in slices before it plays: measure playback only (on a busy
      // machine the recording can outlast the warm-up, and its snapshots would be counted as frames)
      await page.waitForFunction(() => (window as unknown as { __bench: { store: { getState(): { playing: boolean } } } }).__bench.store.getState().playing, null, { timeout: 120_000 });
    } else if (which === 'compare' || which === 'big') {
      await page.getByLabel('Playback speed').selectOption(String(opts.speed));
      await page.getByTestId('play').click();
      if (which === 'big') await page.waitForSelector('[data-testid="play"][aria-label="Pause"]', { timeout: 30_000 });
    }
    await page.waitForTimeout(opts.warmMs);
    // actions played in the window: the bench page's store, or the page's scrubber (its value is the cursor)
    const cursorNow = () => which === 'page' ? page.evaluate(() => (window as unknown as { __bench: { store: { getState(): { cursor: number } } } }).__bench.store.getState().cursor)
      : which === 'big' ? page.getByTestId('scrubber').inputValue().then(Number) : Promise.resolve(0);
    const cursor0 = await cursorNow();
    const m0 = await metrics(page, cdp);
    await page.evaluate(() => (window as unknown as { __probe: { start(): void } }).__probe.start());
    await page.waitForTimeout(opts.windowMs);
    const { iv, long } = await page.evaluate(() => (window as unknown as { __probe: { stop(): { iv: number[]; long: number } } }).__probe.stop());
    const m1 = await metrics(page, cdp);
    const cursor1 = await cursorNow();
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    if (errors.length) throw new Error(`${which}: page error: ${errors[0]}`);
    const n = Math.max(1, iv.length);
    const d = (k: string) => ((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000 / n;
    return {
      which, cpuRate, frames: iv.length, p50: quantile(iv, 0.5), p95: quantile(iv, 0.95),
      scriptMsPerFrame: d('ScriptDuration'), layoutMsPerFrame: d('LayoutDuration'), styleMsPerFrame: d('RecalcStyleDuration'),
      taskMsPerFrame: d('TaskDuration'), longFrames: long, heapMb: heap / 1e6, cursorMoves: cursor1 - cursor0,
    };
  } finally {
    await ctx.close();
  }
}

/** Pane size of the real page's diagram (the bare page gets the same). */
export async function paneOf(browser: Browser, base: string, floodUs: number): Promise<{ width: number; height: number; recordMs: number; actions: number }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${base}/bench/page/?paused&flood=${floodUs}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: { ready: boolean } }).__bench?.ready === true, null, { timeout: 120_000 });
  const r = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { paneSize(): { width: number; height: number }; recordMs: number; actions: number } }).__bench;
    return { ...b.paneSize(), recordMs: b.recordMs, actions: b.actions };
  });
  await ctx.close();
  return r;
}

export async function frameBench(browser: Browser, base: string, opts: FrameOpts) {
  const pane = await paneOf(browser, base, opts.floodUs);
  opts.log(`bench page: diagram pane ${pane.width}x${pane.height}, ${pane.actions} actions recorded in ${pane.recordMs.toFixed(0)} ms in the page`);
  const graph = bareGraph(opts.floodUs);
  const runs: RunResult[] = [];
  const run = async (w: Which, rate: number) => {
    const r = await oneRun(browser, base, w, opts, pane, graph, rate);
    runs.push(r);
    opts.log(`  ${(w + (rate !== 1 ? ` ${rate}x` : '')).padEnd(15)} p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} ms, ${r.frames} frames, script ${r.scriptMsPerFrame.toFixed(2)} layout ${r.layoutMsPerFrame.toFixed(2)} style ${r.styleMsPerFrame.toFixed(2)} task ${r.taskMsPerFrame.toFixed(2)} ms/frame, ${r.longFrames} LoAF>50ms, ${r.cursorMoves} actions played, heap ${r.heapMb.toFixed(0)} MB`);
  };
  // A B C, C B A, ...: each pair's order reversed, so drift over the runs hits every page alike
  const trio: Which[] = ['page', 'bare', 'bareAnimated'];
  for (let i = 0; i < opts.pairs; i++) for (const w of i % 2 === 0 ? trio : [...trio].reverse()) await run(w, 1);
  const rate = opts.cpuRate ?? 1;
  if (rate !== 1) {
    for (let i = 0; i < Math.max(1, Math.ceil(opts.pairs / 2)); i++) for (const w of (i % 2 === 0 ? ['page', 'bare'] : ['bare', 'page']) as Which[]) await run(w, rate);
  }
  const expected = opts.windowMs / 16.7;
  const bad = runs.filter((r) => r.frames < expected * 0.3);
  if (bad.length) opts.log(`WARNING: ${bad.length} run(s) had under 30% of the expected ${expected.toFixed(0)} frames: rAF throttled?`);
  const compare: RunResult[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(opts.pairs / 2)); i++) {
    const r = await oneRun(browser, base, 'compare', opts, pane, graph);
    compare.push(r);
    opts.log(`  compare p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} ms, ${r.frames} frames, script ${r.scriptMsPerFrame.toFixed(2)} task ${r.taskMsPerFrame.toFixed(2)} ms/frame, ${r.longFrames} LoAF>50ms, heap ${r.heapMb.toFixed(0)} MB (three panes, one clock)`);
  }
  const big: RunResult[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(opts.pairs / 2)); i++) {
    const r = await oneRun(browser, base, 'big', opts, pane, graph);
    big.push(r);
    opts.log(`  ${BIG_PRESET} p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} ms, ${r.frames} frames, script ${r.scriptMsPerFrame.toFixed(2)} task ${r.taskMsPerFrame.toFixed(2)} ms/frame, ${r.longFrames} LoAF>50ms, ${r.cursorMoves} actions played, heap ${r.heapMb.toFixed(0)} MB (the page, ${bigDomains()} domains)`);
  }
  const of = (w: Which, r = 1) => runs.filter((x) => x.which === w && x.cpuRate === r);
  const p95s = (w: Which, r = 1) => of(w, r).map((x) => x.p95);
  const avg = (w: Which, k: keyof RunResult) => median(of(w).map((x) => x[k] as number));
  const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
  return {
    pane, runs, compareRuns: compare,
    /** The compare view's p95 frame (median over its runs): three playgrounds playing on one clock. */
    compareP95Ms: median(compare.map((r) => r.p95)), compareP50Ms: median(compare.map((r) => r.p50)),
    compareSpread: range(compare.map((r) => r.p95)), compareFrames: median(compare.map((r) => r.frames)),
    /** The page's p95 frame playing the 260-domain preset (median over its runs), and what it played. */
    bigRuns: big, bigP95Ms: median(big.map((r) => r.p95)), bigP50Ms: median(big.map((r) => r.p50)), bigSpread: range(big.map((r) => r.p95)),
    bigFrames: median(big.map((r) => r.frames)), bigActions: median(big.map((r) => r.cursorMoves)), bigTaskMsPerFrame: median(big.map((r) => r.taskMsPerFrame)),
    frameP95Ms: median(p95s('page')), frameP95BareMs: median(p95s('bare')), frameP95BareAnimatedMs: median(p95s('bareAnimated')),
    frameP95Ms4x: rate !== 1 ? median(p95s('page', rate)) : null, frameP95BareMs4x: rate !== 1 ? median(p95s('bare', rate)) : null,
    taskMsPerFrame4x: rate !== 1 ? median(of('page', rate).map((x) => x.taskMsPerFrame)) : null,
    spread: { page: range(p95s('page')), bare: range(p95s('bare')), bareAnimated: range(p95s('bareAnimated')) },
    frameP50Ms: avg('page', 'p50'), frameP50BareMs: avg('bare', 'p50'),
    scriptMsPerFrame: avg('page', 'scriptMsPerFrame'), scriptMsPerFrameBare: avg('bare', 'scriptMsPerFrame'),
    taskMsPerFrame: avg('page', 'taskMsPerFrame'), taskMsPerFrameBare: avg('bare', 'taskMsPerFrame'), taskMsPerFrameBareAnimated: avg('bareAnimated', 'taskMsPerFrame'),
    framesPerRun: avg('page', 'frames'), framesPerRunBare: avg('bare', 'frames'),
    actionsPerRun: avg('page', 'cursorMoves'), heapMb: avg('page', 'heapMb'), heapMbBare: avg('bare', 'heapMb'),
  };
}
