import { describe, expect, it } from 'vitest';
import {
  xsCheck, xsDirectory, xsGetPerms, xsInit, xsMkdir, xsRead, xsRm, xsSetPerms, xsSubtree, xsWrite,
} from './index';
import { world, xsJson } from './testutil';

const D1 = '/local/domain/1';
const D2 = '/local/domain/2';

describe('xenstore nodes', () => {
  it('xsInit creates /, /local, /local/domain owned by dom0 with consistent counters', () => {
    const xs = xsInit({ privileged: [0], nodes: 10, watches: 5, transactions: 2 });
    expect([...xs.nodes.keys()].sort()).toEqual(['/', '/local', '/local/domain']);
    for (const n of [...xs.nodes.values()]) expect(n.perms[0]).toEqual({ id: 0, perm: 'n' });
    expect(xs.quota['0']!.nodes).toBe(3);
    expect(xsCheck(xs)).toEqual([]);
    expect(structuredClone(xs)).toEqual(xs);
    expect(xsJson(structuredClone(xs))).toBe(xsJson(xs));
  });

  it('introduce gives each guest its own directory; write/read round-trip, relative paths', () => {
    const { ctx, xs } = world();
    expect(xsGetPerms(ctx, xs, 1, D1)).toEqual({ ok: true, value: [{ id: 1, perm: 'n' }] });
    expect(xsWrite(ctx, xs, 1, 'data/x', 'hello').ok).toBe(true);
    expect(xsRead(ctx, xs, 1, `${D1}/data/x`)).toEqual({ ok: true, value: 'hello' });
    expect(xsDirectory(ctx, xs, 1, D1)).toEqual({ ok: true, value: ['data'] });
    expect(xsCheck(xs)).toEqual([]);
  });

  it('EACCES on reading and writing another domain\'s node; an ACL entry grants exactly its letter', () => {
    const { ctx, xs } = world();
    xsWrite(ctx, xs, 2, 'x', 'secret');
    expect(xsRead(ctx, xs, 1, `${D2}/x`)).toEqual({ ok: false, err: 'EACCES' });
    expect(xsWrite(ctx, xs, 1, `${D2}/x`, 'mine')).toEqual({ ok: false, err: 'EACCES' });
    expect(xsSetPerms(ctx, xs, 2, 'x', [{ id: 2, perm: 'n' }, { id: 1, perm: 'r' }]).ok).toBe(true);
    expect(xsRead(ctx, xs, 1, `${D2}/x`)).toEqual({ ok: true, value: 'secret' });
    expect(xsWrite(ctx, xs, 1, `${D2}/x`, 'mine')).toEqual({ ok: false, err: 'EACCES' });
    expect(xsRead(ctx, xs, 3, `${D2}/x`)).toEqual({ ok: false, err: 'EACCES' });
    expect(xsRead(ctx, xs, 0, `${D2}/x`)).toEqual({ ok: true, value: 'secret' }); // privileged bypass
    expect(xsSetPerms(ctx, xs, 2, 'x', [{ id: 2, perm: 'r' }]).ok).toBe(true); // owner letter = default
    expect(xsRead(ctx, xs, 3, `${D2}/x`).ok).toBe(true);
  });

  it('a missing node under an unreadable parent reports EACCES, under a readable one ENOENT', () => {
    const { ctx, xs } = world();
    expect(xsRead(ctx, xs, 1, `${D2}/nope`)).toEqual({ ok: false, err: 'EACCES' });
    expect(xsRead(ctx, xs, 1, '/local/domain/99/a/b')).toEqual({ ok: false, err: 'EACCES' });
    expect(xsRead(ctx, xs, 2, `${D2}/nope`)).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsDirectory(ctx, xs, 1, `${D1}/nope/deeper`)).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsGetPerms(ctx, xs, 0, '/nope')).toEqual({ ok: false, err: 'ENOENT' });
  });

  it('errors are emitted as XS_ERROR naming the request type', () => {
    const { ctx, xs, trace } = world();
    const before = trace.events.length;
    xsRead(ctx, xs, 1, `${D2}/nope`);
    const ev = trace.events.slice(before);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ kind: 'xenstore', op: 'XS_ERROR', src: 1, dst: 'xenstore',
      detail: { type: 'XS_READ', err: 'EACCES', path: `${D2}/nope` } });
  });

  it('a node created by an unprivileged domain copies its parent\'s perms with the creator as owner', () => {
    const { ctx, xs } = world();
    xsMkdir(ctx, xs, 0, '/shared');
    xsSetPerms(ctx, xs, 0, '/shared', [{ id: 0, perm: 'r' }, { id: 1, perm: 'w' }]);
    expect(xsWrite(ctx, xs, 2, '/shared/a', 'x')).toEqual({ ok: false, err: 'EACCES' });
    expect(xsWrite(ctx, xs, 1, '/shared/a/b', 'v').ok).toBe(true);
    const want = [{ id: 1, perm: 'r' }, { id: 1, perm: 'w' }];
    expect(xsGetPerms(ctx, xs, 0, '/shared/a')).toEqual({ ok: true, value: want });
    expect(xsGetPerms(ctx, xs, 0, '/shared/a/b')).toEqual({ ok: true, value: want });
    expect(xsRead(ctx, xs, 3, '/shared/a/b')).toEqual({ ok: true, value: 'v' }); // default letter r
    // privileged creator: parent's perms unchanged (owner stays the guest)
    xsWrite(ctx, xs, 0, `${D1}/from-dom0`, 'y');
    expect(xsGetPerms(ctx, xs, 0, `${D1}/from-dom0`)).toEqual({ ok: true, value: [{ id: 1, perm: 'n' }] });
    expect(xs.quota['1']!.nodes).toBe(4);
    expect(xsCheck(xs)).toEqual([]);
  });

  it('ENOSPC at the node quota (unprivileged only), nothing half-created', () => {
    const { ctx, xs } = world({ nodes: 4 });
    expect(xsWrite(ctx, xs, 1, 'a', '1').ok).toBe(true);
    expect(xsWrite(ctx, xs, 1, 'b', '1').ok).toBe(true); // 3 nodes now (dir + a + b)
    const snap = xsJson(xs.nodes);
    expect(xsWrite(ctx, xs, 1, 'c/d', '1')).toEqual({ ok: false, err: 'ENOSPC' });
    expect(xsJson(xs.nodes)).toBe(snap);
    expect(xsWrite(ctx, xs, 1, 'c', '1').ok).toBe(true);
    expect(xsMkdir(ctx, xs, 1, 'e')).toEqual({ ok: false, err: 'ENOSPC' });
    expect(xsWrite(ctx, xs, 1, 'a', 'overwrite is fine').ok).toBe(true);
    for (let i = 0; i < 6; i++) expect(xsWrite(ctx, xs, 0, `/p${i}`, '').ok).toBe(true);
    expect(xsRm(ctx, xs, 1, 'a').ok).toBe(true);
    expect(xsWrite(ctx, xs, 1, 'e', '1').ok).toBe(true);
    expect(xsCheck(xs)).toEqual([]);
  });

  it('E2BIG for a payload over 4096 bytes; ENOSPC for an unprivileged node record over 2048 bytes', () => {
    const { ctx, xs } = world();
    expect(xsWrite(ctx, xs, 0, '/big', 'x'.repeat(4096))).toEqual({ ok: false, err: 'E2BIG' });
    expect(xsWrite(ctx, xs, 1, 'v', 'é'.repeat(1025))).toEqual({ ok: false, err: 'ENOSPC' }); // 2050 bytes
    // 16-byte header + one 8-byte perm + value: 2024 bytes of value make exactly 2048.
    expect(xsWrite(ctx, xs, 1, 'v', 'x'.repeat(2025))).toEqual({ ok: false, err: 'ENOSPC' });
    expect(xsWrite(ctx, xs, 1, 'v', 'x'.repeat(2024)).ok).toBe(true);
    expect(xsWrite(ctx, xs, 0, '/big', 'x'.repeat(3000)).ok).toBe(true);
  });

  it('EINVAL for malformed paths; EPERM for a domain without a connection', () => {
    const { ctx, xs } = world();
    for (const p of ['', '/a/', '/a//b', '/a b', '@foo', '/a.b']) {
      expect(xsWrite(ctx, xs, 0, p, 'v')).toEqual({ ok: false, err: 'EINVAL' });
    }
    expect(xsRead(ctx, xs, 7, '/')).toEqual({ ok: false, err: 'EPERM' });
  });

  it('set_perms: owner only (EACCES), owner change privileged only (EPERM), bad perms EINVAL', () => {
    const { ctx, xs } = world();
    xsWrite(ctx, xs, 1, 'x', 'v');
    xsSetPerms(ctx, xs, 1, 'x', [{ id: 1, perm: 'n' }, { id: 2, perm: 'b' }]);
    expect(xsWrite(ctx, xs, 2, `${D1}/x`, 'w').ok).toBe(true); // 2 may write
    expect(xsSetPerms(ctx, xs, 2, `${D1}/x`, [{ id: 1, perm: 'b' }])).toEqual({ ok: false, err: 'EACCES' });
    expect(xsSetPerms(ctx, xs, 1, 'x', [{ id: 2, perm: 'n' }])).toEqual({ ok: false, err: 'EPERM' });
    expect(xsSetPerms(ctx, xs, 1, 'x', [])).toEqual({ ok: false, err: 'EINVAL' });
    expect(xsSetPerms(ctx, xs, 1, 'x', [{ id: 1, perm: 'q' as 'n' }])).toEqual({ ok: false, err: 'EINVAL' });
    expect(xsSetPerms(ctx, xs, 0, `${D1}/x`, [{ id: 2, perm: 'n' }]).ok).toBe(true);
    expect(xs.quota['1']!.nodes).toBe(1);
    expect(xs.quota['2']!.nodes).toBe(2);
    expect(xsRead(ctx, xs, 1, 'x')).toEqual({ ok: false, err: 'EACCES' });
    expect(xsCheck(xs)).toEqual([]);
  });

  it('set_perms: a dead owner is ENOENT, ACL entries naming dead domains are dropped', () => {
    const { ctx, xs } = world();
    xsWrite(ctx, xs, 1, 'x', 'v');
    expect(xsSetPerms(ctx, xs, 0, `${D1}/x`, [{ id: 9, perm: 'n' }])).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsSetPerms(ctx, xs, 1, 'x', [{ id: 1, perm: 'n' }, { id: 9, perm: 'r' }, { id: 2, perm: 'r' }]).ok).toBe(true);
    expect(xsGetPerms(ctx, xs, 1, 'x')).toEqual({ ok: true, value: [{ id: 1, perm: 'n' }, { id: 2, perm: 'r' }] });
  });

  it('rm removes a subtree; missing-with-parent is fine; rm / is EINVAL; unwritable is EACCES', () => {
    const { ctx, xs } = world();
    xsWrite(ctx, xs, 1, 'a/b/c', '1');
    xsWrite(ctx, xs, 1, 'a/d', '2');
    expect(xsSubtree(xs, `${D1}/a`).map((n) => n.path)).toEqual([`${D1}/a`, `${D1}/a/b`, `${D1}/a/b/c`, `${D1}/a/d`]);
    expect(xsRm(ctx, xs, 1, 'a').ok).toBe(true);
    expect(xsSubtree(xs, D1).map((n) => n.path)).toEqual([D1]);
    expect(xs.quota['1']!.nodes).toBe(1);
    expect(xsRm(ctx, xs, 1, 'a')).toEqual({ ok: true, value: undefined });
    expect(xsRm(ctx, xs, 1, 'a/b')).toEqual({ ok: false, err: 'ENOENT' });
    expect(xsRm(ctx, xs, 0, '/')).toEqual({ ok: false, err: 'EINVAL' });
    expect(xsRm(ctx, xs, 1, D2)).toEqual({ ok: false, err: 'EACCES' });
    expect(xsCheck(xs)).toEqual([]);
  });

  it('mkdir of an existing node succeeds without changing it', () => {
    const { ctx, xs } = world();
    xsWrite(ctx, xs, 1, 'k', 'keep');
    expect(xsMkdir(ctx, xs, 1, 'k').ok).toBe(true);
    expect(xsRead(ctx, xs, 1, 'k')).toEqual({ ok: true, value: 'keep' });
    expect(xsMkdir(ctx, xs, 2, `${D1}/k`)).toEqual({ ok: false, err: 'EACCES' });
  });
});
