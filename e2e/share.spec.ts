import fs from 'node:fs';
import LZString from 'lz-string';
import type { Page } from '@playwright/test';
import { shareLink } from './helpers/share';
import { test, expect, openPreset, dragConnect } from './fixtures';

/** What a person reads off the page: rings on the diagram, connection states, domain states, the readout. */
async function snapshot(page: Page) {
  await expect(page.getByTestId('domain-0')).toBeVisible();
  const rings = await page.locator('[data-testid^="ring-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort());
  const states = await page.locator('[data-testid^="state-"]').allInnerTexts();
  return {
    rings, states,
    conns: await page.locator('.conn-list').innerText(),
    readout: (await page.getByTestId('readout').textContent()) ?? '',
    title: await page.getByRole('region', { name: 'Narration' }).getByRole('heading').innerText(),
  };
}

/** The facts once the page has settled (two reads 150 ms apart agree). */
async function facts(page: Page) {
  let prev = '';
  for (let i = 0; i < 40; i++) {
    const f = await snapshot(page);
    const k = JSON.stringify(f);
    if (k === prev) return f;
    prev = k;
    await page.waitForTimeout(150);
  }
  throw new Error('the page did not settle');
}


test('a share link opens the same run at the same point', async ({ page, context, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('to-end').click();
  await dragConnect(page, 1, 2);
  const dialog = page.getByTestId('connect-dialog');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('to-end').click();
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  const before = await facts(page);
  expect(before.rings).toContain('ring-1:2');
  expect(before.conns).toContain('c1');
  const link = await shareLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[A-Za-z0-9+\-$]+&at=\d+$/);
  expect(link.length).toBeLessThan(2000);

  const other = await context.newPage();
  const errs: string[] = [];
  other.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
  other.on('pageerror', (e) => errs.push(e.message));
  await other.goto(link);
  await expect(other.getByTestId('readout')).toHaveText(before.readout);
  expect(await facts(other)).toEqual(before);
  await expect(other.getByTestId('error')).toHaveCount(0);
  // the same document gives the same run: the end is the same too
  await other.getByTestId('to-end').click();
  await page.getByTestId('to-end').click();
  expect(await facts(other)).toEqual(await facts(page));
  expect(errs).toEqual([]);
});

test('the share dialog shows the link in a text field and copies it', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'denied-by-default');
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(page.getByTestId('share-url')).toHaveValue(/#s=/);
  await expect(page.getByTestId('share-length')).toContainText('characters');
  await page.getByTestId('share-copy').click();
  await expect(dialog.getByRole('status')).toHaveText(/Copied\.|select the text above/);
  await page.screenshot({ path: 'test-results/shots/share-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

const preset = JSON.parse(fs.readFileSync('scenarios/allowed-connection.json', 'utf8'));

test('a tampered link says what is wrong and the page still works', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const link = await shareLink(page);
  const packed = link.split('#s=')[1]!.split('&')[0]!;
  const bad = structuredClone(preset);
  bad.steps.push({ at: 9000, op: 'send', conn: 'q2', bytes: 1 });
  const cases: Array<[string, RegExp]> = [
    [`#s=${packed.slice(0, 120)}`, /^✕ share link: could not be decoded \(the (link is damaged or cut short|unpacked text is not JSON; the link is damaged)\)/],
    [`#s=${packed.slice(0, 40)}%3C%3E${packed.slice(40)}`, /share link: could not be decoded \(character "<" at position 40/],
    [`#s=${LZString.compressToEncodedURIComponent(JSON.stringify(bad))}`, /share link: steps\[4\]\.conn: unknown connection "q2"/],
    [`#s=${LZString.compressToEncodedURIComponent('{"format":"interdomain-scenario","version":9}')}`, /share link: version: expected 1, got 9/],
    [`#s=${packed}&at=banana`, /share link: at: "banana" is not a whole number/],
  ];
  for (const [hash, re] of cases) {
    await page.goto('about:blank');
    await page.goto(`/${hash}`);
    await expect(page.getByTestId('error')).toHaveText(re);
    if (!hash.includes('at=banana')) {
      // the default preset, not half a scenario
      await expect(page.getByTestId('preset-allowed-connection')).toHaveAttribute('aria-current', 'true');
    }
  }
  await page.screenshot({ path: 'test-results/shots/share-error.png' });
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('ring-1:2')).toBeVisible();
  await expect(page.getByTestId('conn-q')).toContainText('connected');
});

test('a new share link in the same tab loads on hash change', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('preset-peer-crash').click();
  const link = await shareLink(page);
  await page.getByTestId('preset-allowed-connection').click();
  await expect(page).not.toHaveURL(/#s=/);
  await page.evaluate((h) => { window.location.hash = h; }, link.slice(link.indexOf('#')));
  await expect(page.getByRole('region', { name: 'Narration' }).getByRole('heading')).toHaveText(/crash/i);
});

test('a share link into a long run records on to its moment', async ({ page, errors }) => {
  void errors;
  const doc = {
    format: 'interdomain-scenario', version: 1, title: 'An hour of flooding', seed: 5, transport: 'vsock',
    domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }],
    policy: { default: 'allow' },
    steps: [
      { at: 0, op: 'listen', dom: 2, port: 80 },
      { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
      { at: 200, op: 'flood', conn: 'f', until: 3_599_000_000 },
    ],
  };
  // Far beyond what the page records at load (a few tens of thousands of actions).
  const at = 60_000;
  await page.goto(`/#s=${LZString.compressToEncodedURIComponent(JSON.stringify(doc))}&at=${at}`);
  // Recording 60,000 actions in slices that yield takes tens of seconds on a busy machine.
  await expect(page.getByTestId('scrubber')).toHaveValue(String(at), { timeout: 60_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('readout')).toContainText(/event \d+\/\d+\+/);
});
