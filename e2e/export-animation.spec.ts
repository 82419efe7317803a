import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect, openPreset } from './fixtures';

/** Logical size, frame count and delays of a GIF, read from its blocks. */
export function readGif(b: Buffer): { width: number; height: number; frames: number; delays: number[] } {
  expect(b.subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);
  const width = b.readUInt16LE(6), height = b.readUInt16LE(8);
  let p = 13;
  if (b[10]! & 0x80) p += 3 * (1 << ((b[10]! & 7) + 1));
  const skipSubBlocks = () => { while (b[p]! !== 0) p += b[p]! + 1; p++; };
  let frames = 0;
  const delays: number[] = [];
  for (;;) {
    const id = b[p++];
    if (id === 0x3b) break;
    if (id === 0x21) {
      const label = b[p++];
      if (label === 0xf9) delays.push(b.readUInt16LE(p + 2) * 10);
      skipSubBlocks();
    } else if (id === 0x2c) {
      const w = b.readUInt16LE(p + 4), h = b.readUInt16LE(p + 6), packed = b[p + 8]!;
      expect([w, h]).toEqual([width, height]);
      p += 9;
      if (packed & 0x80) p += 3 * (1 << ((packed & 7) + 1));
      p++; // LZW minimum code size
      skipSubBlocks();
      frames++;
    } else throw new Error(`GIF: unexpected block 0x${(id ?? 0).toString(16)} at ${p - 1}`);
  }
  return { width, height, frames, delays };
}

/** Width, height and frame count of a WebM, walking its EBML elements. */
export function readWebm(b: Buffer): { width: number; height: number; frames: number } {
  const MASTER = new Set([0x18538067, 0x1f43b675, 0x1654ae6b, 0xae, 0xe0, 0xa0]);
  let width = 0, height = 0, frames = 0;
  const vint = (p: number, keepMarker: boolean) => {
    const first = b[p]!;
    let len = 1;
    while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
    let v = keepMarker ? first : first & (0xff >> len);
    for (let i = 1; i < len; i++) v = v * 256 + b[p + i]!;
    return { v, len };
  };
  const walk = (start: number, end: number) => {
    let p = start;
    while (p < end) {
      const id = vint(p, true); p += id.len;
      const size = vint(p, false); p += size.len;
      const bodyEnd = Math.min(end, p + size.v);
      if (MASTER.has(id.v)) walk(p, bodyEnd);
      else if (id.v === 0xb0) width = b.readUIntBE(p, size.v);
      else if (id.v === 0xba) height = b.readUIntBE(p, size.v);
      else if (id.v === 0xa3 || id.v === 0xa1) frames++;
      p = bodyEnd;
    }
  };
  expect(b.readUInt32BE(0)).toBe(0x1a45dfa3);
  walk(0, b.length);
  return { width, height, frames };
}

async function exportAnim(page: Page, format: 'gif' | 'webm'): Promise<{ name: string; body: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(`anim-${format}`).click()]);
  return { name: dl.suggestedFilename(), body: fs.readFileSync((await dl.path())!) };
}

test('GIF and WebM of allowed-connection: the planned frames, at the chosen size; the same GIF twice', async ({ page, errors }) => {
  void errors;
  test.setTimeout(240_000);
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('export-button').click();
  await page.getByTestId('anim-width').selectOption('480');
  const est = await page.getByTestId('anim-estimate').textContent();
  const m = est!.match(/^(\d+) frames \(steps (\d+)–(\d+)\), (\d+)×(\d+)/)!;
  const [frames, from, to, w, h] = m.slice(1).map(Number) as [number, number, number, number, number];
  expect(from).toBe(0);
  expect(frames).toBe(to + 1);
  expect(w).toBe(480);

  const gif = await exportAnim(page, 'gif');
  expect(gif.name).toBe('allowed-connection.gif');
  await expect(page.getByTestId('anim-status')).toContainText(`GIF: downloaded, ${frames} frames, 480×${h}`);
  const info = readGif(gif.body);
  expect(info).toMatchObject({ width: 480, height: h, frames });
  expect(info.delays.every((d) => d >= 20)).toBe(true);
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync('test-results/allowed-connection.gif', gif.body);

  const again = await exportAnim(page, 'gif');
  expect(again.body.equals(gif.body), 'two exports of the same range are byte-identical').toBe(true);

  const webm = await exportAnim(page, 'webm');
  expect(webm.name).toBe('allowed-connection.webm');
  expect(readWebm(webm.body)).toEqual({ width: 480, height: h, frames });
  fs.writeFileSync('test-results/allowed-connection.webm', webm.body);

  // the headless command gives the very same GIF (same document, same options)
  const out = 'test-results/render-gif-allowed-connection.gif';
  fs.rmSync(out, { force: true });
  execFileSync('npx', ['tsx', 'scripts/render-gif.ts', 'scenarios/allowed-connection.json', out, '--width', '480'], { stdio: 'pipe', timeout: 150_000 });
  expect(fs.readFileSync(out).equals(gif.body), 'render-gif = the page\'s GIF').toBe(true);
});

test('a range of steps at another speed, and Cancel', async ({ page, errors }) => {
  void errors;
  test.setTimeout(120_000);
  await openPreset(page, 'allowed-connection');
  await page.getByTestId('export-button').click();
  await page.getByTestId('anim-range').selectOption('custom');
  await page.getByTestId('anim-from').fill('5');
  await page.getByTestId('anim-to').fill('14');
  await page.getByTestId('anim-speed').selectOption('4');
  await expect(page.getByTestId('anim-estimate')).toContainText('10 frames (steps 5–14)');
  const gif = readGif((await exportAnim(page, 'gif')).body);
  expect(gif.frames).toBe(10);
  expect(Math.max(...gif.delays)).toBeLessThan(400);

  await page.getByTestId('anim-range').selectOption('all');
  await page.getByTestId('anim-width').selectOption('1024');
  await page.getByTestId('anim-gif').click();
  await expect(page.getByTestId('anim-progress')).toBeVisible();
  await page.getByTestId('anim-cancel').click();
  await expect(page.getByTestId('anim-status')).toHaveText('Cancelled.');
  await expect(page.getByTestId('anim-progress')).toHaveCount(0);
});
