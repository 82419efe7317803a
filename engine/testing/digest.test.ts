/** The golden digest's format: one line per event, alike runs folded, long traces cut. */
import { describe, it, expect } from 'vitest';
import { digest, digestLine, digestLines, digestDiff } from './digest';
import { sim } from './testsim';
import type { TraceEvent } from '../index';

const ev = (seq: number, op: string, detail: Record<string, unknown>, cause?: number): TraceEvent =>
  ({ seq, t: 140, kind: 'cm', op, src: 0, dst: 2, ...(cause === undefined ? {} : { cause }), detail }) as unknown as TraceEvent;

describe('digest lines', () => {
  it('time, kind, op, ends, detail and a relative cause', () => {
    expect(digestLine(ev(12, 'CONNECT_ind', { from: 1, port: 5432, grefs: [10, 11, 12, 13], note: 'two words' }, 3)))
      .toBe('      140  cm        CONNECT_ind            0→2  from=1 port=5432 grefs=[10..13] note="two words"  ⟵9');
    expect(digestLine(ev(0, 'policy', { list: [5, 3, 9], long: 'x'.repeat(100) })))
      .toBe(`      140  cm        policy                 0→2  list=[5,3,9] long="${'x'.repeat(63)}…"`);
  });

  it('folds three or more alike events into one ×n line with the differing values in order', () => {
    const run = [0, 1, 2, 3].map((i) => ev(10 + i, 'map', { ref: 8 + i, frame: [7, 3, 9, 4][i]!, ok: true }, 5));
    const lines = digestLines([...run, ev(14, 'other', {}), ev(15, 'map', { ref: 1, frame: 1, ok: true })]);
    expect(lines).toEqual([
      '      140  cm        map                    0→2  ×4  ref=[8..11] frame=[7,3,9,4] ok=true  ⟵5',
      '      140  cm        other                  0→2',
      '      140  cm        map                    0→2  ref=1 frame=1 ok=true',
    ]);
  });

  it('a long trace is cut to its first and last events, and the counts cover all of them', () => {
    const s = sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(1000).connect(1, 2, 80, 'q').settle();
    const events = s.trace();
    const text = digest('t', events, s.report(), 'abc', { fullMax: 50, head: 20, tail: 10 });
    expect(text).toContain(`# ${events.length} events: the first 20 and the last 10 are listed`);
    expect(text).toContain(`# … ${events.length - 30} events not listed (seq 20 to ${events.length - 11}) …`);
    expect(text).toContain('conn q connected via=broker');
    expect(text).toContain(`gnttab grant_foreign_access ${s.events('gnttab', 'grant_foreign_access').length}\n`);
    expect(text.split('\n')[0]).toBe('# golden digest of preset "t", trace hash abc');
    const full = digest('t', events, s.report(), 'abc');
    expect(full).toContain(`# ${events.length} events, all listed.`);
    expect(full).not.toContain('not listed');
  });

  it('digestDiff points at the first differing line', () => {
    expect(digestDiff('a\nb\nc\n', 'a\nb\nc\n')).toBeNull();
    expect(digestDiff('a\nb\nc\n', 'a\nX\nc\n')).toBe(
      'first difference at line 2 (checked in: 4 lines, fresh run: 4 lines)\n'
      + '  checked in:\n  - b\n  - c\n  - \n  fresh run:\n  + X\n  + c\n  + ');
  });
});
