/**
 * The preset gallery as the app loads it: a small static index (id and title;
 * scenarios/presetIndex.ts), the first preset bundled (the page opens with it), and every
 * other document fetched on first use, one small chunk each. scenarios/index.ts is the
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

type Loader = () => Promise<{ default: unknown }>;
/** One dynamic import per document: the bundler gives each its own chunk. */
const LOADERS: Readonly<Record<string, Loader>> = {
  'denied-by-default': () => import('./denied-by-default.json'),
  'policy-changed': () => import('./policy-changed.json'),
  'no-listener': () => import('./no-listener.json'),
  'special-cids': () => import('./special-cids.json'),
  'shared-ring': () => import('./shared-ring.json'),
  'flood-isolation': () => import('./flood-isolation.json'),
  'shed-flooder': () => import('./shed-flooder.json'),
  'connect-flood': () => import('./connect-flood.json'),
  'grant-exhaustion-override': () => import('./grant-exhaustion-override.json'),
  'grant-exhaustion-default': () => import('./grant-exhaustion-default.json'),
  'migrate-reconnect': () => import('./migrate-reconnect.json'),
  'peer-crash': () => import('./peer-crash.json'),
  'xenstore-broker': () => import('./xenstore-broker.json'),
  'bypass-without-xsm': () => import('./bypass-without-xsm.json'),
  'bypass-with-xsm': () => import('./bypass-with-xsm.json'),
  'v4v-wakeup-storm': () => import('./v4v-wakeup-storm.json'),
  'v4v-no-grants': () => import('./v4v-no-grants.json'),
  'v4v-guest-cannot-change-rules': () => import('./v4v-guest-cannot-change-rules.json'),
};

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
  if (!isPresetId(id) || !Object.prototype.hasOwnProperty.call(LOADERS, id)) return Promise.resolve(undefined);
  let p = pending.get(id);
  if (!p) {
    p = LOADERS[id]!().then(
      (m) => { const preset = { id, doc: m.default }; loaded.set(id, preset); pending.delete(id); return preset; },
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
