import { test as base, expect, type Page } from '@playwright/test';

/** Every test fails on a console error or an uncaught page error. */
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await use(errors);
    expect(errors, 'no console errors').toEqual([]);
  },
});
export { expect };

export async function openPreset(page: Page, id: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId(`preset-${id}`)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('domain-0')).toBeVisible();
}

export async function dragConnect(page: Page, from: number, to: number) {
  const handle = page.getByTestId(`domain-${from}`).locator('.connect-handle');
  const a = (await handle.boundingBox())!;
  const b = (await page.getByTestId(`domain-${to}`).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  // first a short way toward the target: a handle near the pane's edge must not be dragged out
  // of the pane, where React Flow pans the diagram under the pointer (and the drop would miss)
  const toward = Math.sign(b.x + b.width / 2 - (a.x + a.width / 2)) || 1;
  await page.mouse.move(a.x + a.width / 2 + 40 * toward, a.y + 10, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}
