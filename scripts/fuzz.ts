/**
 * npm run fuzz — random operation sequences through the engine (fast-check, seeded).
 *   --seed N      base seed (default: from the clock; always printed)
 *   --runs M      number of scenarios (default 100,000)
 *   --workers W   processes (default: the number of cores, at most 4); worker k uses seed N+k
 *   --every K     check the invariants after every K-th action and once quiet (default 4;
 *                 1 = every action; a failure's counterexample is re-checked at every action)
 *   --path P      replay one counterexample path (printed on failure) with --seed and --workers 1
 * Each scenario is vsock + connection manager, vsock + xenstore broker, v4v or argo, with
 * 1 to 4 vCPUs per domain and sometimes cost overrides; one in three ends by crashing every
 * guest. Checked: checkInvariants and the CPU model's bounds (sim/cpu.ts checkCpu: busy
 * time at most vcpus x elapsed) after every K actions, then
 * checkQuiescent, checkPolicyHeld, streams exact and in order, no grant/port/ring/waiter
 * leaked after the crash; one in 16 runs twice and must give the same trace hash.
 * The same seed gives the same combined trace hash (printed at the end).
 * Exit 1 with the shrunk counterexample (JSON) and its seed on failure.
 */
import fc from 'fast-check';
import os from 'node:os';
import { fork } from 'node:child_process';
import { arbScenario } from '../engine/testing/arbitrary';
import { parseScenario } from '../engine/scenario';
import { createSim, simStep } from '../engine/sim/sim';
import { invariantChecker, checkQuiescent, checkPolicyHeld } from '../engine/invariants';
import { grantsInUse } from '../engine/gnttab';
import { portsInUse } from '../engine/evtchn';
import { traceToJsonl } from '../engine/core/trace';
import { queueSize } from '../engine/core/queue';
import { fnv1a64 } from '../engine/golden';
import type { SimState } from '../engine/sim/types';
import { checkCpu } from '../engine/sim/cpu';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seed = Number(arg('seed') ?? (Date.now() % 0x7fffffff));
const runs = Number(arg('runs') ?? 100_000);
const every = Math.max(1, Number(arg('every') ?? 4));
const path = arg('path');
const workers = path ? 1 : Math.max(1, Math.min(Number(arg('workers') ?? Math.min(4, os.cpus().length)), runs));
const isWorker = process.env.FUZZ_WORKER === '1';
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(runs) || runs < 1) {
  console.error('usage: npm run fuzz -- [--seed N] [--runs M] [--workers W] [--every K] [--path P]');
  process.exit(2);
}

type Doc = Record<string, unknown> & { steps: unknown[]; domains: Array<{ id: number; role?: string }> };
interface Case { doc: Doc; crashAll: boolean; twice: boolean }

/** v4v/argo variant of a random document, often with every guest streaming so rings fill up. */
function toV4v(doc: Record<string, unknown>, mode: string, ringBytes: number, pending: number, open: boolean, listenAll: boolean): Doc {
  const domains = doc['domains'] as Array<{ id: number; role?: string }>;
  const guests = domains.filter((d) => d.role !== 'backend').map((d) => d.id);
  const extra: unknown[] = [];
  if (listenAll) {
    for (const dom of guests) for (const port of [7, 80]) extra.push({ at: 0, op: 'listen', dom, port });
    guests.forEach((dom, i) => {
      for (const [k, peer] of [[0, guests[(i + 1) % guests.length]!], [1, guests[0]!]] as const) {
        if (peer === dom) continue;
        extra.push({ at: 10 + i, op: 'connect', dom, cid: peer, port: 80, as: `x${dom}_${k}` });
        extra.push({ at: 500 + 37 * i, op: 'send', conn: `x${dom}_${k}`, bytes: 2000 + 700 * i });
      }
    });
  }
  const policy = doc['policy'] as { default: string; allow: unknown[] };
  return {
    ...doc, transport: 'v4v', v4vMode: mode, broker: 'connection-manager',
    limits: { ...(doc['limits'] as object), v4vRingBytes: ringBytes, v4vPendingPerRing: pending },
    policy: { ...policy, default: open ? 'allow' : 'deny' },
    steps: [...extra, ...(doc['steps'] as unknown[])],
    domains,
  };
}

