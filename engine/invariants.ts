/**
 * Cross-mechanism invariants, checked after every event in tests and the fuzzer:
 * each mechanism's own checks, the transport's and broker's (MODULE_CHECKS), plus what
 * the design promises as a whole.
 */

const none = (): string[] => [];

/** Each module's invariants (one entry per module name: a new module must say what it checks). */
export const MODULE_CHECKS: { readonly [K in ModuleName]: (st: SimState) => string[] } = {
  vsock: vsockInvariants,
  cm: none,
  xsbroker: none,
  v4v: v4vCheck,
};
import { gnttabCheck, grantsInUse, foreignMappingsOf } from './gnttab';
import { evtchnCheck, portsInUse } from './evtchn';
import { xsCheck } from './xenstore';
import type { SimState } from './sim/types';
import { modulesOf, type ModuleName } from './sim/module';
import { vsockInvariants } from './vsock/check';
import { v4vCheck } from './v4v/check';
import type { ScenarioDoc } from './scenario';

/** Violations right now (empty when all is well). */
export function checkInvariants(st: SimState, opts: { xenstore?: boolean; streamOrderErrors?: number } = {}): string[] {
  const out: string[] = [];
  out.push(...gnttabCheck(st.gnttab).map((m) => `gnttab: ${m}`));
  out.push(...evtchnCheck(st.evtchn).map((m) => `evtchn: ${m}`));
  if (opts.xenstore !== false) out.push(...xsCheck(st.xs).map((m) => `xenstore: ${m}`));
  for (const m of modulesOf(st).used) out.push(...MODULE_CHECKS[m.name](st));
  for (const k in st.domains) {
    const d = st.domains[k]!;
    if (d.state === 'running') {
      if (grantsInUse(st.gnttab, d.id) > st.limits.grantEntries - 8) out.push(`domain ${d.id}: grants over capacity`);
      continue;
    }
    // A dead domain's granted pages linger only while others still map them (Xen keeps it dying).
    if (grantsInUse(st.gnttab, d.id) > 0 && foreignMappingsOf(st.gnttab, d.id) === 0) {
      out.push(`domain ${d.id} is ${d.state} but holds grants nobody maps`);
    }
    if (portsInUse(st.evtchn, d.id) > 0) out.push(`domain ${d.id} is ${d.state} but holds event-channel ports`);
  }
  const bad = opts.streamOrderErrors ?? (st.stats.errors > 0 ? countStreamOrder(st.trace.events, -1) : 0);
  if (bad > 0) out.push(`stream bytes out of order ${bad} times`);
  return out;
}

/**
 * A checker that walks the xenstore tree only when xenstore did something since its last
 * call (every xenstore change emits a `xenstore` event): the tree is the costly part and
 * most actions do not touch it.
 */
export function invariantChecker(): (st: SimState) => string[] {
  let xsSeen = -1;
  // Stream-order errors are counted over the events added since the last call: scanning the
  // whole trace at every call made a long run with any error quadratic (minutes for 100k events).
  let lastSeq = -1, streamOrder = 0;
  return (st) => {
    const xsNow = st.trace.counts['xenstore'] ?? 0;
    const events = st.trace.events;
    if (st.stats.errors > 0) streamOrder += countStreamOrder(events, lastSeq);
    if (events.length) lastSeq = events[events.length - 1]!.seq;
    const v = checkInvariants(st, { xenstore: xsNow !== xsSeen, streamOrderErrors: streamOrder });
    xsSeen = xsNow;
    return v;
  };
}

/** Stream-order errors among the events after sequence number `afterSeq` (newest first). */
function countStreamOrder(events: SimState['trace']['events'], afterSeq: number): number {
  let n = 0;
  for (let i = events.length - 1; i >= 0 && events[i]!.seq > afterSeq; i--) {
    const e = events[i]!;
    if (e.kind === 'error' && e.op === 'stream-order') n++;
  }
  return n;
}

/**
 * Once the run is quiet (nothing queued): both ends of every connection agree, and
 * every stream that is connected or closed delivered exactly what was sent.
 */
