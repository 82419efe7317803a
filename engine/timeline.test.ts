import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseScenario } from './scenario';
import { stateAtAction, actionOfSeq, SNAPSHOT_EVERY } from './timeline';
import { recordTimeline } from './index';
import { createSim, simStep } from './sim/sim';
import type { SimState } from './sim/types';

function load(name: string) {
  const p = parseScenario(fs.readFileSync(path.join(__dirname, '..', 'scenarios', name), 'utf8'));
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}

function strip(st: SimState): unknown {
  return JSON.parse(JSON.stringify({ ...st, trace: { ...st.trace, events: [] } }));
}

describe('timeline', () => {
  it('restores the exact state at any action, forwards and backwards', () => {
    const doc = load('allowed-connection.json');
    const tl = recordTimeline(doc);
    const n = tl.endSeq.length;
    expect(n).toBeGreaterThan(10);
    const straight = createSim(doc);
    const states: unknown[] = [strip(straight)];
    for (let i = 1; i < n; i++) { simStep(straight); states.push(strip(straight)); }
    for (const a of [n - 1, 0, 3, Math.floor(n / 2), 1, n - 2]) {
      expect(strip(stateAtAction(tl, a))).toEqual(states[a]);
    }
  });

  it('maps an event to the action that emitted it', () => {
    const tl = recordTimeline(load('allowed-connection.json'));
    for (const seq of [0, 5, tl.events.length - 1]) {
      const a = actionOfSeq(tl, seq);
      expect(tl.endSeq[a]!).toBeGreaterThan(seq);
      if (a > 0) expect(tl.endSeq[a - 1]!).toBeLessThanOrEqual(seq);
    }
    expect(SNAPSHOT_EVERY).toBeGreaterThan(0);
  });
});
