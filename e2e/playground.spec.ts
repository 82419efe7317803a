import { test, expect, openPreset, dragConnect } from './fixtures';

test('a preset runs to a ring between web and db and a connected connection', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await expect(page.getByTestId('ring-1:2')).toHaveCount(0);
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('ring-1:2')).toBeVisible();
  await expect(page.getByTestId('conn-q')).toContainText('connected');
  await expect(page.getByTestId('state-1')).toHaveText(/running/);
});

test('stepping one event at a time reaches the connection', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const fwd = page.getByTestId('step-forward');
  for (let i = 0; i < 200 && (await fwd.isEnabled()); i++) {
    await fwd.click();
    if (await page.getByTestId('ring-1:2').count()) break;
  }
  await expect(page.getByTestId('ring-1:2')).toBeVisible();
});

test('drag from one guest to another connects them and the ring appears', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await dragConnect(page, 1, 2);
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Port')).toHaveValue('5432');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('ring-1:2')).toBeVisible();
  await expect(page.getByTestId('conn-c1')).toContainText('connected');
});

test('a denied pair is refused with reason denied, on the edge and in the chart', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('policy-1-2').click();
  await expect(page.getByTestId('policy-1-2')).toHaveAccessibleName(/denied/);
  await dragConnect(page, 1, 2);
  await page.getByTestId('connect-dialog').getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('fail-edge-label')).toHaveText('✕ refused: denied');
  await expect(page.getByTestId('ring-1:2')).toHaveCount(0);
  await expect(page.getByTestId('chart-bad').filter({ hasText: 'denied' }).first()).toBeAttached();
  await expect(page.getByTestId('conn-c1')).toContainText('refused (denied)');
});

test('bad input changes nothing and says why', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('domain-2').click();
  await page.getByLabel('Listen port').fill('4294967296');
  await page.getByTestId('act-listen').click();
  await expect(page.getByTestId('error')).toContainText('out of range');
  await page.getByTestId('act-crash').click();
  await expect(page.getByTestId('state-2')).toHaveText(/crashed/);
  await page.getByLabel('Listen port').fill('80');
  await page.getByTestId('act-listen').click();
  await expect(page.getByTestId('error')).toContainText('db is crashed');
});

test('scrubbing back shows the earlier state exactly', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const scrub = page.getByTestId('scrubber');
  await scrub.fill('30');
  const readout = await page.getByTestId('readout').textContent();
  const diagram = await page.getByTestId('diagram').innerText();
  const figures = await page.getByRole('region', { name: 'Live figures' }).innerText();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('ring-1:2')).toBeVisible();
  await scrub.fill('30');
  await expect(page.getByTestId('readout')).toHaveText(readout!);
  expect(await page.getByTestId('diagram').innerText()).toBe(diagram);
  expect(await page.getByRole('region', { name: 'Live figures' }).innerText()).toBe(figures);
});

test('keyboard: arrows step, space plays and pauses', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const before = await page.getByTestId('readout').textContent();
  await page.locator('body').press('ArrowRight');
  await page.locator('body').press('ArrowRight');
  await expect(page.getByTestId('readout')).not.toHaveText(before!);
  await page.locator('body').press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.locator('body').press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});
