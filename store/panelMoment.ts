/**
 * The moment the panels beside the diagram show. While a run plays, the diagram follows
 * every action (its tokens and bars are painted directly, components/flow/painters.ts), but
 * the figures, the chart, the policy, the inspector and the narration are text to read:
 * they follow the cursor at most once every PANEL_MS, which nobody can read faster, and
 * which spares the page re-rendering them at every frame of a fast flood. Paused, a seek,
 * a step or a new run reaches them at once, so what a person stops on is always exact.
 */
import type { Timeline } from '@engine/api';
import type { PlaygroundStore, PlaygroundState } from './createPlaygroundStore';
import type { RecWindow } from './recording';

export const PANEL_MS = 100;

/**
 * A moment: the timeline, the action the panels show, and what of the run was recorded
 * then (the timeline grows in place; `rec` is new when it did). A new object when any changes.
 */
export interface PanelMoment { readonly tl: Timeline; readonly cursor: number; readonly rec: RecWindow }

interface Follower {
  moment: PanelMoment;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
  /** When the panels last moved (ms, the page's clock). */
  at: number;
}

const followers = new WeakMap<PlaygroundStore, Follower>();
const momentOf = (s: PlaygroundState): PanelMoment => ({ tl: s.timeline, cursor: s.cursor, rec: s.rec });
const same = (s: PlaygroundState, m: PanelMoment): boolean => s.timeline === m.tl && s.cursor === m.cursor && s.rec === m.rec;
const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function followerOf(store: PlaygroundStore): Follower {
  let f = followers.get(store);
  if (f) return f;
  const s0 = store.getState();
  const me: Follower = { moment: momentOf(s0), listeners: new Set(), timer: null, at: -Infinity };
  const publish = () => {
    if (me.timer !== null) { clearTimeout(me.timer); me.timer = null; }
    const s = store.getState();
    if (same(s, me.moment)) return;
    me.moment = momentOf(s);
    me.at = clock();
    for (const l of me.listeners) l();
  };
  store.subscribe((s) => {
    if (same(s, me.moment)) return;
    // anything but playback's next action (a pause, a seek, a step, another run) shows at once:
    // playback that stops lands the panels on the exact moment it stopped at
    if (!s.playing || s.timeline !== me.moment.tl) { publish(); return; }
    if (me.timer === null) me.timer = setTimeout(publish, Math.max(0, PANEL_MS - (clock() - me.at)));
  });
  f = me;
  followers.set(store, f);
  return f;
}

/** Subscribe to the panels' moment (for useSyncExternalStore). */
export function subscribePanelMoment(store: PlaygroundStore, listener: () => void): () => void {
  const f = followerOf(store);
  f.listeners.add(listener);
  return () => { f.listeners.delete(listener); };
}

/** The panels' moment now. */
export function panelMoment(store: PlaygroundStore): PanelMoment {
  return followerOf(store).moment;
}
