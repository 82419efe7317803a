/**
 * The diagram is drawn by React only when its structure changes: while the 100-domain flood
 * plays, tokens and ring bars move by direct writes (usePlayback, components/flow/painters.ts),
 * so React Flow's node and edge wrappers do not re-render per action. Counted through
 * React's commit hook (the one its developer tools use), installed before the page's code:
 * at each commit, a node or edge wrapper element whose props are new since the last
 * commit was rendered again.
 */
import { test, expect } from '@playwright/test';

/** Installed before React loads: counts, per commit, the node/edge wrapper elements React rendered. */
const HOOK = () => {
  type Fiber = { child: Fiber | null; sibling: Fiber | null; alternate: Fiber | null; memoizedProps: unknown; stateNode: unknown; tag: number };
  const w = window as unknown as { __renders: { on: boolean; commits: number; diagramCommits: number; wrappers: number; which: Record<string, number> } };
  w.__renders = { on: false, commits: 0, diagramCommits: 0, wrappers: 0, which: {} };
  const wrapper = /(^|\s)react-flow__(edge|node)(\s|$)/;
  // props each wrapper element had at the last commit (keyed by its DOM element, which both
  // of a fiber's copies share): new props mean its component rendered again
  const seen = new WeakMap<object, unknown>();
  const count = (root: Fiber): number => {
    let n = 0;
    const stack: Fiber[] = [root];
    while (stack.length) {
      const f = stack.pop()!;
      const p = f.memoizedProps as { className?: unknown } | null;
      if (f.tag === 5 && p && typeof p.className === 'string' && wrapper.test(p.className) && f.stateNode) {
        const el = f.stateNode as object;
        if (seen.get(el) !== p) {
          if (seen.has(el) && w.__renders.on) { n++; const id = (p as { 'data-id'?: string; 'data-testid'?: string })['data-id'] ?? (p as { 'data-testid'?: string })['data-testid'] ?? '?'; w.__renders.which[id] = (w.__renders.which[id] ?? 0) + 1; }
          seen.set(el, p);
        }
      }
      if (f.sibling) stack.push(f.sibling);
      if (f.child) stack.push(f.child);
    }
    return n;
  };
  (window as unknown as Record<string, unknown>)['__REACT_DEVTOOLS_GLOBAL_HOOK__'] = {
    supportsFiber: true, renderers: new Map(), isDisabled: false,
    inject() { return 1; }, checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id: number, root: { current: Fiber }) {
      const r = w.__renders;
      const n = count(root.current);
      if (!r.on) return;
      r.commits++;
      if (n > 0) r.diagramCommits++;
      r.wrappers += n;
    },
  };
};

test('playing 100 actions of the 100-domain flood re-renders no node or edge per action', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(HOOK);
  await page.goto('/bench/page/?paused&flood=100');
  await page.waitForFunction(() => (window as unknown as { __bench?: { ready: boolean } }).__bench?.ready === true, null, { timeout: 120_000 });
  type Bench = { startFlood(s: number): void; store: { getState(): { cursor: number; pause(): void } } };
  // into the flood first (its rings appear then), then count over the next 100 actions
  await page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.startFlood(1));
  await expect(page.locator('.react-flow__edge-ring').first()).toBeAttached({ timeout: 60_000 });
  await page.waitForTimeout(1_500);
  const a0 = await page.evaluate(() => {
    (window as unknown as { __renders: { on: boolean } }).__renders.on = true;
    return (window as unknown as { __bench: Bench }).__bench.store.getState().cursor;
  });
  await page.waitForFunction((a) => (window as unknown as { __bench: Bench }).__bench.store.getState().cursor >= a + 100, a0, { timeout: 120_000 });
  const r = await page.evaluate(() => {
    const w = window as unknown as { __renders: { on: boolean; commits: number; diagramCommits: number; wrappers: number }; __bench: Bench };
    w.__renders.on = false;
    w.__bench.store.getState().pause();
    return { ...w.__renders, cursor: w.__bench.store.getState().cursor };
  });
  const actions = r.cursor - a0;
  console.log(`RENDERS ${JSON.stringify({ ...r, actions })}`);
  expect(actions).toBeGreaterThanOrEqual(100);
  expect(r.commits, 'the hook saw the page commit').toBeGreaterThan(0);
  // 100 domains and 301 edges: re-rendering them per action would be ~40,000 wrapper renders.
  // What does render is a ring that comes up (its edge and its two domains: ~1 a commit).
  expect(r.wrappers, 'node/edge wrappers rendered again: fewer than one full drawing in 100 actions').toBeLessThan(401);
  expect(r.diagramCommits, 'commits that rendered any node or edge: at most one an action').toBeLessThanOrEqual(actions);
});
