'use client';
/**
 * What the main page opens with: a share link (`#s=…&at=…`) if there is one, else
 * `?preset=`, else the first preset. A broken link leaves the default preset loaded and
 * says what is wrong; it never runs part of a scenario. Also follows later hash changes.
 */
import { useEffect } from 'react';
import { getStore, PRESETS } from '@store/index';

function loadPreset(): void {
  const q = new URLSearchParams(window.location.search);
  const id = q.get('preset');
  const p = id ? PRESETS.find((x) => x.id === id) : PRESETS[0];
  if (p) getStore().getState().load(p.doc, p.id, { play: !q.has('paused') });
  else if (id) {
    getStore().getState().load(PRESETS[0]!.doc, PRESETS[0]!.id, { play: false });
    getStore().getState().setError(`preset: no preset called "${id.slice(0, 40)}"`);
  }
}

async function loadShared(hash: string): Promise<void> {
  const { parseFragment, unpackDoc, parseActionParam } = await import('@store/share');
  const f = parseFragment(hash);
  const s = f.get('s');
  if (s === undefined) return;
  const st = getStore().getState();
  const u = unpackDoc(s);
  if (!u.ok) { loadPreset(); st.pause(); getStore().getState().setError(u.error); return; }
  const r = st.load(u.doc, null, { play: false });
  if (!r.ok) return;
  const at = f.get('at');
  if (at === undefined) return;
  const a = parseActionParam(at);
  const last = getStore().getState().timeline.endSeq.length - 1;
  if (!a.ok) getStore().getState().setError(`share link: ${a.error}`);
  else if (a.value > last) { st.seek(last); getStore().getState().setError(`share link: at: ${a.value} is past the end of the run (last action ${last})`); }
  else st.seek(a.value);
}

export function useStartScenario() {
  useEffect(() => {
    if (/[#&]s=/.test(window.location.hash)) void loadShared(window.location.hash);
    else loadPreset();
    const onHash = () => { if (/[#&]s=/.test(window.location.hash)) void loadShared(window.location.hash); };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}
