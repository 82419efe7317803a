/**
 * Golden traces: each preset's trace and report hash, kept in scenarios/golden/hashes.json,
 * and a readable digest of the same run in scenarios/golden/<preset>.digest.txt.
 *   npm run golden -- --why "what changed and why"     rewrites the hashes and digests that changed
 *   npm run golden -- --check                          exits 1 if any differs (and shows where)
 * Every rewritten hash records the reason, so a deliberate change is reviewed as a diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { goldenRuns, digestFile, GOLDEN_DIR, GOLDEN_FILE, type GoldenFile } from '../engine/golden';
import { digestDiff } from '../engine/testing/digest';

const args = process.argv.slice(2);
const check = args.includes('--check');
const whyAt = args.indexOf('--why');
const why = whyAt >= 0 ? args[whyAt + 1] : undefined;
const root = path.join(__dirname, '..');
const file = path.join(root, GOLDEN_FILE);
const read = (p: string): string | undefined => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
const old: GoldenFile = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
const now = goldenRuns();
const ids = Object.keys(now);
const changed = ids.filter((k) => old[k]?.hash !== now[k]!.hash);
const gone = Object.keys(old).filter((k) => !(k in now));
const digestChanged = ids.filter((k) => read(path.join(root, digestFile(k))) !== now[k]!.digest);
const staleDigests = fs.readdirSync(path.join(root, GOLDEN_DIR))
  .filter((f) => f.endsWith('.digest.txt') && !(f.slice(0, -'.digest.txt'.length) in now));

if (check) {
  for (const k of changed) console.log(`${k}: ${old[k]?.hash ?? '(none)'} -> ${now[k]!.hash}`);
  for (const k of gone) console.log(`${k}: no longer a preset`);
  for (const k of digestChanged) {
    const was = read(path.join(root, digestFile(k)));
    console.log(`${digestFile(k)}: ${was === undefined ? 'missing' : digestDiff(was, now[k]!.digest)}`);
  }
  for (const f of staleDigests) console.log(`${GOLDEN_DIR}/${f}: no longer a preset`);
  process.exit(changed.length + gone.length + digestChanged.length + staleDigests.length > 0 ? 1 : 0);
}
if (changed.length + gone.length + digestChanged.length + staleDigests.length === 0) {
  console.log('golden traces unchanged');
  process.exit(0);
}
if (!why) { console.error('golden: say why the traces changed: npm run golden -- --why "..."'); process.exit(2); }
const next: GoldenFile = {};
for (const k of ids.sort()) next[k] = changed.includes(k) ? { hash: now[k]!.hash, why } : old[k]!;
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(next, null, 2) + '\n');
for (const k of digestChanged) fs.writeFileSync(path.join(root, digestFile(k)), now[k]!.digest);
for (const f of staleDigests) fs.unlinkSync(path.join(root, GOLDEN_DIR, f));
for (const k of changed) console.log(`updated ${k}`);
for (const k of digestChanged) console.log(`wrote ${digestFile(k)}`);
for (const f of staleDigests) console.log(`removed ${GOLDEN_DIR}/${f}`);
