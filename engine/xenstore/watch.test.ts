import { describe, expect, it } from 'vitest';
import {
  xsCheck, xsIntroduceDomain, xsReleaseDomain, xsRm, xsSetPerms, xsTakeWatchEvents, xsTransactionStart,
  xsUnwatch, xsWatch, xsWrite, xsMkdir, xsRead,
} from './index';
import { world } from './testutil';

const D1 = '/local/domain/1';

describe('xenstore watches', () => {
  it('fires once at registration with the path as given, and is emitted', () => {
    const { ctx, xs, trace } = world();
    expect(xsWatch(ctx, xs, 1, 'device', 'tok').ok).toBe(true);
    expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 1, path: 'device', token: 'tok' }]);
    expect(xsTakeWatchEvents(xs)).toEqual([]);
    const ev = trace.events[trace.events.length - 1]!;
    expect(ev).toMatchObject({ op: 'XS_WATCH_EVENT', src: 'xenstore', dst: 1, detail: { path: 'device', token: 'tok' } });
  });

  it('matches the path and every descendant: create, modify, delete, perm change', () => {
    const { ctx, xs } = world();
    xsWatch(ctx, xs, 1, `${D1}/a`, 't');
    xsTakeWatchEvents(xs);
    xsWrite(ctx, xs, 1, 'a/b/c', '1'); // create (with parents)
    xsWrite(ctx, xs, 1, 'a/b/c', '2'); // modify
    xsWrite(ctx, xs, 1, 'ab', 'x'); // sibling with common prefix: no fire
    xsSetPerms(ctx, xs, 1, 'a/b', [{ id: 1, perm: 'r' }]);
    xsRm(ctx, xs, 1, 'a/b');
    expect(xsTakeWatchEvents(xs).map((e) => e.path)).toEqual([
      `${D1}/a/b/c`, `${D1}/a/b/c`, `${D1}/a/b`, `${D1}/a/b`,
    ]);
  });

  it('a watch on a node inside a removed subtree fires with its own path; relative watches see relative paths', () => {
    const { ctx, xs } = world();
    xsWrite(ctx, xs, 1, 'a/b/c/d', '1');
    xsWatch(ctx, xs, 1, 'a/b/c/d', 'deep');
    xsTakeWatchEvents(xs);
    xsRm(ctx, xs, 1, 'a');
    expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 1, path: 'a/b/c/d', token: 'deep' }]);
  });

  it('does not fire for a node the watcher cannot read; fires once it may', () => {
    const { ctx, xs } = world();
    xsWatch(ctx, xs, 2, D1, 'peer');
    expect(xsTakeWatchEvents(xs)).toHaveLength(1); // first fire regardless of access
    xsWrite(ctx, xs, 1, 'private', 'x');
    expect(xsTakeWatchEvents(xs)).toEqual([]);
    xsSetPerms(ctx, xs, 1, 'private', [{ id: 1, perm: 'n' }, { id: 2, perm: 'r' }]);
    xsWrite(ctx, xs, 1, 'private', 'y');
    expect(xsTakeWatchEvents(xs)).toEqual([
      { dom: 2, path: `${D1}/private`, token: 'peer' }, { dom: 2, path: `${D1}/private`, token: 'peer' },
    ]);
    // losing access is still told (readable under the old perms), later writes are not
    xsSetPerms(ctx, xs, 1, 'private', [{ id: 1, perm: 'n' }]);
    xsWrite(ctx, xs, 1, 'private', 'z');
    expect(xsTakeWatchEvents(xs)).toHaveLength(1);
    expect(xsRead(ctx, xs, 2, `${D1}/private`)).toEqual({ ok: false, err: 'EACCES' });
  });

  it('duplicate watch is EEXIST, quota is E2BIG (one more fits), unwatch stops firing and unknown unwatch is ENOENT', () => {
    const { ctx, xs } = world({ watches: 2 });
    expect(xsWatch(ctx, xs, 1, 'a', 't').ok).toBe(true);
    expect(xsWatch(ctx, xs, 1, 'a', 't')).toEqual({ ok: false, err: 'EEXIST' });
    expect(xsWatch(ctx, xs, 1, `${D1}/a`, 't')).toEqual({ ok: false, err: 'EEXIST' }); // same node
    expect(xsWatch(ctx, xs, 1, 'a', 'u').ok).toBe(true);
    expect(xsWatch(ctx, xs, 1, 'a', 'v').ok).toBe(true);
    expect(xsWatch(ctx, xs, 1, 'b', 't')).toEqual({ ok: false, err: 'E2BIG' });
    expect(xsWatch(ctx, xs, 0, '/x', 'priv').ok).toBe(true);
    expect(xsUnwatch(ctx, xs, 1, 'a', 'v').ok).toBe(true);
    expect(xsUnwatch(ctx, xs, 1, 'a', 'u').ok).toBe(true);
    expect(xsUnwatch(ctx, xs, 1, 'a', 'u')).toEqual({ ok: false, err: 'ENOENT' });
    xsTakeWatchEvents(xs);
    xsWrite(ctx, xs, 1, 'a', '1');
    expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 1, path: 'a', token: 't' }]);
    expect(xsCheck(xs)).toEqual([]);
  });

  it('@introduceDomain / @releaseDomain reach privileged watchers, others only when granted', () => {
    const { ctx, xs } = world({}, [1, 2]);
    xsWatch(ctx, xs, 0, '@introduceDomain', 'in');
    xsWatch(ctx, xs, 0, '@releaseDomain', 'out');
    xsWatch(ctx, xs, 1, '@releaseDomain', 'guest');
    xsTakeWatchEvents(xs);
    xsIntroduceDomain(ctx, xs, 3);
    expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 0, path: '@introduceDomain', token: 'in' }]);
    xsReleaseDomain(ctx, xs, 3);
    expect(xsTakeWatchEvents(xs)).toEqual([{ dom: 0, path: '@releaseDomain', token: 'out' }]);
    expect(xsSetPerms(ctx, xs, 1, '@releaseDomain', [{ id: 0, perm: 'r' }])).toEqual({ ok: false, err: 'EACCES' });
    xsSetPerms(ctx, xs, 0, '@releaseDomain', [{ id: 0, perm: 'n' }, { id: 1, perm: 'r' }]);
    xsReleaseDomain(ctx, xs, 2);
    expect(xsTakeWatchEvents(xs).map((e) => e.dom)).toEqual([0, 1]);
    expect(xsReleaseDomain(ctx, xs, 2)).toEqual({ ok: false, err: 'ENOENT' });
  });

  it('release removes the domain\'s directory, watches, transactions and ownership', () => {
    const { ctx, xs } = world();
    xsWatch(ctx, xs, 0, '/local/domain', 'all');
    xsWatch(ctx, xs, 3, 'x', 't');
    xsWrite(ctx, xs, 3, 'x/y', 'v');
    xsMkdir(ctx, xs, 0, '/pub');
    xsSetPerms(ctx, xs, 0, '/pub', [{ id: 0, perm: 'n' }, { id: 3, perm: 'w' }, { id: 1, perm: 'r' }]);
    xsWrite(ctx, xs, 3, '/pub/left', 'behind'); // owned by 3 outside its directory
    expect(xsTransactionStart(ctx, xs, 3).ok).toBe(true);
    xsTakeWatchEvents(xs);
    xsWrite(ctx, xs, 3, 'x', 'pending-for-3');
    expect(xs.pendingWatchEvents.some((e) => e.dom === 3)).toBe(true);
    expect(xsReleaseDomain(ctx, xs, 3).ok).toBe(true);
    expect(xs.nodes.get('/local/domain/3')).toBeUndefined();
    expect(xs.watches.filter((w) => w.dom === 3)).toEqual([]);
    expect(Object.values(xs.transactions).filter((t) => t.dom === 3)).toEqual([]);
    expect(xs.pendingWatchEvents.filter((e) => e.dom === 3)).toEqual([]);
    expect(xs.quota['3']).toBeUndefined();
    // created by 3 as [n3, w3, r1]: owner handed to dom0, the entry naming 3 dropped
    expect(xs.nodes.get('/pub/left')!.perms).toEqual([{ id: 0, perm: 'n' }, { id: 1, perm: 'r' }]);
    expect(xs.nodes.get('/pub')!.perms).toEqual([{ id: 0, perm: 'n' }, { id: 1, perm: 'r' }]);
    expect(xsTakeWatchEvents(xs)).toEqual([
      { dom: 0, path: '/local/domain/3/x', token: 'all' }, // the write above (privileged watcher)
      { dom: 0, path: '/local/domain/3', token: 'all' }, // the directory's removal
    ]);
    expect(xsWrite(ctx, xs, 3, 'x', '1')).toEqual({ ok: false, err: 'EPERM' });
    expect(xsCheck(xs)).toEqual([]);
  });
});
