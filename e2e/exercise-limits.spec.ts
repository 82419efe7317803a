/**
 * Limits and XSM changed in the page: an exercise whose student may change the limits is
 * solved there (no export and import by hand), and the lesson editor refuses a value out
 * of range with a one-line reason while the document stays as it was.
 */
import { test, expect } from './fixtures';

const LOAD = 30_000;

test('the grant-exhaustion exercise is solved by raising ringPages in the page', async ({ page, errors }) => {
  void errors;
  test.setTimeout(120_000);
  await page.goto('/?exercise=grant-exhaustion');
  const panel = page.getByTestId('exercise');
  await expect(panel).toBeVisible({ timeout: LOAD });
  await expect(panel).toContainText('You may change: the limits (below)');
  await expect(panel.getByTestId('limits-xsm')).toHaveCount(0); // XSM is not the student's to change here
  const pages = panel.getByTestId('limit-input-ringPages');
  await expect(pages).toHaveAttribute('placeholder', '64');

  await page.getByTestId('exercise-check').click();
  await expect(page.getByTestId('exercise-verdict')).toHaveText(/^Not yet/, { timeout: LOAD });

  await pages.fill('256');
  await pages.press('Enter');
  await expect(panel.getByTestId('limit-reset-ringPages')).toBeVisible();
  await expect(panel).toContainText('Changed since the last check');
  await page.getByTestId('exercise-check').click();
  await expect(page.getByTestId('exercise-verdict')).toHaveText('Solved: every goal is met.', { timeout: LOAD });
  await expect(page.getByTestId('exercise-solved')).toBeVisible();
});

test('the lesson editor sets XSM and a limit, and refuses a value out of range', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: LOAD });
  await page.getByTestId('edit-lesson').click();
  const editor = page.getByTestId('lesson-editor');
  await expect(editor).toBeVisible({ timeout: LOAD });
  const limits = editor.getByTestId('limits-editor');
  await limits.getByTestId('limits-xsm').check();
  await expect(limits.getByTestId('limits-xsm')).toBeChecked();

  const grants = limits.getByTestId('limit-input-grantEntries');
  await grants.fill('5');
  await grants.press('Enter');
  await expect(page.getByTestId('error')).toContainText('limits.grantEntries: expected an integer from 9 to');
  await expect(grants).toHaveValue('');
  await grants.fill('48');
  await grants.press('Enter');
  await expect(grants).toHaveValue('48');
  await expect(limits.getByTestId('limit-reset-grantEntries')).toBeVisible();

  // undo (in the header, once the editor is closed) takes the limit back, then XSM
  await page.getByTestId('lesson-close').click();
  const undo = page.getByRole('button', { name: 'Undo last edit' });
  await undo.click();
  await undo.click();
  await page.getByTestId('edit-lesson').click();
  await expect(grants).toHaveValue('');
  await expect(limits.getByTestId('limits-xsm')).not.toBeChecked();
});
