/**
 * An exercise in the page: opened by its URL, checked (failed, with reasons), solved by
 * changing the policy in the Policy panel, shown as solved, and still solved after a
 * reload. The gallery shows the course path. Screenshots before and after solving.
 */
import { test, expect } from './fixtures';
import fs from 'node:fs';

const SHOTS = 'test-results/exercise';
/** The first load on a busy machine. */
const LOAD = 30_000;

test('an exercise fails, is solved through the policy, and stays solved after a reload', async ({ page, errors }) => {
  void errors;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?exercise=web-reaches-db');
  const panel = page.getByTestId('exercise');
  await expect(panel).toBeVisible({ timeout: LOAD });
  await expect(panel).toContainText('Change the policy so that web can connect to db on port 5432');
  await expect(panel).toContainText('You may change: the policy');
  await expect(page.getByTestId('exercise-solved')).toHaveCount(0);

  // hints one at a time
  await page.getByTestId('exercise-hint').click();
  await expect(panel.locator('.hints li')).toHaveCount(1);
  await expect(page.getByTestId('exercise-hint')).toHaveText('Show a hint (2 left)');

  await page.getByTestId('exercise-check').click();
  await expect(page.getByTestId('exercise-verdict')).toHaveText('Not yet: 1 of 2 goals not met.');
  await expect(page.getByTestId('goal-0')).toHaveText(/✗.*conn web-db: refused \(denied\), 0 bytes received, wanted connected with at least 8192 bytes received/);
  await expect(page.getByTestId('goal-1')).toHaveText(/✓.*conn cache-db: refused \(denied\)/);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/before.png` });

  // web (1) → db (2) on 5432, in the Policy panel
  await page.getByLabel('Policy port (optional)').fill('5432');
  await page.getByTestId('policy-1-2').click();
  await expect(page.getByTestId('policy-1-2')).toHaveText('✓ :5432');
  await expect(panel).toContainText('Changed since the last check');
  await page.getByTestId('exercise-check').click();
  await expect(page.getByTestId('exercise-verdict')).toHaveText('Solved: every goal is met.');
  await expect(page.getByTestId('goal-0')).toHaveText(/✓.*conn web-db: connected, 8192 bytes received/);
  await expect(page.getByTestId('exercise-solved')).toBeVisible();
  await expect(page.getByTestId('exercise-web-reaches-db')).toContainText('✓');
  await page.screenshot({ path: `${SHOTS}/after.png` });

  await page.reload();
  await expect(page.getByTestId('exercise')).toBeVisible({ timeout: LOAD });
  await expect(page.getByTestId('exercise-solved')).toBeVisible();
  await expect(page.locator('.exercise .hints li')).toHaveCount(1); // the hint shown stays shown
});

test('the gallery is a course path, and opens an exercise from it', async ({ page, errors }) => {
  void errors;
  await page.goto('/?paused');
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: LOAD });
  for (const g of ['basics', 'policy', 'isolation', 'scale', 'alternatives', 'exercises']) await expect(page.getByTestId(`course-${g}`)).toBeAttached();
  await expect(page.getByTestId('course-basics')).toContainText('A broker sets up the rings, then steps out of the data path.');
  await expect(page.getByTestId('exercise')).toHaveCount(0); // no exercise, no panel
  await page.getByTestId('exercise-xsm-bypass').click();
  await expect(page.getByTestId('exercise')).toContainText('Exercise: stop two guests going around the broker');
  await expect(page).toHaveURL(/[?&]exercise=xsm-bypass$/);
  await page.getByTestId('exercise-check').click();
  await expect(page.getByTestId('goal-1')).toHaveText(/✗.*conn direct: connected, wanted refused \(xsm-denied\)/);
  // back to a preset: the panel goes
  await page.getByTestId('preset-allowed-connection').click();
  await expect(page.getByTestId('exercise')).toHaveCount(0);
});

test('an unknown exercise is one line and leaves the first preset loaded', async ({ page }) => {
  await page.goto('/?exercise=nope');
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: LOAD });
  await expect(page.getByTestId('error')).toContainText('exercise: no exercise called "nope"');
  await expect(page.getByTestId('exercise')).toHaveCount(0);
});
