import { test, expect } from '@playwright/test';

// Screenshots for a human to look at (written to test-results/shots/). Set SHOTS=1 to run.
const sizes = [{ w: 1280, h: 720, n: 'desktop' }, { w: 390, h: 844, n: 'phone' }] as const;
for (const s of sizes) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot ${s.n} ${scheme}`, async ({ page }) => {
      test.skip(!process.env.SHOTS, 'screenshots only with SHOTS=1');
      await page.setViewportSize({ width: s.w, height: s.h });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/?preset=${process.env.SHOT_PRESET ?? 'allowed-connection'}&paused`);
      await page.getByTestId('to-end').click();
      if (process.env.SHOT_BACK) for (let i = 0; i < Number(process.env.SHOT_BACK); i++) await page.getByTestId('step-back').click();
      await page.waitForTimeout(600);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot({ path: `${process.env.SHOT_DIR ?? 'test-results/shots'}/${process.env.SHOT_PRESET ?? 'allowed'}-${s.n}-${scheme}.png`, fullPage: s.n === 'phone' });
    });
  }
}
