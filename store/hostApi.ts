/**
 * What the embed does with a validated host command, and the state / trace events it
 * sends back. Short adapters over the store's actions, like the store itself.
 */
import { lastAction, timeAt, endSeqAt, startSeqAt, eventsBetween } from '@engine/lite';
import type { HostCommand } from '@lib/hostProtocol';
import type { StateInfo } from '@lib/hostEvents';
import { isPresetId, loadPreset, loadedPreset } from '../scenarios/catalog';
import { unknownPreset } from './presets';
import type { PlaygroundState, PlaygroundStore } from './createPlaygroundStore';
import type { StepInput } from './edits';
import { seekAction, recordUntil } from './recording';
import { loadEngineFor } from './transport';

export type Applied = { ok: true } | { ok: false; error: string };

/** Most events one trace message carries (a long seek reports the rest as `dropped`). */
export const MAX_TRACE_EVENTS = 200;

/** applyCommand, once the document a preset `load` names has been fetched. */
export async function applyHostCommand(store: PlaygroundStore, cmd: HostCommand): Promise<Applied> {
  if (cmd.type === 'load') {
    const doc = cmd.preset !== undefined ? (isPresetId(cmd.preset) ? (await loadPreset(cmd.preset).catch(() => undefined))?.doc : undefined) : cmd.scenario;
    try { await loadEngineFor(doc); } catch (e) { return { ok: false, error: `load: the engine code this document needs could not be loaded (${String(e).split('\n')[0]})` }; }
  }
  if (cmd.type === 'seek') {
    // a moment far ahead is recorded in short slices first, the page staying responsive
    const { action, t } = cmd;
    store.getState().pause();
    await recordUntil(store, (tl) => (action !== undefined ? lastAction(tl) >= action : timeAt(tl, lastAction(tl)) >= t!));
  }
  return applyCommand(store, cmd);
}

/** Apply one command (a preset `load` needs the preset's document here: applyHostCommand). */
export function applyCommand(store: PlaygroundStore, cmd: HostCommand): Applied {
  const s = store.getState();
  switch (cmd.type) {
    case 'load': {
      if (cmd.preset !== undefined) {
        if (!isPresetId(cmd.preset)) return { ok: false, error: unknownPreset(cmd.preset) };
        const p = loadedPreset(cmd.preset);
        if (!p) return { ok: false, error: `preset: ${JSON.stringify(cmd.preset)} could not be loaded` };
        return keepError(store, s.load(p.doc, p.id, { play: cmd.play ?? false }));
      }
      return keepError(store, s.load(cmd.scenario, null, { play: cmd.play ?? false }));
    }
    case 'play': s.play(); return { ok: true };
    case 'pause': s.pause(); return { ok: true };
    case 'step': s.step(cmd.delta ?? 1); return { ok: true };
    case 'seek': {
      s.pause();
      if (cmd.action !== undefined) {
        const err = seekAction(store, cmd.action);
        if (err) return { ok: false, error: `action: ${err}` };
      } else seekToTime(store, cmd.t!);
      return { ok: true };
    }
    case 'setSpeed': s.setSpeed(cmd.speed); return { ok: true };
    case 'runAction': return keepError(store, s.dispatch(cmd.step as StepInput));
    case 'getState': return { ok: true };
  }
}

/**
 * A refused host command is answered with an error event; the embed's own banner is
 * left as it was (the store's load/dispatch would otherwise show the host's mistake).
 */
function keepError(store: PlaygroundStore, r: { ok: true } | { ok: false; error: string }): Applied {
  if (!r.ok) store.setState({ error: null });
  return r;
}

export function stateInfo(s: PlaygroundState): StateInfo {
  const tl = s.timeline;
  return {
    cursor: s.cursor, last: lastAction(tl), t: timeAt(tl, s.cursor), seq: endSeqAt(tl, s.cursor) - 1,
    events: s.rec.events, playing: s.playing, speed: s.speed, title: tl.doc.title, presetId: s.presetId,
  };
}

/**
 * The events passed on the way from `prev` to `s`: moving forward on the same run,
 * every event emitted since the previous cursor (from the window's start if that one was
 * dropped meanwhile); otherwise the current action's.
 */
export function passedEvents(prev: PlaygroundState | null, s: PlaygroundState): { from: number; to: number; events: unknown[]; dropped: number } {
  const tl = s.timeline;
  const to = endSeqAt(tl, s.cursor);
  let from = startSeqAt(tl, s.cursor);
  if (prev && prev.timeline === tl && prev.cursor < s.cursor) from = prev.cursor < tl.firstAction ? tl.firstSeq : endSeqAt(tl, prev.cursor);
  const n = to - from;
  const start = Math.max(from, to - MAX_TRACE_EVENTS);
  return { from, to, events: eventsBetween(tl, start, to), dropped: Math.max(0, n - MAX_TRACE_EVENTS) };
}

/** Seek to the last action at or before virtual time `t` (µs), recording on to it if need be. */
export function seekToTime(store: PlaygroundStore, t: number): void {
  store.getState().seekTime(t);
}
