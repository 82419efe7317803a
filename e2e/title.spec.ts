import { test, expect } from '@playwright/test';

test('the built page opens and shows its title', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Interdomain Playground');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Interdomain Playground');
});
