/**
 * The engine's public entry for the headless runner, scripts and tests: the whole API
 * (engine/api.ts) with every transport and broker passed to each run by default, plus
 * the invariant checks.
 */
import type { ScenarioDoc } from './scenario';
import type { SimState } from './sim/types';
import { ALL_MODULES } from './all-modules';
import {
  createSim as createSimOn, runScenario as runScenarioOn, runScenarioText as runScenarioTextOn,
  type RunOptions, type RunResult,
} from './api';
import { recordTimeline as recordTimelineOn, type Timeline } from './timeline';
import type { RunBudget } from './sim/budget';

export * from './api';
export { ALL_MODULES } from './all-modules';
export { checkInvariants } from './invariants';

const all = <T extends RunOptions>(opts: T): T => ({ ...opts, modules: opts.modules ?? ALL_MODULES });

export function createSim(doc: ScenarioDoc, opts: RunOptions = {}): SimState {
  return createSimOn(doc, all(opts));
}

export function runScenario(doc: ScenarioDoc, opts: RunOptions & { untilUs?: number } = {}): RunResult {
  return runScenarioOn(doc, all(opts));
}

export function runScenarioText(text: string, opts: RunOptions = {}): ReturnType<typeof runScenarioTextOn> {
  return runScenarioTextOn(text, all(opts));
}

export function recordTimeline(
  doc: ScenarioDoc, maxActions?: number, maxTimeUs?: number, budget?: RunBudget, modules = ALL_MODULES,
): Timeline {
  return recordTimelineOn(doc, maxActions, maxTimeUs, budget, modules);
}
