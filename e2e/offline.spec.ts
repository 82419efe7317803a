import { test, expect } from './fixtures';

// Offline under a sub-path: e2e/subpath.spec.ts (it has the sub-path build).

test('after one visit the app, its presets and the embed open offline', async ({ page, context, errors }) => {
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-0')).toBeVisible();
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('offline-status')).toHaveText('✓ Ready offline');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('domain-0')).toBeVisible();
  // really offline: a file that was never saved does not load
  expect(await page.evaluate(() => fetch('/not-saved.txt').then((r) => r.status, () => 'failed'))).toBe('failed');
  const failed = errors.findIndex((e) => e.includes('net::ERR_FAILED'));
  expect(failed).toBeGreaterThanOrEqual(0);
  errors.splice(failed, 1); // that one failure was the point
  // another preset, whose document and code were never opened online
  await page.goto('/?preset=v4v-wakeup-storm&paused');
  await expect(page.getByTestId('preset-v4v-wakeup-storm')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('domain-8')).toBeVisible();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('embed-button')).toBeVisible();
  await page.goto('/embed/?preset=flood-isolation&panels=narration,controls');
  await expect(page.getByTestId('embed-narration')).toBeVisible();
  await expect(page.getByTestId('domain-3')).toBeVisible();
  await expect(page.getByTestId('embed-error')).toHaveCount(0);
  await context.setOffline(false);
});
