'use client';
/**
 * One playground per provider: <PlaygroundProvider> holds a store (the one passed in, or
 * one it creates with the first preset) and the hooks below read that store. A page may
 * hold several providers (the compare view holds three); nothing is shared between them.
 * Like xyflow's StoreContext, the hooks throw outside a provider instead of reaching for
 * some default store.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { FIRST_PRESET } from '../scenarios/catalog';
import { createPlaygroundStore, type PlaygroundState, type PlaygroundStore } from './createPlaygroundStore';
import { recordRest } from './recording';
import { panelMoment, subscribePanelMoment, type PanelMoment } from './panelMoment';
import type { SimView, DomainDetail } from '@engine/api';

const StoreContext = createContext<PlaygroundStore | null>(null);

export const OUTSIDE_PROVIDER = 'usePlaygroundStore must be used inside <PlaygroundProvider>';

export function PlaygroundProvider({ store, children }: { store?: PlaygroundStore; children?: ReactNode }) {
  // the store is made once per provider; one passed in later does not replace it
  // its own store records the first actions now, the rest in short tasks after the first paint
  const [own] = useState(() => store ?? createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id, { startSmall: true }));
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

/**
 * The moment the panels beside the diagram show (store/panelMoment.ts): the cursor, at most
 * every PANEL_MS while a run plays, at once otherwise.
 */
export function usePanelMoment(): PanelMoment {
  const store = usePlaygroundStore();
  const sub = useCallback((l: () => void) => subscribePanelMoment(store, l), [store]);
  const get = useCallback(() => panelMoment(store), [store]);
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
