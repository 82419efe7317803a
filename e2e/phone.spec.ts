import { test, expect } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('phone: one-row header, the diagram first and filled, the time bar clear of the fit control', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
  const header = (await page.locator('header.topbar').boundingBox())!;
  expect(header.height, 'one-row header').toBeLessThanOrEqual(48);
  const diagram = (await page.getByTestId('diagram').boundingBox())!;
  expect(diagram.y, 'the diagram comes right after the header').toBeLessThan(header.y + header.height + 12);
  const bar = (await page.locator('footer.bottombar').boundingBox())!;
  expect(bar.height, 'compact time bar').toBeLessThanOrEqual(56);
  const fit = (await page.locator('.react-flow__controls-fitview').boundingBox())!;
  expect(fit.y + fit.height, 'the fit control is above the time bar').toBeLessThanOrEqual(bar.y);
  expect(diagram.y + diagram.height, 'the whole diagram is above the time bar').toBeLessThanOrEqual(bar.y);
  // the scenario fills the diagram's width, and every domain is inside it
  await page.waitForTimeout(500);
  const boxes = await Promise.all([0, 1, 2].map(async (i) => (await page.getByTestId(`domain-${i}`).boundingBox())!));
  const left = Math.min(...boxes.map((b) => b.x)), right = Math.max(...boxes.map((b) => b.x + b.width));
  expect(left).toBeGreaterThanOrEqual(diagram.x);
  expect(right).toBeLessThanOrEqual(diagram.x + diagram.width);
  expect((right - left) / diagram.width, 'the scenario fills the width').toBeGreaterThan(0.8);
  const top = Math.min(...boxes.map((b) => b.y)), bottom = Math.max(...boxes.map((b) => b.y + b.height));
  expect((bottom - top) / diagram.height, 'not a mostly empty diagram').toBeGreaterThan(0.45);
});

test('phone: a selected guest\'s actions take one row; the tools open from Menu', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('domain-1').click();
  const row = (await page.getByTestId('guest-actions').boundingBox())!;
  expect(row.height, 'one scrolling row').toBeLessThanOrEqual(48);
  await expect(page.getByTestId('share-button')).toBeHidden();
  await page.getByTestId('tools-toggle').click();
  await expect(page.getByTestId('tools-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('share-button')).toBeVisible();
});

for (const [button, dialog] of [['share-button', 'share-dialog'], ['embed-button', 'embed-dialog']] as const) {
  test(`phone: the ${dialog} pauses playback`, async ({ page, errors }) => {
    void errors;
    await page.goto('/?preset=flood-isolation&paused');
    await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('play').click();
    await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Pause');
    await page.getByTestId('tools-toggle').click();
    await page.getByTestId(button).click();
    await expect(page.getByTestId(dialog)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play');
    const readout = await page.getByTestId('readout').innerText();
    await page.waitForTimeout(700);
    expect(await page.getByTestId('readout').innerText(), 'the run stays where the dialog opened').toBe(readout);
  });
}
