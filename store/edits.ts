/**
 * An intervention at the cursor: the new step(s) go in at the cursor's virtual time
 * + 1 µs, later steps (the future) are dropped, the document is validated with
 * parseScenario and the run re-recorded. Pure: returns the new document and timeline,
 * or one readable line and nothing else.
 */
import { timeAt, endSeqAt, lastAction } from '@engine/lite';
import type { ScenarioDoc, Timeline, SimView, Step } from '@engine/api';
import { engine } from './engine';
import { recordSafe, PAGE_MEMORY_BUDGET } from './recording';

/** Fields parseScenario fills in when a step leaves them out. */
type Defaulted = 'side' | 'kind' | 'downtime';
type InputOf<S> = S extends Step ? Omit<S, 'at' | Defaulted> & Partial<Pick<S, Extract<keyof S, Defaulted>>> : never;
/**
 * A step as the UI builds it: one of the spec's steps without `at` (the cursor gives
 * it), defaulted fields optional. A wrong op or field fails to compile; steps from a
 * host page arrive unchecked and are checked here and by parseScenario.
 */
export type StepInput = InputOf<Step>;

export type Forked = { ok: true; doc: ScenarioDoc; timeline: Timeline; cursor: number } | { ok: false; error: string };

/** The domains a step needs running when it runs. */
function domainsNeeded(s: StepInput): unknown[] {
  switch (s.op) {
    case 'listen': case 'connect': case 'flood': case 'shutdown-ring': case 'migrate': case 'crash': case 'xenstore': return [s.dom];
    case 'bypass': return [s.dom, s.peer];
    case 'remove-domain': return [s.id];
    case 'send': case 'close': case 'allow': case 'deny': case 'add-domain': return [];
    default: {
      // every op is listed above (a new one fails to compile here); a host page's unknown op is parseScenario's to report
      const unknownOp: never = s;
      void unknownOp;
      return [];
    }
  }
}

/** Checks a person's step against the state at the cursor (parseScenario checks the shape). */
export function checkStep(view: SimView, s: StepInput): string | null {
  const name = (id: number) => view.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
  for (const id of domainsNeeded(s)) {
    if (typeof id !== 'number') continue;
    const d = view.domains.find((x) => x.id === id);
    if (!d) return `${s.op}: domain ${id} does not exist at this point`;
    if (d.state !== 'running') return `${s.op}: ${name(id)} is ${d.state}`;
  }
  if (s.op === 'connect') {
    if (s.dom === s.cid) return `connect: ${name(Number(s.dom))} cannot connect to itself`;
    const target = view.domains.find((d) => d.id === s.cid);
    if (!target) return `connect: no domain with CID ${String(s.cid)}`;
    if (target.state !== 'running') return `connect: ${target.name} is ${target.state}`;
  }
  if ((s.op === 'allow' || s.op === 'deny') && s.from === s.to) return `${s.op}: pick two different domains`;
  if (s.op === 'shutdown-ring' && s.dom === s.peer) return 'shed: pick a peer, not the domain itself';
  return null;
}

/** A fresh connection name not used by any step of `doc`. */
export function freshConnName(doc: ScenarioDoc, base = 'c'): string {
  const used = new Set<string>();
  for (const s of doc.steps) if (s.op === 'connect' || s.op === 'bypass') { if (s.as) used.add(s.as); }
  for (let i = 1; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

export function forkAt(doc: ScenarioDoc, tl: Timeline, cursor: number, view: SimView, inputs: readonly StepInput[], budget = PAGE_MEMORY_BUDGET): Forked {
  if (inputs.length === 0) return { ok: false, error: 'nothing to do' };
  for (const s of inputs) {
    const err = checkStep(view, s);
    if (err) return { ok: false, error: err };
  }
  const at = timeAt(tl, cursor) + 1;
  const kept = doc.steps.filter((s) => s.at < at);
  const added = inputs.map((s) => ({ ...s, at }));
  const candidate = { ...doc, steps: [...kept, ...added] };
  const parsed = engine().parseScenario(JSON.parse(JSON.stringify(candidate)) as unknown);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // The new run is recorded on to the inserted steps' time (however far into a long run).
  const rec = recordSafe(parsed.doc, budget, { t: at });
  if (!rec.ok) return rec;
  const timeline = rec.timeline;
  const last = lastAction(timeline);
  // The cursor moves to the first action at or after the inserted steps' time.
  let c = Math.max(cursor, timeline.firstAction);
  while (c < last && timeAt(timeline, c) < at) c++;
  // … and on to the action that ran the first inserted step (its note names its index).
  const idx = kept.length;
  const note = timeline.events.find((e) => e.t >= at && e.kind === 'toolstack' && e.op === 'step' && e.detail.step === idx);
  if (note) {
    let a = c;
    while (a < last && endSeqAt(timeline, a) <= note.seq) a++;
    c = a;
  }
  return { ok: true, doc: parsed.doc, timeline, cursor: Math.min(c, last) };
}
