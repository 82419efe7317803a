import { describe, expect, it } from 'vitest';
import { urlOpensOther } from './startEngine';

describe('whether the page can open on its recorded run', () => {
  it('opens on it for the plain page, ?paused and ?preset= naming the first preset', () => {
    for (const q of ['', '?paused', '?preset=allowed-connection', '?preset=allowed-connection&paused', '?present=1']) expect(urlOpensOther(q, ''), q).toBe(false);
  });
  it('needs the engine for another preset, an exercise or a share link (query or fragment)', () => {
    for (const [q, h] of [['?preset=shed-flooder', ''], ['?exercise=policy-1', ''], ['', '#s=abc'], ['', '#x=1&s=abc'], ['?s=abc', ''], ['?preset=nope', '']]) {
      expect(urlOpensOther(q!, h!), `${q}${h}`).toBe(true);
    }
  });
});
