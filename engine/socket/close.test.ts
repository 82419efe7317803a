/**
 * Once an application has closed its side of a connection, that side takes no more data:
 * a send, a flood or a second close on it is an error event (Linux refuses a write after
 * close), even while the shutdown is still on its way through a slow reader's ring. What
 * was sent before the close arrives in full.
 */
import { describe, it, expect } from 'vitest';
import { sim } from '../testing/testsim';
import { runChecked } from '../testing/run';

const slow = () => sim().costs({ rxBatch: 1 }).domain(1, 'a').domain(2, 'b');

describe('after close, a side takes no more data', () => {
  const cases: Array<[string, () => ReturnType<typeof sim>]> = [
    ['vsock through the broker', () => slow().allow(1, 2).listen(2, 80).at(1000).connect(1, 2, 80, 'd')],
    ['vsock bypass', () => slow().at(1000).bypass(1, 2, 80, 'd')],
    ['v4v', () => slow().transport('v4v').allow(1, 2).listen(2, 80).at(1000).connect(1, 2, 80, 'd')],
  ];
  for (const [name, make] of cases) {
    it(`${name}: send, flood and close after close are refused; the earlier bytes arrive`, () => {
      const s = make().run(2000).send('d', 4096).close('d').run(5).send('d', 218962).flood('d', 50_000).close('d').settle();
      const errs = s.events('error').map((e) => `${e.op}: ${(e.detail as { message?: string }).message}`);
      expect(errs).toEqual([
        'send: connection "d" (client) is closed by this side',
        'flood: connection "d" is closed by this side',
        'close: connection "d" (client) is closed by this side',
      ]);
      s.expectBytes('d', 4096).expectInvariants();
    });
  }
});

describe('a close whose answer the filter refuses', () => {
  it('v4v: the server closes, a rule then mutes the client\'s RST; both ends still end closed', () => {
    const s = sim().transport('v4v').policyDefault('allow').domain(1, 'a').domain(2, 'b').listen(2, 7).at(0).connect(1, 2, 7, 'c')
      .at(8984).close('c', 'server').at(8985).denyNow(1, 2).settle();
    s.expectConn('c', 'closed').expectTrace('v4v', 'peer-silent', { src: 2, dst: 1 }, 1).expectInvariants();
    expect(runChecked(s.doc(), { every: 1 }).problems).toEqual([]);
  });
});
