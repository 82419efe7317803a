/** The Xen release a document models, as the page offers it (scenario-v1 "Additions in 1.1"). */
import { DEFAULT_XEN, XEN_VERSIONS, type XenVersion } from '@engine/lite';
import type { ScenarioDoc } from '@engine/api';

export const XEN_CHOICES: ReadonlyArray<{ id: XenVersion; label: string; tip: string }> = XEN_VERSIONS.map((id) => ({
  id,
  label: `Xen ${id}`,
  tip: id === '4.3'
    ? 'Xen 4.3 (July 2013, the design discussion\'s time): any write anywhere fails an open xenstore transaction, watches are not filtered by permissions'
    : 'Xen 4.19 (current): a transaction fails only if a node it touched changed, watches reach only those who may read',
}));

/** The version a document models (absent means 4.3). */
export function xenOf(doc: ScenarioDoc): XenVersion {
  return doc.xen ?? DEFAULT_XEN;
}
