import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import fs from 'node:fs';

// One free port, picked once; workers inherit it through the environment.
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execSync(
    `node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"`,
  ).toString().trim();
}
// The monkey test's seed is drawn once here, so the runner and its workers agree on it
// (a per-process seed would change the test's title between them).
if (!process.env.MONKEY_SEED) process.env.MONKEY_SEED = String(Date.now() % 1_000_000_007);
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const system = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const executablePath = fs.existsSync(system) ? system : undefined;

export const chromiumArgs = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // CI machines are shared: what takes a second here can take ten there.
  expect: { timeout: process.env.CI ? 15_000 : 5_000 },
  // A run that stops making progress fails with what it has instead of running on.
  globalTimeout: process.env.CI ? 40 * 60_000 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1280, height: 800 },
    // A trace snapshots the DOM at every action: on the big diagrams and the hostile documents
    // a retried test would spend minutes recording it, and nobody reads it in CI.
    trace: process.env.CI ? 'off' : 'on-first-retry',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  webServer: {
    command: 'node scripts/serve-out.mjs out',
    url: baseURL,
    env: { PORT: String(port), HOST: '127.0.0.1' },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
