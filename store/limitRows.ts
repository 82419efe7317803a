/**
 * The document's limits as the editor shows them: each key with a plain-language label,
 * the document's own value (or none), the default of the document's Xen version and the
 * range the validator accepts.
 */
import { DEFAULT_XEN, LIMIT_RANGES, limitsFor, type LimitKey, type ScenarioDoc } from '@engine/api';

export interface LimitRow {
  key: LimitKey;
  label: string;
  /** The document's own value; null: the Xen version's default applies. */
  value: number | null;
  dflt: number;
  min: number;
  max: number;
}

const LABELS: Record<LimitKey, string> = {
  grantEntries: 'Grant entries per domain (refs 0–7 reserved)',
  maptrackEntries: 'Maptrack entries (grants a domain may map)',
  eventChannels: 'Event-channel ports per domain',
  ringPages: 'Pages per vsock ring, each direction',
  v4vRingBytes: 'Bytes of a V4V ring',
  v4vPendingPerRing: 'V4V space requests per ring (0: unlimited)',
  xenstoreNodes: 'xenstore nodes per domain',
  xenstoreWatches: 'xenstore watches per domain',
  xenstoreTransactions: 'xenstore transactions per domain',
};

/** The Xen version whose defaults apply. */
export const limitsXen = (doc: ScenarioDoc): string => doc.xen ?? DEFAULT_XEN;

export function limitRows(doc: ScenarioDoc): LimitRow[] {
  const dflt = limitsFor(doc.xen ?? DEFAULT_XEN);
  return (Object.keys(LABELS) as LimitKey[]).map((key) => ({
    key, label: LABELS[key], value: doc.limits[key] ?? null, dflt: dflt[key], min: LIMIT_RANGES[key][0], max: LIMIT_RANGES[key][1],
  }));
}
