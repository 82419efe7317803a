/**
 * Shape + semantic validation of a scenario document (already JSON-decoded).
 * Throws ScenarioError (caught by parseScenario) at the first problem in document order:
 *   - top level: format, version, then the spec's field order (title, description, seed,
 *     transport, v4vMode, broker, xsm, xen, limits, domains, policy, steps); unknown top-level
 *     fields are allowed and dropped;
 *   - inside an object: fields in the order they appear in the text, then missing ones;
 *   - arrays: by index.
 * Static checks use FILE order (a domain added, or a connection named, by an earlier step
 * in the file); the engine runs steps in `at` order, stably, so a step that cannot apply at
 * its time becomes a runtime `error` event rather than a rejection.
 */
import { CID_BACKEND, CID_SELF, DOMID_MAX } from '../core/limits';
import { describe, fail, indexPath, quote } from './errors';
import { checkNote, COSTS_SHAPE, DOMAIN_SHAPE, LIMITS_SHAPE, POLICY_RULE_SHAPE, POLICY_SHAPE, STEP_SHAPES, TOP_SHAPE } from './schema';
import { checkArray, hasOwn, isObject, walkObject } from './walk';
import { checkXenstoreStep, type XsNames } from './xenstore-step';
import { checkExercise, checkGoals } from './goals';
import {
  MAX_DOMAINS,
  MAX_POLICY_RULES,
  MAX_STEPS,
  STEP_OPS,
  type DomainDecl,
  type PolicyRule,
  type ScenarioDoc,
  type Step,
  type StepOp,
} from './types';

const TOP_ORDER = [
  'format', 'version', 'title', 'description', 'seed', 'transport', 'v4vMode', 'broker', 'xsm', 'xen',
  'limits', 'costs', 'domains', 'policy', 'steps', 'exercise', 'goals',
] as const;

/** How many domains (declared and added), policy rules and steps a document may have. */
interface Counts { domains: number; rules: number; steps: number }
const LIMITED: Counts = { domains: MAX_DOMAINS, rules: MAX_POLICY_RULES, steps: MAX_STEPS };
/** Without the size limits, still no more domains than there are domain ids. */
const UNLIMITED: Counts = { domains: DOMID_MAX + 1, rules: Number.MAX_SAFE_INTEGER, steps: Number.MAX_SAFE_INTEGER };

export function validateDocument(raw: unknown, unlimited = false): ScenarioDoc {
  if (!isObject(raw)) fail('document', `expected a JSON object, got ${describeTop(raw)}`);
  const max = unlimited ? UNLIMITED : LIMITED;
  let domains: DomainDecl[] = [];
  const out = walkObject(raw, '', TOP_SHAPE, {
    strict: false,
    order: TOP_ORDER,
    nested: {
      limits: (v, p) => walkObject(v, p, LIMITS_SHAPE, { strict: true, unknownWord: 'limit' }),
      costs: (v, p) => walkObject(v, p, COSTS_SHAPE, { strict: true, unknownWord: 'cost' }),
      domains: (v, p) => (domains = checkDomains(v, p, max)),
      policy: (v, p) => checkPolicy(v, p, new Set(domains.map((d) => d.id)), max),
      steps: (v, p) => checkSteps(v, p, domains, max),
      exercise: checkExercise,
      goals: checkGoals,
    },
  });
  return out as unknown as ScenarioDoc;
}

function describeTop(raw: unknown): string {
  if (raw === null) return 'null';
  if (raw === undefined) return 'nothing';
  return Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
}

function checkDomains(raw: unknown, path: string, max: Counts): DomainDecl[] {
  const items = checkArray(raw, path, 'domains', 1, max.domains);
  const seen = new Map<number, number>();
  let backendAt = -1;
  const out: DomainDecl[] = [];
  items.forEach((item, i) => {
    const p = indexPath(path, i);
    const d = walkObject(item, p, DOMAIN_SHAPE, {
      strict: true,
      onField(k, v, fp) {
        if (k === 'id' && seen.has(v as number)) fail(fp, `duplicate domain id ${v as number}`);
        if (k === 'role' && v === 'backend' && backendAt >= 0)
          fail(fp, `a second backend (domains[${backendAt}] is already the backend; exactly one is allowed)`);
      },
    }) as Omit<DomainDecl, 'privileged'> & { privileged?: boolean };
    seen.set(d.id, i);
    if (d.role === 'backend') backendAt = i;
    const decl: DomainDecl = { id: d.id, name: d.name, role: d.role, privileged: d.privileged ?? d.role === 'backend' };
    if (d.vcpus !== undefined) decl.vcpus = d.vcpus;
    out.push(decl);
  });
  if (backendAt < 0) fail(path, 'no domain has role "backend" (exactly one must)');
  return out;
}

function checkPolicy(raw: unknown, path: string, known: ReadonlySet<number>, max: Counts) {
  return walkObject(raw, path, POLICY_SHAPE, {
    strict: true,
    nested: {
      allow: (v, p) =>
        checkArray(v, p, 'rules', 0, max.rules).map(
          (rule, i) =>
            walkObject(rule, indexPath(p, i), POLICY_RULE_SHAPE, {
              strict: true,
              onField(k, val, fp) {
                if ((k === 'from' || k === 'to') && !known.has(val as number)) fail(fp, `undeclared domain ${val as number}`);
              },
            }) as unknown as PolicyRule,
        ),
    },
  });
}

