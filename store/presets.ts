/**
 * Loading a preset by name into the store. Documents other than the first are fetched
 * on first use (scenarios/catalog.ts): a preset already here loads at once, any other
 * once its document arrives. The latest request wins, and one whose document arrives
 * after the scenario changed some other way (an import, a share link, an edit) is dropped.
 */
import { loadPreset, loadedPreset } from '../scenarios/catalog';
import type { PlaygroundStore, Result } from './createPlaygroundStore';
import { loadEngineFor, needsEngineFor } from './transport';

/** Each store's latest request (a request to one playground never overtakes another's). */
const latest = new WeakMap<PlaygroundStore, number>();

export function unknownPreset(id: string): string {
  return `preset: no preset called ${JSON.stringify(id.slice(0, 40))}`;
}

/** Load preset `id` into `store` (`play` as in the store's load); synchronous when it is here. */
export function loadPresetInto(store: PlaygroundStore, id: string, opts: { play?: boolean } = {}): Promise<Result> {
  const ticket = (latest.get(store) ?? 0) + 1;
  latest.set(store, ticket);
  const have = loadedPreset(id);
  if (have && !needsEngineFor(have.doc)) return Promise.resolve(store.getState().load(have.doc, have.id, opts));
  const before = store.getState().doc;
  return loadPreset(id).then(async (preset): Promise<Result> => {
      if (!preset) return { ok: false, error: unknownPreset(id) };
      try { await loadEngineFor(preset.doc); } catch (e) {
        return { ok: false, error: `preset: ${JSON.stringify(id.slice(0, 40))}: the engine code it needs could not be loaded (${String(e).split('\n')[0]})` };
      }
      if (ticket !== latest.get(store) || store.getState().doc !== before) return { ok: true }; // overtaken
      return store.getState().load(preset.doc, preset.id, opts);
    },
    (e: unknown): Result => ({
      ok: false,
      error: `preset: ${JSON.stringify(id.slice(0, 40))} could not be loaded (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`,
    }),
  );
}
