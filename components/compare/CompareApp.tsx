'use client';
/**
 * /compare: one document under vsock + connection manager, vsock + xenstore and V4V, side
 * by side, on one clock. The document comes as on the main page: `?preset=id`, or a share
 * link's packed `s=` (query or fragment); `embed=1` gives the compact form for an iframe,
 * `t=µs` a starting moment. A bad parameter shows one line; the first preset is compared.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioDoc } from '@engine/api';
import { FIRST_PRESET, isPresetId } from '@store/index';
import { parseFragment, unpackDoc, shareHash } from '@store/share';
import { createCompare, loadEnginesForCompare, presetDoc, type Compare } from '@store/compare';
import { routeUrl } from '@lib/basePath';
import { ComparePane } from './ComparePane';
import { CompareControls } from './CompareControls';
import { useCompareClock } from './useCompareClock';
import './compare.css';

interface Source { doc: ScenarioDoc; presetId: string | null; problems: string[] }

/** The document the URL names, and the lines to show for what was wrong with it. */
async function sourceOf(q: Map<string, string>, hash: Map<string, string>): Promise<Source> {
  const problems: string[] = [];
  const s = q.get('s') ?? hash.get('s');
  if (s !== undefined) {
    const u = unpackDoc(s);
    if (u.ok) return { doc: u.doc, presetId: null, problems };
    problems.push(u.error);
  } else {
    const id = q.get('preset');
    if (id !== undefined && isPresetId(id)) return { doc: await presetDoc(id), presetId: id, problems };
    if (id !== undefined) problems.push(`preset: no preset called ${JSON.stringify(id.slice(0, 40))}`);
  }
  return { doc: await presetDoc(FIRST_PRESET.id), presetId: FIRST_PRESET.id, problems };
}

type Loaded = { compare: Compare; src: Source } | { error: string } | null;

export default function CompareApp() {
  const [q] = useState(() => parseFragment(window.location.search));
  const embed = q.get('embed') === '1';
  const [state, setState] = useState<Loaded>(null);
  useEffect(() => {
    if (embed) document.documentElement.classList.add('embedded');
    let live = true;
    void (async () => {
      try {
        const src = await sourceOf(q, parseFragment(window.location.hash));
        await loadEnginesForCompare(src.doc);
        const compare = createCompare(src.doc, src.presetId);
        const t = q.get('t');
        if (t !== undefined && /^\d{1,13}$/.test(t)) compare.clock.getState().seekTime(Number(t));
        else if (t !== undefined) src.problems.push(`t: "${t.slice(0, 20)}" is not a virtual time (a whole number of µs)`);
        if (live) setState({ compare, src });
      } catch (e) {
        if (live) setState({ error: (e instanceof Error ? e.message : String(e)).split('\n')[0]! });
      }
    })();
    return () => { live = false; };
  }, [q, embed]);
  if (!state) return <p className="muted" style={{ padding: 16 }}>Running the scenario three ways…</p>;
  if ('error' in state) return <p className="error-banner" role="alert" data-testid="compare-error">✕ {state.error}</p>;
  return <CompareView compare={state.compare} src={state.src} embed={embed} />;
}

function CompareView({ compare, src, embed }: { compare: Compare; src: Source; embed: boolean }) {
  useCompareClock(compare.clock);
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || t?.closest('input, select, textarea, [contenteditable="true"]')) return;
      const c = compare.clock.getState();
      if (e.key === ' ' && !(t instanceof HTMLButtonElement)) { e.preventDefault(); c.togglePlay(); }
      else if (e.key === 'ArrowRight') { e.preventDefault(); c.pause(); c.stepNext(); }
      else if (e.key === 'ArrowLeft') { e.preventDefault(); c.stepPrev(); }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [compare]);
  const packed = useMemo(() => (src.presetId ? null : shareHash(src.doc)), [src]);
  const full = routeUrl('/') + (packed ?? `?preset=${encodeURIComponent(src.presetId ?? '')}`);
  // this comparison at this moment: the same document, the same form, t= the clock's time
  const t = useStore(compare.clock, (s) => s.t);
  const here = `${routeUrl('/compare/')}?${packed ? '' : `preset=${encodeURIComponent(src.presetId ?? '')}&`}${embed ? 'embed=1&' : ''}t=${t}${packed ?? ''}`;
  return (
    <div className={embed ? 'compare embedded-compare' : 'compare'} data-testid="compare">
      <header className="topbar compare-top">
        <h1 title={src.doc.title}>{embed ? '' : 'Compare: '}{src.doc.title}</h1>
        <p className="muted compare-sub">the same document over vsock + connection manager, vsock + xenstore and V4V, one clock</p>
        <a href={here} data-testid="compare-moment-link" title="A link to this comparison at this moment">Link to this moment</a>
        <a href={full} target={embed ? '_blank' : undefined} rel={embed ? 'noopener' : undefined} data-testid="compare-open-full">Open in the playground{embed ? ' ↗' : ''}</a>
      </header>
      {src.problems.length > 0 ? (
        <div className="error-banner" role="alert" data-testid="compare-problems">{src.problems.slice(0, 3).map((l, i) => <span key={i}>✕ {l}</span>)}</div>
      ) : null}
      <div className="compare-panes">
        {compare.panes.map((p) => <ComparePane key={p.mode.id} pane={p} clock={compare.clock} />)}
      </div>
      <footer className="bottombar"><CompareControls clock={compare.clock} /></footer>
    </div>
  );
}
