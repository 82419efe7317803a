/**
 * Which watches an XS_RM fires, against the rule written out plainly: a watch on the removed
 * node or one of its ancestors fires once with the removed path; a watch strictly below it
 * (its path starts with the removed path and '/') fires with its own path: under 4.3 always,
 * under 4.19 if that node existed. Random nodes, watched paths (nested, prefixes of one
 * another, trailing '/', '//', refused ones) and removals.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { xsMkdir, xsRead, xsRm, xsTakeWatchEvents, xsWatch } from './index';
import { world } from './testutil';
import type { XenVersion } from '../core/xen';

const seg = fc.constantFrom('a', 'b', 'ab', 'a b', 'c');
const rel = fc.array(seg, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const watchPath = fc.oneof(
  { weight: 6, arbitrary: rel.map((p) => `/t/${p}`) },
  { weight: 1, arbitrary: rel.map((p) => `/t/${p}/`) },
  { weight: 1, arbitrary: rel.map((p) => `/t//${p}`) },
  { weight: 1, arbitrary: fc.constantFrom('/t', '/', '/tt', '/t/a/b/c/d/e') },
);

const isAtOrAbove = (w: string, p: string) => w === p || w === '/' || p.startsWith(`${w.replace(/\/+$/, '')}/`);

describe('XS_RM fires the watches on, above and below the removed node', () => {
  for (const xen of ['4.3', '4.19'] as XenVersion[]) {
    it(`xen ${xen}: the events are those of the plain rule, in registration order`, () => {
      fc.assert(fc.property(
        fc.array(rel, { minLength: 1, maxLength: 12 }), fc.array(watchPath, { minLength: 1, maxLength: 16 }), rel,
        (nodes, watched, gone) => {
          const w = world({ nodes: 500, watches: 64, transactions: 2 }, [], { xen });
          const { ctx, xs } = w;
          for (const n of nodes) xsMkdir(ctx, xs, 0, `/t/${n}`);
          // a path xenstored refuses (a space in it) registers no watch
          const tokens = watched.flatMap((p, i) => (xsWatch(ctx, xs, 0, p, `w${i}`).ok ? [{ p, token: `w${i}` }] : []));
          xsTakeWatchEvents(xs); // the events a new watch fires at once
          const removed = `/t/${gone}`;
          const existed = (p: string) => xsRead(ctx, xs, 0, p).ok;
          // 4.3 tells every watch below, 4.19 only those on nodes that were there (and readable)
          const below = new Set(tokens.filter(({ p }) => p.startsWith(`${removed}/`) && (xen === '4.3' || existed(p))).map((t) => t.token));
          const there = existed(removed);
          xsRm(ctx, xs, 0, removed);
          const got = xsTakeWatchEvents(xs).map((e) => `${e.token} ${e.path}`);
          const want = !there ? [] : tokens.flatMap(({ p, token }) => {
            if (isAtOrAbove(p, removed)) return [`${token} ${removed}`];
            return below.has(token) ? [`${token} ${p}`] : [];
          });
          expect(got).toEqual(want);
        },
      ), { numRuns: 400 });
    });
  }
});
