/** Scenario documents the benchmark runs (built in code: some are large). */
const base = (title: string, domains: unknown[], policy: unknown, steps: unknown[], limits: Record<string, number> = {}) => ({
  format: 'interdomain-scenario', version: 1, title, seed: 1, transport: 'vsock', xsm: false, limits, domains, policy, steps,
});
const backend = { id: 0, name: 'dom0', role: 'backend' };

/** web floods db over one ring pair for `us` microseconds. */
export function floodDoc(us: number, withTrace = false): unknown {
  return base(withTrace ? 'seek run' : 'flood', [backend, { id: 1, name: 'web' }, { id: 2, name: 'db' }], { default: 'allow', allow: [] }, [
    { at: 0, op: 'listen', dom: 2, port: 80 },
    { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
    { at: 200, op: 'flood', conn: 'f', until: 200 + us },
  ]);
}

/** n client guests each connect once to one server guest. */
export function connectsDoc(n: number): unknown {
  const domains = [backend, { id: 1, name: 'server' }];
  const steps: unknown[] = [{ at: 0, op: 'listen', dom: 1, port: 80 }];
  for (let i = 0; i < n; i++) {
    domains.push({ id: i + 2, name: `c${i}` });
    steps.push({ at: 100, op: 'connect', dom: i + 2, cid: 1, port: 80, as: `c${i}` });
  }
  return base('connects', domains, { default: 'allow', allow: [] }, steps, { grantEntries: 1 << 20, eventChannels: 4096 });
}

/**
 * G guests, each with P peers (a circulant graph: guest i connects to the next P/2
 * guests), one-page rings so the grant tables hold it.
 */
export function setupDoc(guests: number, peers: number): unknown {
  const domains: unknown[] = [backend];
  const steps: unknown[] = [];
  for (let i = 0; i < guests; i++) {
    domains.push({ id: i + 1, name: `g${i + 1}` });
    steps.push({ at: 0, op: 'listen', dom: i + 1, port: 7 });
  }
  let k = 0;
  for (let i = 0; i < guests; i++) {
    for (let d = 1; d <= peers / 2; d++) {
      const j = (i + d) % guests;
      steps.push({ at: 100, op: 'connect', dom: i + 1, cid: j + 1, port: 7, as: `s${k++}` });
    }
  }
  // dom0 binds one event channel per guest's link: past ~4,000 guests it needs more ports
  // than the 2-level ABI's 4,096, as a real host of that size would (FIFO ABI).
  return base('set-up', domains, { default: 'allow', allow: [] }, steps, { ringPages: 1, eventChannels: guests < 4000 ? 4096 : 32_768 });
}
