/**
 * Engine code a document needs before it can run. The page opens without the engine (it
 * plays a run recorded at build time: store/recordedRun.ts) and fetches it, with vsock and
 * the connection manager (BASE_MODULES), the first time something must run; it fetches each alternative the design
 * is weighed against (the V4V transport, the xenstore broker) the first time a document
 * or a mode needs it. Every run is given the modules loaded so far (loadedModules()).
 */
import type { SimModule } from '@engine/api';
import { engine, engineIfLoaded, loadEngine } from './engine';

/** Modules added to the engine's BASE_MODULES so far, and the whole list (null: to be made). */
let added: readonly SimModule[] = [];
let modules: readonly SimModule[] | null = null;

/** The transports and brokers the page has loaded so far: pass these to every run (the engine must be loaded). */
export function loadedModules(): readonly SimModule[] {
  return (modules ??= [...engine().BASE_MODULES, ...added]);
}

function has(role: SimModule['role'], serves: string): boolean {
  return engineIfLoaded() !== null && loadedModules().some((m) => m.role === role && m.serves === serves);
}

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

/** Which engine code a transport / broker pair needs that is not here yet. */
export function missingFor(transport: unknown, broker: unknown): { v4v: boolean; xsBroker: boolean } {
  return {
    v4v: transport === 'v4v' && !has('transport', 'v4v'),
    xsBroker: transport !== 'v4v' && broker === 'xenstore' && !has('broker', 'xenstore'),
  };
}

/** Does `input` need engine code that is not here yet? (No fetch starts.) */
export function needsEngineFor(input: unknown): boolean {
  const { transport, broker } = modeOf(input);
  const m = missingFor(transport, broker);
  return m.v4v || m.xsBroker || engineIfLoaded() === null;
}

function add(m: SimModule): void {
  if (!added.includes(m)) { added = [...added, m]; modules = null; }
}

/** Fetch the engine code `input` needs; null when it is all here already. */
export function loadEngineFor(input: unknown): Promise<void> | null {
  const { transport, broker } = modeOf(input);
  const m = missingFor(transport, broker);
  const wait: Array<Promise<unknown>> = [];
  if (engineIfLoaded() === null) wait.push(loadEngine());
  if (m.v4v) wait.push(import('@engine/v4v/module').then((x) => add(x.v4vTransport)));
  if (m.xsBroker) wait.push(import('@engine/vsock/xsbroker-module').then((x) => add(x.xenstoreBroker)));
  return wait.length === 0 ? null : Promise.all(wait).then(() => undefined);
}
