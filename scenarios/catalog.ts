/**
 * The preset gallery as the app loads it: a small static index (id and title;
 * scenarios/presetIndex.ts), the first preset bundled (the page opens with it), and every
 * other document fetched on first use (the small ones in one chunk, the large one alone). scenarios/index.ts is the
 * same list with every document bundled, for Node (tests, scripts); the app must not
 * import it. catalog.test.ts checks that the two agree.
 */
import allowedConnection from './allowed-connection.json';
import { PRESET_INDEX } from './presetIndex';

export interface Preset { id: string; doc: unknown }
export interface PresetInfo { id: string; title: string }

export { PRESET_INDEX };
export const PRESET_IDS: readonly string[] = PRESET_INDEX.map((p) => p.id);

/** The preset the page opens with (the gallery's first). */
export const FIRST_PRESET: Preset = { id: 'allowed-connection', doc: allowedConnection };

/**
 * Two dynamic imports: the small documents travel together (one request, a few KiB the
 * first time the gallery is used), the one large document alone.
 */
const LARGE = 'grant-exhaustion-default';
function fetchDoc(id: string): Promise<unknown> {
  if (id === LARGE) return import('./grant-exhaustion-default.json').then((m) => m.default as unknown);
  return import('./presetDocs').then((m) => m.PRESET_DOCS[id]);
}

const loaded = new Map<string, Preset>([[FIRST_PRESET.id, FIRST_PRESET]]);
const pending = new Map<string, Promise<Preset>>();

/** True when `id` names a preset. */
export function isPresetId(id: string): boolean {
  return PRESET_IDS.includes(id);
}

/** The preset if its document is already here (the first one always is). */
export function loadedPreset(id: string): Preset | undefined {
  return loaded.get(id);
}

/**
 * The preset `id`, fetched on first use; undefined for an unknown id. A failed fetch
 * rejects (and is tried again on the next call).
 */
export function loadPreset(id: string): Promise<Preset | undefined> {
  const have = loaded.get(id);
  if (have) return Promise.resolve(have);
  if (!isPresetId(id)) return Promise.resolve(undefined);
  let p = pending.get(id);
  if (!p) {
    p = fetchDoc(id).then(
      (doc) => {
        if (doc === undefined) throw new Error(`no document for preset ${id}`);
        const preset = { id, doc }; loaded.set(id, preset); pending.delete(id); return preset;
      },
      (e: unknown) => { pending.delete(id); throw e; },
    );
    pending.set(id, p);
  }
  return p;
}

/** Start fetching the preset a page's URL names (`?preset=`); never rejects. */
export function prefetchPreset(id: string | null): Promise<void> {
  return id && isPresetId(id) ? loadPreset(id).then(() => undefined, () => undefined) : Promise.resolve();
}
