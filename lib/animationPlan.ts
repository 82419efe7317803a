/**
 * Which frames an animated export holds and how long each shows: one frame per engine
 * action of the range (every k-th when the range is long), each shown as long as
 * playback would show it at that speed (lib/playback.ts), so a GIF paces like the page.
 * Pure: the same range and options give the same plan.
 */
import { slotMs } from './playback';

export interface AnimOptions {
  /** Frame width in px (the height follows the diagram). */
  width: number;
  speed: number;
  /** First and last action of the range, inclusive. */
  from: number;
  to: number;
  captions: boolean;
}
export interface FramePlan { action: number; delayMs: number }

export const WIDTHS = [480, 640, 800, 1024] as const;
export const MAX_FRAMES = 400;
/** GIF delays are in 1/100 s; browsers treat less than 2/100 s as 1/10 s. */
const MIN_DELAY_MS = 20;

/** `times[i]` is the virtual time of action `first + i`. */
export function planFrames(times: readonly number[], first: number, o: AnimOptions, maxFrames = MAX_FRAMES): FramePlan[] {
  const last = first + times.length - 1;
  const from = Math.max(first, Math.min(o.from, last)), to = Math.max(from, Math.min(o.to, last));
  const n = to - from + 1;
  const step = Math.ceil(n / maxFrames);
  const at = (a: number) => times[a - first]!;
  const out: FramePlan[] = [];
  for (let a = from; a <= to; a += step) {
    const end = Math.min(a + step, to);
    let ms = 0;
    for (let b = a; b < end; b++) ms += slotMs(at(b + 1) - at(b), o.speed);
    if (end === to && a + step > to) ms += slotMs(0, o.speed) * 3; // hold the last frame
    out.push({ action: a, delayMs: Math.max(MIN_DELAY_MS, Math.round(ms / 10) * 10) });
  }
  return out;
}

/** Frame height for a width, keeping the diagram's aspect (and room for a caption). */
export function frameHeight(width: number, aspect: number, captions: boolean): number {
  return 2 * Math.round((width * aspect + (captions ? 56 : 0)) / 2);
}

/**
 * A rough size, from what these exports measured (allowed-connection, 46 frames at
 * 480×406: GIF 459 KB, WebM 86 KB): a GIF frame of flat diagram colours costs about 0.05
 * byte a pixel after LZW (the first about 0.15); VP8 WebM about 0.01 byte a pixel a frame.
 */
export function estimateBytes(frames: number, width: number, height: number, format: 'gif' | 'webm'): number {
  const px = width * height;
  if (frames === 0) return 0;
  return Math.round(format === 'gif' ? px * (0.15 + 0.05 * (frames - 1)) : px * 0.01 * frames + 1000);
}

export function fmtBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