export function checkQuiescent(st: SimState): string[] {
  const out: string[] = [];
  // With the connection manager up, peers learn of every death and let go of its pages.
  if (st.domains[st.backend]?.state === 'running') {
    for (const k in st.domains) {
      const d = st.domains[k]!;
      if (d.state !== 'running' && grantsInUse(st.gnttab, d.id) > 0) out.push(`domain ${d.id} is ${d.state} and still pinned by peers`);
    }
  }
  for (const id in st.socks) {
    const c = st.socks[id]!;
    if (c.role !== 'client' || c.peerSock < 0) continue;
    const s = st.socks[c.peerSock];
    if (!s) continue;
    const live = (x: string) => x === 'connected' || x === 'connecting';
    if (live(c.state) !== live(s.state)) out.push(`connection ${c.name ?? c.id}: client ${c.state}, server ${s.state}`);
    if ((c.state === 'connected' || c.state === 'closed') && (s.state === 'connected' || s.state === 'closed')) {
      if (c.txOff !== s.rxOff) out.push(`connection ${c.name ?? c.id}: sent ${c.txOff}, received ${s.rxOff}`);
      if (s.txOff !== c.rxOff) out.push(`connection ${c.name ?? c.id}: server sent ${s.txOff}, client received ${c.rxOff}`);
    }
  }
  return out;
}

/**
 * A pair the policy denies never gets a connection through the broker. Checked from
 * the trace alone, whatever the broker: the policy is replayed from the document and
 * the toolstack's policy events, and judged at each connect request.
 */
export function checkPolicyHeld(events: SimState['trace']['events'], doc: ScenarioDoc): string[] {
  type Verdict = 'allow' | 'deny';
  const rules: Array<{ from: number; to: number; port?: number; verdict: Verdict }> =
    doc.policy.allow.map((r) => ({ ...r, verdict: 'allow' }));
  const verdictAt = (from: number, to: number, port: number): Verdict => {
    let v: Verdict = doc.policy.default;
    for (const r of rules) if (r.from === from && r.to === to && (r.port === undefined || r.port === port)) v = r.verdict;
    return v;
  };
  const verdict: Record<number, Verdict> = {};
  const out: string[] = [];
  for (const e of events) {
    if (e.kind === 'toolstack' && (e.op === 'policy-allow' || e.op === 'policy-deny')) {
      const { from, to, port } = e.detail;
      rules.push({ from, to, ...(port !== null ? { port } : {}), verdict: e.op === 'policy-allow' ? 'allow' : 'deny' });
    }
    if (e.kind === 'vsock' && e.op === 'connect') {
      verdict[e.detail.sock] = verdictAt(e.src as number, e.dst as number, e.detail.port);
    }
    // The connection manager judges when it handles the request: replay the policy then.
    if (e.kind === 'cm' && e.op === 'policy' && e.detail.sock >= 0) {
      verdict[e.detail.sock] = verdictAt(e.detail.from, e.detail.to, e.detail.port);
    }
    // With xenstore as the broker the listener judges when it reads the request node (the
    // ports node the toolstack keeps is read in the same step): replay the policy then.
    if (e.kind === 'xenstore' && e.op === 'XS_READ') {
      const m = /^\/vsock\/(\d+)\/(\d+)\/req-(\d+)$/.exec(e.detail.path);
      const port = m ? /(?:^| )port=(\d+)/.exec(e.detail.value ?? '') : null;
      if (m && port && e.src === Number(m[1])) verdict[Number(m[3])] = verdictAt(Number(m[2]), Number(m[1]), Number(port[1]));
    }
    // On v4v, Xen's filter (v4vtables, stateless) judges each SYN: what it said is what counts.
    if (e.kind === 'v4v' && e.op === 'v4vtables' && e.detail.sock >= 0) verdict[e.detail.sock] = e.detail.verdict;
    if (e.kind === 'vsock' && e.op === 'connected' && e.detail.role === 'client' && (e.detail.via === 'broker' || e.detail.via === 'v4v')) {
      const sock = e.detail.sock;
      if (e.src !== e.dst && verdict[sock] !== 'allow') out.push(`socket ${sock} connected at seq ${e.seq} although the policy denied it`);
    }
  }
  return out;
}
