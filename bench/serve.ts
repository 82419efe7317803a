/**
 * Build out/ with the bench pages (BENCH_PAGES=1) when it is missing, has none, or is older
 * than the sources; serve it on 127.0.0.1; stop it.
 */
import { spawn, spawnSync, execSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { chromium, type Browser } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..');
const SOURCES = ['app', 'components', 'store', 'lib', 'engine', 'scenarios', 'next.config.js', 'package.json'];

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    m = Math.max(m, newestMtime(path.join(p, e)));
  }
  return m;
}

/** Why out/ must be rebuilt, or null when it is up to date. */
export function staleReason(): string | null {
  const built = path.join(ROOT, 'out', 'index.html');
  if (!fs.existsSync(built)) return 'out/ is missing';
  if (!fs.existsSync(path.join(ROOT, 'out', 'bench', 'page', 'index.html'))) return 'out/ has no bench routes';
  const t = fs.statSync(built).mtimeMs;
  for (const s of SOURCES) {
    const p = path.join(ROOT, s);
    if (fs.existsSync(p) && newestMtime(p) > t) return `${s} changed since the last build`;
  }
  return null;
}

function otherBuildRunning(): boolean {
  try { return execSync('pgrep -f "next buil[d]" || true').toString().trim().length > 0; } catch { return false; }
}

export async function ensureBuild(log: (s: string) => void): Promise<void> {
  const why = staleReason();
  if (!why) return;
  for (let i = 0; otherBuildRunning(); i++) {
    if (i % 10 === 0) log('waiting for another "next build" to finish…');
    await new Promise((r) => setTimeout(r, 2000));
  }
  log(`building (${why})…`);
  const r = spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BENCH_PAGES: '1' } });
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => res(p)); });
  });
}

export interface Server { url: string; stop(): Promise<void> }

export async function serveOut(): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve-out.mjs', 'out'], {
    cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { const r = await fetch(url + '/'); if (r.ok) break; } catch { /* not up yet */ }
    if (i > 100 || child.exitCode !== null) throw new Error('static server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => new Promise<void>((res) => {
      if (child.exitCode !== null) { res(); return; }
      child.once('exit', () => res());
      child.kill('SIGTERM');
    }),
  };
}

export const OUT = path.join(ROOT, 'out');

/** Debian's Chromium (or CHROMIUM_PATH), headless, with nothing reaching beyond loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}
