/** The panels follow playback at most every PANEL_MS, one group a frame, and anything else at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../scenarios';
import { createPlaygroundStore } from './createPlaygroundStore';
import { PANEL_GROUPS, PANEL_MS, panelMoment, subscribePanelMoment } from './panelMoment';
import './testSetup';

const doc = PRESETS.find((p) => p.id === 'flood-isolation')!.doc;

describe('panel moment', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  function setup() {
    const s = createPlaygroundStore(doc, 'flood-isolation');
    s.getState().pause();
    s.getState().seek(s.getState().rec.first);
    let calls = 0;
    subscribePanelMoment(s, () => { calls++; });
    return { s, calls: () => calls };
  }

  it('while playing, sixty actions in one tenth of a second move the panels once, to the latest', () => {
    const { s, calls } = setup();
    const a0 = s.getState().cursor;
    s.getState().play();
    for (let i = 1; i <= 60; i++) s.getState().seek(a0 + i);
    // the first move after a quiet spell shows as soon as the actions in hand are done
    expect(calls()).toBe(0);
    vi.advanceTimersByTime(0);
    expect(calls()).toBe(1);
    expect(panelMoment(s).cursor).toBe(a0 + 60);
    // the next ones within a tenth of a second wait for it to pass, then show the latest
    vi.advanceTimersByTime(PANEL_MS / 4);
    for (let i = 61; i <= 70; i++) s.getState().seek(a0 + i);
    vi.advanceTimersByTime(PANEL_MS / 2);
    expect(calls()).toBe(1);
    expect(panelMoment(s).cursor).toBe(a0 + 60);
    vi.advanceTimersByTime(PANEL_MS / 4);
    expect(calls()).toBe(2);
    expect(panelMoment(s).cursor).toBe(a0 + 70);
  });

  it('paused, every seek and step shows at once; a pause lands on the exact action', () => {
    const { s, calls } = setup();
    const a0 = s.getState().cursor;
    s.getState().seek(a0 + 5);
    expect(panelMoment(s).cursor).toBe(a0 + 5);
    s.getState().step(1);
    expect(panelMoment(s).cursor).toBe(s.getState().cursor);
    const n = calls();
    expect(n).toBe(2);
    s.getState().play();
    s.getState().seek(a0 + 40);
    s.getState().seek(a0 + 41);
    s.getState().pause();
    expect(panelMoment(s).cursor).toBe(a0 + 41);
    expect(panelMoment(s).tl).toBe(s.getState().timeline);
  });

  it('a new run reaches the panels at once, even while playing', () => {
    const { s } = setup();
    s.getState().play();
    const other = PRESETS.find((p) => p.id === 'allowed-connection')!.doc;
    s.getState().load(other, 'allowed-connection', { play: true });
    expect(panelMoment(s).tl).toBe(s.getState().timeline);
    expect(panelMoment(s).cursor).toBe(s.getState().cursor);
  });

  /** Counts each group's notifications, and which groups each task (timer callback) notified. */
  function byGroup(s: ReturnType<typeof createPlaygroundStore>) {
    const calls = Array.from({ length: PANEL_GROUPS }, () => 0);
    let inTask: number[] = [];
    const tasks: number[][] = [];
    for (let g = 0; g < PANEL_GROUPS; g++) {
      subscribePanelMoment(s, () => {
        calls[g]!++;
        if (inTask.length === 0) queueMicrotask(() => { tasks.push(inTask); inTask = []; });
        inTask.push(g);
      }, g);
    }
    return { calls, tasks };
  }

  it('while playing, a move reaches one group per task, the groups a frame apart, each at the cursor of its time', async () => {
    const s = createPlaygroundStore(doc, 'flood-isolation');
    s.getState().pause();
    const a0 = s.getState().rec.first;
    s.getState().seek(a0);
    const { calls, tasks } = byGroup(s);
    s.getState().play();
    for (let i = 1; i <= 10; i++) s.getState().seek(a0 + i);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([1, 0, 0, 0]);
    expect(panelMoment(s, 0).cursor).toBe(a0 + 10);
    expect(panelMoment(s, 1).cursor).toBe(a0);
    // the next group one frame later, with the cursor of that moment
    s.getState().seek(a0 + 11);
    await vi.advanceTimersByTimeAsync(16);
    expect(calls).toEqual([1, 1, 0, 0]);
    expect(panelMoment(s, 1).cursor).toBe(a0 + 11);
    await vi.advanceTimersByTimeAsync(32);
    expect(calls).toEqual([1, 1, 1, 1]);
    // no task notified two groups: no single React update re-renders every panel
    expect(tasks.length).toBe(4);
    for (const t of tasks) expect(t.length).toBe(1);
    // the rest of the tenth of a second: nothing more, however many actions
    for (let i = 12; i <= 40; i++) s.getState().seek(a0 + i);
    await vi.advanceTimersByTimeAsync(PANEL_MS - 48 - 1);
    expect(calls).toEqual([1, 1, 1, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([2, 1, 1, 1]);
    expect(panelMoment(s, 0).cursor).toBe(a0 + 40);
  });

  it('over a second of playback at one action a frame, each group moves once a tenth of a second, never two in one task', async () => {
    const s = createPlaygroundStore(doc, 'flood-isolation');
    s.getState().pause();
    const a0 = s.getState().rec.first;
    s.getState().seek(a0);
    const { calls, tasks } = byGroup(s);
    s.getState().play();
    for (let f = 1; f <= 60; f++) {
      s.getState().seek(a0 + f);
      await vi.advanceTimersByTimeAsync(1000 / 60);
    }
    for (const n of calls) { expect(n).toBeGreaterThanOrEqual(8); expect(n).toBeLessThanOrEqual(1 + 1000 / PANEL_MS); }
    expect(tasks.every((t) => t.length === 1)).toBe(true);
    // a pause lands every group at once, in one task, on the exact action
    s.getState().pause();
    await vi.advanceTimersByTimeAsync(0);
    for (let g = 0; g < PANEL_GROUPS; g++) expect(panelMoment(s, g).cursor).toBe(a0 + 60);
    expect(tasks.at(-1)!.length).toBeGreaterThan(1);
  });

  it('a seek while a move is on its way lands every group at once', async () => {
    const s = createPlaygroundStore(doc, 'flood-isolation');
    s.getState().pause();
    const a0 = s.getState().rec.first;
    s.getState().seek(a0);
    const { calls } = byGroup(s);
    s.getState().play();
    s.getState().seek(a0 + 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([1, 0, 0, 0]);
    s.getState().pause();
    s.getState().seek(a0 + 7);
    for (let g = 0; g < PANEL_GROUPS; g++) expect(panelMoment(s, g).cursor).toBe(a0 + 7);
    // the move in progress was called off: nothing more arrives later
    const n = [...calls];
    await vi.advanceTimersByTimeAsync(PANEL_MS * 3);
    expect(calls).toEqual(n);
  });
});
