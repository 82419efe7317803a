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

/**
 * A count with en-US digit grouping ("12,345"; up to three decimals, as Intl.NumberFormat('en-US')
 * shows them). Written out because the page's first Intl.NumberFormat costs tens of ms of
 * main-thread time (its locale data loads on first use), in the task that starts the page.
 */
export function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return n !== n ? 'NaN' : n > 0 ? '∞' : '-∞';
  const r = Number.isInteger(n) ? Math.abs(n) : Math.round(Math.abs(n) * 1000) / 1000;
  if (r >= 1e21) return (n < 0 ? '-' : '') + String(r);
  const [int, frac] = (Number.isInteger(r) ? String(r) : r.toFixed(3).replace(/\.?0+$/, '')).split('.') as [string, string?];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 && r !== 0 ? '-' : '') + grouped + (frac ? `.${frac}` : '');
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
