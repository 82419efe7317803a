/** The page's share link, read from the Share dialog (which is closed again). */
import { expect, type Page } from '@playwright/test';

export async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const link = await page.getByTestId('share-url').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}
