/**
 * Share links: the whole scenario document (never the trace: the same document gives
 * the same run) packed with lz-string into the URL fragment, `#s=<packed>&at=<action>`.
 * The fragment never reaches a server. Unpacking (store/unpack.ts) names what went wrong;
 * the page unpacks off its main thread (unpackOffThread).
 */
import LZString from 'lz-string';
import { parseScenario, scenarioToJson, type ScenarioDoc } from '@engine/api';
import { loadedPreset } from '../scenarios/catalog';

export { unpackDoc, MAX_PACKED } from './unpack';
export { unpackOffThread } from './unpackOffThread';
export { parseFragment } from './fragment';

/** Compact canonical JSON of the document (scenarioToJson without the indentation). */
export function compactJson(doc: ScenarioDoc): string {
  return JSON.stringify(JSON.parse(scenarioToJson(doc)));
}

export function packDoc(doc: ScenarioDoc): string {
  return LZString.compressToEncodedURIComponent(compactJson(doc));
}

/** `#s=…` with the cursor's action when given. */
export function shareHash(doc: ScenarioDoc, at?: number): string {
  return `#s=${packDoc(doc)}${at !== undefined && at > 0 ? `&at=${at}` : ''}`;
}

/** An action index as typed in a link: a whole number, or a readable line. */
export function parseActionParam(text: string, name = 'at'): { ok: true; value: number } | { ok: false; error: string } {
  if (!/^\d{1,9}$/.test(text)) return { ok: false, error: `${name}: "${text.slice(0, 20)}" is not a whole number of actions` };
  return { ok: true, value: Number(text) };
}

/**
 * True when `doc` is still exactly the preset `presetId` (no edits). A preset the store
 * names has been loaded, so its document is here.
 */
export function presetUnchanged(presetId: string | null, doc: ScenarioDoc): boolean {
  const p = presetId ? loadedPreset(presetId) : undefined;
  const parsed = p ? parseScenario(p.doc) : null;
  return !!parsed?.ok && compactJson(parsed.doc) === compactJson(doc);
}
