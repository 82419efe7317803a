import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startHost, hostPage, type Host } from './helpers/hostServer';

const SRC = 'interdomain-playground';
type Msg = { origin: string; data: Record<string, unknown> };
const msg = (o: Record<string, unknown>) => ({ source: SRC, version: 1, ...o });

let A: Host, B: Host;
let playground = '';
test.beforeAll(async ({ baseURL }) => {
  playground = new URL(baseURL!).origin;
  const embed = (q: string) => `${playground}/embed/?${q}`;
  // A: allowed by the embed's allowlist; B: embeds the same playground but is not in it
  A = await startHost((u) => (u.pathname === '/' ? hostPage(embed(`preset=allowed-connection&origins=${encodeURIComponent(A.origin)}`), playground)
    : u.pathname === '/none' ? hostPage(embed('preset=allowed-connection'), playground) : null));
  B = await startHost((u) => (u.pathname === '/' ? hostPage(embed(`preset=allowed-connection&origins=${encodeURIComponent(A.origin)}`), playground) : null));
});
test.afterAll(async () => { await A?.close(); await B?.close(); });

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Msg[] }).received);
async function waitFor(page: Page, pred: (m: Msg) => boolean, what: string): Promise<Msg> {
  let hit: Msg | undefined;
  await expect.poll(async () => { hit = (await received(page)).find(pred); return !!hit; }, { message: what, timeout: 10_000 }).toBe(true);
  return hit!;
}
const send = (page: Page, m: unknown) => page.evaluate((x) => (window as unknown as { send(m: unknown): void }).send(x), m);
const last = async (page: Page, type: string) => (await received(page)).filter((m) => m.data['type'] === type).at(-1)?.data;

