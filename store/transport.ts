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

/** Fetch the engine code `input` needs; null when it is all here already. */
export function loadEngineFor(input: unknown): Promise<void> | null {
  const { transport, broker } = modeOf(input);
  const wait: Array<Promise<unknown>> = [];
  if (transport === 'v4v' && !v4vInstalled()) wait.push(import('@engine/v4v/install'));
  if (transport !== 'v4v' && broker === 'xenstore' && !xsBrokerInstalled()) wait.push(import('@engine/vsock/xsbroker-install'));
  return wait.length === 0 ? null : Promise.all(wait).then(() => undefined);
}
