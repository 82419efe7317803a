import { describe, expect, it } from 'vitest';
import { parseHostMessage, isOurEvent, envelope, SOURCE } from './hostProtocol';

const m = (o: Record<string, unknown>) => ({ source: SOURCE, version: 1, ...o });

describe('postMessage commands', () => {
  it('accepts every documented command', () => {
    for (const msg of [
      m({ type: 'load', preset: 'allowed-connection' }), m({ type: 'load', scenario: { format: 'x' }, play: true }),
      m({ type: 'load', scenario: '{}' }), m({ type: 'play' }), m({ type: 'pause' }), m({ type: 'step' }),
      m({ type: 'step', delta: -3 }), m({ type: 'seek', action: 4 }), m({ type: 'seek', t: 1500 }),
      m({ type: 'setSpeed', speed: 0.25 }), m({ type: 'runAction', step: { op: 'crash', dom: 2 } }),
      m({ type: 'getState', id: 'q1' }),
    ]) expect(parseHostMessage(msg), JSON.stringify(msg)).toMatchObject({ ok: true });
  });
  const bad: Array<[unknown, RegExp]> = [
    [null, /^message: expected an object/], ['play', /^message:/], [[1], /^message:/], [42, /^message:/],
    [{ type: 'play' }, /^source:/], [{ source: 'other', version: 1, type: 'play' }, /^source:/],
    [m({ version: 2, type: 'play' }), /^version: 2 is not supported/], [{ source: SOURCE, type: 'play' }, /^version: missing/],
    [m({}), /^type: missing/], [m({ type: 'explode' }), /^type: "explode" is not a command/],
    [m({ type: 'play', extra: 1 }), /extra|Unrecognized/i],
    [m({ type: 'load' }), /exactly one of scenario or preset/], [m({ type: 'load', preset: 'a', scenario: {} }), /exactly one/],
    [m({ type: 'load', scenario: 5 }), /^scenario:/], [m({ type: 'load', scenario: 'x'.repeat(5 * 1024 * 1024) }), /^scenario:/],
    [m({ type: 'seek' }), /exactly one of action or t/], [m({ type: 'seek', action: -1 }), /^action:/],
    [m({ type: 'seek', action: 1.5 }), /^action:/], [m({ type: 'seek', t: 'soon' }), /^t:/],
    [m({ type: 'setSpeed', speed: 3 }), /^speed: must be one of/], [m({ type: 'setSpeed' }), /^speed:/],
    [m({ type: 'step', delta: 1e9 }), /^delta:/], [m({ type: 'runAction', step: { op: 'crash', at: 5 } }), /takes no "at"/],
    [m({ type: 'runAction', step: 'crash' }), /^step:/], [m({ type: 'runAction' }), /^step:/],
  ];
  it.each(bad.map(([v, re], i) => [i, v, re] as const))('rejects malformed message %i with a path-named line', (_i, v, re) => {
    const r = parseHostMessage(v);
    expect(r.ok).toBe(false);
    if (!r.ok) { expect(r.error).toMatch(re); expect(r.error).not.toContain('\n'); }
  });
  it('echoes the request id and type in errors', () => {
    const r = parseHostMessage(m({ type: 'seek', id: 'r7' }));
    expect(r).toMatchObject({ ok: false, id: 'r7', type: 'seek' });
  });
  it('survives hostile objects', () => {
    const evil = Object.create(null) as Record<string, unknown>;
    Object.defineProperty(evil, 'source', { get() { throw new Error('boom'); }, enumerable: true });
    expect(parseHostMessage(evil).ok).toBe(false);
    expect(parseHostMessage(JSON.parse('{"__proto__":{"type":"play"},"source":"interdomain-playground","version":1}')).ok).toBe(false);
  });
  it('recognises its own events so an embed never answers itself', () => {
    expect(isOurEvent(envelope({ type: 'error', error: 'x' }))).toBe(true);
    expect(isOurEvent(m({ type: 'play' }))).toBe(false);
  });
});
