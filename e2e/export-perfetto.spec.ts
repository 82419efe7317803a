import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openPreset } from './fixtures';
import { checkTraceEventFormat } from './helpers/traceEventFormat';

async function exportFile(page: Page, kind: string): Promise<{ name: string; body: string }> {
  if (!(await page.getByTestId('export-dialog').isVisible())) await page.getByTestId('export-button').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${kind}`).click()]);
  return { name: dl.suggestedFilename(), body: fs.readFileSync((await dl.path())!, 'utf8') };
}

test('the Perfetto export of flood-isolation follows the Trace Event Format, with a flow for every caused event', async ({ page, errors }) => {
  void errors;
  await openPreset(page, 'flood-isolation');
  const perfetto = await exportFile(page, 'perfetto');
  expect(perfetto.name).toMatch(/\.perfetto\.json$/);
  await expect(page.getByTestId('export-status')).toContainText('Trace for Perfetto (JSON): downloaded.');
  const json = JSON.parse(perfetto.body);
  const summary = checkTraceEventFormat(json);
  expect(summary.problems).toEqual([]);

  const trace = (await exportFile(page, 'trace')).body.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; cause?: number });
  expect(trace.length).toBeGreaterThan(2000);
  const caused = trace.filter((e) => e.cause !== undefined).map((e) => e.seq);
  expect([...summary.flows].sort((a, b) => a - b)).toEqual(caused);
  // Xen, xenstored and the four domains, each a process with a name
  expect(summary.processes.size).toBe(6);
  const names = json.traceEvents.filter((e: { name: string }) => e.name === 'process_name').map((e: { args: { name: string } }) => e.args.name);
  expect(names).toEqual(['Xen', 'xenstored', 'dom0 dom0', 'dom1 web', 'dom2 db', 'dom3 cache']);
});
