import { describe, expect, it } from 'vitest';
import { cmAdmit, cmQueueInit, cmQueued, cmTake, type CmItem } from './cm-queue';
import type { LinkMsg } from './types';

const msg = (sock: number): LinkMsg => ({
  type: 'CONNECT_req', sock, srcDom: 1, srcPort: 0, dstCid: 2, dstDom: 2, dstPort: 80, status: 'ok', grefs: [], evtchn: -1, sockServer: -1, cause: -1,
});
const item = (guest: number, sock: number, from: 'ctrl' | 'ind' = 'ctrl'): CmItem => ({ guest, msg: msg(sock), from });

describe('connection manager queue', () => {
  it('an idle daemon finishes a message one cost after it arrives', () => {
    const q = cmQueueInit();
    expect(cmAdmit(q, item(1, 1), 100, 5)).toBe(105);
    expect(cmTake(q)?.msg.sock).toBe(1);
    // idle again long after: starts at once, not at the old busy time
    expect(cmAdmit(q, item(1, 2), 500, 5)).toBe(505);
  });

  it('messages that arrive together are handled back to back, in arrival order', () => {
    const q = cmQueueInit();
    const done = [item(3, 30), item(1, 10, 'ind'), item(2, 20)].map((it) => cmAdmit(q, it, 0, 5));
    expect(done).toEqual([5, 10, 15]);
    expect([cmTake(q), cmTake(q), cmTake(q)].map((it) => it?.msg.sock)).toEqual([30, 10, 20]);
    expect(cmTake(q)).toBeUndefined();
  });

  it('a flood delays a later guest by the whole backlog (no overtaking)', () => {
    const q = cmQueueInit();
    for (let i = 0; i < 100; i++) cmAdmit(q, item(9, 1000 + i), i, 5);
    // guest 2 asks at t=100: it waits behind the 100 flood messages
    expect(cmAdmit(q, item(2, 7), 100, 5)).toBe(505);
    for (let i = 0; i < 100; i++) expect(cmTake(q)?.guest).toBe(9);
    expect(cmTake(q)?.msg.sock).toBe(7);
  });

  it('keeps its order across compaction of a long queue', () => {
    const q = cmQueueInit();
    const got: number[] = [];
    for (let i = 0; i < 5000; i++) {
      cmAdmit(q, item(1, i), i, 1);
      if (i % 3 === 0) got.push(cmTake(q)!.msg.sock);
    }
    while (cmQueued(q) > 0) got.push(cmTake(q)!.msg.sock);
    expect(got).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});
