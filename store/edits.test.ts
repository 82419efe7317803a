/** A step at the cursor: typed like the spec's steps, checked against the state there. */
import { describe, it, expect } from 'vitest';
import { parseScenario, createSim, simRun, viewOf, type SimView } from '@engine/api';
import { PRESETS } from '../scenarios';
import { checkStep, type StepInput } from './edits';

function viewAfter(id: string, t: number): SimView {
  const p = parseScenario(PRESETS.find((x) => x.id === id)!.doc);
  if (!p.ok) throw new Error(p.error);
  const st = createSim(p.doc);
  simRun(st, t);
  return viewOf(st);
}

describe('checkStep', () => {
  const view = viewAfter('allowed-connection', 1000);

  it('accepts steps that can run, with defaulted fields left out', () => {
    const ok: StepInput[] = [
      { op: 'migrate', dom: 1 },
      { op: 'send', conn: 'q', bytes: 10 },
      { op: 'flood', conn: 'q', until: 5000 },
      { op: 'allow', from: 1, to: 2, port: 80 },
      { op: 'add-domain', id: 7, name: 'new' },
    ];
    for (const s of ok) expect(checkStep(view, s)).toBeNull();
  });

  it('names the domain a step needs and its state, or the missing domain', () => {
    expect(checkStep(view, { op: 'crash', dom: 9 })).toBe('crash: domain 9 does not exist at this point');
    expect(checkStep(view, { op: 'bypass', dom: 1, peer: 9 })).toBe('bypass: domain 9 does not exist at this point');
    expect(checkStep(view, { op: 'remove-domain', id: 9 })).toBe('remove-domain: domain 9 does not exist at this point');
    expect(checkStep(view, { op: 'connect', dom: 1, cid: 1, port: 5, as: 'x' })).toBe('connect: web cannot connect to itself');
    expect(checkStep(view, { op: 'connect', dom: 1, cid: 9, port: 5, as: 'x' })).toBe('connect: no domain with CID 9');
    expect(checkStep(view, { op: 'deny', from: 2, to: 2 })).toBe('deny: pick two different domains');
    expect(checkStep(view, { op: 'shutdown-ring', dom: 2, peer: 2 })).toBe('shed: pick a peer, not the domain itself');
  });

  it('leaves a host page\'s unknown op or malformed field to parseScenario (no throw)', () => {
    expect(checkStep(view, { op: 'reboot', dom: 1 } as unknown as StepInput)).toBeNull();
    expect(checkStep(view, { op: 'crash', dom: 'web' } as unknown as StepInput)).toBeNull();
  });

  it('rejects misspelt ops and fields at compile time', () => {
    // @ts-expect-error: no field `dmo` on a crash step
    const typo: StepInput = { op: 'crash', dmo: 2 };
    // @ts-expect-error: no such op
    const op: StepInput = { op: 'reboot', dom: 2 };
    // @ts-expect-error: a step at the cursor takes no `at`
    const at: StepInput = { op: 'crash', dom: 2, at: 5 };
    expect([typo, op, at]).toHaveLength(3);
  });
});
