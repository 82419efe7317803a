/** The playground's store (one per <PlaygroundProvider>), and hooks that read narrow slices of it. */
'use client';
export { PlaygroundProvider, usePlaygroundStore, usePg, usePgShallow, useView, usePanelMoment, usePanelView, usePanelDetail, inPanelGroup } from './context';
export { PANEL_GROUP } from './panelMoment';
export { createPlaygroundStore } from './createPlaygroundStore';
export { FIRST_PRESET, PRESET_INDEX, PRESET_IDS, isPresetId, loadPreset, loadedPreset, type PresetInfo } from '../scenarios/catalog';
export { loadPresetInto } from './presets';
export { seekAction } from './recording';
export type { PlaygroundStore } from './createPlaygroundStore';
export type { RecordedRun } from './recordedRun';
export { loadEngine, withEngine, onEngine } from './engine';
