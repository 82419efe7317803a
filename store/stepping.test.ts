/** A step goes to the next thing a person can see: five presses, five different states. */
import { describe, it, expect } from 'vitest';
import { endSeqAt } from '@engine/api';
import { PRESETS } from '../scenarios';
import { createPlaygroundStore } from './createPlaygroundStore';
import { actionShows } from './stepping';
import './testSetup';

const seqOf = (s: ReturnType<typeof createPlaygroundStore>) => endSeqAt(s.getState().timeline, s.getState().cursor) - 1;

describe('step', () => {
  for (const id of ['allowed-connection', 'shed-flooder', 'flood-isolation', 'denied-by-default']) {
    it(`${id}: five steps from the start read five different events, each one shown`, () => {
      const s = createPlaygroundStore(PRESETS.find((p) => p.id === id)!.doc, id);
      s.getState().pause();
      s.getState().seek(s.getState().rec.first);
      const seen: number[] = [];
      for (let i = 0; i < 5; i++) {
        s.getState().step(1);
        seen.push(seqOf(s));
        expect(actionShows(s.getState().timeline, s.getState().cursor, false)).toBe(true);
      }
      expect(new Set(seen).size).toBe(5);
      // and back: each step back lands on a shown action too, earlier each time
      const back: number[] = [];
      for (let i = 0; i < 3; i++) { s.getState().step(-1); back.push(s.getState().cursor); }
      expect(back[0]!).toBeGreaterThan(back[1]!);
      expect(back[1]!).toBeGreaterThan(back[2]!);
    });
  }
});
