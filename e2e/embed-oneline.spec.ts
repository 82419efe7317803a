import type { Page, FrameLocator } from '@playwright/test';
import { test, expect } from './fixtures';
import { startHost, type Host } from './helpers/hostServer';

/** A docs page on another origin with the one-line embed, below `spacer` px of text. */
function docsPage(playground: string, htmlAttrs: string, spacer: number): string {
  return `<!doctype html><html ${htmlAttrs}><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs</title>
<style>body{font-family:sans-serif;margin:24px;max-width:820px} [data-theme=dark] body, html.dark body{background:#111;color:#eee}</style>
<script src="${playground}/embed.js" async></script></head><body>
<h1>Flood isolation</h1><div id="spacer" style="height:${spacer}px">Some text before the embed.</div>
<div id="pg" data-interdomain-playground data-preset="flood-isolation" data-autoplay data-panels="narration,controls"></div>
<p id="after">Text after the embed.</p>
</body></html>`;
}

let host: Host;
test.beforeAll(async ({ baseURL }) => {
  host = await startHost((url) => {
    if (url.pathname === '/dark/') return docsPage(baseURL!, 'data-theme="dark"', 40);
    if (url.pathname === '/plain/') return docsPage(baseURL!, '', 40);
    if (url.pathname === '/lazy/') return docsPage(baseURL!, '', 3000);
    return null;
  });
});
test.afterAll(async () => { await host.close(); });

const frameOf = (page: Page): FrameLocator => page.frameLocator('#pg iframe');
const iframeHeight = (page: Page) => page.locator('#pg iframe').evaluate((f) => f.getBoundingClientRect().height);

async function expectFits(page: Page) {
  const f = frameOf(page);
  await expect(f.getByTestId('embed-narration')).toBeVisible();
  await expect(f.locator('.react-flow__node').first()).toBeVisible();
  // the iframe has grown to the height the embed asked for, and stays there
  await expect.poll(() => iframeHeight(page), { timeout: 10_000 }).not.toBe(420);
  // it may take a second step as its content arrives (the narration's text): wait until it settles
  await expect.poll(async () => {
    const a = await iframeHeight(page);
    await page.waitForTimeout(600);
    return Math.abs((await iframeHeight(page)) - a);
  }, { timeout: 10_000 }).toBeLessThan(2);
  const h = await iframeHeight(page);
  await page.waitForTimeout(1200);
  expect(Math.abs((await iframeHeight(page)) - h)).toBeLessThan(2);
  // nothing inside is cut off or scrolls: the last row ends inside the frame, every domain is in the diagram
  const fit = await f.locator('html').evaluate(() => {
    const root = document.querySelector('.embed')!, bar = document.querySelector('.bottombar')!;
    const d = document.querySelector('.diagram')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    return {
      inner: window.innerHeight, scroll: document.documentElement.scrollHeight, rootScroll: root.scrollHeight, rootClient: root.clientHeight,
      barBottom: bar.getBoundingClientRect().bottom, diagramH: d.height,
      nodesInside: nodes.every((n) => n.top >= d.top - 1 && n.bottom <= d.bottom + 1 && n.left >= d.left - 1 && n.right <= d.right + 1),
    };
  });
  expect(fit.scroll).toBeLessThanOrEqual(fit.inner);
  expect(fit.rootScroll).toBeLessThanOrEqual(fit.rootClient);
  expect(fit.barBottom).toBeLessThanOrEqual(fit.inner + 0.5);
  expect(fit.diagramH).toBeGreaterThan(250);
  expect(fit.nodesInside).toBe(true);
  return h;
}

test('the one-line embed on another origin sizes itself and takes the page\'s dark theme, then follows it to light', async ({ page, errors }) => {
  void errors;
  await page.goto(`${host.origin}/dark/`);
  const src = await page.locator('#pg iframe').getAttribute('src');
  expect(new URL(src!).searchParams.get('origins')).toBe(host.origin);
  expect(new URL(src!).searchParams.get('autoplay')).toBe('1');
  await expectFits(page);
  await expect(frameOf(page).locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/embed-oneline-dark.png' });
  // the page switches to light: the embed follows
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await expect(frameOf(page).locator('html')).toHaveAttribute('data-theme', 'light');
  await expectFits(page);
});

test('with no theme of its own, the page\'s colour-scheme preference decides', async ({ page, errors }) => {
  void errors;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${host.origin}/plain/`);
  await expect(frameOf(page).locator('html')).toHaveAttribute('data-theme', 'dark', { timeout: 20_000 });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(frameOf(page).locator('html')).toHaveAttribute('data-theme', 'light', { timeout: 20_000 });
});

test('the embed loads only when scrolled near', async ({ page, errors }) => {
  void errors;
  await page.goto(`${host.origin}/lazy/`);
  await page.waitForTimeout(800);
  await expect(page.locator('#pg iframe')).toHaveCount(0);
  await page.locator('#after').scrollIntoViewIfNeeded();
  await expect(page.locator('#pg iframe')).toHaveCount(1);
  await expectFits(page);
});
