import { AxeBuilder } from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** axe's serious and critical findings on the page as it is now, printed when there are any. */
async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = bad.flatMap((v) => v.nodes.slice(0, 6).map((n) => `${what}: [${v.impact}] ${v.id} — ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`));
  if (lines.length > 0) console.log(lines.join('\n'));
  return lines;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    test.setTimeout(240_000);

    test(`/ : default, a guest selected, each dialog open (${scheme})`, async ({ page, errors }) => {
      void errors;
      await page.goto('/?preset=allowed-connection&paused');
      await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
      const found: string[] = [];
      found.push(...await seriousViolations(page, '/'));
      // a guest selected, its menu open, at the end of the run (rings, sockets, the Inspector's tables)
      await page.getByTestId('to-end').click();
      await page.getByTestId('domain-1').click();
      await expect(page.getByTestId('inspector-domain')).toBeVisible();
      await expect(page.getByTestId('guest-actions')).toBeVisible();
      await page.getByTestId('node-menu-1').click();
      await expect(page.getByRole('menu')).toBeVisible();
      found.push(...await seriousViolations(page, '/ guest selected'));
      await page.keyboard.press('Escape');
      for (const [button, dialog] of [['share-button', 'share-dialog'], ['embed-button', 'embed-dialog'], ['export-button', 'export-dialog']] as const) {
        await page.getByTestId(button).click();
        await expect(page.getByTestId(dialog)).toBeVisible();
        found.push(...await seriousViolations(page, `/ ${dialog}`));
        await page.keyboard.press('Escape');
        await expect(page.getByTestId(dialog)).toBeHidden();
      }
      await page.getByTestId('node-menu-1').click();
      await page.getByTestId('menu-connect').click();
      await expect(page.getByTestId('connect-dialog')).toBeVisible();
      found.push(...await seriousViolations(page, '/ connect-dialog'));
      expect(found, 'no serious or critical axe violations').toEqual([]);
    });

    test(`/embed/: default and all panels (${scheme})`, async ({ page, errors }) => {
      void errors;
      const found: string[] = [];
      for (const q of ['', '?panels=narration,controls,chart,figures,title']) {
        await page.goto(`/embed/${q}`);
        await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
        if (q) await expect(page.locator('.embed-figures')).toBeVisible();
        found.push(...await seriousViolations(page, `/embed/${q}`));
      }
      expect(found, 'no serious or critical axe violations').toEqual([]);
    });
  });
}
