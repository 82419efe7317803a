import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Counts every pointer, mouse, touch and wheel event the page receives. */
async function countPointerEvents(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __pointerEvents: string[] };
    w.__pointerEvents = [];
    for (const type of ['pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup', 'mousemove', 'touchstart', 'wheel', 'contextmenu']) {
      window.addEventListener(type, (e) => { if (e.isTrusted) w.__pointerEvents.push(type); }, { capture: true });
    }
  });
  return () => page.evaluate(() => (window as unknown as { __pointerEvents: string[] }).__pointerEvents);
}

const active = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return { testid: el?.dataset['testid'] ?? '', label: el?.getAttribute('aria-label') ?? '', text: el?.textContent?.trim() ?? '', cls: el?.className ?? '' };
});

/** Tab until the focused element matches, at most 80 times. */
async function tabTo(page: Page, ok: (a: Awaited<ReturnType<typeof active>>) => boolean, what: string) {
  for (let i = 0; i < 80; i++) {
    if (ok(await active(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

/** In the open menu, ArrowDown until the item reads `text`, then Enter. */
async function menuPick(page: Page, text: RegExp) {
  for (let i = 0; i < 12; i++) {
    if (text.test((await active(page)).text)) { await page.keyboard.press('Enter'); return; }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no menu item ${text}`);
}

/** Focus web's Actions button (Tab from where the focus is) and open its menu. */
async function openWebMenu(page: Page) {
  await tabTo(page, (a) => a.testid === 'node-menu-1', "web's Actions button");
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Actions on web' })).toBeVisible();
}

test('keyboard only: select a domain, connect two guests, flood, migrate, open the Inspector', async ({ page, errors }) => {
  void errors;
  const pointerEvents = await countPointerEvents(page);
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });

  // skip link → diagram → first domain, then the arrow keys to web
  await page.keyboard.press('Tab');
  expect((await active(page)).text).toBe('Skip to the diagram');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('diagram')).toBeFocused();
  await page.keyboard.press('Tab');
  expect((await active(page)).cls).toContain('react-flow__node-domain');
  for (let i = 0; i < 4 && !(await active(page)).label.startsWith('web,'); i++) await page.keyboard.press('ArrowRight');
  expect((await active(page)).label).toMatch(/^web, dom1, guest, running/);
  // the focus ring is drawn
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector('.domain')!).outlineStyle);
  expect(outline).toBe('solid');

  // Enter selects it: the Inspector shows web
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-domain')).toContainText('web');

  // connect web → db from the node's menu, through the connect dialog
  await openWebMenu(page);
  await menuPick(page, /^Connect to…$/);
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('connect-to')).toBeFocused();
  await expect(page.getByTestId('connect-to')).toHaveValue('2');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('connect-port')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5432');
  await expect(page.getByTestId('connect-port')).toHaveValue('5432');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/web connects to db \(CID 2\) port 5432 as “c1”/).first()).toBeAttached();
  await page.keyboard.press('End');

  // flood the new connection
  await openWebMenu(page);
  await menuPick(page, /^Flood c1 → db$/);
  await expect(page.getByText('web floods “c1” (its client end) for 20 ms.').first()).toBeAttached();
  await expect(page.getByTestId('node-menu-1')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByTestId('inspector-domain').getByTestId('sock-c1').locator('td.io')).toContainText('MiB');

  // migrate it
  await openWebMenu(page);
  await menuPick(page, /Migrate/);
  await expect(page.getByText('The toolstack migrates web.').first()).toBeAttached();

  // show its details: the focus moves to the Inspector
  await openWebMenu(page);
  await menuPick(page, /^Show details$/);
  await expect(page.getByTestId('inspector')).toBeFocused();
  await expect(page.getByTestId('inspector-domain')).toContainText('web');

  expect(await pointerEvents(), 'no pointer or mouse event reached the page').toEqual([]);
});

test('keyboard: a ring takes focus and Enter shows its indices; Escape clears', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('End');
  await expect(page.locator('.react-flow__edge-ring')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, (a) => a.label.startsWith('ring between'), 'a ring');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector').locator('caption').first()).toContainText('ring web ⇄ db');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector')).toContainText('Click a domain');
});

test('a live region says what each step did', async ({ page, errors }) => {
  void errors;
  await page.goto('/?preset=allowed-connection&paused');
  await expect(page.getByTestId('domain-1')).toBeVisible({ timeout: 20_000 });
  const region = page.getByTestId('announcer');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  // → goes to the next action the chart shows: each press announces a later step
  await page.keyboard.press('ArrowRight');
  await expect(region).toHaveText(/^Step \d+: .+/);
  const first = Number(/^Step (\d+)/.exec((await region.textContent()) ?? '')![1]);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(/^Step (\d+)/.exec((await region.textContent()) ?? '')?.[1] ?? 0)).toBeGreaterThan(first);
  await page.keyboard.press('End');
  await expect(region).toHaveText(/→/);
});
