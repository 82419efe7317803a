import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function open(page: Page, id: string) {
  await page.goto(`/?preset=${id}&paused`);
  await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
}
/**
 * To the end of the run: jump to the end of what is recorded, and play on at the top speed
 * while more is to come (the readout's count ends in "+").
 */
async function toRunEnd(page: Page) {
  const ev = page.getByTestId('readout').locator('.ev');
  await page.getByTestId('to-end').click();
  if (!(await ev.innerText()).includes('+')) return;
  await page.getByLabel('Playback speed').selectOption('8');
  await page.getByTestId('play').click();
  await expect(ev).not.toContainText('+', { timeout: 50_000 });
  await expect.poll(async () => { await page.getByTestId('to-end').click(); const t = await ev.innerText(); return /event (\d+)\/\1$/.test(t); }, { timeout: 20_000 }).toBe(true);
}

/** Open a preset and run it to its end; `tall`: a viewport tall enough for the chart's rows. */
async function atRunEnd(page: Page, id: string, tall = false) {
  if (tall) await page.setViewportSize({ width: 1280, height: 1000 });
  await open(page, id);
  await toRunEnd(page);
}

/** Each lane's name and x, and each red row's text and arrow ends, as the chart draws them. */
function chartGeometry() {
  const chart = document.querySelector('section[aria-label="Sequence chart"]')!;
  const names = [...chart.querySelectorAll('.chart-head .lane-label')].slice(1).map((e) => e.textContent ?? '');
  const xs = [...chart.querySelectorAll('.chart-svg line.lifeline')].map((l) => Number(l.getAttribute('x1')));
  const lane = (x: number) => names[xs.indexOf(x)] ?? `x=${x}`;
  return [...chart.querySelectorAll('g[data-seq]')].map((g) => {
    const line = g.querySelector('line.row-arrow');
    const dot = g.querySelector('circle.row-dot');
    const from = line ? lane(Number(line.getAttribute('x1'))) : lane(Number(dot?.getAttribute('cx')));
    const to = line ? lane(Number(line.getAttribute('x2'))) : from;
    return { text: g.querySelector('.row-text')?.textContent ?? '', from, to, bad: g.getAttribute('data-testid') === 'chart-bad' };
  });
}

test('denied-by-default: the refusal comes back to web from dom0’s connection manager; nothing reaches db', async ({ page, errors }) => {
  void errors;
  await atRunEnd(page, 'denied-by-default', true);
  const rows = await page.evaluate(chartGeometry);
  const refused = rows.find((r) => r.text.startsWith('refused'))!;
  expect(refused).toMatchObject({ from: expect.stringMatching(/^dom0/), to: 'web', bad: true });
  const rsp = rows.find((r) => r.text.startsWith('CONNECT_rsp'))!;
  expect(rsp).toMatchObject({ from: expect.stringMatching(/^dom0/), to: 'web', bad: true });
  // no arrow from another lifeline ends on db's, nor leaves db's for a guest
  // (db's own link set-up with xenstore and Xen goes on meanwhile)
  const guestLane = (l: string) => l !== 'Xen' && l !== 'xenstore';
  const db = rows.filter((r) => r.from !== r.to && (r.to === 'db' || r.from === 'db') && guestLane(r.from) && guestLane(r.to));
  expect(db.map((r) => `${r.from}→${r.to} ${r.text}`)).toEqual([]);
});

test('grant-exhaustion-override: at the refusal the gauges read the full table, and say what the table holds', async ({ page, errors }) => {
  void errors;
  await atRunEnd(page, 'grant-exhaustion-override', true);
  await expect(page.getByTestId('grant-note')).toContainText('200 entries; Xen reserves refs 0–7, so 192 can be granted');
  // at the end the refused connection has given its grants back
  await expect(page.getByTestId('domain-1').getByTestId('grant-gauge')).toContainText('132 / 192');
  // the chart draws only the rows in view: scroll it from the top until the refusal's row is there
  const exhausted = page.getByTestId('chart-bad').filter({ hasText: 'exhausted' });
  await expect.poll(async () => {
    if (await exhausted.count()) return true;
    await page.locator('.chart-scroll').evaluate((el) => { el.scrollTop = el.dataset['seen'] ? el.scrollTop + 200 : 0; el.dataset['seen'] = '1'; });
    return false;
  }, { timeout: 20_000 }).toBe(true);
  await exhausted.first().click();
  const gauge = page.getByTestId('domain-1').getByTestId('grant-gauge');
  await expect(gauge).toContainText('192 / 192');
  await expect(gauge).toContainText('(100%)');
  await expect(gauge).toContainText('full');
  await expect(page.getByTestId('grant-refusal-1')).toContainText('192 of 192 in use when a grant was refused');
  await expect(page.getByTestId('grant-refusal-1')).toContainText('132 once');
});

test('shed-flooder: the chart runs to the clock’s end (the deferred frees, one row a tick)', async ({ page, errors }) => {
  void errors;
  await atRunEnd(page, 'shed-flooder');
  await expect(page.getByTestId('readout').locator('.t')).toHaveText('t = 7.003 s');
  const chart = page.getByRole('region', { name: 'Sequence chart' });
  const last = chart.locator('g[data-seq]').last();
  await expect(last.locator('.row-time')).toHaveText('7.003 s');
  await expect(last.locator('.row-text')).toHaveText('deferred_free ×5');
});

test('flood-isolation: the vCPU chart shows db, the reader, saturated', async ({ page, errors }) => {
  void errors;
  await atRunEnd(page, 'flood-isolation');
  await page.getByTestId('over-time').locator('summary').click();
  const cpu = page.getByTestId('chart-cpu');
  await expect(cpu.locator('canvas')).toBeVisible({ timeout: 20_000 });
  await expect(cpu.locator('.u-legend')).toContainText('db');
  await expect(cpu.locator('.u-legend')).toContainText('web');
  await expect(cpu).toContainText('vCPU busy');
  await expect(page.getByTestId('chart-grants').locator('.u-legend')).toContainText('entries, 8 reserved');
});
