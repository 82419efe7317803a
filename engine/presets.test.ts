/**
 * Every preset runs with the outcome the design discussion claims, keeps every
 * invariant, and reproduces its golden trace hash.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PRESETS } from '../scenarios';
import { parseScenario, runScenario, type RunResult } from './index';
import { checkInvariants, checkQuiescent, checkPolicyHeld } from './invariants';
import { runHash, hashOf, goldenOf, digestFile, GOLDEN_FILE, type GoldenFile } from './golden';
import { digestDiff } from './testing/digest';

const runs = new Map<string, RunResult>();
function run(id: string): RunResult {
  let r = runs.get(id);
  if (!r) {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) throw new Error(`no preset ${id}`);
    const p = parseScenario(preset.doc);
    if (!p.ok) throw new Error(p.error);
    r = runScenario(p.doc);
    runs.set(id, r);
  }
  return r;
}
const conn = (id: string, name: string) => run(id).report.connections.find((c) => c.name === name)!;
const domain = (id: string, dom: number) => run(id).report.domains.find((d) => d.id === dom)!;

describe('presets: outcomes the design claims', () => {
  it('allowed connection: connected through the broker, bytes delivered both ways, direct ring', () => {
    const q = conn('allowed-connection', 'q');
    expect([q.state, q.reason, q.via]).toEqual(['connected', null, 'broker']);
    expect([q.bytesSent, q.bytesReceived, q.bytesSentServer, q.bytesReceivedClient]).toEqual([8192, 8192, 1024, 1024]);
    expect(domain('allowed-connection', 1).peers).toEqual([2]);
    const ops = run('allowed-connection').trace.filter((e) => e.kind === 'cm').map((e) => e.op);
    expect(ops).toEqual(['CONNECT_req', 'policy', 'CONNECT_ind', 'CONNECT_ack', 'CONNECT_rsp']);
    // After set-up, data does not pass through the backend domain.
    const ringEvents = run('allowed-connection').trace.filter((e) => e.kind === 'ring' && (e.op === 'write' || e.op === 'read'));
    expect(ringEvents.length).toBeGreaterThan(0);
    expect(ringEvents.every((e) => e.src !== 0 && e.dst !== 0)).toBe(true);
  });

  it('denied by default: refused with "denied", no ring, db never hears of it', () => {
    const q = conn('denied-by-default', 'q');
    expect([q.state, q.reason]).toEqual(['refused', 'denied']);
    expect(run('denied-by-default').trace.some((e) => e.op === 'CONNECT_ind')).toBe(false);
    expect(domain('denied-by-default', 1).peers).toEqual([]);
    expect(domain('denied-by-default', 1).grantsInUse).toBe(2); // only the link's two ring pages
  });

  it('policy changed while running: refused, then connected, live connection survives a deny', () => {
    expect([conn('policy-changed', 'first').state, conn('policy-changed', 'first').reason]).toEqual(['refused', 'denied']);
    const second = conn('policy-changed', 'second');
    expect(second.state).toBe('connected');
    expect(second.bytesReceived).toBe(16384 + 4096);
    expect([conn('policy-changed', 'third').state, conn('policy-changed', 'third').reason]).toEqual(['refused', 'denied']);
  });

  it('no listener: refused with "no-listener", and the offered ring is taken down', () => {
    expect([conn('no-listener', 'q').state, conn('no-listener', 'q').reason]).toEqual(['refused', 'no-listener']);
    expect(domain('no-listener', 1).grantsInUse).toBe(2);
    expect(domain('no-listener', 2).grantsInUse).toBe(2);
  });

  it('special CIDs: 0x7FF0 reaches the caller itself, 0x7FF1 the backend', () => {
    const self = conn('special-cids', 'self');
    expect([self.state, self.server.cid]).toEqual(['connected', 1]);
    const be = conn('special-cids', 'backend');
    expect([be.state, be.server.cid, be.bytesReceived]).toEqual(['connected', 0, 4096]);
  });

  it('two connections to one peer share one ring pair', () => {
    expect(conn('shared-ring', 'sql').bytesReceived).toBe(20000);
    expect(conn('shared-ring', 'metrics').bytesReceived).toBe(3000);
    expect(run('shared-ring').trace.filter((e) => e.kind === 'ring' && e.op === 'connected')).toHaveLength(1);
    const reqs = run('shared-ring').trace.filter((e) => e.op === 'CONNECT_req');
    expect(reqs.map((e) => e.detail.grefs?.length)).toEqual([65, 0]);
    expect(domain('shared-ring', 1).grantsInUse).toBe(2 + 65);
  });

  it('flood: the flooder waits on its full ring; cache is slowed, never blocked (engine/sim/cpu-presets.test.ts)', () => {
    const r = run('flood-isolation');
    expect(r.trace.filter((e) => e.op === 'ring-full' && e.src === 1).length).toBeGreaterThan(50);
    expect(conn('flood-isolation', 'steady').bytesReceived).toBe(1048576);
    const flood = conn('flood-isolation', 'flood');
    expect(flood.bytesReceived).toBe(flood.bytesSent);
  });

  it('shed the flooder: its connections reset with ring-shutdown, the friend is untouched, retry denied', () => {
    const hostile = conn('shed-flooder', 'hostile');
    expect([hostile.state, hostile.reason]).toEqual(['reset', 'ring-shutdown']);
    const friend = conn('shed-flooder', 'friend');
    expect(friend.state).toBe('connected');
    expect(friend.bytesReceived).toBe(2097152 + 65536);
    expect([conn('shed-flooder', 'retry').state, conn('shed-flooder', 'retry').reason]).toEqual(['refused', 'denied']);
    expect(domain('shed-flooder', 2).peers).toEqual([3]);
  });

  it('connect flood: every hostile request is denied, the legitimate set-up is slower but succeeds', () => {
    const r = run('connect-flood');
    const legit = conn('connect-flood', 'legit');
    expect(legit.state).toBe('connected');
    const quiet = structuredClone(PRESETS.find((p) => p.id === 'connect-flood')!.doc) as { steps: Array<{ op: string }> };
    quiet.steps = quiet.steps.filter((st) => st.op !== 'flood');
    const q = parseScenario(quiet);
    if (!q.ok) throw new Error(q.error);
    const alone = runScenario(q.doc).report.connections.find((c) => c.name === 'legit')!;
    expect(legit.setupUs!).toBeGreaterThan(10 * alone.setupUs!);
    const verdicts = r.trace.flatMap((e) => (e.kind === 'cm' && e.op === 'policy' && e.detail.from === 3 ? [e.detail.verdict] : []));
    expect(verdicts.length).toBeGreaterThan(100);
    expect(new Set(verdicts)).toEqual(new Set(['deny']));
    expect(r.trace.some((e) => e.op === 'CONNECT_ind' && e.detail.from === 3)).toBe(false);
  });

  it('grant exhaustion with a small table: the third peer fails with grant-exhausted', () => {
    expect(['a', 'b'].map((n) => conn('grant-exhaustion-override', n).state)).toEqual(['connected', 'connected']);
    const c = conn('grant-exhaustion-override', 'c');
    expect([c.state, c.reason]).toEqual(['refused', 'grant-exhausted']);
  });

  it('grant exhaustion with the real default table: about 250 peers fit, the rest fail', () => {
    const cs = run('grant-exhaustion-default').report.connections;
    const ok = cs.filter((c) => c.state === 'connected').length;
    // (16384 - 8 reserved - 2 link pages) / 65 per peer = 251
    expect(ok).toBe(251);
    expect(cs.filter((c) => c.reason === 'grant-exhausted')).toHaveLength(cs.length - 251);
    expect(domain('grant-exhaustion-default', 1).grantsInUse).toBe(2 + 251 * 65);
  });

  it('migration resets every connection with "migrated"; the app reconnects after the downtime', () => {
    for (const n of ['sql', 'kv']) expect([conn('migrate-reconnect', n).state, conn('migrate-reconnect', n).reason]).toEqual(['reset', 'migrated']);
    const again = conn('migrate-reconnect', 'sql-again');
    expect([again.state, again.bytesReceived]).toEqual(['connected', 32768]);
    const web = domain('migrate-reconnect', 1);
    expect(web.xenDomid).not.toBe(1);
    expect(domain('migrate-reconnect', 3).peers).toEqual([]);
  });

  it('peer crash: the survivor sees peer-crashed and holds only its link grants', () => {
    const q = conn('peer-crash', 'q');
    expect([q.state, q.reason]).toEqual(['reset', 'peer-crashed']);
    expect(domain('peer-crash', 2).state).toBe('crashed');
    expect(domain('peer-crash', 1).grantsInUse).toBe(2);
    expect(domain('peer-crash', 1).peers).toEqual([]);
  });
});

describe('presets: the alternatives', () => {
  it('co-operating guests bypass the broker when XSM is off', () => {
    expect([conn('bypass-without-xsm', 'brokered').state, conn('bypass-without-xsm', 'brokered').reason]).toEqual(['refused', 'denied']);
    const d = conn('bypass-without-xsm', 'direct');
    expect([d.state, d.via, d.bytesReceived]).toEqual(['connected', 'bypass', 65536]);
    // The connection manager never saw the bypass.
    const cm = run('bypass-without-xsm').trace.filter((e) => e.kind === 'cm' && e.t >= 1000);
    expect(cm).toEqual([]);
  });

  it('XSM refuses the grant map and the interdomain bind of a denied pair, with the real codes', () => {
    const d = conn('bypass-with-xsm', 'direct');
    expect([d.state, d.reason]).toEqual(['refused', 'xsm-denied']);
    const tr = run('bypass-with-xsm').trace;
    expect(tr.some((e) => e.op === 'GNTTABOP_map_grant_ref' && e.detail.statusName === 'GNTST_permission_denied')).toBe(true);
    expect(tr.some((e) => e.op === 'EVTCHNOP_bind_interdomain' && e.detail.rc === -1)).toBe(true);
    const ok = conn('bypass-with-xsm', 'allowed');
    expect([ok.state, ok.bytesReceived]).toEqual(['connected', 65536]);
  });

  it('xenstore broker preset: permission refusal, then allowed after the toolstack changes the node', () => {
    expect(conn('xenstore-broker', 'allowed').state).toBe('connected');
    expect([conn('xenstore-broker', 'denied').state, conn('xenstore-broker', 'denied').reason]).toEqual(['refused', 'denied']);
    expect(conn('xenstore-broker', 'retry').state).toBe('connected');
    expect(run('xenstore-broker').report.stats['cmMessages']).toBe(0);
  });
});

describe('presets: invariants and determinism', () => {
  for (const p of PRESETS) {
    it(`${p.id}: invariants hold at the end, both ends agree, policy held`, () => {
      const r = run(p.id);
      expect(checkInvariants(r.state)).toEqual([]);
      expect(checkQuiescent(r.state)).toEqual([]);
      expect(checkPolicyHeld(r.trace, r.state.doc)).toEqual([]);
      expect(r.report.stats.errors).toBe(0);
    });
  }

  it('golden trace hashes: same seed, same hash, and equal to the reviewed golden', () => {
    const golden: GoldenFile = JSON.parse(fs.readFileSync(path.join(__dirname, '..', GOLDEN_FILE), 'utf8'));
    expect(Object.keys(golden).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    for (const p of PRESETS) {
      const h1 = hashOf(run(p.id));
      // A second, fresh run (the big one only once: it takes seconds).
      if (p.id !== 'grant-exhaustion-default') expect(runHash(p.doc)).toBe(h1);
      expect(h1, `${p.id}: run "npm run golden -- --why ..." if this change is deliberate`).toBe(golden[p.id]!.hash);
    }
  });

  it('golden digests: every checked-in digest equals the digest of a fresh run', () => {
    const dir = path.join(__dirname, '..');
    const ids = new Set(PRESETS.map((p) => p.id));
    const stale = fs.readdirSync(path.join(dir, 'scenarios/golden'))
      .filter((f) => f.endsWith('.digest.txt') && !ids.has(f.slice(0, -'.digest.txt'.length)));
    expect(stale, 'digests of presets that no longer exist').toEqual([]);
    const problems: string[] = [];
    for (const p of PRESETS) {
      const file = path.join(dir, digestFile(p.id));
      const fresh = goldenOf(p.id, run(p.id)).digest;
      const want = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const diff = digestDiff(want, fresh);
      if (diff) problems.push(`${digestFile(p.id)}: ${diff}`);
    }
    expect(problems.join('\n\n'), 'run "npm run golden -- --why ..." if this change is deliberate').toBe('');
  });
});
