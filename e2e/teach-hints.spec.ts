/**
 * Hints a learner needs: "Connect again" after allowing a refused pair, the connect
 * dialog's warning when the policy will refuse, and Check leaving the diagram at the end
 * of the run it checked. Screenshots wide and on a phone.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, dragConnect } from './fixtures';

const SHOTS = 'test-results/teach-hints';

/** A preset, paused at its start (the first load on a busy machine takes a while). */
async function open(page: Page, id: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId(`preset-${id}`)).toHaveAttribute('aria-current', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('domain-0')).toBeVisible();
}

/**
 * Wait until the diagram stops moving: it fits itself to the pane after loading, and again
 * when the pane or the layout's extent changes, a frame or two after the change — so it must
 * hold still for a while (four looks, 250 ms apart), not just between two looks.
 */
async function settled(page: Page) {
  let prev = '', same = 0;
  for (let i = 0; i < 80 && same < 3; i++) {
    const box = JSON.stringify([await page.getByTestId('domain-1').boundingBox(), await page.getByTestId('domain-2').boundingBox()]);
    same = box === prev ? same + 1 : 0;
    prev = box;
    await page.waitForTimeout(250);
  }
}

test('after allowing a refused pair, the Policy panel offers to connect again', async ({ page, errors }) => {
  void errors;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'denied-by-default');
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('conn-q')).toContainText('refused (denied)');
  await expect(page.getByTestId('retry-hint')).toHaveCount(0);

  // allowing another pair says nothing; allowing web → db does
  await page.getByTestId('policy-2-1').click();
  await expect(page.getByTestId('policy-2-1')).toHaveText(/^✓/);
  await expect(page.getByTestId('retry-hint')).toHaveCount(0);
  await page.getByTestId('policy-1-2').click();
  const hint = page.getByTestId('retry-hint');
  await expect(hint).toHaveText(/web → db on port 5432 was refused before this rule, and a refused connection does not try again by itself\./);
  await expect(hint).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/retry-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await hint.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/retry-390.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('connect-again').click();
  await expect(hint).toHaveCount(0);
  await expect(page.getByTestId('conn-c1')).toContainText('connected', { timeout: 15_000 });
  await expect(page.getByTestId('conn-q')).toContainText('refused (denied)'); // the old one stays refused

  // undo the retry and the allow: no hint for a pair the policy denies
  await page.getByRole('button', { name: 'Undo last edit' }).click();
  await page.getByRole('button', { name: 'Undo last edit' }).click();
  await expect(page.getByTestId('policy-1-2')).toHaveText(/^✕/);
  await expect(page.getByTestId('retry-hint')).toHaveCount(0);
});

test('the connect dialog warns when the policy will refuse the pair', async ({ page, errors }) => {
  void errors;
  await open(page, 'allowed-connection');
  await page.getByTestId('to-end').click();
  await settled(page);
  await dragConnect(page, 1, 2);
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('connect-port')).toHaveValue('5432');
  await expect(page.getByTestId('connect-warning')).toHaveCount(0); // web → db on 5432 is allowed
  await page.getByTestId('connect-port').fill('80');
  await expect(page.getByTestId('connect-warning')).toHaveText('The policy denies web → db on port 80: this connect will be refused.');
  await page.screenshot({ path: `${SHOTS}/warning-1280.png` });
  await page.getByTestId('connect-port').fill('8x');
  await expect(page.getByTestId('connect-warning')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // db → web: nothing allows it
  await expect(dialog).toBeHidden();
  await settled(page);
  await dragConnect(page, 2, 1);
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('connect-port').fill('5432'); // the dialog keeps the port typed last
  await expect(page.getByTestId('connect-warning')).toHaveText('The policy denies db → web on port 5432: this connect will be refused.');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/warning-390.png` });
});

test('after Check the diagram shows the checked run at its end', async ({ page, errors }) => {
  void errors;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?exercise=web-reaches-db');
  await expect(page.getByTestId('exercise')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('step-back')).toBeDisabled(); // opened at its start
  await page.getByTestId('exercise-check').click();
  await expect(page.getByTestId('exercise-verdict')).toBeVisible();
  await expect(page.getByTestId('step-forward')).toBeDisabled();
  await expect(page.getByTestId('conn-web-db')).toContainText('refused (denied)');
  await expect(page.getByTestId('conn-cache-db')).toContainText('refused (denied)');
  await expect(page.getByTestId('play')).toHaveAccessibleName('Play');
  await page.screenshot({ path: `${SHOTS}/checked-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/checked-390.png` });
});
