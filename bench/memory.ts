/**
 * Memory over a long flood (item 4 of the bench issue; not part of npm run bench):
 * /bench/page with a flood lasting `--flood` µs of virtual time (default an hour), then
 * play at 8x, record on far past the memory budget (seeking `--ahead` times to a moment
 * not recorded yet, as playing on for hours would), play again, and seek at random in
 * the window, sampling the JS heap (CDP Runtime.getHeapUsage after a forced GC) as it
 * goes. Prints one JSON line.
 *   npx tsx bench/memory.ts [--flood 3599000000] [--play-ms 20000] [--ahead 20] [--step 20000] [--seeks 300] [--budget MB]
 */
import { ensureBuild, serveOut, launchChromium } from './serve';

const argv = process.argv.slice(2);
const num = (n: string, d: number) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? Number(argv[i + 1]) : d; };
interface Rec { first: number; last: number; firstT: number; lastT: number; events: number; ended: boolean }
type W = Window & { __bench: { ready: boolean; recordMs: number; actions: number; startFlood(s: number): void; store: { getState(): { rec: Rec; budget: number; seek(a: number): void; pause(): void; cursor: number } } } };

async function main() {
  await ensureBuild(console.error);
  const server = await serveOut();
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const r = await cdp.send('Runtime.getHeapUsage') as { usedSize: number };
      return Math.round(r.usedSize / 1e6);
    };
    const rec = () => page.evaluate(() => (window as unknown as W).__bench.store.getState().rec);
    const t0 = Date.now();
    const budget = argv.includes('--budget') ? `&budget=${num('budget', 300)}` : '';
    await page.goto(`${server.url}/bench/page/?paused&flood=${num('flood', 3_599_000_000)}${budget}`);
    await page.waitForFunction(() => (window as unknown as W).__bench?.ready === true, null, { timeout: 600_000 });
    const info = await page.evaluate(() => {
      const b = (window as unknown as W).__bench; const s = b.store.getState();
      return { recordMs: Math.round(b.recordMs), actionsAtLoad: s.rec.last + 1, eventsAtLoad: s.rec.events, ended: s.rec.ended, virtualUsAtLoad: s.rec.lastT, budgetMb: s.budget / 1e6 };
    });
    const samples: Array<[string, number]> = [['loaded', await heap()]];
    await page.evaluate(() => (window as unknown as W).__bench.startFlood(8));
    const playMs = num('play-ms', 20_000);
    for (let t = 0; t < playMs; t += playMs / 4) { await page.waitForTimeout(playMs / 4); samples.push([`playing ${Math.round((t + playMs / 4) / 1000)} s`, await heap()]); }
    // Record on far past the budget: each seek records up to `step` actions ahead (dropping the oldest part).
    const ahead = num('ahead', 20), step = num('step', 20_000);
    const s0 = Date.now();
    for (let i = 0; i < ahead; i++) {
      await page.evaluate((n) => { const s = (window as unknown as W).__bench.store.getState(); s.pause(); s.seek(s.rec.last + n); }, step);
      if (i % 5 === 4 || i === ahead - 1) { const r = await rec(); samples.push([`recorded to action ${r.last} (window from ${r.first})`, await heap()]); }
    }
    const aheadMs = Date.now() - s0;
    await page.evaluate(() => (window as unknown as W).__bench.store.getState().seek(0)); // a dropped moment: the window start
    const atStart = await page.evaluate(() => { const s = (window as unknown as W).__bench.store.getState(); return s.cursor === s.rec.first; });
    await page.evaluate(() => { const b = (window as unknown as W).__bench; b.store.getState().seek(b.store.getState().rec.last - 200); });
    await page.evaluate(() => { const s = (window as unknown as W).__bench.store; (s.getState() as unknown as { play(): void }).play(); });
    await page.waitForTimeout(playMs / 4);
    samples.push([`playing again ${Math.round(playMs / 4000)} s`, await heap()]);
    const seeks = num('seeks', 300);
    for (let i = 0; i < seeks; i++) {
      await page.evaluate((x) => { const s = (window as unknown as W).__bench.store.getState(); s.pause(); s.seek(s.rec.first + Math.floor(x * (s.rec.last - s.rec.first))); }, ((i * 7919) % 1000) / 1000);
      if (i % 100 === 99) samples.push([`${i + 1} random seeks`, await heap()]);
    }
    const end = await rec();
    console.log(JSON.stringify({
      ...info, loadMs: Date.now() - t0, aheadMs, seekToZeroLandsAtWindowStart: atStart,
      window: { first: end.first, last: end.last, actions: end.last - end.first + 1, virtualUs: end.lastT - end.firstT, fromUs: end.firstT, toUs: end.lastT, eventsRecorded: end.events },
      heapMb: Object.fromEntries(samples),
    }));
  } finally {
    await browser.close();
    await server.stop();
  }
}
main().catch((e: unknown) => { console.error(e); process.exit(1); });
