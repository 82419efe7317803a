import { describe, it, expect } from 'vitest';
import { sim, type TestSim } from '../testing/testsim';
import { DEFAULT_COSTS } from '../core/costs';

const MiB = 1 << 20;

/** web (1) and cache (3) both stream to db (2) from t=2000; db has `dbVcpus`. */
function twoWriters(dbVcpus?: number, costs?: Record<string, number>): TestSim {
  let s = sim(3).domain(1, 'web').domain(2, 'db', dbVcpus).domain(3, 'cache').allow(1, 2).allow(3, 2);
  if (costs) s = s.costs(costs);
  return s.listen(2, 5432).at(100).connect(1, 2, 5432, 'a').connect(3, 2, 5432, 'b')
    .at(2000).send('a', 8 * MiB).send('b', 8 * MiB);
}

/** Bytes db received on each connection over `us` µs from t=2000. */
function received(s: TestSim, us: number): [number, number] {
  s.at(2000 + us);
  return [s.conn('a').bytesReceived, s.conn('b').bytesReceived];
}

describe('a CPU per domain', () => {
  it('two rings on one reader vCPU share its time: about half the rate each', () => {
    const [a, b] = received(twoWriters(), 2000);
    const full = 2000 * DEFAULT_COSTS.rxBytesPerUs;
    // Each ring gets close to half of what one reader vCPU drains (minus upcalls and notifies).
    for (const x of [a, b]) {
      expect(x).toBeGreaterThan(0.4 * full);
      expect(x).toBeLessThan(0.55 * full);
    }
    expect(Math.abs(a - b)).toBeLessThanOrEqual(2 * DEFAULT_COSTS.rxBatch);
  });

  it('a second vCPU gives each ring the full rate', () => {
    const [a, b] = received(twoWriters(2), 2000);
    const full = 2000 * DEFAULT_COSTS.rxBytesPerUs;
    for (const x of [a, b]) expect(x).toBeGreaterThan(0.9 * full);
  });

  it('a cost override changes the timing: a reader twice as fast drains twice as much', () => {
    const [a1] = received(twoWriters(), 1000);
    const [a2] = received(twoWriters(undefined, { rxBytesPerUs: 2 * DEFAULT_COSTS.rxBytesPerUs }), 1000);
    expect(a2 / a1).toBeGreaterThan(1.8);
    expect(a2 / a1).toBeLessThan(2.2);
  });

  it('reports each domain\'s vcpus and busy time, within vcpus x elapsed', () => {
    const s = twoWriters(2);
    s.at(4000);
    const db = s.dom(2);
    expect(db.vcpus).toBe(2);
    expect(s.dom(1).vcpus).toBe(1);
    // db read both rings flat out for 2 ms on two vCPUs.
    expect(db.cpuBusyUs).toBeGreaterThan(3000);
    for (const d of s.report().domains) expect(d.cpuBusyUs).toBeLessThanOrEqual(d.vcpus * s.now());
  });

  it('the connection manager and xenstored are charged to the backend', () => {
    const s = twoWriters().settle();
    const dom0 = s.dom(0);
    expect(dom0.cpuBusyUs).toBeGreaterThan(0);
    // cache only wrote: its vCPU copied 8 MiB at txBytesPerUs, plus upcalls and notifies.
    expect(s.dom(3).cpuBusyUs).toBeGreaterThanOrEqual(8 * MiB / DEFAULT_COSTS.txBytesPerUs);
  });
});
