import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openPreset } from './fixtures';

async function exportFile(page: Page, kind: string): Promise<Buffer> {
  if (!(await page.getByTestId('export-dialog').isVisible())) await page.getByTestId('export-button').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
  return fs.readFileSync((await dl.path())!);
}

/** A parser for the Mermaid subset the playground writes: participants, ->> / -x messages, %% comments. */
function parseMermaid(text: string) {
  const decode = (s: string) => s.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
  const lines = text.split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  const participants = new Map<string, string>();
  const messages: Array<{ from: string; to: string; bad: boolean; text: string; seq: number }> = [];
  let seq = -1;
  for (const raw of lines.slice(1)) {
    const line = raw.trim();
    if (!line) continue;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^%% #(\d+)(?:\.\.\d+)? @\d+µs$/))) seq = Number(m[1]);
    else if (line.startsWith('%%')) continue;
    else if ((m = line.match(/^participant ([A-Za-z0-9_]+) as (.+)$/))) participants.set(m[1]!, decode(m[2]!));
    else if ((m = line.match(/^([A-Za-z0-9_]+)(->>|-x)([A-Za-z0-9_]+): (.+)$/))) {
      expect(participants.has(m[1]!) && participants.has(m[3]!), line).toBe(true);
      messages.push({ from: participants.get(m[1]!)!, to: participants.get(m[3]!)!, bad: m[2] === '-x', text: decode(m[4]!), seq });
    } else throw new Error(`unexpected Mermaid line: ${line}`);
  }
  return { participants: [...participants.values()], messages };
}

test('the Mermaid export parses back into the chart\'s message sequence', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const rowsLabel = await page.getByRole('region', { name: 'Sequence chart' }).getByText(/rows/).first().textContent();
  const rowCount = Number(rowsLabel!.match(/(\d+) rows/)![1]);
  const mmd = parseMermaid((await exportFile(page, 'mermaid')).toString('utf8'));
  expect(mmd.participants).toEqual(['dom0', 'web', 'db', 'Xen', 'xenstore']);
  expect(mmd.messages).toHaveLength(rowCount);
  // every message is the trace event of that seq: same endpoints
  const trace = (await exportFile(page, 'trace')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  const name = (ep: number | string) => (ep === 'xen' ? 'Xen' : ep === 'xenstore' ? 'xenstore' : ['dom0', 'web', 'db'][ep as number]);
  let last = -1;
  for (const m of mmd.messages) {
    const e = trace[m.seq];
    expect(e.seq).toBe(m.seq);
    // the chart draws a ring read from the writer (the event's dst) to the reader (its src), and a
    // guest's own calls (a connect, a ring offer, writing its own grant table) on its own lifeline
    const flip = e.kind === 'ring' && e.op === 'read';
    const own = (e.kind === 'vsock' && e.op === 'connect' && e.detail.via === undefined) || (e.kind === 'ring' && e.op === 'offer')
      || (e.kind === 'gnttab' && ['grant_foreign_access', 'end_foreign_access', 'deferred_free', 'exhausted'].includes(e.op));
    expect([m.from, m.to]).toEqual(flip ? [name(e.dst), name(e.src)] : own ? [name(e.src), name(e.src)] : [name(e.src), name(e.dst)]);
    expect(m.seq).toBeGreaterThan(last);
    last = m.seq;
  }
  const req = mmd.messages.find((m) => m.text.startsWith('CONNECT_req'));
  expect(req).toMatchObject({ from: 'web', to: 'dom0' });
  // and it is what the chart draws: the first rows on screen, in order
  const onScreen = await page.locator('.chart-svg g.row').evaluateAll((gs) => gs.slice(0, 12).map((g) => ({
    seq: Number(g.getAttribute('data-seq')), text: g.querySelector('.row-text')!.textContent,
  })));
  expect(onScreen.length).toBeGreaterThan(5);
  expect(onScreen).toEqual(mmd.messages.slice(0, onScreen.length).map((m) => ({ seq: m.seq, text: m.text })));
});

