/**
 * Lighthouse (12.2.3, its mobile preset: a mid-range phone, simulated slow 4G and 4x CPU
 * slowdown) on /, /embed/ and /bench/bare/, in the system Chromium. Performance and
 * accessibility scores (0-100) and the largest contentful paint. Runs the CLI in a child
 * process per page, one after the other.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The CLI of the pinned lighthouse devDependency. */
const CLI = path.join(path.dirname(require.resolve('lighthouse/package.json')), 'cli', 'index.js');
const CHROME = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface LighthouseResult { perf: number; a11y: number | null; lcpMs: number; tbtMs: number; cls: number; fcpMs: number }

interface Lhr {
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { numericValue?: number } | undefined>;
  runtimeError?: { message: string };
}

/** One Lighthouse run of `url` (mobile); throws with Lighthouse's own message when it fails. */
export function lighthouse(url: string, categories = ['performance', 'accessibility']): LighthouseResult {
  if (!fs.existsSync(CLI)) throw new Error('lighthouse is not installed (npm install)');
  const r = spawnSync(process.execPath, [CLI, url, '--quiet', '--output=json', '--output-path=stdout',
    `--only-categories=${categories.join(',')}`, '--max-wait-for-load=60000',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run'],
  { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CHROME_PATH: CHROME } });
  if (r.status !== 0) throw new Error(`lighthouse ${url} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const lhr = JSON.parse(r.stdout) as Lhr;
  if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.message}`);
  const score = (c: string) => { const s = lhr.categories[c]?.score; return typeof s === 'number' ? Math.round(s * 100) : null; };
  const num = (a: string) => Math.round(lhr.audits[a]?.numericValue ?? NaN);
  return {
    perf: score('performance') ?? 0, a11y: score('accessibility'), lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'), cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)), fcpMs: num('first-contentful-paint'),
  };
}

const median = (xs: number[]): number => { const a = [...xs].sort((x, y) => x - y); return a[Math.floor((a.length - 1) / 2)]!; };

/**
 * The bench figures for / and /embed/, and the bare page's performance as the yardstick:
 * `runs` rounds, each running the three pages one after the other (so a busy spell of the
 * machine hits all three alike), and the median of each page's scores.
 */
export function lighthouseBench(base: string, fig: (k: string, v: number | null, shown: string) => void, log: (s: string) => void, runs = 3): void {
  const pages = [['', '/'], ['embed/', '/embed/'], ['bench/bare/', '/bench/bare/']] as const;
  const got = new Map<string, LighthouseResult[]>(pages.map(([r]) => [r, []]));
  for (let i = 0; i < runs; i++) {
    for (const [route, name] of pages) {
      log(`lighthouse (mobile) ${name} (round ${i + 1} of ${runs})…`);
      got.get(route)!.push(lighthouse(`${base}/${route}`, route === 'bench/bare/' ? ['performance'] : undefined));
    }
  }
  const med = (route: string, k: keyof LighthouseResult) => median(got.get(route)!.map((r) => Number(r[k] ?? NaN)));
  const spread = (route: string) => got.get(route)!.map((r) => r.perf).join(', ');
  for (const [route, name] of pages.slice(0, 2)) {
    const k = route ? 'Embed' : '';
    const detail = `median of ${runs}: ${spread(route)}; LCP ${med(route, 'lcpMs')} ms, FCP ${med(route, 'fcpMs')} ms, TBT ${med(route, 'tbtMs')} ms`;
    fig(`lighthouseMobilePerf${k}`, med(route, 'perf'), `${name} : Lighthouse mobile performance ${med(route, 'perf')} (goal >= 90, or within 3 of the bare page; ${detail})`);
    fig(`lighthouseA11y${k}`, med(route, 'a11y'), `${name} : Lighthouse accessibility ${med(route, 'a11y')}`);
    fig(`lcpMobileMs${k}`, med(route, 'lcpMs'), `${name} : ${med(route, 'lcpMs')} ms largest contentful paint, mobile (median)`);
  }
  const b = 'bench/bare/';
  fig('lighthouseMobilePerfBare', med(b, 'perf'), `/bench/bare/ : Lighthouse mobile performance ${med(b, 'perf')} (bare React Flow; median of ${runs}: ${spread(b)}; LCP ${med(b, 'lcpMs')} ms, TBT ${med(b, 'tbtMs')} ms)`);
}
