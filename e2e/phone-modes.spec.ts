/**
 * The presentation mode and the compare view held upright on a phone (390×844): a slide is one
 * screen (the diagram fills what the note leaves, every button on screen, every domain inside
 * the diagram), and a compare pane's figures start below its diagram, under a title that reads.
 */
import { test, expect } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('phone: presentation mode is one screen: the diagram above the note, every button and domain on screen', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=shed-flooder&paused&present=1');
  const bar = page.getByTestId('present');
  await expect(bar).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(500); // the fit
  const diagram = (await page.getByTestId('diagram').boundingBox())!;
  const b = (await bar.boundingBox())!;
  expect(diagram.height, 'the diagram fills the screen the note leaves').toBeGreaterThan(400);
  expect(diagram.y + diagram.height, 'the diagram is above the note').toBeLessThanOrEqual(b.y + 1);
  expect(b.y + b.height, 'the note and its buttons end on screen').toBeLessThanOrEqual(844 + 1);
  for (const btn of await bar.getByRole('button').all()) {
    const r = (await btn.boundingBox())!;
    expect(r.x + r.width, `${await btn.textContent()} is on screen`).toBeLessThanOrEqual(390);
  }
  for (const id of [0, 1, 2, 3]) {
    const n = (await page.getByTestId(`domain-${id}`).boundingBox())!;
    expect(n.x, `domain ${id} inside the diagram`).toBeGreaterThanOrEqual(diagram.x - 1);
    expect(n.x + n.width, `domain ${id} inside the diagram`).toBeLessThanOrEqual(diagram.x + diagram.width + 1);
  }
});

for (const [where, url] of [['the page', '/?preset=flood-isolation&paused&present=1'], ['the embed', '/embed/?preset=flood-isolation&present=1']] as const) {
  test(`phone: ${where} in presentation mode, first slide (title and description): the buttons stay on screen, the diagram fills its part`, async ({ page, errors }) => {
    void errors;
    await page.goto(url);
    const bar = page.getByTestId('present');
    await expect(page.getByTestId('present-progress')).toHaveText(/^0 \//, { timeout: 20_000 });
    await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
    for (const btn of await bar.getByRole('button').all()) {
      const r = (await btn.boundingBox())!;
      expect(r.y + r.height, `${await btn.textContent()} is on screen`).toBeLessThanOrEqual(844);
      expect(r.x + r.width, `${await btn.textContent()} is on screen`).toBeLessThanOrEqual(390);
    }
    const diagram = (await page.getByTestId('diagram').boundingBox())!;
    const b = (await bar.boundingBox())!;
    expect(b.y - (diagram.y + diagram.height), 'no empty band between the diagram and the note').toBeLessThan(24);
  });
}

test('phone: the compare view\'s title wraps, and each pane\'s figures start below its diagram', async ({ page, errors }) => {
  void errors;
  await page.goto('/compare/?preset=flood-isolation');
  await expect(page.getByTestId('pane-v4v').locator('.react-flow__node').first()).toBeVisible({ timeout: 60_000 });
  const h1 = page.locator('.compare-top h1');
  expect(await h1.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the title is not cut').toBe(true);
  for (const id of ['vsock-cm', 'vsock-xs', 'v4v']) {
    const pane = page.getByTestId(`pane-${id}`);
    const d = (await pane.locator('.diagram').boundingBox())!;
    const f = (await pane.locator('table.pane-figures').boundingBox())!;
    expect(f.y, `${id}: figures below the diagram`).toBeGreaterThanOrEqual(d.y + d.height - 1);
  }
});

test('phone: an exercise opens with its task and its Check button on the first screen', async ({ page, errors }) => {
  void errors;
  await page.goto('/?exercise=web-reaches-db');
  const check = page.getByRole('button', { name: 'Check', exact: true });
  await expect(check).toBeVisible({ timeout: 20_000 });
  const r = (await check.boundingBox())!;
  expect(r.y + r.height, 'Check is on the first screen').toBeLessThanOrEqual(844);
  const diagram = (await page.getByTestId('diagram').boundingBox())!;
  expect(diagram.y, 'the task comes before the diagram').toBeGreaterThan(r.y);
});

test('phone: the embed fills its frame: diagram, then narration, then the time bar, none under another', async ({ page, errors }) => {
  void errors;
  await page.goto('/embed/?preset=shed-flooder&paused');
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
  const diagram = (await page.getByTestId('diagram').boundingBox())!;
  const narr = (await page.locator('.embed-narration').boundingBox())!;
  const bar = (await page.locator('.bottombar').boundingBox())!;
  expect(narr.y, 'the narration is below the diagram').toBeGreaterThanOrEqual(diagram.y + diagram.height - 1);
  expect(bar.y, 'the time bar is below the narration').toBeGreaterThanOrEqual(narr.y + narr.height - 1);
  expect(bar.y + bar.height, 'the time bar ends on screen').toBeLessThanOrEqual(844 + 1);
});
