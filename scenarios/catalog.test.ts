import { describe, expect, it } from 'vitest';
import { PRESETS } from './index';
import { FIRST_PRESET, PRESET_IDS, PRESET_INDEX, isPresetId, loadPreset, loadedPreset } from './catalog';
import { renderPresetIndex } from './renderIndex';
import fs from 'node:fs';
import path from 'node:path';

describe('the app\'s preset catalog', () => {
  it('lists the presets of scenarios/index.ts, in order, with their titles', () => {
    expect(PRESET_IDS).toEqual(PRESETS.map((p) => p.id));
    const text = fs.readFileSync(path.join(__dirname, 'presetIndex.ts'), 'utf8');
    expect(text, 'scenarios/presetIndex.ts is out of date: npx tsx scripts/preset-index.ts').toBe(renderPresetIndex());
    for (const [i, p] of PRESETS.entries()) {
      const d = p.doc as { title: string };
      expect(PRESET_INDEX[i]).toEqual({ id: p.id, title: d.title });
    }
  });

  it('every document in the folder is a preset', () => {
    const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect([...files].sort()).toEqual([...PRESET_IDS].sort());
  });

  it('opens with the first preset, bundled', () => {
    expect(FIRST_PRESET).toEqual(PRESETS[0]);
    expect(loadedPreset(FIRST_PRESET.id)).toBe(FIRST_PRESET);
  });

  it('loads each other preset on demand, the same document as the bundled one', async () => {
    for (const p of PRESETS) {
      const [a, b] = await Promise.all([loadPreset(p.id), loadPreset(p.id)]);
      expect(a).toEqual(p);
      expect(b).toBe(a);
      expect(loadedPreset(p.id)).toBe(a);
    }
  });

  it('knows no other names', async () => {
    for (const id of ['nope', '', '__proto__', 'constructor', 'toString']) {
      expect(isPresetId(id)).toBe(false);
      expect(await loadPreset(id)).toBeUndefined();
    }
  });
});

describe('the course path', () => {
  it('holds every preset exactly once, each with one line of what you will see', async () => {
    const { COURSE } = await import('./course');
    const ids = COURSE.flatMap((g) => g.items.map((i) => i.id));
    expect([...ids].sort()).toEqual([...PRESET_IDS].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(COURSE.map((g) => g.id)).toEqual(['basics', 'policy', 'isolation', 'scale', 'alternatives']);
    for (const g of COURSE) for (const i of g.items) expect(i.see).toMatch(/^\S.{10,80}\.$/);
  });
});