test('a docs page on another origin drives the embed and hears its events', async ({ page, errors }) => {
  void errors;
  test.setTimeout(60_000);
  await page.goto(A.origin + '/');
  expect(new URL(page.url()).origin).not.toBe(playground);
  const frame = page.frameLocator('#pg');
  const ready = await waitFor(page, (m) => m.data['type'] === 'ready', 'ready');
  expect(ready.origin).toBe(playground);
  expect(ready.data).toMatchObject({ source: SRC, version: 1, accepting: true, origins: [A.origin], reason: null, state: { presetId: 'allowed-connection', cursor: 0 } });
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Allowed connection');

  // load a preset, then a document of our own (its markup stays text)
  await send(page, msg({ type: 'load', preset: 'peer-crash', id: 1 }));
  await waitFor(page, (m) => m.data['type'] === 'ok' && m.data['id'] === 1, 'ok for load');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/crash/i);
  const doc = JSON.parse(fs.readFileSync('scenarios/allowed-connection.json', 'utf8'));
  doc.title = '<img src=x onerror="parent.__pwned=1">Host doc';
  await send(page, msg({ type: 'load', scenario: doc, id: 2 }));
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(doc.title);
  await expect(frame.locator('img')).toHaveCount(0);

  // play: state and trace events flow; pause
  await send(page, msg({ type: 'play' }));
  await waitFor(page, (m) => m.data['type'] === 'state' && m.data['playing'] === true && (m.data['cursor'] as number) > 2, 'playing state');
  const tr = await waitFor(page, (m) => m.data['type'] === 'trace' && (m.data['events'] as unknown[]).length > 0, 'trace event');
  expect((tr.data['events'] as Array<{ seq: number }>)[0]).toHaveProperty('seq');
  await send(page, msg({ type: 'pause' }));
  await waitFor(page, (m) => m.data['type'] === 'state' && m.data['playing'] === false, 'paused state');

  // seek to an action and to a time: the frame shows it
  await send(page, msg({ type: 'seek', action: 12 }));
  await expect(frame.getByTestId('scrubber')).toHaveValue('12');
  await expect.poll(async () => (await last(page, 'state'))?.['cursor']).toBe(12);
  await send(page, msg({ type: 'seek', t: 500 }));
  await expect.poll(async () => (await last(page, 'state'))?.['t'] as number).toBeLessThanOrEqual(500);
  await expect(frame.getByTestId('readout')).toContainText('µs');
  await send(page, msg({ type: 'setSpeed', speed: 4 }));
  await expect(frame.getByLabel('Playback speed')).toHaveValue('4');

  // a scenario step at the cursor
  await send(page, msg({ type: 'seek', action: 0 }));
  await send(page, msg({ type: 'runAction', step: { op: 'crash', dom: 2, note: 'db crashes (host).' }, id: 'r' }));
  await waitFor(page, (m) => m.data['type'] === 'ok' && m.data['id'] === 'r', 'ok for runAction');
  await send(page, msg({ type: 'seek', t: 10_000_000 }));
  await expect(frame.getByTestId('state-2')).toHaveText(/crashed/);

  // malformed messages: an error event back, nothing changes
  const before = await frame.getByTestId('readout').textContent();
  await send(page, msg({ type: 'seek', id: 'bad1' }));
  expect((await waitFor(page, (m) => m.data['type'] === 'error' && m.data['id'] === 'bad1', 'error')).data['error']).toMatch(/exactly one of action or t/);
  await send(page, { hello: 'world' });
  await waitFor(page, (m) => m.data['type'] === 'error' && /^source:/.test(String(m.data['error'])), 'error for foreign shape');
  await send(page, msg({ type: 'load', scenario: { ...doc, steps: [{ at: 1, op: 'send', conn: 'zz', bytes: 1 }] }, id: 'bad2' }));
  expect((await waitFor(page, (m) => m.data['id'] === 'bad2', 'error for bad doc')).data).toMatchObject({ type: 'error', request: 'load', error: 'steps[0].conn: unknown connection "zz"' });
  await send(page, msg({ type: 'seek', action: 99999, id: 'bad3' }));
  expect((await waitFor(page, (m) => m.data['id'] === 'bad3', 'error past end')).data['error']).toMatch(/past the end/);
  await page.waitForTimeout(300);
  await expect(frame.getByTestId('readout')).toHaveText(before!);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(doc.title);
  await expect(frame.getByTestId('embed-error')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // every event says who it is from and which version
  for (const m of await received(page)) expect(m.data).toMatchObject({ source: SRC, version: 1 });
});

test('a page whose origin is not in the allowlist changes nothing', async ({ page, errors }) => {
  void errors;
  await page.goto(B.origin + '/');
  const frame = page.frameLocator('#pg');
  const ready = await waitFor(page, (m) => m.data['type'] === 'ready', 'ready');
  expect(ready.data).toMatchObject({ accepting: false, state: null });
  expect(String(ready.data['reason'])).toContain(`${B.origin} is not in the embed URL's origins= allowlist`);
  await expect(frame.getByTestId('scrubber')).toHaveValue('0');
  const before = await frame.getByTestId('readout').textContent();
  await send(page, msg({ type: 'seek', action: 20 }));
  await send(page, msg({ type: 'load', preset: 'peer-crash' }));
  await send(page, msg({ type: 'play' }));
  await send(page, msg({ type: 'seek' })); // malformed: still no answer to a stranger
  await page.waitForTimeout(1200);
  await expect(frame.getByTestId('readout')).toHaveText(before!);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Allowed connection');
  expect((await received(page)).map((m) => m.data['type'])).toEqual(['ready']);
});

test('no allowlist: the ready event says commands are off', async ({ page, errors }) => {
  void errors;
  await page.goto(A.origin + '/none');
  const ready = await waitFor(page, (m) => m.data['type'] === 'ready', 'ready');
  expect(ready.data).toMatchObject({ accepting: false, origins: [], reason: expect.stringContaining('no origins= parameter') });
  await send(page, msg({ type: 'seek', action: 20 }));
  await page.waitForTimeout(600);
  await expect(page.frameLocator('#pg').getByTestId('scrubber')).toHaveValue('0');
});
