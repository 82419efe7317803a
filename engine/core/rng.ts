/**
 * sfc32: a small, fast seeded PRNG. Its whole state is four uint32 values kept in
 * plain data, so engine snapshots capture it. Nothing else in the engine may
 * introduce randomness.
 */
export type RngState = [number, number, number, number];

export function rngInit(seed: number): RngState {
  // splitmix32 spreads the seed into four words.
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st: RngState = [next(), next(), next(), next()];
  for (let i = 0; i < 12; i++) rngNext(st);
  return st;
}

/** Next uint32; advances the state in place. */
export function rngNext(st: RngState): number {
  let [a, b, c, d] = st;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = ((c << 21) | (c >>> 11)) >>> 0;
  c = (c + t) >>> 0;
  st[0] = a >>> 0; st[1] = b; st[2] = c; st[3] = d;
  return t;
}

/** Integer in [lo, hi] inclusive. */
export function rngInt(st: RngState, lo: number, hi: number): number {
  const span = hi - lo + 1;
  const r = lo + (rngNext(st) % span);
  // A draw above 2^31 makes `r` a double even when it is a small whole number; `| 0` gives
  // it back as a small integer. A double stored in a record (a domain's next ephemeral
  // port, then every socket's port) makes that field a boxed number in every record.
  return r === (r | 0) ? r | 0 : r;
}

/** A sub-seed for one mechanism, so draws in one do not shift another. */
export function subSeed(seed: number, salt: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * One RNG state per mechanism that draws, each seeded from its own sub-seed of the
 * document's seed: a draw in one (a V4V retry's jitter) does not shift another's (the
 * toolstack's ephemeral ports). Plain data in the simulation state, so snapshots keep it.
 */
export interface RngStreams {
  /** ephemeral port bases of new domains */
  toolstack: RngState;
  /** V4V / Argo retry jitter */
  v4v: RngState;
}

export function rngStreams(seed: number): RngStreams {
  return { toolstack: rngInit(subSeed(seed, 'toolstack')), v4v: rngInit(subSeed(seed, 'v4v')) };
}
