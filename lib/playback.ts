/**
 * How wall time maps to the run. One engine action (all events at one instant of one
 * queue entry) gets a wall-clock slot; the slot grows with the log of the virtual gap
 * to the next action, so a 2 µs hop and a 2 s timer both stay watchable:
 *   slot(ms) = (BASE + PER_DECADE * log10(1 + gap_µs)) / speed, capped at MAX.
 * At 1x: back-to-back actions take ~0.3 s; a 100 µs gap ~0.7 s; a 1 s gap ~1.1 s.
 */
export const BASE_MS = 280;
export const PER_DECADE_MS = 140;
export const MAX_MS = 1400;
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

export function slotMs(gapUs: number, speed: number): number {
  const raw = BASE_MS + PER_DECADE_MS * Math.log10(1 + Math.max(0, gapUs));
  return Math.min(MAX_MS, raw) / Math.max(0.01, speed);
}
