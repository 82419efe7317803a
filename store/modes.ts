/**
 * Transport / broker modes. A mode is offered only if the engine really runs it: parse
 * and run the same document with the overrides, and check the trace honours the
 * contract (v4v: connections go "via v4v" and no connection-manager messages;
 * xenstore broker: no CONNECT_* messages). Detected at runtime, never hard-coded.
 */
import type { ScenarioDoc, Transport, Broker } from '@engine/api';
import { engine } from './engine';
import { loadedModules, missingFor } from './transport';

export interface Mode { id: string; label: string; transport: Transport; broker: Broker }
/** `load`: the engine code for this mode is not here yet; it is fetched, then probed, when chosen. */
export interface ModeStatus { id: string; ok: boolean; reason: string | null; load?: boolean }

export const MODES: readonly Mode[] = [
  { id: 'vsock-cm', label: 'vsock + connection manager', transport: 'vsock', broker: 'connection-manager' },
  { id: 'vsock-xs', label: 'vsock + xenstore', transport: 'vsock', broker: 'xenstore' },
  { id: 'v4v', label: 'V4V', transport: 'v4v', broker: 'connection-manager' },
];

export function modeOf(doc: ScenarioDoc): string {
  if (doc.transport === 'v4v') return 'v4v';
  return doc.broker === 'xenstore' ? 'vsock-xs' : 'vsock-cm';
}

const PROBE_MAX_US = 60_000_000;
const PROBE_MAX_ACTIONS = 20_000;

export function probeMode(doc: ScenarioDoc, m: Mode): ModeStatus {
  const missing = missingFor(m.transport, m.broker);
  if (missing.v4v || missing.xsBroker) return { id: m.id, ok: false, reason: null, load: true };
  try {
    const { parseScenario, applyOverrides, createSim, simNextTime, simStep, viewOf } = engine();
    const parsed = parseScenario(applyOverrides(doc, { transport: m.transport, broker: m.broker }));
    if (!parsed.ok) return { id: m.id, ok: false, reason: parsed.error };
    // Bounded by actions as well as time: a long flood ran 60 s of virtual time with its
    // whole trace kept (millions of events) and crashed the tab.
    const st = createSim(parsed.doc, { modules: loadedModules() });
    for (let n = 0; n < PROBE_MAX_ACTIONS; n++) {
      const t = simNextTime(st);
      if (t === null || t > PROBE_MAX_US || !simStep(st)) break;
    }
    const cmConnect = st.trace.events.some((e) => e.kind === 'cm' && e.op.startsWith('CONNECT_'));
    if (m.transport === 'v4v') {
      // every named connection (a client socket) went by V4V
      const faithful = !cmConnect && viewOf(st).sockets.every((s) => s.name === null || s.via === 'v4v');
      return faithful ? { id: m.id, ok: true, reason: null } : { id: m.id, ok: false, reason: 'the engine does not run the V4V transport yet' };
    }
    if (m.broker === 'xenstore' && cmConnect) return { id: m.id, ok: false, reason: 'the engine does not run the xenstore broker yet' };
    return { id: m.id, ok: true, reason: null };
  } catch (e) {
    return { id: m.id, ok: false, reason: `the engine failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function probeModes(doc: ScenarioDoc): ModeStatus[] {
  const current = modeOf(doc);
  return MODES.map((m) => (m.id === current ? { id: m.id, ok: true, reason: null } : probeMode(doc, m)));
}
