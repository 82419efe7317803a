/**
 * npm run bench — engine figures, measured on this machine's one core (a benchmark, not
 * a test). Prints a table, then as its last line one JSON object with the figures.
 *   --quick   smaller sizes (for a smoke run)
 */
import { performance } from 'node:perf_hooks';
import { ringPair, putRequest, pushRequestsAndCheckNotify, takeRequest, putResponse, pushResponsesAndCheckNotify, takeResponse, unconsumedRequests, unconsumedResponses, finalCheckForRequests, finalCheckForResponses } from '../engine/ring/ioring';
import { parseScenario, type ScenarioDoc } from '../engine/scenario';
import { createSim, simRun } from '../engine/sim/sim';
import { buildReport } from '../engine/sim/report';
import { recordTimeline, stateAtAction } from '../engine/timeline';
import { setupDoc, floodDoc, connectsDoc } from './docs';

const quick = process.argv.includes('--quick');
const rows: Array<[string, string]> = [];
const figures: Record<string, number> = {};
const fig = (name: string, value: number, shown: string) => { figures[name] = value; rows.push([name, shown]); };
const round = (x: number, d = 0) => Number(x.toFixed(d));

/** The bench's own generated documents go past the format's size limits (10,000 guests). */
function parse(doc: unknown): ScenarioDoc {
  const p = parseScenario(doc, { unlimited: true });
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}

/** Best of `reps` runs of `fn`, in ms. */
function best(reps: number, fn: () => void): number {
  let b = Infinity;
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); fn(); b = Math.min(b, performance.now() - t0); }
  return b;
}

// 1. io/ring.h: request/response slots through one ring (front and back on one core).
{
  const n = quick ? 500_000 : 4_000_000;
  const { front, back } = ringPair<number>(4096, 8);
  const ms = best(3, () => {
    let done = 0;
    while (done < n) {
      let k = 0;
      while (k < 32 && done + k < n) { putRequest(front, k); k++; }
      pushRequestsAndCheckNotify(front);
      do { while (unconsumedRequests(back) > 0) putResponse(back, takeRequest(back) + 1); pushResponsesAndCheckNotify(back); } while (finalCheckForRequests(back));
      do { while (unconsumedResponses(front) > 0) { takeResponse(front); done++; } } while (finalCheckForResponses(front));
    }
  });
  fig('ringSlotsPerSec', round((2 * n) / (ms / 1000)), `${((2 * n) / (ms / 1000) / 1e6).toFixed(1)} M slots/s (requests + responses)`);
}

// 2. Stream bytes through one per-peer ring pair during a flood (whole engine, trace off).
{
  const doc = parse(floodDoc(quick ? 20_000 : 200_000));
  let bytes = 0, events = 0, hypercalls = 0;
  const ms = best(2, () => {
    const st = createSim(doc, { keepTrace: false });
    simRun(st);
    const r = buildReport(st);
    bytes = r.stats['bytesThroughRings']!; events = r.stats['events']!; hypercalls = r.stats['hypercalls']!;
  });
  fig('ringBytesPerSec', round(bytes / (ms / 1000)), `${(bytes / (ms / 1000) / 1e9).toFixed(2)} GB/s of simulated stream (${(bytes / 1e6).toFixed(0)} MB in ${ms.toFixed(0)} ms)`);
  fig('traceEventsPerSec', round(events / (ms / 1000)), `${(events / (ms / 1000) / 1e6).toFixed(2)} M events/s in a flood`);
  fig('floodHypercallsPerSec', round(hypercalls / (ms / 1000)), `${(hypercalls / (ms / 1000) / 1e6).toFixed(2)} M hypercalls/s in a flood`);
}

