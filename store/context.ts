'use client';
/**
 * One playground per provider: <PlaygroundProvider> holds a store (the one passed in, or
 * one it creates with the first preset: on its run recorded at build time when it is
 * given one, store/recordedRun.ts) and the hooks below read that store. A page may
 * hold several providers (the compare view holds three); nothing is shared between them.
 * Like xyflow's StoreContext, the hooks throw outside a provider instead of reaching for
 * some default store.
 */
import { createContext, createElement, memo, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { FIRST_PRESET } from '../scenarios/catalog';
import { createPlaygroundStore, type PlaygroundState, type PlaygroundStore } from './createPlaygroundStore';
import { recordRest } from './recording';
import type { RecordedRun } from './recordedRun';
import { panelMoment, subscribePanelMoment, PANEL_GROUP, type PanelMoment } from './panelMoment';
import type { SimView, DomainDetail } from '@engine/api';

const StoreContext = createContext<PlaygroundStore | null>(null);

export const OUTSIDE_PROVIDER = 'usePlaygroundStore must be used inside <PlaygroundProvider>';

export function PlaygroundProvider({ store, recorded, children }: { store?: PlaygroundStore; recorded?: RecordedRun | null; children?: ReactNode }) {
  // the store is made once per provider; one passed in later does not replace it
  // its own store opens on the recorded run, or records the first actions now and the rest
  // in short tasks after the first paint
  const [own] = useState(() => store ?? (recorded
    ? createPlaygroundStore(recorded.doc, recorded.presetId, { recorded, startSmall: true })
    : createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id, { startSmall: true })));
  const mine = own !== store;
  useEffect(() => { if (mine) void recordRest(own); }, [own, mine]);
  return createElement(StoreContext.Provider, { value: own }, children);
}

/** The store of the nearest provider (its actions, getState, subscribe, derived caches). */
export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error(OUTSIDE_PROVIDER);
  return store;
}

export function usePg<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}

export function usePgShallow<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), useShallow(selector));
}

/** The view at the cursor, memoized on (timeline, cursor). */
export function useView(): SimView {
  const store = usePlaygroundStore();
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  return useMemo(() => store.derived.viewAt(tl, cursor), [store, tl, cursor]);
}

/** Which group of store/panelMoment.ts the components below follow (PANEL_GROUP; the diagram's by default). */
const PanelGroupContext = createContext<number>(PANEL_GROUP.diagram);

/** A panel that follows the moment as group `n` (PANEL_GROUP): `Panel`, memoised, under that group's context. */
export function inPanelGroup<P extends object>(n: number, Panel: ComponentType<P>): ComponentType<P> {
  const Inner = memo(Panel) as unknown as ComponentType<P>;
  const Grouped = (props: P) => createElement(PanelGroupContext.Provider, { value: n }, createElement(Inner, props));
  Grouped.displayName = `InPanelGroup${n}`;
  return memo(Grouped) as unknown as ComponentType<P>;
}

/**
 * The moment the diagram and the panels beside it show (store/panelMoment.ts): the cursor,
 * at most every PANEL_MS while a run plays (one group a frame), at once otherwise.
 */
export function usePanelMoment(): PanelMoment {
  const store = usePlaygroundStore();
  const group = useContext(PanelGroupContext);
  const sub = useCallback((l: () => void) => subscribePanelMoment(store, l, group), [store, group]);
  const get = useCallback(() => panelMoment(store, group), [store, group]);
  return useSyncExternalStore(sub, get, get);
}

/** The view at the panels' moment. */
export function usePanelView(): SimView {
  const store = usePlaygroundStore();
  const { tl, cursor } = usePanelMoment();
  return useMemo(() => store.derived.viewAt(tl, cursor), [store, tl, cursor]);
}

/** A domain's detail at the panels' moment. */
export function usePanelDetail(dom: number | null): DomainDetail | null {
  const store = usePlaygroundStore();
  const { tl, cursor } = usePanelMoment();
  return useMemo(() => (dom === null ? null : store.derived.detailAt(tl, cursor, dom)), [store, tl, cursor, dom]);
}
