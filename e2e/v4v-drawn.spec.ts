import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Open a preset paused; the first load of a flood may take a while on a busy machine. */
async function openPreset(page: Page, id: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
}

async function chooseMode(page: Page, name: string) {
  const b = page.getByRole('radio', { name, exact: true });
  await expect(b).toBeEnabled({ timeout: 20_000 });
  await b.click();
  await expect(b).toHaveAttribute('aria-checked', 'true');
}

test('V4V mode draws the rings registered with Xen, Xen\'s copies into them and the mode\'s parts', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'flood-isolation');
  // vsock: the connection manager is dom0's first part, no V4V ring
  await expect(page.getByTestId('domain-0')).toContainText('CM :1');
  await chooseMode(page, 'V4V');
  await page.getByTestId('to-end').click();
  // a ring per receiver, inside Xen's band: db's listen ring and each client's own ring
  await expect(page.locator('[data-testid^="v4vring-"]')).toHaveCount(3);
  await expect(page.getByTestId('v4vring-2:5432:any')).toContainText('db :5432 ← any');
  await expect(page.getByTestId('v4vring-2:5432:any')).toHaveAttribute('aria-label', 'V4V ring of db, port 5432');
  // the messages' path: sender → Xen (copy) → receiver's ring, with the bytes copied
  const copies = page.locator('[data-testid^="v4vcopy-"]');
  await expect(copies.first()).toBeAttached();
  expect(await copies.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('v4vcopy-d1')).toContainText('Xen copies');
  await expect(page.locator('[data-testid="v4vown"]')).toHaveCount(3);
  // chips, facts and lanes follow the mode
  const dom0 = page.getByTestId('domain-0');
  await expect(dom0).not.toContainText('CM :1');
  await expect(dom0).not.toContainText('vsock backend');
  await expect(dom0).toContainText('v4vtables');
  await expect(page.getByTestId('xen-chips')).toContainText('copied by Xen');
  await expect(page.getByTestId('domain-2')).toContainText('2 peers');
  await expect(page.getByTestId('domain-2')).toContainText('1 ring');
  await expect(page.locator('.chart-head')).not.toContainText('CM :1');
  await expect(page.locator('.chart-head')).toContainText('dom0 · v4vtables');
  // the figures have a V4V throughput rather than "No ring set up"
  await expect(page.locator('.figures')).not.toContainText('No ring set up');
});

test('V4V wake-up storm: the doorbell wakes the waiting writers at once, visibly; on vsock each wake-up finds room', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'v4v-wakeup-storm');
  // step until a ring shows senders woken together (a burst), or fail
  let burst = false;
  for (let i = 0; i < 400 && !burst; i++) {
    await page.keyboard.press('ArrowRight');
    burst = await page.getByTestId('v4v-woke').count() > 0;
  }
  expect(burst, 'a ring shows the doorbell waking several writers at once').toBe(true);
  await expect(page.locator('.v4v-ring.burst')).toHaveCount(1);
  await chooseMode(page, 'vsock + connection manager');
  await page.getByTestId('to-end').click();
  // each writer waits on its own ring: woken by that ring's notification, it finds room
  await expect(page.getByTestId('counter-wake-ups').locator('td')).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('counter-spurious-wake-ups').locator('td')).toHaveText('0');
  await expect(page.locator('[data-testid^="v4vring-"]')).toHaveCount(0);
});

test('xenstore broker mode: dom0 shows xenstored as the broker, no connection manager', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await chooseMode(page, 'vsock + xenstore');
  const dom0 = page.getByTestId('domain-0');
  await expect(dom0).toContainText('broker: nodes + watches');
  await expect(dom0).not.toContainText('CM :1');
});
