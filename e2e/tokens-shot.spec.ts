import { test } from '@playwright/test';

// A frame in the middle of a message's flight, for a human to look at. SHOTS=1 to run.
test('screenshot of tokens in flight', async ({ page }) => {
  test.skip(!process.env.SHOTS, 'screenshots only with SHOTS=1');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/?preset=${process.env.SHOT_PRESET ?? 'allowed-connection'}&paused`);
  const steps = Number(process.env.SHOT_STEPS ?? 29);
  await page.getByTestId('scrubber').fill(String(steps - 1));
  await page.getByTestId('step-forward').click();
  await page.waitForTimeout(Number(process.env.SHOT_WAIT ?? 150));
  await page.screenshot({ path: `${process.env.SHOT_DIR ?? 'test-results/shots'}/tokens-${steps}.png` });
});
