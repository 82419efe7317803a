'use client';
/** Transport / broker switch: re-runs the same scenario another way, when the engine can. */
import { memo, useEffect } from 'react';
import { usePgShallow, usePlaygroundStore, onEngine, type PlaygroundStore } from '@store/index';
import { MODES, modeOf } from '@store/modes';
import { loadEngineFor } from '@store/transport';
import { BASE_PATH } from '@lib/basePath';

/** Switch mode, fetching the engine code the mode needs first. */
async function choose(store: PlaygroundStore, id: string, transport: string, broker: string): Promise<void> {
  try { await loadEngineFor({ transport, broker }); } catch (e) {
    store.getState().setError(`${id}: the engine code for this mode could not be loaded (${String(e)})`);
    return;
  }
  store.getState().setMode(id);
}

function ModeSwitchImpl() {
  const store = usePlaygroundStore();
  const { doc, modes, presetId, edited } = usePgShallow((s) => ({ doc: s.doc, modes: s.modes, presetId: s.presetId, edited: s.past.length > 0 }));
  // which modes the engine runs is checked once the engine is here (a page opened on its
  // recorded run fetches it on first use: a pointer or the focus on these buttons is one)
  useEffect(() => {
    if (modes) return;
    let live = true;
    const id = window.setTimeout(() => onEngine(() => { if (live) store.getState().probeModes(); }), 300);
    return () => { live = false; window.clearTimeout(id); };
  }, [store, modes]);
  const probe = () => { if (!store.getState().modes) store.getState().probeModes(); };
  const cur = modeOf(doc);
  // an unedited preset opens by name; anything else (edited, imported, shared) travels packed
  const byName = presetId !== null && !edited;
  const compareHref = `${BASE_PATH}/compare/${byName ? `?preset=${encodeURIComponent(presetId)}` : ''}`;
  const openCompare = (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (byName || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    void import('@store/share').then((m) => window.location.assign(`${BASE_PATH}/compare/${m.shareHash(doc)}`));
  };
  return (
    <>
    <div className="modes" role="radiogroup" aria-label="Transport and broker" onPointerEnter={probe} onFocus={probe}>
      {MODES.map((m) => {
        const st = modes?.find((x) => x.id === m.id);
        // not checked yet (the engine has not been needed so far): offered, and checked on a click
        const ok = m.id === cur || !modes || st?.ok === true || st?.load === true;
        const tip = m.id === cur ? 'Running this way now' : !modes ? `Re-run this scenario with ${m.label}` : !st ? 'Checking whether the engine supports this…'
          : st.ok ? `Re-run this scenario with ${m.label}` : st.load ? `Load ${m.label} and re-run this scenario with it` : `Not available yet: ${st.reason ?? ''}`;
        return (
          <button key={m.id} type="button" role="radio" aria-checked={m.id === cur} disabled={!ok}
            className={m.id === cur ? 'mode on' : 'mode'} title={tip} aria-description={tip}
            onClick={() => void choose(store, m.id, m.transport, m.broker)}>
            {m.label}
          </button>
        );
      })}
    </div>
    <a className="compare-link" href={compareHref} onClick={openCompare} data-testid="compare-link"
      title="This scenario under all three side by side, on one clock">compare all three</a>
    </>
  );
}
export const ModeSwitch = memo(ModeSwitchImpl);