/** Fields whose value must name a declared (or earlier added) domain. */
const DOMAIN_FIELDS = new Set(['dom', 'peer', 'from', 'to']);

function checkSteps(raw: unknown, path: string, domains: readonly DomainDecl[], max: Counts): Step[] {
  const items = checkArray(raw, path, 'steps', 0, max.steps);
  const known = new Set(domains.map((d) => d.id)); // ever declared or added (file order)
  const live = new Set(known); // declared or added, and not removed since (file order)
  const backend = domains.find((d) => d.role === 'backend')?.id;
  const conns = new Map<string, number>(); // connection name -> step index defining it
  const xsNames: XsNames = { byName: new Map(), txs: new Set() }; // xenstore step names (file order)
  const firstAs = firstDefinitions(items);
  const opList = STEP_OPS.join(', ');

  return items.map((item, i) => {
    const p = indexPath(path, i);
    if (!isObject(item)) fail(p, `expected a step object, got ${describe(item)}`);
    if (!hasOwn(item, 'op')) fail(`${p}.op`, `required (one of ${opList})`);
    const op = item.op;
    if (typeof op !== 'string') fail(`${p}.op`, `expected a string naming the op, got ${describe(op)}`);
    if (!(STEP_OPS as readonly string[]).includes(op)) fail(`${p}.op`, `unknown op ${quote(op)}`);
    const shape = STEP_SHAPES[op as StepOp];
    const step = walkObject(item, p, shape, {
      strict: true,
      context: ` for op ${quote(op)}`,
      nested: { note: checkNote },
      onField(k, v, fp) {
        if (DOMAIN_FIELDS.has(k) && !known.has(v as number)) fail(fp, `undeclared domain ${v as number}`);
        if (k === 'cid') checkCid(v as number, fp, known);
        if (k === 'conn' && !conns.has(v as string)) {
          const later = firstAs.get(v as string);
          const hint =
            later !== undefined && later > i
              ? ` (${indexPath(path, later)} defines it later in the file; it must be defined by an earlier step)`
              : '';
          fail(fp, `unknown connection ${quote(v as string)}${hint}`);
        }
        if (k === 'as' && op !== 'xenstore' && conns.has(v as string))
          fail(fp, `duplicate connection name ${quote(v as string)} (${indexPath(path, conns.get(v as string)!)} already defines it)`);
        if (k === 'id' && op === 'add-domain' && live.has(v as number)) fail(fp, `domain ${v as number} already exists`);
        if (k === 'id' && op === 'add-domain' && !known.has(v as number) && known.size >= max.domains)
          fail(fp, `too many domains: this would be domain number ${known.size + 1} (at most ${max.domains}, declared and added)`);
        if (k === 'id' && op === 'remove-domain') {
          if (!known.has(v as number)) fail(fp, `undeclared domain ${v as number}`);
          if (v === backend) fail(fp, `cannot remove the backend domain ${v as number}`);
        }
      },
    }) as unknown as Step;
    crossFieldChecks(step, p);
    if (step.op === 'xenstore') checkXenstoreStep(step, p, (j) => indexPath(path, j), xsNames, i);
    if ((step.op === 'connect' || step.op === 'bypass') && step.as !== undefined) conns.set(step.as, i);
    if (step.op === 'add-domain') {
      known.add(step.id);
      live.add(step.id);
    }
    if (step.op === 'remove-domain') live.delete(step.id);
    return step;
  });
}

/**
 * A cid in the domain-id range must name a declared (or earlier added) domain; the special
 * CIDs 0x7FF0 (self) and 0x7FF1 (backend) are fine; any other u32 above them is accepted and
 * simply reaches no domain at run time.
 */
function checkCid(cid: number, path: string, known: ReadonlySet<number>) {
  if (cid <= DOMID_MAX && !known.has(cid))
    fail(path, `undeclared domain ${cid} (use a declared domain id, ${CID_SELF} for self or ${CID_BACKEND} for the backend)`);
}

function crossFieldChecks(step: Step, p: string) {
  if (step.op === 'flood') {
    const direct = (['dom', 'cid', 'port'] as const).filter((k) => step[k] !== undefined);
    if (step.conn !== undefined && direct.length > 0)
      fail(`${p}.${direct[0]!}`, 'flood takes either conn or (dom, cid, port), not both');
    if (step.conn === undefined) {
      for (const k of ['dom', 'cid', 'port'] as const)
        if (step[k] === undefined) fail(`${p}.${k}`, 'required for op "flood" when conn is not given');
    }
    if (step.until < step.at) fail(`${p}.until`, `must not be before at (${step.at}), got ${step.until}`);
    if (step.side !== undefined && step.conn === undefined) fail(`${p}.side`, 'side goes with conn (which end of the connection floods)');
  }
  if ((step.op === 'shutdown-ring' || step.op === 'bypass') && step.dom === step.peer)
    fail(`${p}.peer`, `must differ from dom (${step.dom})`);
}

/** Where each `as` name is first defined in the file (for a helpful "defined later" hint). */
function firstDefinitions(items: readonly unknown[]): Map<string, number> {
  const m = new Map<string, number>();
  items.forEach((item, i) => {
    if (isObject(item) && hasOwn(item, 'as') && typeof item.as === 'string' && !m.has(item.as)) m.set(item.as, i);
  });
  return m;
}
