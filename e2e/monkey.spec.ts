/**
 * Monkey test: MONKEY_ACTIONS random UI actions (default 300), seeded by MONKEY_SEED
 * (default: from the clock; printed). No uncaught error, no console error (the errors
 * fixture), and the page still responds at the end: stepping advances the event counter.
 *   MONKEY_SEED=123 MONKEY_ACTIONS=10000 npx playwright test e2e/monkey.spec.ts
 */
import { test, expect } from './fixtures';
import { mulberry32, monkeyAction } from './monkey';

const SEED = Number(process.env.MONKEY_SEED ?? Date.now() % 1_000_000_007);
const N = Number(process.env.MONKEY_ACTIONS ?? 300);

test(`monkey: ${N} random actions, seed ${SEED}`, async ({ page, errors, context }) => {
  test.setTimeout(Math.max(60_000, N * 400));
  console.log(`monkey seed ${SEED}, ${N} actions (replay: MONKEY_SEED=${SEED} MONKEY_ACTIONS=${N})`);
  const rnd = mulberry32(SEED);
  context.on('page', (p) => { void p.close(); }); // pop-ups (open in new tab) are closed
  page.on('dialog', (d) => { void d.dismiss(); });
  await page.goto('/?preset=allowed-connection');
  await expect(page.getByTestId('domain-0')).toBeVisible();
  const home = new URL(page.url());
  const log: string[] = [];
  const t0 = Date.now();
  const tally: Record<string, number> = {};
  let idle = 0, skipped = 0;
  for (let i = 0; i < N; i++) {
    let what: string;
    try {
      what = await monkeyAction(page, rnd);
    } catch (e) {
      // Playwright could not act (element went away mid-action): not a page failure.
      what = `(skipped: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
    }
    log.push(`${i}: ${what}`);
    const k = what.split(/[ :]/)[0]!;
    tally[k] = (tally[k] ?? 0) + 1;
    if (/: (none|hidden|empty|no control)$/.test(what)) idle++;
    if (what.startsWith('(skipped')) skipped++;
    if (log.length > 40) log.shift();
    if (new URL(page.url()).pathname !== home.pathname) {
      log.push(`${i}: navigated to ${page.url()}, going back`);
      await page.goto('/?preset=allowed-connection');
    }
    if (errors.length) {
      throw new Error(`after action ${i} (seed ${SEED}): ${errors[0]}\nlast actions:\n${log.join('\n')}`);
    }
    if (i % 500 === 499) console.log(`  ${i + 1} actions, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  console.log(`monkey: ${N} actions in ${((Date.now() - t0) / 1000).toFixed(1)} s, seed ${SEED}; ${idle} found no target, ${skipped} skipped by Playwright; ${JSON.stringify(tally)}`);

  // Still responsive: close whatever is open, load a preset, go to the start and step.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await page.mouse.up();
  const t1 = Date.now();
  await page.evaluate(() => (document.querySelector('[data-testid="preset-allowed-connection"]') as HTMLElement | null)?.click());
  await page.locator('body').press('Home');
  const readout = page.getByTestId('readout');
  const before = await readout.textContent();
  await page.getByTestId('step-forward').click({ timeout: 10_000 });
  await expect(readout).not.toHaveText(before!, { timeout: 10_000 });
  expect(Date.now() - t1, 'the page answered within 10 s').toBeLessThan(10_000);
});
