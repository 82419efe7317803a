import LZString from 'lz-string';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** openPreset, with room for a slow first load of the simulator on a busy machine. */
async function open(page: Page, id: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId(`preset-${id}`)).toHaveAttribute('aria-current', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('domain-0')).toBeVisible();
}

test('the Xen version switch: 4.19 shows, reruns, travels in the share link, and undoes', async ({ page, context, errors }) => {
  void errors;
  await open(page, 'xenstore-permissions');
  const sw = page.getByTestId('xen-switch');
  const v43 = sw.getByRole('radio', { name: 'Xen 4.3' });
  const v419 = sw.getByRole('radio', { name: 'Xen 4.19' });
  await expect(v43).toHaveAttribute('aria-checked', 'true');
  await expect(v419).toHaveAttribute('aria-checked', 'false');

  await v419.click();
  await expect(v419).toHaveAttribute('aria-checked', 'true');
  await expect(v43).toHaveAttribute('aria-checked', 'false');

  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-url').inputValue();
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  const packed = /[#&]s=([^&]+)/.exec(link)?.[1];
  expect(packed, 'the link carries the document').toBeTruthy();
  const doc = JSON.parse(LZString.decompressFromEncodedURIComponent(packed!)) as { xen?: string; title: string };
  expect(doc.xen).toBe('4.19');
  expect(doc.title).toBe('A guest pokes xenstored');

  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(other.getByTestId('xen-switch').getByRole('radio', { name: 'Xen 4.19' })).toHaveAttribute('aria-checked', 'true', { timeout: 30_000 });
  await other.close();

  await page.getByRole('button', { name: 'Undo last edit' }).click();
  await expect(v43).toHaveAttribute('aria-checked', 'true');
});

test('after a migration the domain shows its new CID', async ({ page, errors }) => {
  void errors;
  await open(page, 'migrate-reconnect');
  await expect(page.getByTestId('cid-1')).toHaveText('dom1 · CID 1');
  await page.getByTestId('to-end').click();
  // domids 0..3 are taken: web comes back as domid 4, so its CID is 4
  await expect(page.getByTestId('cid-1')).toHaveText('dom1 · CID 1 → 4');
  await expect(page.getByTestId('cid-2')).toHaveText('dom2 · CID 2');
});