const arbCase: fc.Arbitrary<Case> = fc.tuple(
  arbScenario({ maxGuests: 4, maxSteps: 16, horizonUs: 10_000 }),
  fc.constantFrom('vsock', 'vsock', 'v4v', 'argo'),
  fc.constantFrom(256, 4096, 65536),
  fc.constantFrom(0, 1, 3),
  fc.boolean(), fc.boolean(),
  fc.nat(2), fc.nat(15),
).map(([raw, transport, ringBytes, pending, open, listenAll, crash, twice]) => ({
  doc: (transport === 'vsock' ? raw : toV4v(raw, transport, ringBytes, pending, open, listenAll)) as Doc,
  crashAll: crash === 0,
  twice: twice === 0,
}));

const CRASH_AT = 60_000;

/** Runs one case with every check; returns the problems (empty when all is well) and a trace hash. */
function runChecked(c: Case, k = every): { problems: string[]; hash: string; actions: number } {
  const doc = structuredClone(c.doc);
  if (c.crashAll) for (const d of doc.domains) if (d.role !== 'backend') doc.steps.push({ at: CRASH_AT, op: 'crash', dom: d.id });
  const p = parseScenario(doc);
  if (!p.ok) return { problems: [`generator made an invalid document: ${p.error}`], hash: '', actions: 0 };
  const st = createSim(p.doc);
  const problems: string[] = [];
  const check = invariantChecker();
  let n = 0;
  while (simStep(st)) {
    if (++n % k === 0 || queueSize(st.queue) === 0) {
      const v = [...check(st), ...checkCpu(st)];
      if (v.length) { problems.push(`t=${st.t} action ${n}: ${v[0]}`); break; }
    }
    if (n > 400_000) { problems.push('run did not settle in 400,000 actions'); break; }
  }
  problems.push(...checkQuiescent(st), ...checkPolicyHeld(st.trace.events, st.doc));
  if (st.trace.events.some((e) => e.kind === 'error' && e.op === 'stream-order')) problems.push('stream bytes out of order');
  if (st.stats.spuriousWakeups > st.stats.wakeups) problems.push(`${st.stats.spuriousWakeups} spurious wake-ups, ${st.stats.wakeups} wake-ups`);
  if (c.crashAll) problems.push(...leaks(st));
  const jsonl = traceToJsonl(st.trace.events);
  return { problems, hash: fnv1a64(jsonl), actions: n };
}

function leaks(st: SimState): string[] {
  const out: string[] = [];
  for (const k in st.domains) {
    const d = st.domains[k]!;
    if (d.role === 'backend') continue;
    if (grantsInUse(st.gnttab, d.id)) out.push(`domain ${d.id} leaked ${grantsInUse(st.gnttab, d.id)} grants`);
    if (portsInUse(st.evtchn, d.id)) out.push(`domain ${d.id} leaked ${portsInUse(st.evtchn, d.id)} ports`);
  }
  if (grantsInUse(st.gnttab, st.backend)) out.push(`backend leaked ${grantsInUse(st.gnttab, st.backend)} grants`);
  // Under V4V, Xen keeps the backend's doorbell port for as long as the backend lives.
  const held = portsInUse(st.evtchn, st.backend) - (st.v4v?.doorbell?.[st.backend] !== undefined ? 1 : 0);
  if (held) out.push(`backend leaked ${held} ports`);
  const rings = Object.values(st.v4v.rings).filter((r) => r.owner !== st.backend);
  if (rings.length) out.push(`v4v rings left behind: ${rings.map((r) => r.id).join(', ')}`);
  if (Object.keys(st.v4v.waits).length) out.push('v4v waiters left behind');
  return out;
}

interface WorkerResult { ok: boolean; runs: number; actions: number; hash: string; failure?: string }

