'use client';
import { memo, useMemo } from 'react';
import { usePg, getStore, PRESETS } from '@store/index';

interface Entry { id: string; title: string; description: string; doc: unknown }

function entries(): Entry[] {
  return PRESETS.map((p) => {
    const d = (p.doc ?? {}) as { title?: unknown; description?: unknown };
    return { id: p.id, doc: p.doc, title: typeof d.title === 'string' ? d.title : p.id, description: typeof d.description === 'string' ? d.description : '' };
  });
}

function GalleryImpl() {
  const current = usePg((s) => s.presetId);
  const list = useMemo(entries, []);
  const load = (e: Entry) => {
    getStore().getState().load(e.doc, e.id, { play: true });
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
            <button type="button" className={e.id === current ? 'preset current' : 'preset'} onClick={() => load(e)}
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