// 3. Brokered connection set-ups (CONNECT_req .. connected), new ring pair each.
{
  const n = quick ? 200 : 900;
  const doc = parse(connectsDoc(n));
  let connected = 0, hypercalls = 0;
  const ms = best(2, () => {
    const st = createSim(doc, { keepTrace: false });
    simRun(st);
    const r = buildReport(st);
    connected = r.connections.filter((c) => c.state === 'connected').length;
    hypercalls = r.stats['hypercalls']!;
  });
  if (connected !== n) throw new Error(`only ${connected} of ${n} connected`);
  fig('connectsPerSec', round(connected / (ms / 1000)), `${round(connected / (ms / 1000))} connections/s (each a new ring pair, 65 grants a side)`);
  fig('hypercallsPerSec', round(hypercalls / (ms / 1000)), `${(hypercalls / (ms / 1000) / 1e6).toFixed(2)} M hypercalls/s during set-ups`);
}

// 4. Set-up at scale: G guests with P peers each (links via xenbus, then rings via the broker).
function setup(guests: number, peers: number): { ms: number; heapMb: number } {
  const doc = parse(setupDoc(guests, peers));
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const st = createSim(doc, { keepTrace: false });
  simRun(st);
  const ms = performance.now() - t0;
  const r = buildReport(st);
  const rings = r.domains.reduce((s, d) => s + d.peers.length, 0) / 2;
  if (rings !== (guests * peers) / 2) throw new Error(`set-up ${guests}x${peers}: ${rings} ring pairs`);
  (globalThis as { gc?: () => void }).gc?.();
  // The heap plus typed-array buffers (the grant and port tables are Int32 columns outside the heap).
  const m = process.memoryUsage();
  const heapMb = (m.heapUsed + m.arrayBuffers) / 1e6;
  void st.t;
  return { ms, heapMb };
}
{
  const small = setup(100, 10);
  fig('setup100x10Ms', round(small.ms), `${small.ms.toFixed(0)} ms for 100 guests x 10 peers`);
  if (!quick) {
    const mid = setup(1000, 10);
    fig('setup1000x10Ms', round(mid.ms), `${mid.ms.toFixed(0)} ms for 1,000 guests x 10 peers`);
    const big = setup(1000, 100);
    fig('setup1000x100Ms', round(big.ms), `${big.ms.toFixed(0)} ms for 1,000 guests x 100 peers`);
    fig('memoryMb', round(big.heapMb), `${big.heapMb.toFixed(0)} MB heap and array buffers after the 1000x100 set-up`);
    const wide = setup(10_000, 10);
    fig('setup10000x10Ms', round(wide.ms), `${wide.ms.toFixed(0)} ms for 10,000 guests x 10 peers`);
    // Ten times the work two ways from 1000x10: ten times the peers, ten times the guests.
    const byPeers = big.ms / mid.ms, byGuests = wide.ms / mid.ms;
    fig('setupGrowthPeers', round(byPeers, 2), `${byPeers.toFixed(2)}x time for 10x the peers (1000x10 -> 1000x100)`);
    fig('setupGrowthGuests', round(byGuests, 2), `${byGuests.toFixed(2)}x time for 10x the guests (1000x10 -> 10000x10)`);
    fig('setupGrowth', round(Math.max(byPeers, byGuests), 2), `${Math.max(byPeers, byGuests).toFixed(2)}x: the worse of the two (goal <= 11)`);
  }
}

// 5. Seek: random moments of a long run, exact state via snapshot + bounded replay.
{
  const doc = parse(floodDoc(quick ? 5_000 : 270_000, true));
  const t0 = performance.now();
  const tl = recordTimeline(doc);
  const recMs = performance.now() - t0;
  const times: number[] = [];
  let x = 12345;
  for (let i = 0; i < (quick ? 20 : 100); i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const a = x % tl.endSeq.length;
    const s0 = performance.now();
    stateAtAction(tl, a);
    times.push(performance.now() - s0);
  }
  times.sort((p, q) => p - q);
  const p95 = times[Math.floor(times.length * 0.95)]!;
  fig('seekEvents', tl.events.length, `${tl.events.length} events recorded in ${recMs.toFixed(0)} ms`);
  fig('seekP95Ms', round(p95, 2), `${p95.toFixed(2)} ms p95 to seek to a random moment`);
}

const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log(JSON.stringify(figures));
