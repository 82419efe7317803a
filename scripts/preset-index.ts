/**
 * Writes scenarios/presetIndex.ts (id and title of every preset, in gallery
 * order) from scenarios/index.ts. Run after adding or retitling a preset:
 *   npx tsx scripts/preset-index.ts
 * scenarios/catalog.test.ts fails while the file is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderPresetIndex } from '../scenarios/renderIndex';

fs.writeFileSync(path.join(__dirname, '..', 'scenarios', 'presetIndex.ts'), renderPresetIndex());
console.log('scenarios/presetIndex.ts written');
