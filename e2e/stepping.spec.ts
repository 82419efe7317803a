import { test, expect } from './fixtures';

const event = async (page: import('@playwright/test').Page) => (await page.getByTestId('readout').innerText()).replace(/\s+/g, ' ');

for (const id of ['allowed-connection', 'shed-flooder', 'denied-by-default']) {
  test(`${id}: five → presses from the start give five different visible states`, async ({ page, errors }) => {
    void errors;
    await page.goto(`/?preset=${id}&paused`);
    await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Back to the start' }).click();
    await page.getByTestId('diagram').click({ position: { x: 5, y: 5 } });
    const seen = [await event(page)];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => event(page)).not.toBe(seen[seen.length - 1]);
      seen.push(await event(page));
    }
    expect(new Set(seen).size).toBe(6);
  });
}
