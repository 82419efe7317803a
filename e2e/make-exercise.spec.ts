/**
 * A teacher turns allowed-connection into an exercise in the lesson editor (the web → db
 * rule taken out of the starting policy, a prompt, a goal, a hint), shares it; the link
 * opens as an exercise whose Check fails until the student allows web → db. Screenshots
 * of the editor and of the student's page, wide and on a phone.
 */
import fs from 'node:fs';
import LZString from 'lz-string';
import { shareLink } from './helpers/share';
import { test, expect } from './fixtures';

const SHOTS = 'test-results/make-exercise';
const LOAD = 30_000;
const docOf = (link: string) => JSON.parse(LZString.decompressFromEncodedURIComponent(link.split('#s=')[1]!.split('&')[0]!)) as Record<string, unknown>;

test('a teacher makes an exercise, shares it, and a student solves it', async ({ page, context, errors }) => {
  void errors;
  test.setTimeout(150_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: LOAD });
  await page.getByTestId('edit-lesson').click();
  const editor = page.getByTestId('lesson-editor');
  await expect(editor).toBeVisible({ timeout: LOAD });

  // the starting policy loses its one rule: web is refused
  await expect(page.getByTestId('lesson-rule-0')).toHaveText(/allow web → db on port 5432/);
  await page.getByTestId('lesson-rule-remove-0').click();
  await expect(page.getByTestId('lesson-rule-0')).toHaveCount(0);

  // an empty prompt is refused in one line naming the field; nothing changes
  await page.getByTestId('make-exercise').click();
  await expect(page.getByTestId('error')).toContainText('lesson: exercise.prompt: expected a non-empty string');
  await expect(page.getByTestId('exercise')).toHaveCount(0);
  await page.getByTestId('error').getByRole('button').click();

  await page.getByTestId('exercise-prompt-new').fill('web cannot reach its database. Change the policy so that web connects to db on port 5432 and sends its 8 KiB.');
  await expect(page.getByTestId('editable-policy')).toBeChecked();
  await page.getByTestId('make-exercise').click();
  await expect(page.getByTestId('exercise')).toBeVisible({ timeout: LOAD }); // the page shows it as an exercise at once

  // a goal: the connection q ends connected with 8192 bytes received
  await expect(page.getByTestId('newgoal-conn')).toHaveValue('q');
  await page.getByTestId('newgoal-state').selectOption('connected');
  await page.getByTestId('newgoal-bytesReceived').fill('8192');
  await page.getByTestId('newgoal-add').click();
  await expect(page.getByTestId('lesson-goal-0')).toHaveText(/q ends connected, at least 8192 bytes received/);
  // a goal with a bad number names its field
  await page.getByTestId('newgoal-kind').selectOption('stat');
  await page.getByTestId('newgoal-max').fill('two');
  await page.getByTestId('newgoal-add').click();
  await expect(page.getByTestId('error')).toContainText('lesson: goals[1].max: expected a safe integer');
  await expect(page.getByTestId('lesson-goal-1')).toHaveCount(0);
  await page.getByTestId('error').getByRole('button').click();

  await page.getByTestId('hint-new').fill('The row is the guest that connects: web.');
  await page.getByTestId('hint-add').click();
  await expect(page.getByTestId('hint-new')).toHaveValue('');
  await page.screenshot({ path: `${SHOTS}/teacher-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/teacher-390.png` });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByTestId('student-link').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/teacher-link-1280.png` });
  const student = await page.getByTestId('student-link').inputValue();
  const doc = docOf(student);
  expect(doc).toMatchObject({
    policy: { default: 'deny', allow: [] },
    exercise: { prompt: expect.stringContaining('Change the policy') as unknown, hints: ['The row is the guest that connects: web.'], editable: ['policy'] },
    goals: [{ conn: 'q', state: 'connected', bytesReceived: 8192 }],
  });
  await page.getByTestId('lesson-close').click();
  expect(docOf(await shareLink(page))).toEqual(doc); // the header's Share carries the same exercise

  // the student
  const s = await context.newPage();
  await s.setViewportSize({ width: 1280, height: 720 });
  await s.goto(student);
  const panel = s.getByTestId('exercise');
  await expect(panel).toBeVisible({ timeout: LOAD });
  await expect(panel).toContainText('Change the policy so that web connects to db');
  await expect(panel).toContainText('You may change: the policy');
  await s.getByTestId('exercise-check').click();
  await expect(s.getByTestId('exercise-verdict')).toHaveText('Not yet: 1 of 1 goals not met.');
  await expect(s.getByTestId('goal-0')).toHaveText(/✗.*conn q: refused \(denied\)/);
  await expect(s.getByTestId('step-forward')).toBeDisabled(); // the diagram shows the checked run's end
  await expect(s.getByTestId('conn-q')).toContainText('refused');
  await s.getByTestId('exercise-hint').click();
  await expect(panel.locator('.hints li')).toHaveText(['The row is the guest that connects: web.']);

  await s.getByLabel('Policy port (optional)').fill('5432');
  await s.getByTestId('policy-1-2').click();
  await expect(s.getByTestId('policy-1-2')).toHaveText('✓ :5432');
  await s.getByTestId('exercise-check').click();
  await expect(s.getByTestId('exercise-verdict')).toHaveText('Solved: every goal is met.');
  await expect(s.getByTestId('goal-0')).toHaveText(/✓.*conn q: connected, 8192 bytes received/);
  await expect(s.getByTestId('conn-q')).toContainText('connected');
  await s.screenshot({ path: `${SHOTS}/student-1280.png` });
  await s.setViewportSize({ width: 390, height: 844 });
  await s.screenshot({ path: `${SHOTS}/student-390.png`, fullPage: true });
});
