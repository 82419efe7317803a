/**
 * The moment the diagram's structure and the panels beside it show. While a run plays, the
 * tokens follow every action and the ring bars every PANEL_MS (both painted directly,
 * components/flow/painters.ts), but the diagram's nodes and edges, the figures, the chart,
 * the policy, the inspector and the narration are drawn by React: they follow the cursor at
 * most once every PANEL_MS, which nobody can read faster, and which spares the page
 * re-rendering them at every action of a fast flood. Paused, a seek, a step or a new run
 * reaches them all at once, so what a person stops on is always exact.
 *
 * While playing, a move is delivered one group at a time, a frame apart (PANEL_GROUP: the
 * diagram first, then the chart, the figures, the rest), each group taking the cursor of
 * its frame: a React update of one group is one short task, where all of them at once made
 * one long one (useSyncExternalStore renders synchronously, it cannot be time-sliced).
 */
import type { Timeline } from '@engine/api';
import type { PlaygroundStore, PlaygroundState } from './createPlaygroundStore';
import type { RecWindow } from './recording';

export const PANEL_MS = 100;

/** Who follows the moment, in the order a move reaches them while playing. */
export const PANEL_GROUP = { diagram: 0, chart: 1, figures: 2, side: 3 } as const;
export const PANEL_GROUPS = 4;
/** Between two groups' deliveries where the page has no animation frames (tests, a worker). */
const FRAME_MS = 16;

/**
 * A moment: the timeline, the action shown, and what of the run was recorded then (the
 * timeline grows in place; `rec` is new when it did). A new object when any changes.
 */
export interface PanelMoment { readonly tl: Timeline; readonly cursor: number; readonly rec: RecWindow }

interface Follower {
  /** What each group shows. */
  moments: PanelMoment[];
  listeners: Array<Set<() => void>>;
  timer: ReturnType<typeof setTimeout> | null;
  /** The group a move in progress reaches next (-1: none in progress); `wave` tells stale callbacks. */
  next: number;
  wave: number;
  /** When the last move began (ms, the page's clock). */
  at: number;
}

const followers = new WeakMap<PlaygroundStore, Follower>();
const momentOf = (s: PlaygroundState): PanelMoment => ({ tl: s.timeline, cursor: s.cursor, rec: s.rec });
const same = (s: PlaygroundState, m: PanelMoment): boolean => s.timeline === m.tl && s.cursor === m.cursor && s.rec === m.rec;
const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Run `fn` once the page has drawn its next frame (a task after that frame's rendering). */
function afterNextFrame(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => { setTimeout(fn, 0); });
  else setTimeout(fn, FRAME_MS);
}

function followerOf(store: PlaygroundStore): Follower {
  let f = followers.get(store);
  if (f) return f;
  const m0 = momentOf(store.getState());
  const me: Follower = {
    moments: Array.from({ length: PANEL_GROUPS }, () => m0),
    listeners: Array.from({ length: PANEL_GROUPS }, () => new Set<() => void>()),
    timer: null, next: -1, wave: 0, at: -Infinity,
  };
  const show = (g: number, s: PlaygroundState): boolean => {
    if (same(s, me.moments[g]!)) return false;
    me.moments[g] = momentOf(s);
    return true;
  };
  const notify = (g: number) => { for (const l of me.listeners[g]!) l(); };
  /** Everyone at once, now: a pause, a seek, a step, another run. */
  const publishAll = () => {
    if (me.timer !== null) { clearTimeout(me.timer); me.timer = null; }
    me.next = -1; me.wave++;
    const s = store.getState();
    const moved = me.moments.map((_, g) => show(g, s));
    me.at = clock();
    moved.forEach((m, g) => { if (m) notify(g); });
  };
  /** Playback's next move: one group now, the next one after the next frame. */
  const deliver = (wave: number) => {
    if (wave !== me.wave || me.next < 0) return;
    const g = me.next;
    me.next = g + 1 < PANEL_GROUPS ? g + 1 : -1;
    if (show(g, store.getState())) notify(g);
    if (me.next >= 0) afterNextFrame(() => deliver(wave));
    else schedule();
  };
  const begin = () => {
    me.timer = null;
    me.at = clock();
    me.next = 0; me.wave++;
    deliver(me.wave);
  };
  /** The next move, PANEL_MS after the last one began, if the cursor went on meanwhile. */
  const schedule = () => {
    if (me.timer !== null || me.next >= 0) return;
    const s = store.getState();
    if (me.moments.every((m) => same(s, m))) return;
    me.timer = setTimeout(begin, Math.max(0, PANEL_MS - (clock() - me.at)));
  };
  store.subscribe((s) => {
    // anything but playback's next action (a pause, a seek, a step, another run) shows at once:
    // playback that stops lands every group on the exact moment it stopped at
    if (!s.playing || s.timeline !== me.moments[0]!.tl) {
      if (me.next >= 0 || me.timer !== null || !me.moments.every((m) => same(s, m))) publishAll();
      return;
    }
    schedule();
  });
  f = me;
  followers.set(store, f);
  return f;
}

/** Subscribe to one group's moment (for useSyncExternalStore). */
export function subscribePanelMoment(store: PlaygroundStore, listener: () => void, group = 0): () => void {
  const f = followerOf(store);
  const set = f.listeners[group]!;
  set.add(listener);
  return () => { set.delete(listener); };
}

/** What one group shows now (by default the diagram's, the first a move reaches). */
export function panelMoment(store: PlaygroundStore, group = 0): PanelMoment {
  return followerOf(store).moments[group]!;
}
