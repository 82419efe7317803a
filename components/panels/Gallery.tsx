'use client';
import { memo, useState } from 'react';
import { usePg, usePlaygroundStore, loadPreset, loadedPreset, loadPresetInto, PRESET_INDEX, type PresetInfo } from '@store/index';

function GalleryImpl() {
  const store = usePlaygroundStore();
  const current = usePg((s) => s.presetId);
  // Fetch a preset's document when the pointer comes near its button, so a click loads it
  // at once; once here, its description becomes the button's tooltip.
  const [, arrived] = useState(0);
  const prefetch = (e: PresetInfo) => { if (!loadedPreset(e.id)) void loadPreset(e.id).then(() => arrived((n) => n + 1), () => undefined); };
  const tip = (e: PresetInfo) => { const d = loadedPreset(e.id)?.doc as { description?: unknown } | undefined; return typeof d?.description === 'string' ? d.description : undefined; };
  const list = PRESET_INDEX;
  const load = (e: PresetInfo) => {
    void loadPresetInto(store, e.id, { play: true }).then((r) => { if (!r.ok) store.getState().setError(r.error); });
    const u = new URL(window.location.href);
    u.searchParams.set('preset', e.id);
    u.hash = ''; // a share link's scenario is no longer what the page shows
    window.history.replaceState(null, '', u);
  };
  return (
    <nav aria-label="Scenario gallery" className="gallery">
      <ul>
        {list.map((e) => (
          <li key={e.id}>
            <button type="button" className={e.id === current ? 'preset current' : 'preset'} onClick={() => load(e)} onPointerEnter={() => prefetch(e)} onFocus={() => prefetch(e)}
              aria-current={e.id === current ? 'true' : undefined} title={tip(e)} data-testid={`preset-${e.id}`}>
              {e.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
export const Gallery = memo(GalleryImpl);
