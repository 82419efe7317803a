/**
 * Random UI actions for the monkey test, driven by a seeded PRNG: clicks on buttons,
 * nodes, edges and chart rows, drags between guests' handles, keys, scrubs, preset
 * loads, transport switches, typing into fields, and imports of random bytes.
 * Targets are found in the page and hit with the mouse at their centre (as a person
 * would); a click that lands on nothing is simply a click on nothing.
 */
import type { Page } from '@playwright/test';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Box { x: number; y: number; w: number; h: number; label: string }

/** Visible, enabled elements matching `sel` inside the viewport (never links that navigate away). */
async function targets(page: Page, sel: string): Promise<Box[]> {
  return page.evaluate((s) => {
    const out: Box[] = [];
    const vw = window.innerWidth, vh = window.innerHeight;
    for (const el of Array.from(document.querySelectorAll(s))) {
      if ((el as HTMLButtonElement).disabled || el.closest('a[href]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.right < 0 || r.bottom < 0 || r.left > vw || r.top > vh) continue;
      const label = (el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 40);
      out.push({ x: Math.min(vw - 1, Math.max(0, r.left + r.width / 2)), y: Math.min(vh - 1, Math.max(0, r.top + r.height / 2)), w: r.width, h: r.height, label });
    }
    return out;
  }, sel);
}

const KEYS = [' ', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'Escape', 'Tab', 'Enter', 'Shift+Tab', 'Delete', 'a', '7'];
const TEXTS = ['', '0', '-1', '80', '4294967296', '1e400', 'NaN', 'web', '"><img src=x onerror=alert(1)>', '９', ' ', '65535', 'dom0'];

export type ActionKind = 'button' | 'node' | 'edge' | 'chart' | 'drag' | 'key' | 'scrub' | 'preset' | 'mode' | 'type' | 'import' | 'pane' | 'select';
const WEIGHTS: Array<[ActionKind, number]> = [
  ['button', 22], ['node', 10], ['edge', 4], ['chart', 8], ['drag', 6], ['key', 16], ['scrub', 8],
  ['preset', 5], ['mode', 4], ['type', 7], ['import', 3], ['pane', 3], ['select', 4],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

export function randomBytes(rnd: () => number): Buffer {
  const kind = Math.floor(rnd() * 4);
  const n = Math.floor(rnd() * (kind === 0 ? 64 : 2048));
  const raw = Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  if (kind === 1) return Buffer.from(`{"format":"interdomain-scenario","version":1,"seed":${Math.floor(rnd() * 1e6)},"transport":"vsock","domains":[{"id":0,"name":"dom0","role":"backend"}],"steps":[${raw.toString('hex').slice(0, 40)}`);
  if (kind === 2) return Buffer.from(JSON.stringify({ format: 'interdomain-scenario', version: 1, seed: 1, transport: rnd() < 0.5 ? 'v4v' : 'vsock', domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: raw.toString('latin1').slice(0, 12) || 'g' }], steps: [{ at: Math.floor(rnd() * 1e6), op: 'listen', dom: 1, port: Math.floor(rnd() * 70000) }] }));
  return raw;
}

/** One random action; returns a short description (for the log on failure). */
export async function monkeyAction(page: Page, rnd: () => number): Promise<string> {
  const pickKind = (): ActionKind => { let x = rnd() * TOTAL; for (const [k, w] of WEIGHTS) { if ((x -= w) < 0) return k; } return 'key'; };
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const click = async (sel: string, kind: string) => {
    const b = pick(await targets(page, sel));
    if (!b) return `${kind}: none`;
    await page.mouse.click(b.x, b.y);
    return `${kind} ${b.label}`;
  };
  const kind = pickKind();
  switch (kind) {
    case 'button': return click('button, summary, [role="radio"], [role="checkbox"]', 'click');
    case 'node': return click('.react-flow__node', 'node');
    case 'edge': return click('.react-flow__edge path, .react-flow__controls-button', 'edge');
    case 'chart': return click('.chart g.row', 'chart row');
    case 'pane': { const b = pick(await targets(page, '.react-flow__pane')); if (b) await page.mouse.click(b.x - b.w / 2 + rnd() * b.w, b.y - b.h / 2 + rnd() * b.h); return 'pane'; }
    case 'drag': {
      const hs = await targets(page, '.connect-handle');
      const ns = await targets(page, '.react-flow__node');
      const a = pick(hs), b = pick(ns);
      if (!a || !b) return 'drag: none';
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(a.x + 30, a.y + 10, { steps: 2 });
      await page.mouse.move(b.x, b.y, { steps: 5 });
      await page.mouse.up();
      return `drag ${a.label} -> ${b.label}`;
    }
    case 'key': { const k = pick(KEYS)!; await page.keyboard.press(k); return `key ${k}`; }
    case 'scrub': {
      const s = page.getByTestId('scrubber');
      if (!(await s.isVisible())) return 'scrub: hidden';
      const max = Number(await s.getAttribute('max')) || 0;
      const v = Math.floor(rnd() * (max + 1));
      await s.fill(String(v), { timeout: 2000 });
      return `scrub ${v}/${max}`;
    }
    case 'preset': return click('[data-testid^="preset-"]', 'preset');
    case 'mode': return click('.modes button', 'mode');
    case 'select': {
      const sels = page.locator('select:visible');
      const n = await sels.count();
      if (!n) return 'select: none';
      const el = sels.nth(Math.floor(rnd() * n));
      const opts = await el.locator('option').allTextContents();
      if (!opts.length) return 'select: empty';
      const i = Math.floor(rnd() * opts.length);
      await el.selectOption({ index: i }, { timeout: 2000 });
      return `select #${i}`;
    }
    case 'type': {
      const fields = page.locator('input:visible:not([type="range"]):not([type="file"]):not([type="checkbox"]):not([disabled]), textarea:visible:not([readonly])');
      const n = await fields.count();
      if (!n) return 'type: none';
      const t = pick(TEXTS)!;
      await fields.nth(Math.floor(rnd() * n)).fill(t, { timeout: 2000 });
      if (rnd() < 0.5) await page.keyboard.press('Enter');
      return `type ${JSON.stringify(t)}`;
    }
    case 'import': {
      const input = page.getByTestId('import-input');
      if (!(await input.count())) return 'import: no control';
      const buf = randomBytes(rnd);
      await input.setInputFiles({ name: `monkey-${buf.length}.json`, mimeType: 'application/json', buffer: buf });
      return `import ${buf.length} bytes`;
    }
  }
  return kind;
}
