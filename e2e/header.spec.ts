import { test, expect } from './fixtures';

test.describe('the top bar', () => {
  test('one row at 1280×720: every control on the same line, each still reachable by its name', async ({ page, errors }) => {
    void errors;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/?preset=allowed-connection&paused');
    await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('offline-status')).toBeVisible({ timeout: 30_000 });
    const bar = page.getByTestId('topbar');
    const rows = await bar.evaluate((el) => {
      const items = [...el.querySelectorAll('h1, button, a, .offline-status')].filter((e) => e.getBoundingClientRect().width > 0);
      const mids = items.map((e) => { const r = e.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); });
      const right = Math.max(...items.map((e) => e.getBoundingClientRect().right));
      return { spread: Math.max(...mids) - Math.min(...mids), count: items.length, right, height: el.getBoundingClientRect().height };
    });
    expect(rows.count).toBeGreaterThanOrEqual(12);
    expect(rows.spread, 'controls on one line').toBeLessThanOrEqual(4);
    expect(rows.height).toBeLessThanOrEqual(44);
    expect(rows.right).toBeLessThanOrEqual(1280);
    // names and keyboard access unchanged
    for (const name of ['vsock + connection manager', 'vsock + xenstore', 'V4V']) await expect(page.getByRole('radio', { name, exact: true })).toBeVisible();
    for (const name of ['Share', 'Embed', 'Export', 'Import']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(page.getByTestId('offline-status')).toContainText('offline');
    await page.getByRole('button', { name: 'Share', exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Embed', exact: true })).toBeFocused();
  });
});
