import { test, expect } from './fixtures';

test.use({ viewport: { width: 800, height: 450 } });

for (const theme of ['light', 'dark'] as const) {
  test(`/embed at 800x450, ${theme}: diagram, narration and time controls fill the frame`, async ({ page, errors }) => {
    void errors;
    await page.goto(`/embed/?preset=peer-crash&theme=${theme}&at=40`);
    await expect(page.getByTestId('domain-2')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/crash/i);
    await expect(page.getByTestId('embed-narration')).toBeVisible();
    await expect(page.getByTestId('scrubber')).toHaveValue('40');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByRole('region', { name: 'Sequence chart' })).toHaveCount(0);
    // nothing spills out of the frame
    const sizes = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(sizes).toEqual({ w: 800, h: 450 });
    const controls = (await page.getByRole('group', { name: 'Time controls' }).boundingBox())!;
    expect(controls.y + controls.height).toBeLessThanOrEqual(450);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `test-results/shots/embed-${theme}.png` });
  });
}

test('/embed with the chart panel, autoplay and speed', async ({ page, errors }) => {
  void errors;
  await page.goto('/embed/?preset=allowed-connection&panels=chart,controls&autoplay=1&speed=4');
  await expect(page.getByRole('region', { name: 'Sequence chart' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByLabel('Playback speed')).toHaveValue('4');
  await expect(page.getByTestId('embed-narration')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect.poll(async () => Number(await page.getByTestId('scrubber').inputValue())).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'test-results/shots/embed-chart.png' });
});

test('/embed t= starts at a virtual time; the full-playground link carries the scenario', async ({ page, errors }) => {
  void errors;
  await page.goto('/embed/?preset=allowed-connection&t=500');
  await expect(page.getByTestId('readout')).toContainText(/t = (4\d\d|500) µs/);
  const link = page.getByTestId('embed-open-full');
  // the share-link code is not in the embed's first load: a pointer on the link fetches it
  const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).length);
  const before = await scripts();
  await link.hover();
  await expect(link).toHaveAttribute('href', /\/#s=[A-Za-z0-9+\-$]+&at=\d+$/);
  expect(await scripts()).toBeGreaterThan(before);
  await link.dispatchEvent('click', { button: 1 }); // sets href for the moment shown; a middle-button click opens nothing here
  await expect(link).toHaveAttribute('href', /\/#s=[A-Za-z0-9+\-$]+&at=\d+$/);
  await expect(link).toHaveAttribute('target', '_blank');
});

test('bad embed parameters each get a line naming the parameter; the embed still works', async ({ page, errors }) => {
  void errors;
  await page.goto('/embed/?preset=nope&speed=9&theme=blue');
  const err = page.getByTestId('embed-error');
  await expect(err).toContainText('preset: no preset called "nope"');
  await expect(err).toContainText('speed: "9" is not one of 0.25, 0.5, 1, 2, 4, 8');
  await expect(err).toContainText('theme: "blue" is not light or dark');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Allowed connection');
  await page.screenshot({ path: 'test-results/shots/embed-errors.png' });
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('ring-1:2')).toBeVisible();

  for (const [q, re] of [
    ['s=%3Cscript%3E', /s: could not be decoded \(character "<" at position 0/],
    ['s=N4IgzgxgTgpgDg', /s: could not be decoded/],
    ['preset=peer-crash&at=99999', /at: 99999 is past the end of the run/],
    ['preset=peer-crash&panels=chart,ads', /panels: "ads" is not one of narration, controls, chart, figures, title/],
    ['preset=peer-crash&origins=*', /origins: "\*" is not allowed/],
    ['preset=peer-crash&origins=https://docs.example.org/page', /origins: .* is not an origin/],
    ['preset=peer-crash&autoplay=yes', /autoplay: "yes" is not 1 or 0/],
    ['preset=peer-crash&t=soon', /t: "soon" is not a whole number of microseconds/],
    ['preset=peer-crash&colour=red', /colour: unknown parameter/],
  ] as const) {
    await page.goto(`/embed/?${q}`);
    await expect(page.getByTestId('embed-error'), q).toContainText(re);
    await expect(page.getByTestId('domain-0')).toBeVisible();
  }
});
