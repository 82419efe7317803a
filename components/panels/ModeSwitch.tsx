'use client';
/** Transport / broker switch: re-runs the same scenario another way, when the engine can. */
import { memo, useEffect } from 'react';
import { usePgShallow, getStore } from '@store/index';
import { MODES, modeOf } from '@store/modes';

function ModeSwitchImpl() {
  const { doc, modes } = usePgShallow((s) => ({ doc: s.doc, modes: s.modes }));
  useEffect(() => {
    if (modes) return;
    const id = window.setTimeout(() => getStore().getState().probeModes(), 300);
    return () => window.clearTimeout(id);
  }, [modes]);
  const cur = modeOf(doc);
  return (
    <div className="modes" role="radiogroup" aria-label="Transport and broker">
      {MODES.map((m) => {
        const st = modes?.find((x) => x.id === m.id);
        const ok = m.id === cur || st?.ok === true;
        const tip = m.id === cur ? 'Running this way now' : !st ? 'Checking whether the engine supports this…' : st.ok ? `Re-run this scenario with ${m.label}` : `Not available yet: ${st.reason ?? ''}`;
        return (
          <button key={m.id} type="button" role="radio" aria-checked={m.id === cur} disabled={!ok}
            className={m.id === cur ? 'mode on' : 'mode'} title={tip} aria-description={tip}
            onClick={() => getStore().getState().setMode(m.id)}>
            {m.label}
          </button>
        );
      })}
    </div>
  );
}
export const ModeSwitch = memo(ModeSwitchImpl);
