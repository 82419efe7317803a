/**
 * Whether the page fetches the engine as it starts: it opens on the run recorded at build
 * time (store/recordedRun.ts) only when its URL asks for nothing else (no other preset, no
 * exercise, no share link); otherwise the engine is needed at once and is fetched
 * together with the page's code.
 */
import { FIRST_PRESET } from '../scenarios/catalog';
import { loadEngine } from './engine';
import type { RecordedRun } from './recordedRun';

/** Does the URL open something other than the first preset? */
export function urlOpensOther(search: string, hash: string): boolean {
  const q = new URLSearchParams(search);
  const preset = q.get('preset');
  return (preset !== null && preset !== FIRST_PRESET.id) || q.has('exercise') || /[?&#]s=/.test(search + hash);
}

/** Fetch the engine now unless the page can open on `recorded`; resolves when it can start. */
export function engineAtStart(recorded: RecordedRun | null): Promise<unknown> {
  if (recorded && recorded.presetId === FIRST_PRESET.id && !urlOpensOther(window.location.search, window.location.hash)) return Promise.resolve();
  return loadEngine();
}
