/** The app's one store, and hooks that read narrow slices of it. */
'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { FIRST_PRESET } from '../scenarios/catalog';
import { createPlaygroundStore, type PlaygroundState, type PlaygroundStore } from './createPlaygroundStore';
import { viewAt, detailAt } from './derived';
import type { SimView, DomainDetail } from '@engine/api';

let store: PlaygroundStore | null = null;

export function getStore(): PlaygroundStore {
  if (!store) store = createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id);
  return store;
}

export function usePg<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(getStore(), selector);
}

export function usePgShallow<T>(selector: (s: PlaygroundState) => T): T {
  return useStore(getStore(), useShallow(selector));
}

/** The view at the cursor, memoized on (timeline, cursor). */
export function useView(): SimView {
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  return useMemo(() => viewAt(tl, cursor), [tl, cursor]);
}

export function useDomainDetail(dom: number | null): DomainDetail | null {
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  return useMemo(() => (dom === null ? null : detailAt(tl, cursor, dom)), [tl, cursor, dom]);
}

export { FIRST_PRESET, PRESET_INDEX, PRESET_IDS, isPresetId, loadPreset, loadedPreset, type PresetInfo } from '../scenarios/catalog';
export { loadPresetInto } from './presets';
export { seekAction } from './recording';
export type { PlaygroundState, PlaygroundStore };
