/**
 * scenarioToJson: stable, pretty JSON for export and share links. Keys come out in a fixed
 * order (the spec's), defaults are written out, absent optional fields are left out, so the
 * same document always gives the same text and `parseScenario(scenarioToJson(doc))` gives
 * `doc` back.
 */
import type { DomainDecl, PolicyRule, ScenarioDoc, Step } from './types';
import { LIMIT_KEYS } from './schema';
import { exerciseFields } from './goals';
import { COST_NAMES } from '../core/costs';

const TOP = ['format', 'version', 'title', 'description', 'seed', 'transport', 'v4vMode', 'broker', 'xsm', 'xen'] as const;
const DOMAIN = ['id', 'name', 'role', 'privileged', 'vcpus'] as const;
const RULE = ['from', 'to', 'port'] as const;
/** Step field order: time and op first, then the op's fields as the spec lists them. */
const STEP = ['at', 'op', 'dom', 'id', 'name', 'cid', 'staleCid', 'peer', 'from', 'to', 'port', 'conn', 'as', 'bytes', 'side',
  'until', 'kind', 'downtime', 'action', 'path', 'value', 'perms', 'tx', 'commit', 'note'] as const;

function pick(src: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rec = src as Record<string, unknown>;
  for (const k of keys) if (rec[k] !== undefined) out[k] = rec[k];
  return out;
}

export function canonicalScenario(doc: ScenarioDoc): Record<string, unknown> {
  return {
    ...pick(doc, TOP),
    limits: pick(doc.limits, LIMIT_KEYS),
    ...(doc.costs ? { costs: pick(doc.costs, COST_NAMES) } : {}),
    domains: doc.domains.map((d: DomainDecl) => pick(d, DOMAIN)),
    policy: { default: doc.policy.default, allow: doc.policy.allow.map((r: PolicyRule) => pick(r, RULE)) },
    steps: doc.steps.map((s: Step) => pick(s, STEP)),
    ...exerciseFields(doc),
  };
}

export function scenarioToJson(doc: ScenarioDoc): string {
  return `${JSON.stringify(canonicalScenario(doc), null, 2)}\n`;
}
