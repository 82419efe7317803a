/**
 * The benchmark's scenario: 100 domains (dom0 + 99 guests) and 300 diagram edges
 * (99 xenbus links + 201 ring pairs), every ring flooding. Pure data, shared by the
 * bench pages (/bench/page, /bench/bare) and the Node harness (bench/).
 */
export const BENCH_GUESTS = 99;
export const BENCH_RINGS = 201;
/** Flooding starts here (all rings are up well before). */
export const FLOOD_FROM_US = 20_000;

/** Ring pairs: guest i to i+1 and i+2 (circulant), then i to i+3 until there are `rings`. */
export function benchPairs(guests = BENCH_GUESTS, rings = BENCH_RINGS): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let d = 1; out.length < rings; d++) {
    for (let i = 0; i < guests && out.length < rings; i++) out.push([i + 1, ((i + d) % guests) + 1]);
  }
  return out;
}

/** The scenario document; the flood lasts `floodUs` µs of virtual time. */
export function benchFloodDoc(floodUs = 2_000, guests = BENCH_GUESTS, rings = BENCH_RINGS): Record<string, unknown> {
  const domains: unknown[] = [{ id: 0, name: 'dom0', role: 'backend' }];
  const steps: unknown[] = [];
  for (let i = 1; i <= guests; i++) {
    domains.push({ id: i, name: `g${i}` });
    steps.push({ at: 0, op: 'listen', dom: i, port: 7 });
  }
  benchPairs(guests, rings).forEach(([a, b], k) => {
    steps.push({ at: 100 + k * 20, op: 'connect', dom: a, cid: b, port: 7, as: `s${k}` });
    steps.push({ at: FLOOD_FROM_US + (k % 50), op: 'flood', conn: `s${k}`, until: FLOOD_FROM_US + floodUs });
  });
  return {
    format: 'interdomain-scenario', version: 1, title: `Bench: ${guests + 1} domains, ${rings} ring${rings === 1 ? "" : "s"} flooding`,
    seed: 1, transport: 'vsock', xsm: false, limits: { ringPages: 1, eventChannels: 4096 },
    domains, policy: { default: 'allow', allow: [] }, steps,
  };
}
