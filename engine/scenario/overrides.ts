/**
 * Command-line style overrides (`--transport`, `--broker`, `--v4v-mode`, `--xen`) so the same
 * scenario can be run each way.
 */
import { quote } from './errors';
import { noteByMode, noteModeOf } from './notes';
import { BROKERS, TRANSPORTS, V4V_MODES, type Broker, type ScenarioDoc, type Transport, type V4vMode } from './types';
import { XEN_VERSIONS, type XenVersion } from '../core/xen';

export interface ScenarioOverrides {
  transport?: Transport;
  broker?: Broker;
  v4vMode?: V4vMode;
  xen?: XenVersion;
}

/**
 * A new document with the given fields replaced; `doc` is not modified. When the mode
 * changes, a string note (written for the document's own mode) becomes an object keyed by
 * that mode, so the document goes on saying which mode its text was written for.
 */
export function applyOverrides(doc: ScenarioDoc, overrides: ScenarioOverrides): ScenarioDoc {
  const out: ScenarioDoc = { ...doc };
  if (overrides.transport !== undefined) out.transport = overrides.transport;
  if (overrides.broker !== undefined) out.broker = overrides.broker;
  if (overrides.v4vMode !== undefined) out.v4vMode = overrides.v4vMode;
  if (overrides.xen !== undefined) out.xen = overrides.xen;
  const own = noteModeOf(doc);
  if (noteModeOf(out) !== own && doc.steps.some((s) => typeof s.note === 'string')) {
    out.steps = doc.steps.map((s) => (typeof s.note === 'string' ? { ...s, note: noteByMode(s.note, own) } : s));
  }
  return out;
}

/**
 * Checks untyped override values (e.g. from argv). The error is one line naming the option:
 * `--transport: expected "vsock" or "v4v", got "tcp"`.
 */
export function parseOverrides(raw: {
  transport?: string;
  broker?: string;
  v4vMode?: string;
  xen?: string;
}): { ok: true; overrides: ScenarioOverrides } | { ok: false; error: string } {
  const overrides: ScenarioOverrides = {};
  const bad = (flag: string, value: string, allowed: readonly string[]) => ({
    ok: false as const,
    error: `${flag}: expected ${allowed.map((a) => JSON.stringify(a)).join(' or ')}, got ${quote(value)}`,
  });
  if (raw.transport !== undefined) {
    if (!isOneOf(raw.transport, TRANSPORTS)) return bad('--transport', raw.transport, TRANSPORTS);
    overrides.transport = raw.transport;
  }
  if (raw.broker !== undefined) {
    if (!isOneOf(raw.broker, BROKERS)) return bad('--broker', raw.broker, BROKERS);
    overrides.broker = raw.broker;
  }
  if (raw.v4vMode !== undefined) {
    if (!isOneOf(raw.v4vMode, V4V_MODES)) return bad('--v4v-mode', raw.v4vMode, V4V_MODES);
    overrides.v4vMode = raw.v4vMode;
  }
  if (raw.xen !== undefined) {
    if (!isOneOf(raw.xen, XEN_VERSIONS)) return bad('--xen', raw.xen, XEN_VERSIONS);
    overrides.xen = raw.xen;
  }
  return { ok: true, overrides };
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}
