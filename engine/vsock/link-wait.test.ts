/**
 * Connections made before the guest's link to the broker is up: they wait for it and
 * spend nothing on a peer meanwhile; a link that cannot come up refuses them at once.
 */
import { describe, it, expect } from 'vitest';
import { sim } from '../testing/testsim';

const LINK = 2; // the link's two ring pages
const RING4 = 5; // ringPages 4: 4 ring pages + 1 header page per side
const PEERS = 60;

/** A hub (1) connecting to 60 listening peers at `t`; 48 grant entries (40 usable), 4 ring pages. */
function hub(t: number) {
  const s = sim().limits({ grantEntries: 48, ringPages: 4 }).policyDefault('allow').domain(1, 'hub');
  for (let d = 2; d <= PEERS + 1; d++) s.domain(d, `p${d}`);
  for (let d = 2; d <= PEERS + 1; d++) s.listen(d, 80);
  s.at(t);
  for (let d = 2; d <= PEERS + 1; d++) s.connect(1, d, 80, `c${d}`);
  return s.run(10_000);
}

/** "connected" / "refused grant-exhausted" ... with how many connections ended so. */
function outcomes(s: ReturnType<typeof sim>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of s.report().connections) {
    const k = c.reason ? `${c.state} ${c.reason}` : c.state;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('connecting before the link is up (issue #13, point 3)', () => {
  it('a hub connecting to 60 peers right after boot gets the same outcome as 5 ms later: 7 connect, 53 grant-exhausted', () => {
    for (const t of [0, 5000]) {
      const s = hub(t).expectLink(1, 'Connected')
        .expectNoTrace('error', 'xenbus-frontend')
        .expectNoTrace('vsock', 'reset')
        .expectGrantsInUse(1, LINK + 7 * RING4).expectEventChannels(1, 1 + 7);
      expect(outcomes(s)).toEqual({ connected: 7, 'refused grant-exhausted': 53 });
      // Everything is settled well before the 2 s connect timeout.
      for (const c of s.report().connections) expect(c.state).not.toBe('connecting');
    }
  });

  it('no grant for a peer before the link has its own two, and the waiting connections are named in the trace', () => {
    const s = hub(0);
    const grants = s.events('gnttab', 'grant_foreign_access', { src: 1 });
    const firstPeer = grants.findIndex((e) => e.dst !== 0);
    expect(grants.slice(0, firstPeer).map((e) => e.dst)).toEqual([0, 0]);
    s.expectTrace('vsock', 'waiting-for-link', { src: 1 }, PEERS);
    s.expectOrder({ kind: 'xenbus', op: 'state', src: 1, name: 'Connected' }, { kind: 'ring', op: 'offer', src: 1 });
  });

  it('a link that cannot get its grants refuses its waiting connections at once, with the reason, and gives back what it got', () => {
    // 9 entries, 8 reserved: the link's first page is granted, the second is not.
    const s = sim().limits({ grantEntries: 9 }).policyDefault('allow').domain(1, 'web').domain(2, 'db').listen(2, 80)
      .connect(1, 2, 80, 'early').run(1000)
      .expectTrace('error', 'xenbus-frontend', { src: 1 }, 1)
      .expectConn('early', 'refused', 'grant-exhausted')
      .expectGrantsInUse(1, 0).expectEventChannels(1, 0);
    const err = s.events('error', 'xenbus-frontend', { src: 1 })[0]!;
    expect(s.events('vsock', 'refused', { src: 1 })[0]!.t).toBe(err.t);
    // A later connect on the dead link is refused at once too.
    s.connect(1, 2, 80, 'late').run(1).expectConn('late', 'refused', 'grant-exhausted');
  });
});
