/**
 * What the main page fetches and renders at start. Every feature that loads on first use
 * stays out of the scripts the page fetches until it is idle (issue #19): each is found by
 * a string only its own code holds (a test id it renders, a library's own name). On a
 * phone, the panels that start closed are not rendered until someone opens one.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Code that loads on first use, and a string found only in it. */
const ON_FIRST_USE: ReadonlyArray<[string, string]> = [
  ['presentation mode', '"present-stage"'],
  ['lesson editor', '"lesson-editor"'],
  ['exercise panel', '"exercise-check"'],
  ['charts over time (uPlot)', '"time-charts"'],
  ['inspector tables', '"inspector-domain"'],
  ['share dialog', '"share-url"'],
  ['embed dialog', '"embed-snippet"'],
  ['export dialog', '"export-status"'],
  ['guest actions', '"act-flood"'],
  ['connect dialog', '"connect-port"'],
  ['lz-string (share links)', 'compressToEncodedURIComponent'],
  ['zod (host messages)', '_zod'],
  ['the engine (the page opens on a run recorded at build time)', 'vsockback-fe:'],
];

/** The text of every script `page` fetches from now on. */
function recordScripts(page: Page): { bodies: Map<string, string>; settled: () => Promise<void> } {
  const bodies = new Map<string, string>();
  const pending = new Set<Promise<void>>();
  let last = Date.now();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (!u.pathname.endsWith('.js')) return;
    last = Date.now();
    const p = r.text().then((t) => { bodies.set(u.pathname, t); }, () => {});
    pending.add(p);
    void p.finally(() => pending.delete(p));
  });
  /** Until no script has arrived for 2 s (and every body is read). */
  const settled = async () => {
    last = Math.max(last, Date.now());
    while (Date.now() - last < 2000) await page.waitForTimeout(250);
    await Promise.all(pending);
  };
  return { bodies, settled };
}

const holding = (bodies: Map<string, string>, marker: string) => [...bodies].filter(([, t]) => t.includes(marker)).map(([p]) => p);

test('the page fetches no first-use code until it is used', async ({ page, errors }) => {
  const { bodies, settled } = recordScripts(page);
  await page.goto('/?paused');
  await expect(page.getByTestId('domain-0')).toBeVisible();
  await settled();
  // the recording works: the page's own code is among what it fetched
  expect(holding(bodies, '"tools-toggle"').length, 'the page code was recorded').toBeGreaterThan(0);
  for (const [what, marker] of ON_FIRST_USE) expect(holding(bodies, marker), `${what} is not fetched at start`).toEqual([]);

  // and each marker is the real one: opening the share dialog fetches its code
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-url')).toBeVisible();
  await settled();
  expect(holding(bodies, '"share-url"').length, 'the share dialog arrives on first use').toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('the recorded run plays to its end without the engine; the engine arrives on first use and changes nothing shown', async ({ page, errors }) => {
  const { bodies, settled } = recordScripts(page);
  await page.goto('/?paused');
  await expect(page.getByTestId('domain-0')).toBeVisible();
  await page.getByTestId('step-forward').click();
  await page.getByTestId('step-forward').click();
  const early = await page.getByTestId('readout').textContent();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('step-forward')).toBeDisabled();
  const atEnd = await page.getByTestId('diagram').innerText();
  await settled();
  expect(holding(bodies, 'vsockback-fe:'), 'no engine yet').toEqual([]);

  // a domain clicked: the inspector needs the engine's detail, so the engine is fetched now
  await page.getByTestId('domain-1').click();
  await expect(page.getByTestId('inspector-domain')).toBeVisible();
  await settled();
  expect(holding(bodies, 'vsockback-fe:').length, 'the engine arrived').toBeGreaterThan(0);
  // the live recording took over at the same moment, showing the same thing
  // (the selected guest shows its actions' menu button besides)
  expect((await page.getByTestId('diagram').innerText()).replace(/^Actions ▾\n/m, '')).toBe(atEnd);
  await page.getByTestId('step-back').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('step-back')).toBeDisabled();
  await page.getByTestId('step-forward').click();
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('readout')).toHaveText(early ?? '');
  expect(errors).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('closed panels render nothing until opened', async ({ page }) => {
    await page.goto('/?paused');
    await expect(page.getByTestId('domain-0')).toBeVisible();
    const figures = page.locator('details', { has: page.locator('summary', { hasText: 'Figures' }) });
    await expect(figures).not.toHaveAttribute('open', /.*/);
    await expect(page.getByTestId('over-time')).toHaveCount(0);
    await expect(page.getByTestId('preset-allowed-connection')).toHaveCount(0);
    await figures.locator('summary').click();
    await expect(page.getByTestId('over-time')).toBeVisible();
    const scenarios = page.locator('details', { has: page.locator('summary', { hasText: 'Scenarios' }) });
    await scenarios.locator('summary').click();
    await expect(page.getByTestId('preset-allowed-connection')).toBeVisible();
  });
});
