/**
 * Engine memory for a long flood (not part of npm run bench): recordTimeline of web
 * flooding db for `floodUs` µs (default: an hour of virtual time; the engine stops at
 * its 2,000,000-action cap: ended false). Prints one JSON line. Run with GC exposed:
 *   node --expose-gc --max-old-space-size=8000 --import tsx bench/engine-memory.ts [floodUs]
 */
import { floodDoc } from './docs';
import { parseScenario, recordTimeline } from '../engine/index';
const gc = (globalThis as { gc?: () => void }).gc!;
for (const us of [Number(process.argv[2] ?? 3_599_000_000)]) {
  const p = parseScenario(floodDoc(us, true)); if (!p.ok) throw new Error(p.error);
  gc(); const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now(); const tl = recordTimeline(p.doc); const ms = performance.now() - t0;
  gc(); const mb = (process.memoryUsage().heapUsed - h0) / 1e6;
  console.log(JSON.stringify({ floodUs: us, recordMs: Math.round(ms), events: tl.events.length, actions: tl.endSeq.length, snapshots: tl.snapshots.length, heapMb: Math.round(mb), bytesPerAction: Math.round(mb * 1e6 / tl.endSeq.length), ended: tl.ended, truncated: tl.truncated }));
}
