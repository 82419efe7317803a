/** Reads a dropped or picked file and loads it if, and only if, it is a valid scenario. */
import type { PlaygroundStore } from '@store/index';
import { checkImport, MAX_IMPORT_BYTES } from '@store/fileImport';
import { loadEngineFor } from '@store/transport';

export async function importFile(store: PlaygroundStore, file: File): Promise<boolean> {
  const st = store.getState();
  let bytes: Uint8Array | null = null;
  if (file.size <= MAX_IMPORT_BYTES) {
    try { bytes = new Uint8Array(await file.arrayBuffer()); } catch { bytes = null; }
  }
  const r = checkImport(file.name, file.size, bytes);
  if (!r.ok) { st.setError(r.error); return false; }
  try { await loadEngineFor(r.doc); } catch (e) { st.setError(`import: the engine code for this document could not be loaded (${String(e)})`); return false; }
  const loaded = st.load(r.doc, null, { play: false });
  if (!loaded.ok) return false;
  // the page now shows the imported document: drop a stale ?preset= or #s= from the address
  const u = new URL(window.location.href);
  u.searchParams.delete('preset'); u.hash = '';
  window.history.replaceState(null, '', u);
  return true;
}
