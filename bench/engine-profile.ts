/**
 * Where an engine set-up spends its time (not part of npm run bench): one set-up of G
 * guests with P peers each (bench/docs.ts setupDoc, trace off), bundled as npm run bench
 * runs it, under the CPU profiler or the sampling allocation profiler. Prints the top
 * functions by self time (the garbage collector is one line of its own) or by bytes
 * allocated, plus the wall time, the actions and events, and the heap left after a GC.
 * --total ranks functions by time including what they call (each function once per sample).
 * --live samples only what is still reachable when the set-up ends (what the run keeps:
 * every scavenge copies it, and it ends in the old generation).
 * --lines ranks source lines of the bundle by self samples (bench/.out/engine-profile.mjs).
 *   npx tsx bench/engine-profile.ts [--guests 1000] [--peers 100] [--alloc | --live | --total | --lines] [--top 30]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const argv = process.argv.slice(2);
const num = (n: string, d: number) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? Number(argv[i + 1]) : d; };

interface Frame { functionName: string; url: string; lineNumber: number }
interface CpuNode { id: number; callFrame: Frame; children?: number[]; positionTicks?: Array<{ line: number; ticks: number }> }
interface HeapNode { callFrame: Frame; selfSize: number; children: HeapNode[] }

const where = (f: Frame) => `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();

function top(rows: Map<string, number>, total: number, unit: (v: number) => string, n: number): void {
  for (const [k, v] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${(v / total * 100).toFixed(1).padStart(5)}% ${unit(v).padStart(9)}  ${k}`);
  }
}

/** Runs in the bundled child: the set-up under a profiler, then the report. */
async function child(): Promise<void> {
  const { Session } = await import('node:inspector/promises');
  const { performance } = await import('node:perf_hooks');
  const { parseScenario } = await import('../engine/scenario');
  const { createSim, simRun } = await import('../engine/sim/sim');
  const { setupDoc } = await import('./docs');
  const guests = num('guests', 1000), peers = num('peers', 100), live = argv.includes('--live');
  const alloc = live || argv.includes('--alloc');
  const p = parseScenario(setupDoc(guests, peers), { unlimited: true });
  if (!p.ok) throw new Error(p.error);
  const s = new Session();
  s.connect();
  if (alloc) {
    await s.post('HeapProfiler.enable');
    await s.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: !live, includeObjectsCollectedByMinorGC: !live });
  } else {
    await s.post('Profiler.enable');
    await s.post('Profiler.setSamplingInterval', { interval: 500 });
    await s.post('Profiler.start');
  }
  const t0 = performance.now();
  const st = createSim(p.doc, { keepTrace: false });
  const actions = simRun(st);
  const ms = performance.now() - t0;
  const rows = new Map<string, number>();
  let total = 0;
  if (alloc) {
    if (live) (globalThis as { gc?: () => void }).gc?.();
    const { profile } = await s.post('HeapProfiler.stopSampling') as unknown as { profile: { head: HeapNode } };
    const walk = (n: HeapNode) => {
      if (n.selfSize) { total += n.selfSize; rows.set(where(n.callFrame), (rows.get(where(n.callFrame)) ?? 0) + n.selfSize); }
      n.children.forEach(walk);
    };
    walk(profile.head);
  } else {
    const { profile } = await s.post('Profiler.stop') as unknown as { profile: { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = argv.includes('--total');
    if (argv.includes('--lines')) {
      // Self samples per source line (the bundle's), counted in samples rather than time.
      for (const n of profile.nodes) {
        for (const p of n.positionTicks ?? []) {
          const k = `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${p.line}`;
          rows.set(k, (rows.get(k) ?? 0) + p.ticks); total += p.ticks;
        }
      }
      console.log(`${guests}x${peers}: ${ms.toFixed(0)} ms (profiled), ${total} samples on lines`);
      top(rows, total, (v) => `${v}`, num('top', 30));
      return;
    }
    profile.samples.forEach((id, i) => {
      const d = profile.timeDeltas[i] ?? 0;
      total += d;
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = inclusive ? parent.get(n) : undefined) {
        const k = where(byId.get(n)!.callFrame);
        if (!seen.has(k)) { seen.add(k); rows.set(k, (rows.get(k) ?? 0) + d); }
      }
    });
  }
  (globalThis as { gc?: () => void }).gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  console.log(`${guests}x${peers}: ${ms.toFixed(0)} ms (profiled), ${actions} actions, ${st.trace.nextSeq} events, ${heapMb.toFixed(0)} MB heap after`);
  if (alloc) top(rows, total, (v) => `${(v / 1e6).toFixed(1)} MB`, num('top', 30));
  else top(rows, total, (v) => `${(v / 1000).toFixed(0)} ms`, num('top', 30));
  if (alloc) console.log(`${(total / 1e6).toFixed(0)} MB ${live ? 'still reachable at the end' : 'allocated in all'} (sampled)`);
}

function parent(): void {
  const out = path.join(__dirname, '.out', 'engine-profile.mjs');
  const esbuild = path.join(__dirname, '..', 'node_modules', '.bin', 'esbuild');
  const b = spawnSync(esbuild, [__filename, '--bundle', '--platform=node', '--format=esm', `--outfile=${out}`, '--log-level=warning'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundle failed:\n${b.stderr}`);
  const r = spawnSync(process.execPath, ['--expose-gc', out, '--child', ...argv], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (argv.includes('--child')) child().catch((e: unknown) => { console.error(e); process.exit(1); });
else parent();
