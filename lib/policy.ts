/**
 * The toolstack's policy as the page shows it (the view at the cursor): what it says for
 * a pair, the warning a connect that it will refuse deserves, and the refused connections
 * a later "allow" would now let through (a refused connection does not retry by itself).
 */
import type { SimView } from '@engine/api';

type ViewPolicy = SimView['policy'];

/**
 * The verdict for `from` → `to` on `port` (null: a port no rule names): the last
 * matching rule wins, as in the connection manager.
 */
export function verdictFor(policy: ViewPolicy, from: number, to: number, port: number | null): 'allow' | 'deny' {
  let verdict = policy.default;
  for (const r of policy.rules) {
    if (r.from === from && r.to === to && (r.port === null || r.port === port)) verdict = r.verdict;
  }
  return verdict;
}

const nameOf = (v: SimView, id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;

/** One line when the policy at the cursor refuses `from` → `to` on `port`; null when it allows it. */
export function connectWarning(v: SimView, from: number, to: number, port: number): string | null {
  if (verdictFor(v.policy, from, to, port) === 'allow') return null;
  return `The policy denies ${nameOf(v, from)} → ${nameOf(v, to)} on port ${port}: this connect will be refused.`;
}

/** A connection the policy refused that it would allow now. */
export interface Retry { name: string; dom: number; cid: number; port: number; line: string }

/**
 * Connections from `from` to `to` refused by the policy (`denied`) that the policy at
 * the cursor allows, unless the same guest has connected to the same port since (or is
 * connecting). Each one once per guest, peer and port.
 */
export function refusedNowAllowed(v: SimView, from: number, to: number): Retry[] {
  const out: Retry[] = [];
  const live = (s: SimView['sockets'][number]) => s.role === 'client' && s.dom === from && s.peerDom === to && s.state !== 'refused' && s.state !== 'reset' && s.state !== 'closed';
  for (const s of v.sockets) {
    if (s.role !== 'client' || s.state !== 'refused' || s.reason !== 'denied' || s.dom !== from || s.peerDom !== to) continue;
    if (verdictFor(v.policy, from, to, s.peerPort) !== 'allow') continue;
    if (v.sockets.some((o) => live(o) && o.peerPort === s.peerPort)) continue;
    if (out.some((r) => r.port === s.peerPort)) continue;
    out.push({
      name: s.name ?? `socket ${s.id}`, dom: from, cid: to, port: s.peerPort,
      line: `${nameOf(v, from)} → ${nameOf(v, to)} on port ${s.peerPort} was refused before this rule, and a refused connection does not try again by itself.`,
    });
  }
  return out;
}
