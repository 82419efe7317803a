'use client';
/**
 * The document's limits and XSM, editable: each limit shows the default of the document's
 * Xen version until it is set; a value outside the validator's range is refused with the
 * reason (the error banner) and the field shows the document's value again.
 */
import { setLimit, setXsm, type LessonEdit } from '@store/lessonEdits';
import { limitRows, limitsXen } from '@store/limitRows';
import type { ScenarioDoc } from '@engine/api';
import { CommitField } from './CommitField';
import { fmtCount } from '@lib/format';
import './editor.css';


interface Props {
  doc: ScenarioDoc;
  apply: (e: LessonEdit) => boolean;
  /** Which parts to show (an exercise shows only what its student may change); both by default. */
  show?: { limits: boolean; xsm: boolean };
}

export function LimitsEditor({ doc, apply, show = { limits: true, xsm: true } }: Props) {
  return (
    <div className="lesson-limits" data-testid="limits-editor">
      {show.xsm ? <label className="xsm-toggle">
        <input type="checkbox" checked={doc.xsm} onChange={(e) => apply(setXsm(e.target.checked))} data-testid="limits-xsm" />
        XSM: Xen checks every grant map and event-channel bind against the policy
      </label> : null}
      {show.limits ? <p className="muted hint">An empty field keeps Xen {limitsXen(doc)}&apos;s default, shown in grey.</p> : null}
      {show.limits ? <ul className="lesson-limit-rows">
        {limitRows(doc).map((r) => (
          <li key={r.key} data-testid={`limit-${r.key}`}>
            <span className="limit-label" id={`limit-label-${r.key}`}>{r.label}</span>
            <CommitField type="number" className="short" label={`${r.label} (${fmtCount(r.min)}–${fmtCount(r.max)})`}
              value={r.value === null ? '' : String(r.value)} placeholder={fmtCount(r.dflt)} testId={`limit-input-${r.key}`}
              onCommit={(v) => apply(setLimit(r.key, v.trim() === '' ? null : /^\d+$/.test(v.trim()) ? Number(v.trim()) : v))} />
            {r.value !== null ? (
              <button type="button" className="link" onClick={() => apply(setLimit(r.key, null))} data-testid={`limit-reset-${r.key}`}
                aria-label={`${r.label}: back to the default, ${fmtCount(r.dflt)}`}>default</button>
            ) : null}
          </li>
        ))}
      </ul> : null}
    </div>
  );
}
