/**
 * The exported HTML's first paint, before the page's code has run (every script chunk is
 * held back, so React never hydrates): the default preset's diagram and narration on a
 * plain URL, a neutral preview when the URL names another scenario, never the wrong one.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const DEFAULT_TITLE = 'Allowed connection';

/** Open `url` with no script chunk delivered: what shows is the static HTML and its inline guard. */
async function openBeforeHydration(page: Page, url: string) {
  await page.route(/\/_next\/static\/.*\.js(\?.*)?$/, (r) => r.abort());
  await page.goto(url);
  await expect(page.locator('.preview')).toBeVisible();
}

test.describe('first paint before hydration', () => {
  test('a plain URL shows the default preset', async ({ page }) => {
    await openBeforeHydration(page, '/');
    await expect(page.getByRole('heading', { name: DEFAULT_TITLE })).toBeVisible();
    await expect(page.locator('.preview-diagram')).toBeVisible();
    await expect(page.locator('.preview-other')).toBeHidden();
    await expect(page.locator('html')).not.toHaveAttribute('data-preview', /./);
  });

  test('?preset= of the default preset still shows it', async ({ page }) => {
    await openBeforeHydration(page, '/?preset=allowed-connection&paused');
    await expect(page.getByRole('heading', { name: DEFAULT_TITLE })).toBeVisible();
  });

  for (const url of ['/?preset=flood-isolation', '/?preset=flood-isolation&paused', '/?exercise=shed-flooder', '/#s=N4Ig', '/?paused#x=1&s=N4Ig']) {
    test(`${url} never shows the default preset`, async ({ page }) => {
      await openBeforeHydration(page, url);
      await expect(page.locator('html')).toHaveAttribute('data-preview', 'other');
      await expect(page.getByText(DEFAULT_TITLE)).toBeHidden();
      await expect(page.locator('.preview-diagram')).toBeHidden();
      await expect(page.locator('.preview p.preview-other')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Interdomain Playground' })).toBeVisible();
    });
  }

  test('the embed: another preset gets the neutral preview, a plain URL the default', async ({ page }) => {
    await openBeforeHydration(page, '/embed/?preset=flood-isolation');
    await expect(page.getByText(DEFAULT_TITLE)).toBeHidden();
    await expect(page.locator('.preview-diagram')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Interdomain Playground' })).toBeVisible();
    await page.goto('/embed/');
    await expect(page.getByRole('heading', { name: DEFAULT_TITLE })).toBeVisible();
  });
});

test('after hydration the named preset is live, and the guard leaves the live page alone', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=flood-isolation&paused');
  await expect(page.getByTestId('preset-flood-isolation')).toHaveAttribute('aria-current', 'true', { timeout: 20_000 });
  await expect(page.locator('.preview')).toHaveCount(0);
  await expect(page.getByTestId('diagram')).toBeVisible();
});

test.describe('the theme at first paint', () => {
  test('a saved dark theme is on the page before its code runs, and the theme button agrees', async ({ page }) => {
    await page.goto('/?paused');
    await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
    await openBeforeHydration(page, '/?paused');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.unrouteAll();
    await page.goto('/?paused');
    await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible({ timeout: 20_000 });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(bg);
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await openBeforeHydration(page, '/?paused');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('with nothing saved, the system scheme decides', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openBeforeHydration(page, '/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
});
