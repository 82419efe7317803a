/**
 * Presentation mode: note by note with the keyboard, the speaker-notes window following,
 * type large enough for the back of a room at 1280×720, light and dark screenshots.
 */
import fs from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

const SHOTS = 'test-results/present';

/** Rendered size of an element's text: computed font size × the scale of its transformed ancestors (the diagram's zoom). */
async function renderedPx(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) => els.map((el) => {
    const fs = parseFloat(getComputedStyle(el).fontSize);
    const r = el.getBoundingClientRect();
    const w = (el as HTMLElement).offsetWidth;
    return w > 0 ? fs * (r.width / w) : fs;
  }));
}

test.use({ viewport: { width: 1280, height: 720 } });
// each move plays the run on to the next note (a few seconds of animation)
test.setTimeout(120_000);
const PLAY = { timeout: 20_000 };

test('presentation mode: keys move note by note and the notes window follows', async ({ page, context }) => {
  await page.goto('/?preset=allowed-connection&paused&present=1');
  const bar = page.getByTestId('present');
  await expect(bar).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByTestId('present-progress')).toHaveText('0 / 4', PLAY);

  const notes = await context.newPage();
  await notes.goto('/present-notes/');
  await expect(notes.getByTestId('notes-progress')).toHaveText('0 / 4', PLAY);
  await expect(notes.getByTestId('notes-next')).toHaveText('db listens on vsock port 5432.');

  // a second window of its own on a projector; here a tab, so the presentation is brought to the front to animate
  await page.bringToFront();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 4', PLAY);
  await expect(page.getByTestId('present-note')).toHaveText('db listens on vsock port 5432.');
  await expect(notes.getByTestId('notes-now')).toHaveText('db listens on vsock port 5432.');
  await expect(notes.getByTestId('notes-next')).toContainText('web connects to CID 2');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('present-progress')).toHaveText('2 / 4', PLAY);
  await expect(page.getByTestId('present-note')).toContainText('web connects to CID 2', PLAY);
  // it stopped on the note: still there a moment later
  await page.waitForTimeout(400);
  await expect(page.getByTestId('present-progress')).toHaveText('2 / 4', PLAY);
  await expect(notes.getByTestId('notes-progress')).toHaveText('2 / 4', PLAY);

  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 4', PLAY);
  await expect(notes.getByTestId('notes-now')).toHaveText('db listens on vsock port 5432.');

  // the notes window's keys move the presentation too
  await notes.keyboard.press('PageDown');
  await page.bringToFront();
  await expect(page.getByTestId('present-progress')).toHaveText('2 / 4', PLAY);
  // a click on the stage advances
  await page.getByTestId('present-stage').click({ position: { x: 30, y: 30 } });
  await expect(page.getByTestId('present-progress')).toHaveText('3 / 4', PLAY);
  await expect(notes.getByTestId('notes-now')).toContainText('web sends 8 KiB');

  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(page.locator('.topbar')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('present')).toBeNull();
  await expect(notes.getByText('The presentation was left.')).toBeVisible();
});

test('presentation mode: large type at 1280×720, light and dark', async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.goto('/?preset=flood-isolation&paused');
    await page.evaluate((t) => window.localStorage.setItem('theme', t), theme);
    await page.reload();
    await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await expect(page.getByTestId('present')).toBeVisible();
    // a press while a note still plays finishes that note, so wait for each before the next
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('present-progress')).toHaveText('1 / 5', PLAY);
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('present-progress')).toHaveText('2 / 5', PLAY);
    await page.waitForTimeout(600); // the diagram refits to the bigger pane
    const note = await renderedPx(page, '[data-testid="present-note"]');
    expect(note[0]).toBeGreaterThanOrEqual(28);
    const names = await renderedPx(page, '.react-flow__node .domain-name');
    expect(names.length).toBeGreaterThan(0);
    for (const px of names) expect(px).toBeGreaterThanOrEqual(16);
    const badges = await renderedPx(page, '.react-flow__node .badge');
    for (const px of badges) expect(px).toBeGreaterThanOrEqual(16);
    // edge labels are SVG text inside the zoomed viewport
    const edgeLabels = await page.locator('.react-flow__edges .edge-text').evaluateAll((els) => els.map((el) => {
      const t = el as SVGTextElement;
      return parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1);
    }));
    for (const px of edgeLabels) expect(px).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: `${SHOTS}/present-${theme}.png` });
  }
});

test("the embed's present parameter opens it in presentation mode", async ({ page }) => {
  await page.goto('/embed/?preset=allowed-connection&present=1');
  await expect(page.getByTestId('present')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('embed-narration')).toBeHidden();
  await expect(page.getByTestId('present-progress')).toHaveText('0 / 4', PLAY);
  await page.getByTestId('present').getByRole('button', { name: 'Next note' }).click();
  await expect(page.getByTestId('present-progress')).toHaveText('1 / 4', PLAY);
  await expect(page.getByTestId('present-note')).toHaveText('db listens on vsock port 5432.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('present')).toHaveCount(0);
  await expect(page.getByTestId('embed-narration')).toBeVisible();
});
