// Makes sure a Chromium exists for the Playwright tests. Uses CHROMIUM_PATH or
// /usr/bin/chromium; as root on Debian installs the `chromium` package; otherwise
// stops with one line saying what to install.
import fs from 'node:fs';
import { execSync } from 'node:child_process';

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (fs.existsSync(wanted)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = fs.existsSync('/etc/debian_version');
if (isRoot && isDebian) {
  console.log('Chromium not found: installing Debian\'s chromium package (apt-get)...');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } catch { /* reported below */ }
  if (fs.existsSync('/usr/bin/chromium')) process.exit(0);
}
try {
  execSync('npx playwright install chromium', { stdio: 'inherit' });
  process.exit(0);
} catch { /* reported below */ }
console.error(`No Chromium found at ${wanted}: install Debian's "chromium" package (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
process.exit(1);
