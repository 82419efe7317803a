/**
 * What an embed opens with: the document its parameters name (a preset, or a share link's
 * `s=`), then the moment, speed and autoplay they ask for.
 */
import { FIRST_PRESET, loadEngine, loadPresetInto, loadedPreset, seekAction, type PlaygroundStore } from '@store/index';
import { seekToTime } from '@store/hostApi';
import type { EmbedParams } from '@lib/embedParams';
import { loadEngineFor, needsEngineFor } from '@store/transport';

/** Share links' code (lz-string): loaded for an `s=` document, or when "Open in the playground" is near a click. */
let shareCode: typeof import('@store/share') | null = null;
export const loadShare = () => import('@store/share').then((m) => (shareCode = m));
/** The share code if it has arrived. */
export const shareLoaded = () => shareCode;

/**
 * Loads what the parameters ask for; returns the lines to show for what went wrong.
 * Synchronous for a preset whose document has arrived (app/embed/EmbedClient.tsx fetches it
 * together with this code, so it normally has); a share link waits for the share code.
 */
export function startEmbed(store: PlaygroundStore, p: EmbedParams): string[] | Promise<string[]> {
  const errors = [...p.errors];
  const st = store.getState();
  if (p.source?.kind === 'packed') {
    const packed = p.source.s;
    return Promise.all([loadShare(), loadEngine()]).then(([{ unpackDoc }]) => {
      const u = unpackDoc(packed, 's');
      if (!u.ok) { errors.push(u.error); store.getState().load(FIRST_PRESET.doc, FIRST_PRESET.id, { play: false }); return position(store, p, errors); }
      const wait = loadEngineFor(u.doc);
      if (!wait) { store.getState().load(u.doc, null, { play: false }); return position(store, p, errors); }
      return wait.then(() => { store.getState().load(u.doc, null, { play: false }); return position(store, p, errors); },
        (e: unknown) => [...errors, `s: the engine code this document needs could not be loaded (${String(e)})`]);
    }, (e: unknown) => [...errors, `s: the share-link code could not be loaded (${String(e)})`]);
  } else {
    const id = p.source?.kind === 'preset' ? p.source.id : FIRST_PRESET.id;
    // the store opened with this preset (the first one) and records the rest of it in the
    // background: loading it again would record it all over in one long task
    if (st.presetId === id && st.past.length === 0 && st.cursor === st.rec.first) return position(store, p, errors);
    const pr = loadedPreset(id);
    if (!pr || needsEngineFor(pr.doc)) return loadPresetInto(store, id, { play: false }).then((r) => (r.ok ? position(store, p, errors) : [...errors, r.error]));
    st.load(pr.doc, pr.id, { play: false });
  }
  return position(store, p, errors);
}

/** Cursor, speed and autoplay as the parameters ask. */
function position(store: PlaygroundStore, p: EmbedParams, errors: string[]): string[] {
  const st = store.getState();
  if (p.start?.kind === 'action') {
    const err = seekAction(store, p.start.at);
    if (err) errors.push(`at: ${err}`);
  } else if (p.start?.kind === 'time') seekToTime(store, p.start.t);
  st.setSpeed(p.speed);
  if (p.autoplay) st.play();
  return errors;
}
