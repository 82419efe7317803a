/**
 * Random scenarios on the v4v transport (both modes, small and large rings, pending
 * caps): after every action every invariant holds (v4vCheck included); once quiet both
 * ends agree and every connected or closed stream delivered exactly what was sent, in
 * order, once; no client connects unless Xen's filter passed its SYN; a spurious
 * wake-up always follows a wake-up; crashing every guest leaves no ring, waiter or grant
 * behind; and the same document gives the same trace.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbScenario } from '../testing/arbitrary';
import { runChecked as run } from '../testing/run';
import { grantsInUse } from '../gnttab';
import type { SimState } from '../sim/types';

const RUNS = Number(process.env.FC_RUNS ?? 40);

/** Random documents on v4v, often with every guest listening and an open policy so streams really flow. */
const arbV4v = (horizonUs?: number) => fc.tuple(
  arbScenario(horizonUs === undefined ? {} : { horizonUs }),
  fc.constantFrom('v4v', 'argo'),
  fc.constantFrom(64, 256, 4096, 65536),
  fc.constantFrom(0, 0, 1, 3),
  fc.boolean(),
  fc.boolean(),
).map(([doc, v4vMode, v4vRingBytes, v4vPendingPerRing, open, listenAll]) => {
  const domains = doc['domains'] as Array<{ id: number; role?: string }>;
  const guests = domains.filter((d) => d.role !== 'backend').map((d) => d.id);
  const listens = listenAll ? guests.flatMap((dom) => [7, 80].map((port) => ({ at: 0, op: 'listen', dom, port }))) : [];
  // ... and every guest streams to the next one and to the first, so rings fill and waiters pile up.
  if (listenAll) {
    guests.forEach((dom, i) => {
      for (const [k, peer] of [[0, guests[(i + 1) % guests.length]!], [1, guests[0]!]] as const) {
        if (peer === dom) continue;
        listens.push({ at: 10 + i, op: 'connect', dom, cid: peer, port: 80, as: `x${dom}_${k}` } as never);
        listens.push({ at: 500 + 37 * i, op: 'send', conn: `x${dom}_${k}`, bytes: 70_000 + 1000 * i } as never);
      }
    });
  }
  const policy = doc['policy'] as { default: string; allow: unknown[] };
  return {
    ...doc, transport: 'v4v', v4vMode,
    limits: { ...(doc['limits'] as object), v4vRingBytes, v4vPendingPerRing },
    policy: { ...policy, default: open ? 'allow' : 'deny' },
    steps: [...listens, ...(doc['steps'] as unknown[])],
  };
});

/** v4v's own end checks: wake-up accounting, and nothing left in Xen once every guest is gone. */
function v4vExtra(st: SimState, crashedAll: boolean): string[] {
  const problems: string[] = [];
  if (st.stats.spuriousWakeups > st.stats.wakeups) problems.push(`${st.stats.spuriousWakeups} spurious wake-ups, ${st.stats.wakeups} wake-ups`);
  if (crashedAll) {
    const left = Object.values(st.v4v.rings).filter((r) => r.owner !== st.backend);
    if (left.length) problems.push(`rings left behind: ${left.map((r) => r.id).join(', ')}`);
    if (Object.keys(st.v4v.waits).length) problems.push('waiters left behind');
    for (const k in st.domains) if (grantsInUse(st.gnttab, Number(k))) problems.push(`domain ${k} holds grants on v4v`);
  }
  return problems;
}

function runChecked(raw: unknown, crashAllAt?: number) {
  return run(raw, { every: 5, extra: v4vExtra, ...(crashAllAt === undefined ? {} : { crashAllAt }) });
}

describe('random scenarios on v4v (fast-check)', () => {
  it('keep every invariant, deliver streams in order and once, and respect Xen\'s filter', () => {
    fc.assert(fc.property(arbV4v(), (doc) => {
      expect(runChecked(doc).problems).toEqual([]);
    }), { numRuns: RUNS });
  }, 600_000);

  it('leave no ring, waiter or grant behind once every guest is gone', () => {
    fc.assert(fc.property(arbV4v(10_000), (doc) => {
      expect(runChecked(doc, 50_000).problems).toEqual([]);
    }), { numRuns: Math.ceil(RUNS / 2) });
  }, 600_000);

  it('are deterministic', () => {
    fc.assert(fc.property(arbV4v(), (doc) => {
      expect(runChecked(doc).jsonl).toBe(runChecked(doc).jsonl);
    }), { numRuns: Math.ceil(RUNS / 4) });
  }, 600_000);
});
