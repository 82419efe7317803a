import { test, expect, openPreset } from './fixtures';
import type { Page } from '@playwright/test';

const cmMessages = async (page: Page) =>
  Number((await page.getByTestId('counter-connection-manager-messages').locator('td').innerText()).replace(/,/g, ''));

test('the server end of a connection floods it', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('to-end').click();
  await page.getByTestId('domain-2').click();
  const flood = page.getByTestId('act-flood');
  await expect(flood.locator('option', { hasText: '(server end)' })).toHaveCount(1);
  await flood.selectOption({ label: 'q → web (server end)' });
  await page.getByTestId('to-end').click();
  await page.getByTestId('domain-1').click();
  // web (the client) received far more than db's 1 KiB answer: megabytes from the flood.
  await expect(page.getByTestId('sock-q').locator('td').last()).toHaveText(/^8 KiB \/ [\d.]+ MiB$/);
});

test('a guest floods the connection manager; every request is still checked', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('to-end').click();
  const before = await cmMessages(page);
  await page.getByTestId('domain-1').click();
  await page.getByLabel('Listen port').fill('80');
  await page.getByTestId('act-connect-flood').selectOption({ label: 'db' });
  await page.getByTestId('to-end').click();
  // web -> db:80 is not in the allow list: hundreds of CONNECT_req, each answered.
  expect(await cmMessages(page)).toBeGreaterThan(before + 100);
  await expect(page.getByTestId('chart-bad').filter({ hasText: 'denied' }).first()).toBeAttached();
});

test('co-operating guests bypass the broker with their own grants', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'denied-by-default');
  await page.getByTestId('to-end').click();
  const before = await cmMessages(page);
  await page.getByTestId('domain-1').click();
  await page.getByLabel('Listen port').fill('7');
  await page.getByTestId('act-bypass').selectOption({ index: 1 });
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('conn-bypass1')).toContainText('connected');
  expect(await cmMessages(page)).toBe(before);
});
