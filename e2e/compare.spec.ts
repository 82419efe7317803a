import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 720 } });
test.setTimeout(120_000);
/** Three runs are recorded before the panes show: allow a busy machine its time. */
const SLOW = { timeout: 30_000 };

const MODES = [['vsock-cm', 'vsock + connection manager'], ['vsock-xs', 'vsock + xenstore'], ['v4v', 'V4V']] as const;

/** The three panes' clock texts, read in one go (they move together). */
const clocks = (page: Page) => page.evaluate((ids) => ids.map((id) => document.querySelector(`[data-testid="clock-t-${id}"]`)?.textContent ?? ''), MODES.map(([id]) => id));
const figure = async (page: Page, mode: string, key: string) => Number(await page.getByTestId(`pane-${mode}`).getByTestId(`fig-${key}`).getAttribute('data-value'));

test('/compare shows three panes on one clock: a seek moves all three, and their figures differ', async ({ page, errors }) => {
  void errors;
  await page.goto('/compare/?preset=flood-isolation');
  for (const [id, label] of MODES) {
    const pane = page.getByTestId(`pane-${id}`);
    await expect(pane.getByRole('heading', { level: 2 })).toHaveText(label, SLOW);
    await expect(pane.getByTestId('domain-2')).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flooding peer');

  // seek half-way through the runs: every pane's clock shows the same virtual time as the scrubber's readout
  const scrubber = page.getByTestId('scrubber');
  const max = Number(await scrubber.getAttribute('max'));
  expect(max).toBeGreaterThan(100);
  await scrubber.fill(String(Math.round(max / 2)));
  const readout = (await page.getByTestId('readout').locator('.t').textContent())!;
  expect(readout).toMatch(/^t = /);
  await expect.poll(() => clocks(page), SLOW).toEqual([readout, readout, readout]);
  // the comparison at this moment has a link of its own
  expect(await page.getByTestId('compare-moment-link').getAttribute('href')).toMatch(new RegExp(`/compare/\\?preset=flood-isolation&t=${Math.round(max / 2)}$`));
  // the panes stand at different events: three different runs
  const events = await page.evaluate(() => [...document.querySelectorAll('.pane-clock .ev')].map((e) => e.textContent));
  expect(new Set(events).size).toBeGreaterThan(1);

  // at the end: V4V's hypervisor copied the bytes, the vsock panes copied none; only the CM pane has CM messages
  await scrubber.fill(String(max));
  await expect.poll(() => figure(page, 'v4v', 'bytesCopiedByXen'), SLOW).toBeGreaterThan(0);
  expect(await figure(page, 'vsock-cm', 'bytesCopiedByXen')).toBe(0);
  expect(await figure(page, 'vsock-xs', 'bytesCopiedByXen')).toBe(0);
  await expect(page.getByTestId('pane-vsock-cm').getByTestId('fig-bytesCopiedByXen')).toContainText('0 B');
  expect(await figure(page, 'vsock-cm', 'cmMessages')).toBeGreaterThan(0);
  expect(await figure(page, 'vsock-xs', 'cmMessages')).toBe(0);
  expect(await figure(page, 'vsock-xs', 'xenstoreOps')).toBeGreaterThan(await figure(page, 'vsock-cm', 'xenstoreOps'));

  // play from the start: the one clock moves all three panes together
  await page.getByRole('button', { name: 'Back to the start' }).click();
  await expect(page.getByTestId('readout').locator('.t')).toHaveText('t = 0 µs');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await clocks(page))[0], { timeout: 15_000 }).not.toBe('t = 0 µs');
  await page.getByRole('button', { name: 'Pause' }).click();
  const c = await clocks(page);
  expect(c[1]).toBe(c[0]);
  expect(c[2]).toBe(c[0]);
  // a step forward moves on to the next moment in any pane
  await page.getByTestId('step-forward').click();
  await expect.poll(async () => (await clocks(page))[0]).not.toBe(c[0]);
  const d = await clocks(page);
  expect(new Set(d).size).toBe(1);

  await scrubber.fill(String(Math.round(max * 0.3)));
  await page.waitForTimeout(500);
  const sizes = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  expect(sizes).toEqual({ w: 1280, h: 720 });
  await page.screenshot({ path: 'test-results/shots/compare-1280x720.png' });
});

test('/compare takes a share link\'s s= and an embed form; a bad preset says so', async ({ page, errors }) => {
  void errors;
  // the main page's link carries the preset by name
  await page.goto('/?preset=flood-isolation&paused');
  await expect(page.getByTestId('preset-flood-isolation')).toHaveAttribute('aria-current', 'true', SLOW);
  await expect(page.getByTestId('compare-link')).toHaveAttribute('href', /\/compare\/\?preset=flood-isolation$/);
  // a share link's packed document
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-url').inputValue();
  const s = new URL(link).hash.replace(/^#/, '');
  await page.goto(`/compare/?${s.split('&')[0]}&embed=1`);
  for (const [id] of MODES) await expect(page.getByTestId(`pane-${id}`).getByTestId('domain-3')).toBeVisible(SLOW);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('flooding peer');
  await expect(page.locator('html')).toHaveClass(/embedded/);
  await page.screenshot({ path: 'test-results/shots/compare-embed.png' });

  await page.goto('/compare/?preset=flood-isolation&t=1500');
  await expect.poll(() => clocks(page), SLOW).toEqual(['t = 1.5 ms', 't = 1.5 ms', 't = 1.5 ms']);

  await page.goto('/compare/?preset=no-such-thing');
  await expect(page.getByTestId('compare-problems')).toContainText('no preset called "no-such-thing"', SLOW);
  await expect(page.getByTestId('pane-v4v').getByRole('heading', { level: 2 })).toHaveText('V4V');
});
