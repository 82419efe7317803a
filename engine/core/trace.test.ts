/** The typed trace: emit checks a detail against its (kind, op); readers narrow to it. */
import { describe, it, expect } from 'vitest';
import { makeCtx, traceInit, traceToJsonl, type TraceEvent } from './trace';

function ctx() {
  const trace = traceInit();
  return { trace, ctx: makeCtx(trace, { t: 7 }) };
}

describe('typed trace', () => {
  it('records events as given, keys in a fixed order, cause defaulting to ctx.cause', () => {
    const { trace, ctx: c } = ctx();
    c.emit('cm', 'policy', 0, 0, { from: 1, to: 2, port: 80, verdict: 'deny', sock: 3 });
    c.cause = 0;
    c.emit('ring', 'write', 1, 2, { ring: '1-2', bytes: 10, packets: 1, prod: 10, cons: 0, size: 4096 });
    expect(traceToJsonl(trace.events)).toBe(
      '{"seq":0,"t":7,"kind":"cm","op":"policy","src":0,"dst":0,"detail":{"from":1,"to":2,"port":80,"verdict":"deny","sock":3}}\n'
      + '{"seq":1,"t":7,"kind":"ring","op":"write","src":1,"dst":2,"cause":0,"detail":{"ring":"1-2","bytes":10,"packets":1,"prod":10,"cons":0,"size":4096}}\n',
    );
    expect(trace.counts).toEqual({ cm: 1, ring: 1 });
  });

  it('narrows detail by kind and op', () => {
    const { trace, ctx: c } = ctx();
    c.emit('vsock', 'send', 1, 2, { sock: 0, name: 'q', bytes: 99 });
    c.emit('error', 'crash', 1, 'xen', { message: 'domain 1 is not running' });
    const sent = (e: TraceEvent): number => (e.kind === 'vsock' && e.op === 'send' ? e.detail.bytes : 0);
    expect(trace.events.map(sent)).toEqual([99, 0]);
  });

  it('rejects a wrong op or field at compile time', () => {
    const { trace, ctx: c } = ctx();
    // @ts-expect-error: `byte` is not a field of a ring write
    c.emit('ring', 'write', 1, 2, { ring: 'r', byte: 1, packets: 1, prod: 1, cons: 0, size: 1 });
    // @ts-expect-error: `CONNECT_reqq` is no cm op
    c.emit('cm', 'CONNECT_reqq', 1, 0, { sock: 1, cid: 2, port: 3 });
    // @ts-expect-error: a policy verdict is allow or deny
    c.emit('cm', 'policy', 0, 0, { from: 1, to: 2, port: 80, verdict: 'maybe', sock: 3 });
    const e = trace.events[0]!;
    // @ts-expect-error: detail fields are only readable once kind and op say which
    expect(e.detail.bytes).toBeUndefined();
    expect(trace.events).toHaveLength(3);
  });
});
