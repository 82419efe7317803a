/**
 * Deep dive (not part of npm run bench): CPU profile of /bench/page while the flood
 * plays, self time by function (with a snippet of the minified chunk around it).
 *   npx tsx bench/profile.ts [--speed 8] [--ms 4000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild, serveOut, launchChromium, OUT } from './serve';

const argv = process.argv.slice(2);
const num = (n: string, d: number) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? Number(argv[i + 1]) : d; };

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }

async function main() {
  await ensureBuild(console.error);
  const server = await serveOut();
  const browser = await launchChromium();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/bench/page/?paused&flood=${num('flood', 100)}`);
    await page.waitForFunction(() => (window as unknown as { __bench?: { ready: boolean } }).__bench?.ready === true, null, { timeout: 120_000 });
    const css = argv.indexOf('--css');
    if (css >= 0) await page.addStyleTag({ content: argv[css + 1]! });
    await page.evaluate((s) => (window as unknown as { __bench: { startFlood(s: number): void } }).__bench.startFlood(s), num('speed', 8));
    await page.waitForTimeout(1500);
    if (argv.includes('--trace')) {
      // Main-thread time by trace event name (devtools.timeline), over the window.
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      await page.waitForTimeout(num('ms', 4000));
      const buf = await browser.stopTracing();
      const evs = (JSON.parse(buf.toString()) as { traceEvents: Array<{ name: string; ph: string; dur?: number; tid: number; pid: number }> }).traceEvents;
      const main = evs.find((e) => e.name === 'FunctionCall' || e.name === 'Layout');
      const sum = new Map<string, number>();
      for (const e of evs) if (e.ph === 'X' && e.dur && main && e.tid === main.tid && e.pid === main.pid) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
      for (const [k, ms] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
      return;
    }
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(num('ms', 4000));
    const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((s, i) => {
      const n = byId.get(s)!;
      const f = n.callFrame;
      const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
      self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const snippet = (k: string) => {
      const m = / (\S+\.js):(\d+):(\d+)$/.exec(k);
      if (!m) return '';
      const file = fs.readdirSync(path.join(OUT, '_next/static/chunks')).find((x) => x === m[1]);
      if (!file) return '';
      const text = fs.readFileSync(path.join(OUT, '_next/static/chunks', file), 'utf8').split('\n')[Number(m[2])] ?? '';
      return text.slice(Number(m[3]), Number(m[3]) + 90).replace(/\s+/g, ' ');
    };
    for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, num('top', 30))) {
      console.log(`${(ms / total * 100).toFixed(1).padStart(5)}% ${ms.toFixed(0).padStart(6)} ms  ${k}  | ${snippet(k)}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
main().catch((e: unknown) => { console.error(e); process.exit(1); });