/** One worker: `runs` cases from `wseed`; progress to the parent (or stdout). */
function work(wseed: number, wruns: number, report: (msg: object) => void): WorkerResult {
  let done = 0, actions = 0, combined = '';
  let lastReport = Date.now();
  const prop = fc.property(arbCase, (c) => {
    const r = runChecked(c);
    if (r.problems.length) throw new Error(r.problems.slice(0, 3).join('; '));
    if (c.twice) {
      const again = runChecked(c);
      if (again.hash !== r.hash) throw new Error(`not deterministic: trace hash ${r.hash} then ${again.hash}`);
    }
    done++; actions += r.actions;
    combined = fnv1a64(combined + r.hash);
    if (Date.now() - lastReport > 2000) { lastReport = Date.now(); report({ progress: done, actions }); }
  });
  const out = fc.check(prop, { seed: wseed, numRuns: wruns, ...(path ? { path, endOnFailure: true } : {}) });
  report({ progress: done, actions });
  if (!out.failed) return { ok: true, runs: done, actions, hash: combined };
  const ce = out.counterexample?.[0] as Case | undefined;
  const precise = ce ? runChecked(ce, 1).problems : [];
  const failure = [
    `FAILED after ${out.numRuns} runs (${out.numShrinks} shrinks), seed ${wseed}, path ${out.counterexamplePath}`,
    `error: ${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}`,
    `checked at every action: ${precise.join('; ') || '(no violation at every-action granularity)'}`,
    `counterexample (crashAll=${ce?.crashAll}, crash at ${CRASH_AT} µs):`,
    JSON.stringify(ce?.doc),
    `replay: npm run fuzz -- --seed ${wseed} --runs ${wruns} --workers 1 --every ${every} --path ${out.counterexamplePath}`,
  ].join('\n');
  return { ok: false, runs: out.numRuns, actions, hash: combined, failure }; // not counting shrink attempts
}

if (isWorker) {
  const r = work(seed, runs, (m) => process.send!(m));
  process.send!({ done: r }, () => process.exit(0));
} else {
  main();
}

function main() {
  console.log(`fuzz: ${runs.toLocaleString('en')} scenarios, seed ${seed}, ${workers} worker(s), invariants every ${every} action(s)`);
  const t0 = Date.now();
  const share = (k: number) => Math.floor(runs / workers) + (k < runs % workers ? 1 : 0);
  const progress = new Array<number>(workers).fill(0);
  const actions = new Array<number>(workers).fill(0);
  const results: Array<WorkerResult | undefined> = Array.from({ length: workers }, () => undefined);
  let lastLine = 0;
  const line = (force = false) => {
    if (!force && Date.now() - lastLine < 5000) return;
    lastLine = Date.now();
    const done = progress.reduce((a, b) => a + b, 0);
    const s = (Date.now() - t0) / 1000;
    console.log(`  ${done.toLocaleString('en')} / ${runs.toLocaleString('en')} runs, ${(done / s).toFixed(0)} runs/s, ${s.toFixed(0)} s`);
  };
  const finish = () => {
    if (results.some((r) => !r)) return;
    line(true);
    const s = (Date.now() - t0) / 1000;
    const all = results as WorkerResult[];
    const bad = all.filter((r) => !r.ok);
    const totalActions = all.reduce((a, r) => a + r.actions, 0);
    for (const r of bad) console.error(r.failure);
    const hash = fnv1a64(all.map((r) => r.hash).join(','));
    console.log(`fuzz: ${bad.length ? 'FAILED' : 'ok'}: ${all.reduce((a, r) => a + r.runs, 0).toLocaleString('en')} runs, ${totalActions.toLocaleString('en')} actions, 0 + ${bad.length} failing worker(s), ${s.toFixed(1)} s (${(runs / s).toFixed(0)} runs/s), seed ${seed}, combined trace hash ${hash}`);
    process.exit(bad.length ? 1 : 0);
  };
  if (workers === 1) {
    const r = work(seed, runs, (m) => { const x = m as { progress?: number }; if (x.progress !== undefined) { progress[0] = x.progress; line(); } });
    results[0] = r;
    finish();
    return;
  }
  for (let k = 0; k < workers; k++) {
    const child = fork(process.argv[1]!, ['--seed', String(seed + k), '--runs', String(share(k)), '--every', String(every)], {
      env: { ...process.env, FUZZ_WORKER: '1' }, execArgv: process.execArgv,
    });
    child.on('message', (m: { progress?: number; actions?: number; done?: WorkerResult }) => {
      if (m.progress !== undefined) { progress[k] = m.progress; actions[k] = m.actions ?? 0; line(); }
      if (m.done) { results[k] = m.done; finish(); }
    });
    child.on('exit', (code) => {
      if (!results[k]) { results[k] = { ok: false, runs: progress[k]!, actions: 0, hash: '', failure: `worker ${k} (seed ${seed + k}) exited with ${code}` }; finish(); }
    });
  }
}
