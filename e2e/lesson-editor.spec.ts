/**
 * A lesson written in the page: title, a note, a new step and a renamed domain, shared by
 * link and reopened identically; text typed in stays text.
 */
import LZString from 'lz-string';
import { shareLink } from './helpers/share';
import { test, expect } from './fixtures';

const docOf = (link: string) => JSON.parse(LZString.decompressFromEncodedURIComponent(link.split('#s=')[1]!.split('&')[0]!)) as {
  title: string; description?: string; domains: { id: number; name: string }[]; steps: { at: number; op: string; note?: unknown }[];
};

test('a lesson written in the page is shared by link and reopens identically', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('edit-lesson').click();
  const editor = page.getByTestId('lesson-editor');
  await expect(editor).toBeVisible({ timeout: 20_000 });

  const title = 'Rings <b>by hand</b>';
  await page.getByTestId('lesson-title').fill(title);
  await page.getByTestId('lesson-title').press('Enter');
  const narration = page.getByRole('region', { name: 'Narration' });
  await expect(narration.getByRole('heading', { level: 2 }).first()).toHaveText(title);
  await expect(narration.locator('b')).toHaveCount(0); // text, never markup

  await page.getByTestId('lesson-note-0').fill('db waits for callers on 5432.');
  await page.getByTestId('lesson-note-0').blur();
  await expect(narration.locator('.notes li').first()).toHaveText('db waits for callers on 5432.');

  // a new step: web closes the connection, with a note
  await page.getByTestId('add-op').selectOption('close');
  await page.getByTestId('add-at').fill('700');
  await page.getByTestId('add-conn').fill('q');
  await page.getByTestId('add-note').fill('web hangs up: an orderly shutdown.');
  await page.getByTestId('add-step').click();
  await expect(page.getByTestId('lesson-note-4')).toHaveValue('web hangs up: an orderly shutdown.');

  await page.getByTestId('lesson-domain-2').fill('postgres');
  await page.getByTestId('lesson-domain-2').press('Enter');
  await expect(page.getByTestId('domain-2')).toContainText('postgres');

  // a bad edit says so in one line and changes nothing
  await page.getByTestId('lesson-domain-1').fill('');
  await page.getByTestId('lesson-domain-1').press('Enter');
  await expect(page.getByTestId('error')).toContainText('lesson: domains[1].name');
  await expect(page.getByTestId('lesson-domain-1')).toHaveValue('web');
  await page.getByTestId('error').getByRole('button').click();

  await page.getByTestId('lesson-close').click();
  await expect(editor).toHaveCount(0);
  const link = await shareLink(page);
  const doc = docOf(link);
  expect(doc.title).toBe(title);
  expect(doc.steps[0]!.note).toBe('db waits for callers on 5432.');
  expect(doc.steps.at(-1)).toMatchObject({ at: 700, op: 'close', conn: 'q', note: 'web hangs up: an orderly shutdown.' });
  expect(doc.domains.find((d) => d.id === 2)!.name).toBe('postgres');

  const other = await context.newPage();
  await other.goto(link);
  const narration2 = other.getByRole('region', { name: 'Narration' });
  await expect(narration2.getByRole('heading', { level: 2 }).first()).toHaveText(title, { timeout: 20_000 });
  await expect(narration2.locator('.notes li').first()).toHaveText('db waits for callers on 5432.');
  await expect(other.getByTestId('domain-2')).toContainText('postgres');
  // the same document: its own share link packs the same text
  expect(docOf(await shareLink(other))).toEqual(doc);

  // undo takes the last edit back (the domain's name)
  await page.getByRole('button', { name: 'Undo last edit' }).click();
  await expect(page.getByTestId('domain-2')).toContainText('db');
});
