/**
 * The vsock link between each guest's frontend and the backend domain: the xenbus
 * handshake through xenstore, and the connection manager's exchange that runs on it.
 */
import { describe, it, expect } from 'vitest';
import { sim } from '../testing/testsim';

const FRONT = (dom: number) => `/local/domain/${dom}/device/vsock/0`;
const BACK = (dom: number) => `/local/domain/0/backend/vsock/${dom}/0`;

/** The xenbus state names one end of a guest's link went through, in order. */
function states(s: ReturnType<typeof sim>, path: string): string[] {
  return s.events('xenbus', 'state', { path }).map((e) => String(e.detail['name']));
}

describe('xenbus link handshake', () => {
  const two = () => sim().domain(1, 'web').domain(2, 'db');

  it('both ends go Initialising → … → Connected, front through Initialised, back through InitWait', () => {
    const s = two().run(1000);
    for (const dom of [1, 2]) {
      expect(states(s, FRONT(dom))).toEqual(['Initialising', 'Initialised', 'Connected']);
      expect(states(s, BACK(dom))).toEqual(['Initialising', 'InitWait', 'Connected']);
      s.expectLink(dom, 'Connected');
    }
    // The toolstack writes both Initialising states; each end writes its own later ones.
    for (const e of s.events('xenbus', 'state', { name: 'Initialised' })) expect(e.src).not.toBe(0);
    for (const e of s.events('xenbus', 'state', { name: 'InitWait' })) expect(e.src).toBe(0);
  });

  it('the frontend publishes its ring refs and event channel in one transaction before saying Initialised', () => {
    two().run(1000)
      .expectOrder(
        { kind: 'xenbus', op: 'state', path: BACK(1), name: 'InitWait' },
        { kind: 'xenstore', op: 'XS_WRITE', src: 1, path: `${FRONT(1)}/ring-ref` },
        { kind: 'xenstore', op: 'XS_WRITE', src: 1, path: `${FRONT(1)}/event-channel` },
        { kind: 'xenstore', op: 'XS_TRANSACTION_END', src: 1 },
        { kind: 'xenbus', op: 'state', path: FRONT(1), name: 'Initialised' },
        // the backend maps both link pages and binds the port before it says Connected
        { kind: 'hypercall', op: 'GNTTABOP_map_grant_ref', src: 0, dom: 1, ref: 8 },
        { kind: 'hypercall', op: 'GNTTABOP_map_grant_ref', src: 0, dom: 1, ref: 9 },
        { kind: 'hypercall', op: 'EVTCHNOP_bind_interdomain', src: 0, remoteDom: 1 },
        { kind: 'xenbus', op: 'state', path: BACK(1), name: 'Connected' },
        { kind: 'xenbus', op: 'state', path: FRONT(1), name: 'Connected' },
      );
  });

  it('the link holds two grant entries and one event channel on each guest, one port per guest in the backend', () => {
    two().run(1000)
      .expectGrantsInUse(1, 2).expectGrantsInUse(2, 2)
      .expectEventChannels(1, 1).expectEventChannels(2, 1)
      .expectEventChannels(0, 2).expectGrantsInUse(0, 0)
      .expectInvariants();
  });

  it('before the handshake finishes the link is not up; a connect made then waits for it and still succeeds', () => {
    const s = two().allow(1, 2).listen(2, 80).connect(1, 2, 80, 'early').run(50);
    expect(s.view().domains.find((d) => d.id === 1)!.link!.up).toBe(false);
    s.expectConn('early', 'connecting')
      .expectTrace('vsock', 'waiting-for-link', { src: 1 }, 1)
      .run(1000).expectConn('early', 'connected');
    // The request went out only once the frontend's end was Connected.
    s.expectOrder({ kind: 'xenbus', op: 'state', path: FRONT(1), name: 'Connected' }, 'cm:policy');
  });
});

describe('connection manager exchange', () => {
  const allowed = () => sim().domain(1, 'web').domain(2, 'db').allow(1, 2, 5432)
    .listen(2, 5432).at(1000).connect(1, 2, 5432, 'q');

  it('CONNECT_req → policy → CONNECT_ind → CONNECT_ack → CONNECT_rsp, then connected on both ends', () => {
    const s = allowed().run(100).expectConn('q', 'connected', null);
    s.expectOrder(
      { kind: 'cm', op: 'CONNECT_req', src: 1, dst: 0, cid: 2, port: 5432 },
      { kind: 'cm', op: 'policy', verdict: 'allow', from: 1, to: 2 },
      { kind: 'cm', op: 'CONNECT_ind', src: 0, dst: 2, from: 1 },
      { kind: 'vsock', op: 'connected', src: 2 },
      { kind: 'cm', op: 'CONNECT_ack', src: 2, dst: 0, status: 'ok' },
      { kind: 'cm', op: 'CONNECT_rsp', src: 0, dst: 1, status: 'ok' },
      { kind: 'ring', op: 'connected' },
      { kind: 'vsock', op: 'connected', src: 1, name: 'q' },
    );
    expect(s.events('cm').map((e) => e.op)).toEqual(['CONNECT_req', 'policy', 'CONNECT_ind', 'CONNECT_ack', 'CONNECT_rsp']);
  });

  it('every message costs the manager 5 µs plus a 2 µs upcall: pinned times of the exchange', () => {
    const s = allowed().run(100);
    expect(s.events('cm').map((e) => [e.op, e.t])).toEqual([
      ['CONNECT_req', 1000], ['policy', 1007], ['CONNECT_ind', 1007], ['CONNECT_ack', 1009], ['CONNECT_rsp', 1016],
    ]);
    expect(s.conn('q').setupUs).toBe(18);
  });

  it('CONNECT_ind carries the initiator\'s grant refs and CONNECT_rsp carries the listener\'s', () => {
    const s = allowed().run(100);
    const req = s.events('cm', 'CONNECT_req')[0]!.detail;
    const ind = s.events('cm', 'CONNECT_ind')[0]!.detail;
    const ack = s.events('cm', 'CONNECT_ack')[0]!.detail;
    const rsp = s.events('cm', 'CONNECT_rsp')[0]!.detail;
    expect((req['grefs'] as number[]).length).toBe(65);
    expect(ind['grefs']).toEqual(req['grefs']);
    expect(rsp['grefs']).toEqual(ack['grefs']);
    expect((ack['grefs'] as number[]).length).toBe(65);
  });

  it('data then flows on the guests\' own ring, never through the backend', () => {
    const s = allowed().run(100).send('q', 8192).send('q', 1024, 'server').run(100)
      .expectBytes('q', { sent: 8192, received: 8192, serverSent: 1024, clientReceived: 1024 });
    const data = s.events('ring').filter((e) => e.op === 'write' || e.op === 'read');
    expect(data.length).toBe(4);
    expect(data.every((e) => e.src !== 0 && e.dst !== 0)).toBe(true);
    s.expectNoTrace('cm', 'CONNECT_req', (e) => e.t > 1000);
  });
});
