/** Stepping the cached state forward (playback) gives exactly what a fresh seek gives. */
import { describe, it, expect } from 'vitest';
import { parseScenario, recordTimeline, stateAtAction, viewOf } from '@engine/index';
import { PRESETS } from '../scenarios';
import { viewAt } from './derived';

describe('viewAt while playing forward', () => {
  for (const id of ['allowed-connection', 'flood-isolation', 'xenstore-broker', 'v4v-wakeup-storm']) {
    it(`matches a fresh seek at every action of ${id}`, () => {
      const p = parseScenario(PRESETS.find((x) => x.id === id)!.doc);
      if (!p.ok) throw new Error(p.error);
      const tl = recordTimeline(p.doc);
      const last = Math.min(tl.endSeq.length - 1, 600);
      for (let a = 0; a <= last; a += a % 7 === 3 ? 5 : 1) {
        expect(viewAt(tl, a)).toEqual(viewOf(stateAtAction(tl, a)));
      }
      expect(viewAt(tl, 1)).toEqual(viewOf(stateAtAction(tl, 1))); // and back again
    });
  }
});
