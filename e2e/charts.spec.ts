import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function open(page: Page, id: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
}
const readT = async (page: Page) => (await page.getByTestId('readout').locator('.t').innerText()).trim();

test('figures over time: charts render when opened, click seeks there', async ({ page, errors }) => {
  void errors;
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
  await open(page, 'flood-isolation');
  await page.getByTestId('to-end').click();
  const before = scripts.length;
  const endT = await readT(page);
  await page.getByTestId('over-time').locator('summary').click();
  // uPlot arrives with the charts, not with the page
  await expect(page.getByTestId('time-charts')).toBeVisible({ timeout: 20_000 });
  expect(scripts.length).toBeGreaterThan(before);
  const tp = page.getByTestId('chart-throughput');
  await expect(tp.locator('canvas')).toBeVisible();
  await expect(tp.locator('.u-legend')).toContainText('web→db');
  await expect(tp.locator('.u-legend')).toContainText('cache→db');
  for (const id of ['occupancy', 'grants', 'wakeups']) await expect(page.getByTestId(`chart-${id}`).locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-grants').locator('.u-legend')).toContainText('limit');
  // click a quarter of the way along: the cursor moves there (an earlier time than the end)
  const over = tp.locator('.u-over');
  const box = (await over.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
  await expect.poll(() => readT(page)).not.toBe(endT);
  const t = await readT(page);
  const ms = (s: string) => { const m = /t = ([\d.]+) (µs|ms|s)/.exec(s)!; return Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'µs' ? 0.001 : 1); };
  expect(ms(t)).toBeLessThan(ms(endT) * 0.5);
  expect(ms(t)).toBeGreaterThan(ms(endT) * 0.1);
});