test('names and notes with Mermaid syntax or markup are escaped and come back unchanged', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'allowed-connection');
  const doc = JSON.parse(fs.readFileSync('scenarios/allowed-connection.json', 'utf8'));
  doc.domains[1].name = 'we;b #1 <i>x</i>: "q"';
  doc.steps[0].note = 'a;b #c <d> %% e\nf';
  await page.getByTestId('import-input').setInputFiles({ name: 'tricky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.getByRole('region', { name: 'Narration' }).getByRole('heading')).toHaveText(doc.title);
  const text = (await exportFile(page, 'mermaid')).toString('utf8');
  const line = text.split('\n').find((l) => l.includes('participant d1'))!;
  expect(line.replace(/#\d+;/g, '')).not.toMatch(/[;<>"#:]/);
  const mmd = parseMermaid(text);
  expect(mmd.participants[1]).toBe('we;b #1 <i>x</i>: "q"');
  expect(mmd.messages.some((m) => m.text === '“a;b #c <d> %% e f”')).toBe(true);
});

test('SVG, PNG, scenario and trace exports are well formed', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'peer-crash');
  await page.getByTestId('to-end').click();
  const svg = (await exportFile(page, 'svg')).toString('utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const check = await page.evaluate((s) => {
    const d = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { err: d.getElementsByTagName('parsererror').length, rows: d.querySelectorAll('g[data-seq]').length, scripts: d.querySelectorAll('script, foreignObject').length };
  }, svg);
  const rowsLabel = await page.getByRole('region', { name: 'Sequence chart' }).getByText(/rows/).first().textContent();
  expect(check).toEqual({ err: 0, rows: Number(rowsLabel!.match(/(\d+) rows/)![1]), scripts: 0 });
  fs.mkdirSync('test-results/shots', { recursive: true });
  fs.writeFileSync('test-results/shots/sequence.svg', svg);

  const png = await exportFile(page, 'png');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const w = png.readUInt32BE(16), h = png.readUInt32BE(20);
  expect(w).toBeGreaterThan(600);
  expect(h).toBeGreaterThan(300);
  fs.writeFileSync('test-results/shots/diagram-export.png', png);

  const scenario = JSON.parse((await exportFile(page, 'scenario')).toString('utf8'));
  expect(scenario).toMatchObject({ format: 'interdomain-scenario', version: 1, title: expect.stringMatching(/crash/i) });
  const trace = (await exportFile(page, 'trace')).toString('utf8').trim().split('\n');
  const total = (await page.getByTestId('readout').textContent())!.match(/event \d+\/(\d+)/)![1];
  expect(trace).toHaveLength(Number(total));
  await expect(page.getByTestId('export-status')).toContainText('downloaded');
  await page.screenshot({ path: 'test-results/shots/export-dialog.png' });
});

/**
 * V4V: the PNG draws Xen's copies as the page does, down from the sender, along a lane at the
 * top of Xen's band, down into the receiver's ring (not a straight line from box to box). Each
 * lane the page draws, read back at the same place in the exported picture: the data colour
 * there (its dashes), over Xen's dark band.
 */
test('the PNG export draws V4V\'s copy paths where the page draws them', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'flood-isolation');
  const radio = page.getByRole('radio', { name: 'V4V', exact: true });
  await expect(radio).toBeEnabled({ timeout: 20_000 });
  await radio.click();
  await expect(radio).toHaveAttribute('aria-checked', 'true', { timeout: 20_000 });
  await page.getByTestId('to-end').click();
  await expect(page.locator('[data-testid^="v4vcopy-"]').first()).toBeAttached();
  // the page's paths and nodes, in flow coordinates
  const drawn = await page.evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => {
      const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(n.style.transform);
      return { x: Number(m![1]), y: Number(m![2]), w: n.offsetWidth };
    });
    const lanes = [...document.querySelectorAll('[data-testid^="v4vcopy-"] path')].map((p) => (p.getAttribute('d')!.match(/-?[\d.]+/g) ?? []).map(Number));
    return { nodes, lanes, data: getComputedStyle(document.documentElement).getPropertyValue('--data').trim() };
  });
  expect(drawn.lanes.length).toBeGreaterThanOrEqual(2);
  for (const l of drawn.lanes) expect(l, 'down, along, down: four points').toHaveLength(8);
  fs.mkdirSync('test-results/shots', { recursive: true });
  await page.getByTestId('diagram').screenshot({ path: 'test-results/shots/diagram-page-v4v.png' });
  const png = await exportFile(page, 'png');
  fs.writeFileSync('test-results/shots/diagram-export-v4v.png', png);
  const minX = Math.min(...drawn.nodes.map((n) => n.x)), minY = Math.min(...drawn.nodes.map((n) => n.y));
  const maxX = Math.max(...drawn.nodes.map((n) => n.x + n.w));
  const PAD = 24, HEAD = 44;
  const scale = png.readUInt32BE(16) / (maxX - minX + 2 * PAD);
  // each lane (its along part, between the two downward ones): ten points in the picture
  const samples = drawn.lanes.filter((l) => Math.abs(l[4]! - l[2]!) >= 30).map((l) => Array.from({ length: 10 }, (_, i) => {
    const x = l[2]! + ((l[4]! - l[2]!) * (i + 0.5)) / 10;
    return { x: (x - minX + PAD) * scale, y: (l[3]! - minY + PAD + HEAD) * scale };
  }));
  expect(samples.length, 'lanes long enough to sample').toBeGreaterThanOrEqual(1);
  const hits = await page.evaluate(async ({ b64, samples, data }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const cv = document.createElement('canvas');
    cv.width = img.width; cv.height = img.height;
    const g = cv.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const want = [1, 3, 5].map((i) => parseInt(data.slice(i, i + 2), 16));
    // a point on the line: the data colour within a pixel or so (the line is 2 px wide, 4 at 2x)
    const near = (x: number, y: number) => [-2, -1, 0, 1, 2].some((dy) => {
      const p = g.getImageData(Math.round(x), Math.round(y) + dy, 1, 1).data;
      return Math.abs(p[0]! - want[0]!) + Math.abs(p[1]! - want[1]!) + Math.abs(p[2]! - want[2]!) < 60;
    });
    return samples.map((s) => s.filter((p) => near(p.x, p.y)).length);
  }, { b64: png.toString('base64'), samples, data: drawn.data });
  // dashes 7 on, 4 off: most of the ten points fall on one
  for (const h of hits) expect(h, `lane points in the data colour (of 10): ${hits.join(', ')}`).toBeGreaterThanOrEqual(4);
});
