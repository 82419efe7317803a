import { describe, expect, it } from 'vitest';
import { readMsg, slideKey } from './channel';

describe('the presentation channel', () => {
  it('reads only well-formed channel messages, and the clicker keys', () => {
    expect(readMsg({ type: 'go', dir: 1 })).toEqual({ type: 'go', dir: 1 });
    expect(readMsg({ type: 'go', dir: 2 })).toBeNull();
    expect(readMsg({ type: 'slide', title: 't', description: '', k: 1, total: 2, text: 'x', next: null })).not.toBeNull();
    expect(readMsg({ type: 'slide', title: 't', description: '', k: -1, total: 2, text: 'x', next: null })).toBeNull();
    expect(readMsg({ type: 'slide', title: 5 })).toBeNull();
    expect(readMsg('hello')).toBeNull();
    expect([slideKey('PageDown'), slideKey('ArrowRight'), slideKey(' '), slideKey('PageUp'), slideKey('ArrowLeft'), slideKey('x')]).toEqual([1, 1, 1, -1, -1, 0]);
  });
});
