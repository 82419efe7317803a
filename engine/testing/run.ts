/**
 * Run a generated scenario with every check the project promises, for property tests
 * and the fuzzer: invariants every few actions, then (once quiet) both ends agree,
 * streams delivered exactly, the policy held; optionally crash every guest at the end
 * and require that nothing was left behind.
 */
import { parseScenario } from '../scenario';
import { createSim, simStep } from '../sim/sim';
import { invariantChecker, checkQuiescent, checkPolicyHeld } from '../invariants';
import { grantsInUse } from '../gnttab';
import { portsInUse } from '../evtchn';
import { traceToJsonl } from '../core/trace';
import { queueSize } from '../core/queue';
import type { SimState } from '../sim/types';
import { checkCpu } from '../sim/cpu';

export interface CheckedRun { jsonl: string; problems: string[]; state: SimState }

export interface CheckOptions {
  /** Append a crash of every guest at this time, then check for leaks. */
  crashAllAt?: number;
  /** Check invariants after every `every` actions (and at the end). */
  every?: number;
  /** Extra checks at the end (transport-specific). */
  extra?: (st: SimState, crashedAll: boolean) => string[];
  /** Give up after this many actions. */
  maxActions?: number;
}

export function runChecked(raw: unknown, opts: CheckOptions = {}): CheckedRun {
  const every = opts.every ?? 7;
  const doc = structuredClone(raw) as { steps: unknown[]; domains: Array<{ id: number; role?: string }> };
  if (opts.crashAllAt !== undefined) {
    for (const d of doc.domains) if (d.role !== 'backend') doc.steps.push({ at: opts.crashAllAt, op: 'crash', dom: d.id });
  }
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(`generator made an invalid document: ${p.error}`);
  const st = createSim(p.doc);
  const problems: string[] = [];
  const check = invariantChecker();
  let n = 0;
  while (simStep(st)) {
    if (++n % every === 0 || queueSize(st.queue) === 0) {
      const v = [...check(st), ...checkCpu(st)];
      if (v.length) { problems.push(`t=${st.t}: ${v[0]}`); break; }
    }
    if (n > (opts.maxActions ?? 400_000)) { problems.push('run did not settle'); break; }
  }
  problems.push(...checkQuiescent(st), ...checkPolicyHeld(st.trace.events, st.doc));
  if (st.trace.events.some((e) => e.kind === 'error' && e.op === 'stream-order')) problems.push('stream bytes out of order');
  const crashed = opts.crashAllAt !== undefined;
  if (crashed) {
    for (const k in st.domains) {
      const d = st.domains[k]!;
      if (d.role === 'backend') continue;
      if (grantsInUse(st.gnttab, d.id) || portsInUse(st.evtchn, d.id)) problems.push(`domain ${d.id} leaked grants or ports`);
    }
    if (grantsInUse(st.gnttab, st.backend) !== 0) problems.push('backend leaked grants');
    // Under V4V, Xen keeps the backend's doorbell port for as long as the backend lives.
    const held = portsInUse(st.evtchn, st.backend) - (st.v4v?.doorbell?.[st.backend] !== undefined ? 1 : 0);
    if (held !== 0) problems.push(`backend leaked ${held} ports`);
  }
  if (opts.extra) problems.push(...opts.extra(st, crashed));
  return { jsonl: traceToJsonl(st.trace.events), problems, state: st };
}
