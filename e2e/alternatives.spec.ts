import { test, expect, openPreset } from './fixtures';

test('v4v: the wake-up storm shows in the counters; the same run on vsock has none', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'v4v-wakeup-storm');
  await page.getByTestId('to-end').click();
  const spurious = page.getByTestId('counter-spurious-wake-ups');
  await expect(spurious).toBeVisible();
  const n = Number((await spurious.locator('td').innerText()).replace(/,/g, ''));
  expect(n).toBeGreaterThan(100);
  // The same document on the design under study: per-peer rings wake exactly one writer.
  const vsock = page.getByRole('radio', { name: 'vsock + connection manager' });
  await expect(vsock).toBeEnabled({ timeout: 20_000 });
  await vsock.click();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('counter-spurious-wake-ups').locator('td')).toHaveText('0');
  await expect(page.getByTestId('counter-ring-full-waits').locator('td')).not.toHaveText('0');
});

test('xenstore broker: no connection-manager messages, xenstore requests instead', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'xenstore-broker');
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('counter-connection-manager-messages').locator('td')).toHaveText('0');
  const xs = Number((await page.getByTestId('counter-xenstore-requests').locator('td').innerText()).replace(/,/g, ''));
  expect(xs).toBeGreaterThan(100);
  await expect(page.getByTestId('conn-denied')).toContainText('denied');
  await expect(page.getByTestId('conn-retry')).toContainText('connected');
});
