/**
 * v4vtables: a send filter in the hypervisor that only a privileged domain may change.
 * Xen checks it on EVERY sendv (it has no notion of a connection), first matching rule
 * wins, new rules go to the head. The toolstack maps its policy onto it: `allow` C->D
 * [port P] becomes "accept C:* -> D:P" plus the reply direction "accept D:P -> C:*"
 * (a stateless filter must open the way back too); `deny` becomes the two matching
 * rejects. So, unlike the connection manager, a deny also silences live streams.
 * Argo has no v4vtables (it leaves this to XSM/FLASK); the model keeps the same filter
 * in both modes so the figures compare, and says so in the trace.
 */
import type { PolicyRule } from '../scenario';
import type { DetailOf } from '../core/trace';
import { emit } from '../sim/sys';
import type { SimState } from '../sim/types';
import { DOMID_ANY, ERRNO, errName, type TablesRule } from './types';
import type { SendArgs } from './hyper';

const ANY_PORT = -1;

function ruleDetail(r: TablesRule): DetailOf<'hypercall', 'V4VOP_tables_add'>['rule'] {
  return {
    accept: r.accept, srcDom: r.srcDom === DOMID_ANY ? '*' : r.srcDom, srcPort: r.srcPort === ANY_PORT ? '*' : r.srcPort,
    dstDom: r.dstDom === DOMID_ANY ? '*' : r.dstDom, dstPort: r.dstPort === ANY_PORT ? '*' : r.dstPort,
  };
}

/** V4VOP_tables_add from `caller`: -EPERM unless the caller is privileged. */
export function tablesAdd(st: SimState, caller: number, rule: TablesRule, why: string): number {
  const ret = st.domains[caller]?.privileged ? 0 : ERRNO.EPERM;
  if (ret === 0) st.v4v.rules.unshift(rule);
  emit(st, 'hypercall', 'V4VOP_tables_add', caller, 'xen', {
    rule: ruleDetail(rule), position: 0, why, ret, ...(ret < 0 ? { err: errName(ret) } : {}),
    ...(st.doc.v4vMode === 'argo' ? { model: 'Argo has no v4vtables: this stands for the toolstack changing the XSM policy' } : {}),
  });
  return ret;
}

/** The two v4vtables rules a toolstack policy rule becomes. */
export function rulesFor(rule: PolicyRule, accept: boolean): TablesRule[] {
  const port = rule.port ?? ANY_PORT;
  return [
    { accept, srcDom: rule.from, srcPort: ANY_PORT, dstDom: rule.to, dstPort: port },
    { accept, srcDom: rule.to, srcPort: port, dstDom: rule.from, dstPort: ANY_PORT },
  ];
}

/** The toolstack (privileged, in the backend domain) installs a policy rule. */
export function toolstackRule(st: SimState, rule: PolicyRule, verdict: 'allow' | 'deny'): void {
  for (const r of rulesFor(rule, verdict === 'allow')) tablesAdd(st, st.backend, r, `policy ${verdict} ${rule.from}->${rule.to}`);
}

/** At boot: the policy's default and its allow list become the table. */
export function tablesBoot(st: SimState): void {
  st.v4v.defaultAccept = st.doc.policy.default === 'allow';
  for (const r of st.doc.policy.allow) toolstackRule(st, r, 'allow');
}

function domMatch(rule: number, dom: number): boolean {
  return rule === DOMID_ANY || rule === dom;
}

function portMatch(rule: number, port: number): boolean {
  return rule === ANY_PORT || rule === port;
}

/** Verdict for one message. A domain talking to itself is not filtered. */
export function tablesVerdict(st: SimState, src: number, srcPort: number, dst: number, dstPort: number): boolean {
  if (src === dst) return true;
  for (const r of st.v4v.rules) {
    if (domMatch(r.srcDom, src) && domMatch(r.dstDom, dst) && portMatch(r.srcPort, srcPort) && portMatch(r.dstPort, dstPort)) return r.accept;
  }
  return st.v4v.defaultAccept;
}

/** The check sendv runs; a SYN's verdict is recorded for the policy invariant. */
export function tablesAllow(st: SimState, a: SendArgs): boolean {
  const ok = tablesVerdict(st, a.src.dom, a.src.port, a.dst.dom, a.dst.port);
  if (a.meta.op === 'SYN' && a.src.dom !== a.dst.dom) {
    emit(st, 'v4v', 'v4vtables', 'xen', 'xen', {
      sock: a.meta.from, from: a.src.dom, to: a.dst.dom, port: a.dst.port, verdict: ok ? 'allow' : 'deny',
    });
  }
  return ok;
}
