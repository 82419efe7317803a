import { describe, expect, it } from 'vitest';
import type { SimView } from '@engine/api';
import { connectWarning, refusedNowAllowed, verdictFor } from './policy';

type Sock = SimView['sockets'][number];
const sock = (o: Partial<Sock>): Sock => ({
  id: 1, dom: 1, port: 40000, role: 'client', state: 'refused', reason: 'denied', tableOf: null, name: 'q', peerDom: 2, peerPort: 5432, peerSock: -1,
  via: 'broker', ring: null, sent: 0, received: 0, pending: 0, flooding: false, ...o,
});
const view = (rules: SimView['policy']['rules'], sockets: Sock[] = [], dflt: 'allow' | 'deny' = 'deny') => ({
  domains: [{ id: 0, name: 'dom0' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }],
  policy: { default: dflt, rules },
  sockets,
}) as unknown as SimView;

describe('the policy as the page shows it', () => {
  it('the last matching rule wins; a port rule covers only its port', () => {
    const p = view([{ from: 1, to: 2, port: null, verdict: 'allow' }, { from: 1, to: 2, port: 22, verdict: 'deny' }]).policy;
    expect(verdictFor(p, 1, 2, 5432)).toBe('allow');
    expect(verdictFor(p, 1, 2, 22)).toBe('deny');
    expect(verdictFor(p, 2, 1, 5432)).toBe('deny'); // the default
    expect(verdictFor(view([], [], 'allow').policy, 2, 1, 5)).toBe('allow');
  });

  it('warns before a connect the policy will refuse, by name and port', () => {
    expect(connectWarning(view([]), 1, 2, 5432)).toBe('The policy denies web → db on port 5432: this connect will be refused.');
    expect(connectWarning(view([{ from: 1, to: 2, port: 5432, verdict: 'allow' }]), 1, 2, 5432)).toBeNull();
    expect(connectWarning(view([{ from: 1, to: 2, port: 5432, verdict: 'allow' }]), 1, 2, 80)).toMatch(/on port 80/);
  });

  it('finds a denied connection the policy now allows, once, until the guest connects again', () => {
    const allowed = [{ from: 1, to: 2, port: 5432, verdict: 'allow' as const }];
    expect(refusedNowAllowed(view([], [sock({})]), 1, 2)).toEqual([]); // still denied
    const r = refusedNowAllowed(view(allowed, [sock({}), sock({ id: 2, name: 'q2' })]), 1, 2);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ name: 'q', dom: 1, cid: 2, port: 5432 });
    expect(r[0]!.line).toBe('web → db on port 5432 was refused before this rule, and a refused connection does not try again by itself.');
    // not for another pair, not for another reason, not once it connected again
    expect(refusedNowAllowed(view(allowed, [sock({})]), 2, 1)).toEqual([]);
    expect(refusedNowAllowed(view(allowed, [sock({ reason: 'no-listener' })]), 1, 2)).toEqual([]);
    expect(refusedNowAllowed(view(allowed, [sock({}), sock({ id: 3, state: 'connected', reason: null, name: 'c1' })]), 1, 2)).toEqual([]);
    // a rule for another port does not let this one through
    expect(refusedNowAllowed(view([{ from: 1, to: 2, port: 80, verdict: 'allow' }], [sock({})]), 1, 2)).toEqual([]);
  });
});
