/**
 * A long run's recording keeps only a window: an hour-long flood with a 2 MB budget,
 * played on past the budget, drops its oldest part and says so; the scrubber, the chart
 * and the exports cover only the window, and scrubbing to the start lands at its start.
 */
import fs from 'node:fs';
import { test, expect } from './fixtures';

interface Rec { first: number; last: number; firstT: number; firstSeq: number; events: number; ended: boolean }
type W = Window & { __bench: { ready: boolean; store: { getState(): { rec: Rec; cursor: number; seek(a: number): void } } } };
const rec = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as W).__bench.store.getState().rec);
const cursor = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as W).__bench.store.getState().cursor);

test('an hour-long flood played past a small budget keeps a window, and says so', async ({ page, errors }) => {
  test.setTimeout(90_000);
  await page.goto('/bench/page/?paused&flood=3599000000&guests=2&rings=1&budget=2');
  await page.waitForFunction(() => (window as unknown as W).__bench?.ready === true);
  const scrubber = page.getByTestId('scrubber');
  const loaded = await rec(page);
  expect(loaded).toMatchObject({ first: 0, ended: false });
  await expect(scrubber).toHaveAttribute('min', '0');
  await expect(scrubber).toHaveAttribute('max', String(loaded.last));
  await expect(page.getByTestId('window-note')).toHaveCount(0);
  await expect(page.getByTestId('readout')).toContainText(/event \d+\/\d+\+/); // more to come

  // Play on: jump to the recorded end and play; the page records the next slice as playback nears it.
  await page.getByLabel('Playback speed').selectOption('8');
  for (let i = 0; i < 30 && (await rec(page)).first === 0; i++) {
    const before = (await rec(page)).last;
    await page.getByTestId('to-end').click();
    await page.getByTestId('play').click();
    await expect.poll(async () => (await rec(page)).last).toBeGreaterThan(before);
  }
  const r = await rec(page);
  expect(r.first).toBeGreaterThan(0);
  expect(r.last).toBeGreaterThan(loaded.last);
  await expect(page.getByTestId('window-note')).toContainText(/^Recording keeps the last .+ of virtual time \(from t = .+\); earlier moments were dropped/);
  await expect(page.getByTestId('chart-window-note')).toBeVisible();
  await page.getByTestId('play').click(); // pause
  const w = await rec(page);
  await expect(scrubber).toHaveAttribute('min', String(w.first));
  await expect(scrubber).toHaveAttribute('max', String(w.last));

  // Scrubbing to the start lands at the window start, not at 0.
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(scrubber).toHaveValue(String(w.first));
  expect(await cursor(page)).toBe(w.first);
  await page.getByRole('button', { name: 'Back to the start' }).click();
  expect(await cursor(page)).toBe(w.first);
  await page.evaluate(() => (window as unknown as W).__bench.store.getState().seek(0)); // a dropped moment
  expect(await cursor(page)).toBe(w.first);
  await expect(page.getByTestId('step-back')).toBeDisabled();
  const from = (await page.getByTestId('window-note').textContent())!.match(/\(from t = ([^)]+)\)/)![1]!;
  await expect(page.getByTestId('readout')).toContainText(`t = ${from}event`);
  await page.screenshot({ path: 'test-results/shots/recording-window.png' });

  // The chart holds only the window's rows: the first one is at or after the window's first event.
  const firstRow = Number(await page.locator('.chart-svg g[data-seq]').first().getAttribute('data-seq'));
  expect(firstRow).toBeGreaterThanOrEqual(w.firstSeq);

  // The trace export says it is only the window, and holds exactly its events.
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-window-note')).toContainText(`the run's ${w.firstSeq} earlier events were dropped`);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  const lines = fs.readFileSync((await dl.path())!, 'utf8').trim().split('\n');
  const now = await rec(page);
  expect((JSON.parse(lines[0]!) as { seq: number }).seq).toBe(now.firstSeq);
  expect(lines).toHaveLength(now.events - now.firstSeq);
  await expect(page.getByTestId('export-status')).toContainText('It holds only part of the run');
  expect(errors).toEqual([]);
});
