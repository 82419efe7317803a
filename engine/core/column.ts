/**
 * Int32 columns for per-domain tables indexed by a small number: grant refs, maptrack
 * handles, event-channel ports. A host of a thousand guests with a hundred rings each holds
 * about a million such entries. In typed arrays they take 4 bytes each and sit outside the
 * heap the garbage collector copies and marks. structuredClone copies them (snapshots), and
 * they read like arrays.
 *
 * A table's parallel columns are views into one buffer and grow together, twofold, so a
 * growth is one allocation rather than one push per entry. Twofold, not more: what a new
 * buffer costs is mostly its fresh pages, so slack a table never uses is paid for too.
 * A table keeps its own high-water mark; a column has at least that many slots, and every
 * slot from the mark on still holds the column's fill value (nothing past it is written).
 */
export type Column = Int32Array;
/** One column per fill value. */
type Columns<F extends readonly number[]> = { -readonly [K in keyof F]: Column };

/** Parallel columns of `n` slots, one per fill value, in one buffer; column k holds fills[k]. */
export function columns<F extends readonly number[]>(n: number, fills: F): Columns<F> {
  const buf = new ArrayBuffer(n * fills.length * 4);
  return fills.map((fill, k) => {
    const c = new Int32Array(buf, k * n * 4, n);
    if (fill !== 0) c.fill(fill);
    return c;
  }) as Columns<F>;
}

/**
 * `cols` (parallel columns, filled as `fills` says) if they have `need` slots, else copies
 * with room for them, twice as many at least.
 */
export function columnsRoom<F extends readonly number[]>(cols: Columns<F>, need: number, fills: F): Columns<F> {
  const len = cols[0]!.length;
  if (need <= len) return cols;
  let cap = Math.max(32, len * 2);
  while (cap < need) cap *= 2;
  const out = columns(cap, fills);
  for (let k = 0; k < cols.length; k++) out[k]!.set(cols[k]!);
  return out;
}
