/**
 * Engine code a document needs before it can run. The page ships the engine without the
 * alternatives the design is weighed against (the V4V transport, the xenstore broker) and
 * fetches each the first time a document or a mode needs it; the runner and the tests
 * have them installed from the start.
 */
import { v4vInstalled, xsBrokerInstalled } from '@engine/api';

/** The transport and broker a document (object or JSON text) asks for, read without validating it. */
function modeOf(input: unknown): { transport: unknown; broker: unknown } {
  let v = input;
  if (typeof v === 'string') {
    if (!v.includes('v4v') && !v.includes('xenstore')) return { transport: undefined, broker: undefined };
    try { v = JSON.parse(v) as unknown; } catch { return { transport: undefined, broker: undefined }; }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { transport: undefined, broker: undefined };
  const d = v as { transport?: unknown; broker?: unknown };
  return { transport: d.transport, broker: d.broker };
}

/** Which engine code `input` needs that is not here yet. */
function missingFor(input: unknown): { v4v: boolean; xsBroker: boolean } {
  const { transport, broker } = modeOf(input);
  return {
    v4v: transport === 'v4v' && !v4vInstalled(),
    xsBroker: transport !== 'v4v' && broker === 'xenstore' && !xsBrokerInstalled(),
  };
}

/** Does `input` need engine code that is not here yet? (No fetch starts.) */
export function needsEngineFor(input: unknown): boolean {
  const m = missingFor(input);
  return m.v4v || m.xsBroker;
}

/** Fetch the engine code `input` needs; null when it is all here already. */
export function loadEngineFor(input: unknown): Promise<void> | null {
  const m = missingFor(input);
  const wait: Array<Promise<unknown>> = [];
  if (m.v4v) wait.push(import('@engine/v4v/install'));
  if (m.xsBroker) wait.push(import('@engine/vsock/xsbroker-install'));
  return wait.length === 0 ? null : Promise.all(wait).then(() => undefined);
}
