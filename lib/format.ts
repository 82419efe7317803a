/** Small display helpers: virtual time, bytes, domain labels. No engine state. */

/** Virtual time in µs, shown as µs, ms or s with sensible precision. */
export function fmtTime(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${trim(us / 1000, 3)} ms`;
  return `${trim(us / 1_000_000, 3)} s`;
}

function trim(v: number, digits: number): string {
  return v.toFixed(digits).replace(/\.?0+$/, '');
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${trim(n / 1024, 1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${trim(n / (1024 * 1024), 1)} MiB`;
  return `${trim(n / (1024 * 1024 * 1024), 2)} GiB`;
}

/** Bytes per virtual second, e.g. "12.5 MiB/s". */
export function fmtRate(bytesPerSec: number): string {
  return `${fmtBytes(Math.round(bytesPerSec))}/s`;
}

/** Domain state with an icon, so it never relies on colour alone. */
export const STATE_ICON: Readonly<Record<string, string>> = {
  running: '●',
  migrating: '⇄',
  crashed: '✕',
  dying: '✕',
  removed: '⊘',
};
