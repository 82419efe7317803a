'use client';
/**
 * What the main page opens with: a share link (`#s=…&at=…`) if there is one, else
 * `?preset=`, else the first preset. A broken link leaves the default preset loaded and
 * says what is wrong; it never runs part of a scenario. Also follows later hash changes.
 */
import { useEffect } from 'react';
import { usePlaygroundStore, loadPresetInto, isPresetId, FIRST_PRESET, type PlaygroundStore } from '@store/index';
import { seekActionSliced, restRecorded } from '@store/recording';
import { loadEngineFor } from '@store/transport';

/** `?preset=` (app/ClientPlayground.tsx fetches it along with the page's code), else the first. */
async function loadPreset(store: PlaygroundStore): Promise<void> {
  const q = new URLSearchParams(window.location.search);
  const id = q.get('preset');
  const play = !q.has('paused');
  const st = store.getState();
  // the store opened with the first preset (its recorded run, or its recording goes on in the background)
  const openedWithFirst = st.presetId === FIRST_PRESET.id && st.past.length === 0 && st.cursor === st.rec.first;
  if ((id === null || id === FIRST_PRESET.id) && openedWithFirst) {
    // the store opened with it: its recording goes on in the background, then it plays
    await restRecorded(store);
    if (play && store.getState().timeline === st.timeline) store.getState().play();
  } else if (id && isPresetId(id)) {
    const r = await loadPresetInto(store, id, { play });
    if (!r.ok) store.getState().setError(r.error);
  } else if (id) {
    st.load(FIRST_PRESET.doc, FIRST_PRESET.id, { play: false });
    store.getState().setError(`preset: no preset called "${id.slice(0, 40)}"`);
  } else st.load(FIRST_PRESET.doc, FIRST_PRESET.id, { play });
}

async function loadShared(store: PlaygroundStore, hash: string): Promise<void> {
  const { parseFragment, unpackOffThread, parseActionParam } = await import('@store/share');
  const f = parseFragment(hash);
  const s = f.get('s');
  if (s === undefined) return;
  const st = store.getState();
  const u = await unpackOffThread(s);
  if (!u.ok) { await loadPreset(store); store.getState().pause(); store.getState().setError(u.error); return; }
  await loadEngineFor(u.doc);
  const r = st.load(u.doc, null, { play: false });
  if (!r.ok) return;
  const at = f.get('at');
  if (at === undefined) return;
  const a = parseActionParam(at);
  if (!a.ok) { store.getState().setError(`share link: ${a.error}`); return; }
  // a moment beyond what is recorded so far is recorded first (long runs record in slices)
  const err = await seekActionSliced(store, a.value);
  if (err) store.getState().setError(`share link: at: ${err}`);
}

export function useStartScenario() {
  const store = usePlaygroundStore();
  useEffect(() => {
    if (/[#&]s=/.test(window.location.hash)) void loadShared(store, window.location.hash);
    else void loadPreset(store);
    const onHash = () => { if (/[#&]s=/.test(window.location.hash)) void loadShared(store, window.location.hash); };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [store]);
}
