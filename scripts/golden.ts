/**
 * Golden traces: each preset's trace and report hash, kept in scenarios/golden/hashes.json.
 *   npm run golden -- --why "what changed and why"     rewrites the hashes that changed
 *   npm run golden -- --check                          exits 1 if any differs
 * Every rewritten entry records the reason, so a deliberate change is reviewed as a diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { goldenHashes, GOLDEN_FILE, type GoldenFile } from '../engine/golden';

const args = process.argv.slice(2);
const check = args.includes('--check');
const whyAt = args.indexOf('--why');
const why = whyAt >= 0 ? args[whyAt + 1] : undefined;
const file = path.join(__dirname, '..', GOLDEN_FILE);
const old: GoldenFile = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
const now = goldenHashes();
const changed = Object.keys(now).filter((k) => old[k]?.hash !== now[k]);
const gone = Object.keys(old).filter((k) => !(k in now));
if (check) {
  for (const k of changed) console.log(`${k}: ${old[k]?.hash ?? '(none)'} -> ${now[k]}`);
  for (const k of gone) console.log(`${k}: no longer a preset`);
  process.exit(changed.length + gone.length > 0 ? 1 : 0);
}
if (changed.length + gone.length === 0) { console.log('golden traces unchanged'); process.exit(0); }
if (!why) { console.error('golden: say why the traces changed: npm run golden -- --why "..."'); process.exit(2); }
const next: GoldenFile = {};
for (const k of Object.keys(now).sort()) next[k] = changed.includes(k) ? { hash: now[k]!, why } : old[k]!;
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(next, null, 2) + '\n');
for (const k of changed) console.log(`updated ${k}`);
