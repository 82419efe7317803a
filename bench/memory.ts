/**
 * Memory over a long flood (item 4 of the bench issue; not part of npm run bench):
 * /bench/page with a flood lasting `--flood` µs of virtual time (default an hour), then
 * play at 8x and seek at random, sampling the JS heap (CDP Runtime.getHeapUsage after a
 * forced GC) as it goes. Prints one JSON line.
 *   npx tsx bench/memory.ts [--flood 3599000000] [--play-ms 20000] [--seeks 300]
 */
import { chromium } from '@playwright/test';
import { ensureBuild, serveOut } from './serve';

const argv = process.argv.slice(2);
const num = (n: string, d: number) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? Number(argv[i + 1]) : d; };
type W = Window & { __bench: { ready: boolean; recordMs: number; actions: number; startFlood(s: number): void; store: { getState(): { timeline: { endSeq: number[]; events: unknown[]; truncated: boolean; times: number[] }; seek(a: number): void; pause(): void; cursor: number } } } };

async function main() {
  await ensureBuild(console.error);
  const server = await serveOut();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const r = await cdp.send('Runtime.getHeapUsage') as { usedSize: number };
      return Math.round(r.usedSize / 1e6);
    };
    const t0 = Date.now();
    await page.goto(`${server.url}/bench/page/?paused&flood=${num('flood', 3_599_000_000)}`);
    await page.waitForFunction(() => (window as unknown as W).__bench?.ready === true, null, { timeout: 600_000 });
    const info = await page.evaluate(() => {
      const b = (window as unknown as W).__bench; const tl = b.store.getState().timeline;
      return { recordMs: Math.round(b.recordMs), actions: tl.endSeq.length, events: tl.events.length, truncated: tl.truncated, virtualUs: tl.times[tl.times.length - 1] };
    });
    const samples: Array<[string, number]> = [['loaded', await heap()]];
    await page.evaluate(() => (window as unknown as W).__bench.startFlood(8));
    const playMs = num('play-ms', 20_000);
    for (let t = 0; t < playMs; t += playMs / 4) { await page.waitForTimeout(playMs / 4); samples.push([`playing ${Math.round((t + playMs / 4) / 1000)} s`, await heap()]); }
    const seeks = num('seeks', 300);
    for (let i = 0; i < seeks; i++) {
      await page.evaluate((x) => { const s = (window as unknown as W).__bench.store.getState(); s.pause(); s.seek(Math.floor(x * s.timeline.endSeq.length)); }, ((i * 7919) % 1000) / 1000);
      if (i % 100 === 99) samples.push([`${i + 1} random seeks`, await heap()]);
    }
    console.log(JSON.stringify({ ...info, loadMs: Date.now() - t0, heapMb: Object.fromEntries(samples) }));
  } finally {
    await browser.close();
    await server.stop();
  }
}
main().catch((e: unknown) => { console.error(e); process.exit(1); });
