import { test, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { PRESET_INDEX } from '../scenarios/presetIndex';

/**
 * Screenshots of every preset in every mode it allows, at the start, half-way and the end,
 * on a 1280×720 screen and a 390×844 phone, for a human to look at (SHOT_DIR, default
 * test-results/preset-shots). Set SHOTS=1 to run; SHOT_PRESETS=a,b limits the presets;
 * SHOT_THEME=dark takes them in the dark theme (the system's preference; files end in -dark).
 */
const SIZES = [{ w: 1280, h: 720, n: 'desk' }, { w: 390, h: 844, n: 'phone' }] as const;
const MODES = [['cm', 'vsock + connection manager'], ['xs', 'vsock + xenstore'], ['v4v', 'V4V']] as const;
const dir = process.env.SHOT_DIR ?? 'test-results/preset-shots';
const only = process.env.SHOT_PRESETS?.split(',');
const dark = process.env.SHOT_THEME === 'dark';

/**
 * Switch to a mode if this preset offers it; false if it does not. A mode loaded on demand
 * (V4V, the xenstore broker) is enabled until chosen, then probed: it may turn out not to run
 * the preset (the bypass presets under V4V), and is then disabled.
 */
async function modeOn(radio: Locator): Promise<boolean> {
  const checked = async () => (await radio.getAttribute('aria-checked')) === 'true';
  if (await checked()) return true;
  const enabled = await expect.poll(() => radio.isEnabled(), { timeout: 10_000 }).toBe(true).then(() => true, () => false);
  if (!enabled) return false;
  await radio.click();
  return expect.poll(async () => (await checked()) || !(await radio.isEnabled()), { timeout: 20_000 })
    .toBe(true).then(checked, () => false);
}

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/${name}${dark ? '-dark' : ''}.png` });
}

for (const p of PRESET_INDEX.filter((x) => !only || only.includes(x.id))) {
  for (const s of SIZES) {
    test(`shots ${p.id} ${s.n}`, async ({ page }) => {
      test.skip(!process.env.SHOTS, 'screenshots only with SHOTS=1');
      test.setTimeout(300_000);
      await page.setViewportSize({ width: s.w, height: s.h });
      if (dark) await page.emulateMedia({ colorScheme: 'dark' });
      let taken = 0;
      const skipped: string[] = [];
      for (const [m, label] of MODES) {
        await page.goto(`/?preset=${p.id}&paused`);
        await expect(page.getByTestId('domain-0')).toBeVisible({ timeout: 30_000 });
        if (s.n === 'phone') await page.getByTestId('tools-toggle').click();
        const radio = page.getByRole('radio', { name: label, exact: true });
        const on = await modeOn(radio);
        if (s.n === 'phone') await page.getByTestId('tools-toggle').click();
        if (!on) { skipped.push(`${m}: not offered`); continue; }
        taken++;
        // the diagram in that mode (V4V draws Xen's chips), not the one before the switch
        await expect(page.getByTestId('xen-chips')).toHaveCount(m === 'v4v' ? 1 : 0, { timeout: 30_000 });
        const name = `${p.id}-${m}-${s.n}`;
        await shoot(page, `${name}-0start`);
        await page.getByTestId('to-end').click();
        const scrub = page.getByTestId('scrubber');
        const max = Number(await scrub.getAttribute('max'));
        const min = Number(await scrub.getAttribute('min'));
        await scrub.fill(String(Math.round((min + max) / 2)));
        await shoot(page, `${name}-1mid`);
        await page.getByTestId('to-end').click();
        await shoot(page, `${name}-2end`);
      }
      if (skipped.length) console.log(`${p.id} ${s.n}: ${skipped.join(', ')}`);
      // the preset's own mode at least
      expect(taken, 'modes shot').toBeGreaterThan(0);
    });
  }
}
