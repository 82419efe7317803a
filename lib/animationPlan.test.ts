import { describe, it, expect } from 'vitest';
import { planFrames, estimateBytes, frameHeight, type AnimOptions } from './animationPlan';
import { slotMs } from './playback';

const times = [0, 0, 10, 100, 100, 1000, 5000];
const opts = (o: Partial<AnimOptions> = {}): AnimOptions => ({ width: 640, speed: 1, from: 0, to: 6, captions: true, ...o });

describe('animation frame plan', () => {
  it('one frame per action, each as long as playback shows it, the last one held', () => {
    const p = planFrames(times, 0, opts());
    expect(p.map((f) => f.action)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(p[2]!.delayMs).toBe(Math.round(slotMs(90, 1) / 10) * 10);
    expect(p[6]!.delayMs).toBe(Math.round((slotMs(0, 1) * 3) / 10) * 10);
  });
  it('speed shortens every frame; a range and a window offset are honoured', () => {
    const slow = planFrames(times, 0, opts()), fast = planFrames(times, 0, opts({ speed: 4 }));
    fast.forEach((f, i) => expect(f.delayMs).toBeLessThan(slow[i]!.delayMs));
    expect(planFrames(times, 10, opts({ from: 12, to: 14 })).map((f) => f.action)).toEqual([12, 13, 14]);
    expect(planFrames(times, 0, opts({ from: 5, to: 99 })).map((f) => f.action)).toEqual([5, 6]);
  });
  it('a long range is sampled to at most maxFrames, keeping its total time', () => {
    const long = Array.from({ length: 1000 }, (_, i) => i * 3);
    const p = planFrames(long, 0, opts({ to: 999 }), 100);
    expect(p).toHaveLength(100);
    const whole = planFrames(long, 0, opts({ to: 999 }), 1000);
    const total = (x: typeof p) => x.reduce((s, f) => s + f.delayMs, 0);
    expect(Math.abs(total(p) - total(whole)) / total(whole)).toBeLessThan(0.02);
  });
  it('sizes: even heights, estimates that grow with frames and pixels', () => {
    expect(frameHeight(641, 0.5, false) % 2).toBe(0);
    expect(frameHeight(640, 0.5, true)).toBe(376);
    expect(estimateBytes(10, 640, 400, 'gif')).toBeGreaterThan(estimateBytes(5, 640, 400, 'gif'));
    expect(estimateBytes(10, 800, 400, 'webm')).toBeGreaterThan(estimateBytes(10, 640, 400, 'webm'));
    expect(estimateBytes(0, 640, 400, 'gif')).toBe(0);
  });
});
