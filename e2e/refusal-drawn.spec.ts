import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function openAtEnd(page: Page, id: string, mode?: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
  if (mode) {
    const b = page.getByRole('radio', { name: mode, exact: true });
    await expect(b).toBeEnabled({ timeout: 20_000 });
    await b.click();
    await expect(b).toHaveAttribute('aria-checked', 'true');
  }
  await page.getByTestId('to-end').click();
}

/** Points along the refusal's red line, on screen, that fall inside a node's box. */
async function lineHits(page: Page, testId: string): Promise<number> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return page.locator('.fail-edge .fail-line').evaluate((el, b) => {
    const p = el as SVGPathElement;
    const m = p.getScreenCTM()!;
    const len = p.getTotalLength();
    let hits = 0;
    for (let i = 0; i <= 40; i++) {
      const q = p.getPointAtLength((len * i) / 40);
      const x = m.a * q.x + m.c * q.y + m.e, y = m.b * q.x + m.d * q.y + m.f;
      if (x > b.x + 2 && x < b.x + b.width - 2 && y > b.y + 2 && y < b.y + b.height - 2) hits++;
    }
    return hits;
  }, box);
}

/** The run's one refusal line: who refused, where it ends, and its label. */
async function expectOneFail(page: Page, by: string, target: string, label?: string): Promise<void> {
  const edge = page.getByTestId('fail-edge');
  await expect(edge).toHaveCount(1);
  await expect(edge).toHaveAttribute('data-by', by);
  await expect(edge).toHaveAttribute('data-target', target);
  if (label !== undefined) await expect(page.getByTestId('fail-edge-label')).toHaveText(label);
}

test.describe('a refusal is drawn between the client and whoever refused', () => {
  test('denied-by-default: the connection manager refuses web; db, never asked, is not touched', async ({ page, errors }) => {
    void errors;
    await openAtEnd(page, 'denied-by-default');
    await expectOneFail(page, 'cm', 'd0', '✕ refused: denied');
    expect(await lineHits(page, 'domain-2'), 'the red line crosses db').toBe(0);
    expect(await lineHits(page, 'domain-0'), 'the red line reaches dom0').toBeGreaterThan(0);
  });

  test('denied-by-default under V4V: the line goes down into Xen (v4vtables), not to db', async ({ page, errors }) => {
    void errors;
    await openAtEnd(page, 'denied-by-default', 'V4V');
    const edge = page.getByTestId('fail-edge');
    await expect(edge).toHaveAttribute('data-by', 'xen');
    expect(await lineHits(page, 'domain-2')).toBe(0);
  });

  test('grant-exhaustion-override: hub\'s own grant table is full; the refusal is drawn on hub, no line towards peer-c', async ({ page, errors }) => {
    void errors;
    await openAtEnd(page, 'grant-exhaustion-override');
    await expectOneFail(page, 'self', 'd1', '✕ to peer-c: own grant table full');
    expect(await lineHits(page, 'domain-4'), 'a red line reaches peer-c').toBe(0);
    // the label hangs under hub, clear of peer-c
    const hub = (await page.getByTestId('domain-1').boundingBox())!;
    const label = (await page.getByTestId('fail-edge-label').boundingBox())!;
    expect(label.y).toBeGreaterThan(hub.y + hub.height - 2);
  });

  test('bypass-with-xsm: Xen\'s XSM hook refuses db\'s map; the line goes down into Xen\'s band, not to db', async ({ page, errors }) => {
    void errors;
    await openAtEnd(page, 'bypass-with-xsm');
    await expectOneFail(page, 'xen', 'xen');
    expect(await lineHits(page, 'domain-2'), 'the red line crosses db').toBe(0);
    // it leaves web and ends on the top edge of Xen's band
    expect(await lineHits(page, 'domain-1'), 'the red line leaves web').toBeGreaterThan(0);
    const band = (await page.getByTestId('xen-band').boundingBox())!;
    const endY = await page.locator('.fail-edge .fail-line').evaluate((el) => {
      const p = el as SVGPathElement, m = p.getScreenCTM()!, q = p.getPointAtLength(p.getTotalLength());
      return m.b * q.x + m.d * q.y + m.f;
    });
    expect(Math.abs(endY - band.y), 'the red line ends at Xen\'s band').toBeLessThan(3);
  });
});
