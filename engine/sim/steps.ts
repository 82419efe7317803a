/**
 * Scenario steps as commands. The toolstack's steps (domains, policy) are the
 * simulation's own; then the broker and the transport each see the step (sim/module.ts).
 * A step that cannot apply at its time (its domain is down, its connection already
 * ended) becomes an `error` event and the run goes on.
 */
import { noteModeOf, noteText, type Step } from '../scenario';
import { modulesOf } from './module';
import { emit } from './sys';
import type { SimState } from './types';
import { crashDomain, migrateDomain, removeDomain, addDomain } from './toolstack';
import { xenstoreStep } from './xsstep';

export function applyStep(st: SimState, step: Step, index: number): void {
  // Every step is marked in the trace, so a viewer can find where it ran.
  emit(st, 'toolstack', 'step', 0, 0, { step: index, op: step.op, at: step.at });
  // the note in the run's own mode, or a plain line saying it was written for another
  if (step.note) emit(st, 'toolstack', 'note', 0, 0, { step: index, text: noteText(step.note, noteModeOf(st.doc)) });
  switch (step.op) {
    case 'migrate': migrateDomain(st, step.dom, step.downtime); return;
    case 'crash': crashDomain(st, step.dom); return;
    case 'add-domain': addDomain(st, step.id, step.name); return;
    case 'remove-domain': removeDomain(st, step.id); return;
    case 'xenstore': xenstoreStep(st, step, index); return;
    case 'allow':
    case 'deny': {
      // The toolstack's rule list; the broker and the transport carry it out below.
      const rule = { from: step.from, to: step.to, ...(step.port === undefined ? {} : { port: step.port }), verdict: step.op };
      st.policy.rules.push(rule);
      break;
    }
    default:
      break;
  }
  for (const m of modulesOf(st).used) m.step(st, step);
}
