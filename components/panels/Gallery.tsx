'use client';
import { memo } from 'react';
import { usePg, getStore, loadPreset, loadPresetInto, PRESET_INDEX, type PresetInfo } from '@store/index';

/** Fetch a preset's document when the pointer comes near its button, so a click loads it at once. */
const prefetch = (e: PresetInfo) => { void loadPreset(e.id).catch(() => undefined); };

function GalleryImpl() {
  const current = usePg((s) => s.presetId);
  const list = PRESET_INDEX;
  const load = (e: PresetInfo) => {
    void loadPresetInto(getStore(), e.id, { play: true }).then((r) => { if (!r.ok) getStore().getState().setError(r.error); });
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
              aria-current={e.id === current ? 'true' : undefined} title={e.description} data-testid={`preset-${e.id}`}>
              {e.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
export const Gallery = memo(GalleryImpl);
