'use client';
/** Which Xen the run models: switching re-runs the scenario as an edit (undo and share links keep it). */
import { memo } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { XEN_CHOICES, xenOf } from '@store/xen';

function XenSwitchImpl() {
  const store = usePlaygroundStore();
  const cur = usePg((s) => xenOf(s.doc));
  return (
    <div className="modes xen-modes" role="radiogroup" aria-label="Xen version modelled" data-testid="xen-switch">
      <span className="xen-label" aria-hidden="true">Xen</span>
      {XEN_CHOICES.map((x) => (
        <button key={x.id} type="button" role="radio" aria-checked={x.id === cur} className={x.id === cur ? 'mode on' : 'mode'}
          aria-label={x.label} title={x.tip} aria-description={x.tip} onClick={() => store.getState().setXen(x.id)}>
          {x.id}
        </button>
      ))}
    </div>
  );
}
export const XenSwitch = memo(XenSwitchImpl);
