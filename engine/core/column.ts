/**
 * Int32 columns for per-domain tables indexed by a small number: grant refs, maptrack
 * handles, event-channel ports. A host of a thousand guests with a hundred rings each holds
 * about a million such entries. In typed arrays they take 4 bytes each, sit outside the heap
 * the garbage collector copies and marks, and a column grows fourfold rather than by one
 * push per entry (a new typed array is a costly allocation: few of them). structuredClone
 * copies them (snapshots), and they read like arrays.
 *
 * A table keeps its own high-water mark; a column has at least that many slots, and every
 * slot from the mark on still holds the column's fill value (nothing past it is written).
 */
export type Column = Int32Array;

/** A column of `n` slots, each holding `fill`. */
export function column(n: number, fill = 0): Column {
  const a = new Int32Array(n);
  if (fill !== 0) a.fill(fill);
  return a;
}

/** `a` if it has `need` slots, else a copy with room for them (four times as many at least; new slots hold `fill`). */
export function columnRoom(a: Column, need: number, fill = 0): Column {
  if (need <= a.length) return a;
  let cap = Math.max(32, a.length * 4);
  while (cap < need) cap *= 4;
  const b = new Int32Array(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
