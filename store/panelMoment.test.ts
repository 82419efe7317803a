/** The panels follow playback at most every PANEL_MS, and anything else at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../scenarios';
import { createPlaygroundStore } from './createPlaygroundStore';
import { PANEL_MS, panelMoment, subscribePanelMoment } from './panelMoment';
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
});
