/**
 * The simulation with every transport and broker: the node-side way in for scripts,
 * benchmarks and tests (the loop itself is sim/loop.ts, which takes its modules
 * explicitly; the page passes the ones it has loaded).
 */
import type { ScenarioDoc } from '../scenario';
import { ALL_MODULES } from '../all-modules';
import { createSim as createSimWith, type SimOptions } from './loop';
import type { SimModule } from './module';
import type { SimState } from './types';

export { simStep, simRun } from './loop';
export type { SimOptions } from './loop';

/** A run of `doc`; `modules` defaults to every transport and broker. */
export function createSim(doc: ScenarioDoc, opts: SimOptions & { modules?: readonly SimModule[] } = {}): SimState {
  return createSimWith(doc, { ...opts, modules: opts.modules ?? ALL_MODULES });
}
