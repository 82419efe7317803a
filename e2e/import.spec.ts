import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openPreset } from './fixtures';

const base = () => JSON.parse(fs.readFileSync('scenarios/allowed-connection.json', 'utf8'));
const edit = (f: (d: ReturnType<typeof base>) => void) => { const d = base(); f(d); return JSON.stringify(d, null, 2); };

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) & 0xff);
const garbage = Buffer.from(Array.from({ length: 4096 }, rnd));
garbage[0] = 0x89; garbage[1] = 0x00; // PNG-ish magic and a NUL

/** [name, file content, what the message must say] */
const BAD: Array<[string, string | Buffer, RegExp]> = [
  ['not-json.json', '{"format": "interdomain-scenario", "version": 1,', /document: not valid JSON/],
  ['empty.json', '', /document: empty/],
  ['blank.json', '   \n\t  ', /document: empty/],
  ['array.json', '[1, 2, 3]', /document: expected a JSON object, got an array/],
  ['null.json', 'null', /document: expected a JSON object, got null/],
  ['string.json', '"a scenario"', /document: expected a JSON object, got a string/],
  ['wrong-format.json', edit((d) => { d.format = 'other-thing'; }), /format: expected "interdomain-scenario", got "other-thing"/],
  ['wrong-version.json', edit((d) => { d.version = 2; }), /version: expected 1, got 2/],
  ['unknown-op.json', edit((d) => { d.steps[0].op = 'explode'; }), /steps\[0\]\.op: unknown op "explode"/],
  ['undeclared-domain.json', edit((d) => { d.steps[0].dom = 9; }), /steps\[0\]\.dom: undeclared domain 9/],
  ['unknown-connection.json', edit((d) => { d.steps.push({ at: 9000, op: 'send', conn: 'q2', bytes: 1 }); }), /steps\[4\]\.conn: unknown connection "q2"/],
  ['negative-time.json', edit((d) => { d.steps[0].at = -5; }), /steps\[0\]\.at: expected a non-negative safe integer, got -5/],
  ['huge-time.json', JSON.stringify(base()).replace('"at":0', '"at":1e400'), /steps\[0\]\.at: .*too large/],
  ['huge-bytes.json', edit((d) => { d.steps.push({ at: 9000, op: 'send', conn: 'q', bytes: 2 ** 60 }); }), /steps\[4\]\.bytes: expected a non-negative safe integer/],
  ['port-out-of-range.json', edit((d) => { d.steps[0].port = 4294967296; }), /steps\[0\]\.port: expected an integer from 0 to 4294967295/],
  ['domain-id-out-of-range.json', edit((d) => { d.domains[1].id = 40000; }), /domains\[1\]\.id: expected a domain id/],
  ['two-backends.json', edit((d) => { d.domains[1].role = 'backend'; }), /domains\[1\]\.role: a second backend/],
  ['duplicate-id.json', edit((d) => { d.domains[2].id = 1; }), /domains\[2\]\.id: duplicate domain id 1/],
  ['bad-transport.json', edit((d) => { d.transport = 'tcp'; }), /transport: expected "vsock" or "v4v", got "tcp"/],
  ['fractional-seed.json', edit((d) => { d.seed = 1.5; }), /seed: expected a safe integer, got 1\.5/],
  ['policy-undeclared.json', edit((d) => { d.policy.allow = [{ from: 1, to: 77 }]; }), /policy\.allow\[0\]\.to: undeclared domain 77/],
  ['steps-not-array.json', edit((d) => { d.steps = 'lots'; }), /steps: expected an array of steps, got "lots"/],
  ['unknown-field.json', edit((d) => { d.steps[0].color = 'red'; }), /steps\[0\]\.color: unknown field for op "listen"/],
  ['no-domains.json', edit((d) => { d.domains = []; }), /domains: expected at least 1 domain/],
  ['deep-nesting.json', '['.repeat(50000) + ']'.repeat(50000), /document: /],
  ['binary.png', garbage, /file: not UTF-8 JSON text \(binary data\?\)/],
  ['huge.json', Buffer.alloc(5 * 1024 * 1024, 0x20), /file: 5\.0 MB is too large/],
  ['<img src=x onerror=alert(1)>.json', edit((d) => { d.domains[1].name = '<img src=x onerror="window.__pwned=1">'.repeat(3); }), /domains\[1\]\.name: expected a non-empty string of at most 64 characters, got "<img src=x onerror=/],
  ['html-id.json', edit((d) => { d.domains[1].id = '<b>1</b>'; }), /domains\[1\]\.id: expected a domain id, an integer from 0 to 32751, got "<b>1<\/b>"/],
];

async function pick(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

const heading = (page: Page) => page.getByRole('region', { name: 'Narration' }).getByRole('heading');

test(`${BAD.length} kinds of malformed file are rejected with their message and change nothing`, async ({ page, errors }) => {
  void errors;
  test.setTimeout(120_000);
  expect(BAD.length).toBeGreaterThanOrEqual(20);
  await openPreset(page, 'peer-crash');
  await page.getByTestId('to-end').click();
  const readout = await page.getByTestId('readout').textContent();
  const title = await heading(page).textContent();
  for (const [name, content, re] of BAD) {
    await pick(page, name, content);
    const banner = page.getByTestId('error');
    await expect(banner, name).toContainText(re);
    const shownName = name.length > 60 ? name.slice(0, 57) : name;
    await expect(banner, name).toContainText(`import “${shownName}”`);
    // as text, never as markup
    await expect(banner.locator('img, b, script')).toHaveCount(0);
    await expect(heading(page)).toHaveText(title!);
    await expect(page.getByTestId('readout')).toHaveText(readout!);
    await expect(page.getByTestId('preset-peer-crash')).toHaveAttribute('aria-current', 'true');
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a valid file loads; HTML in its names is shown as text', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const doc = base();
  doc.title = '<script>window.__pwned=1</script>Tags as text';
  doc.domains[1].name = '<img src=x onerror="window.__pwned=1">';
  await pick(page, 'tags.json', JSON.stringify(doc));
  await expect(heading(page)).toHaveText('<script>window.__pwned=1</script>Tags as text');
  await expect(page.getByTestId('domain-1')).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(page.locator('main img, aside img')).toHaveCount(0);
  await expect(page.getByTestId('preset-allowed-connection')).not.toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('conn-q')).toContainText('connected');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a file dropped on the page is imported the same way', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const drop = async (name: string, text: string) => {
    const dt = await page.evaluateHandle(([n, t]) => {
      const d = new DataTransfer();
      d.items.add(new File([t], n, { type: 'application/json' }));
      return d;
    }, [name, text] as const);
    await page.dispatchEvent('.diagram', 'dragenter', { dataTransfer: dt });
    await expect(page.locator('.drop-overlay')).toBeVisible();
    await page.dispatchEvent('.diagram', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('.diagram', 'drop', { dataTransfer: dt });
    await expect(page.locator('.drop-overlay')).toHaveCount(0);
  };
  await drop('bad.json', edit((d) => { d.steps[0].op = 'explode'; }));
  await expect(page.getByTestId('error')).toHaveText(/import “bad\.json”: steps\[0\]\.op: unknown op "explode"/);
  await expect(heading(page)).toHaveText('Allowed connection');
  const good = base(); good.title = 'Dropped scenario';
  await drop('good.json', JSON.stringify(good));
  await expect(heading(page)).toHaveText('Dropped scenario');
  await expect(page.getByTestId('error')).toHaveCount(0);
});
