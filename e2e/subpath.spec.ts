/**
 * The static export served under a sub-path (BASE_PATH=/playground). Builds it once
 * into tmp/out-sub/playground (about 10-25 s; set SUBPATH_OUT to a prebuilt folder to
 * skip), serves tmp/out-sub with nothing at the root, and checks every URL stays under it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { startStatic } from './helpers/hostServer';

const ROOT = path.resolve(process.env.SUBPATH_OUT ?? 'tmp/out-sub');
let server: Awaited<ReturnType<typeof startStatic>>;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (!process.env.SUBPATH_OUT) {
    const t0 = Date.now();
    fs.rmSync(ROOT, { recursive: true, force: true });
    execFileSync('npx', ['next', 'build'], {
      env: { ...process.env, BASE_PATH: '/playground', NEXT_DIST_DIR: 'tmp/out-sub/playground', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe', timeout: 220_000,
    });
    console.log(`sub-path build: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  expect(fs.existsSync(path.join(ROOT, 'playground/index.html'))).toBe(true);
  server = await startStatic(ROOT);
});
test.afterAll(async () => { await server?.close(); });

test('the export works under /playground/: assets, share link, embed', async ({ page, errors }) => {
  void errors;
  const html = fs.readFileSync(path.join(ROOT, 'playground/index.html'), 'utf8');
  const urls = [...html.matchAll(/(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThan(3);
  for (const u of urls) expect(u, 'every internal URL is under the base path').toMatch(/^\/playground\//);

  const base = `${server.origin}/playground/`;
  await page.goto(`${base}?preset=allowed-connection&paused`);
  await expect(page.getByTestId('domain-0')).toBeVisible();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('ring-1:2')).toBeVisible();

  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link.startsWith(`${base}#s=`)).toBe(true);
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('embed-button').click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toContain(`src="${base}embed/?s=`);
  await page.screenshot({ path: 'test-results/shots/embed-dialog.png' });
  const src = snippet.match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&');

  await page.goto(link);
  await expect(page.getByRole('region', { name: 'Narration' }).getByRole('heading')).toHaveText('Allowed connection');
  await expect(page.getByTestId('ring-1:2')).toBeVisible();
  await page.goto(src);
  await expect(page.getByTestId('domain-2')).toBeVisible();
  await expect(page.getByTestId('embed-error')).toHaveCount(0);
  await expect(page.getByTestId('embed-open-full')).toHaveAttribute('href', `${base}`);

  const outside = server.requests.filter((p) => !p.startsWith('/playground/'));
  expect(outside, 'no request outside the sub-path').toEqual([]);
});

test('under a sub-path the service worker stays inside it and the app still opens offline', async ({ page, context, errors }) => {
  void errors;
  const own = await startStatic(ROOT);
  try {
    const base = `${own.origin}/playground/`;
    await page.goto(`${base}?preset=allowed-connection&paused`);
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.scope))).toBe(base);
    await context.setOffline(true);
    await page.goto(`${base}?preset=peer-crash&paused`);
    await expect(page.getByTestId('preset-peer-crash')).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('domain-0')).toBeVisible();
    await context.setOffline(false);
    expect(own.requests.filter((p) => !p.startsWith('/playground/'))).toEqual([]);
  } finally {
    await own.close();
  }
});
