/**
 * Headless runner (scenario-v1.md):
 *   npm run -s scenario -- file.json [--trace out.jsonl] [--chrome-trace out.json] [--transport vsock|v4v]
 *                                    [--broker connection-manager|xenstore] [--xen 4.3|4.19] [--max-events N] [--max-time µs] [--check]
 * Prints the report on stdout and exits 0. With --check, a document with goals exits 1 when
 * any goal is not met (each unmet goal one line on stderr), and a document without goals
 * exits 2: there is nothing to check. A document that is not valid JSON or does not
 * fit the format exits 2 with one line naming the offending field; nothing runs. A run
 * that passes its budget (events, virtual time, open sockets: engine/sim/budget.ts) stops
 * and exits 3 with one line saying which and how to raise it.
 */
import fs from 'node:fs';
import {
  parseScenario, parseOverrides, applyOverrides, createSim, simStep, simNextTime, buildReport, traceToJsonl,
  type ScenarioDoc, type RunResult,
} from '../engine';
import { decodeDocumentBytes, documentTooLarge, escapeUnsafe } from '../engine/scenario';
import { overBudget, stateSize, RUNNER_BUDGET, type RunBudget } from '../engine/sim/budget';
import { SNAPSHOT_EVERY } from '../engine/timeline';
import { chromeTraceText } from '../lib/exportChromeTrace';

function fail(code: number, line: string): never {
  process.stderr.write(escapeUnsafe(line.replace(/\s*[\r\n]+\s*/g, ' ')).slice(0, 500) + '\n');
  process.exit(code);
}

/** A whole number option (`--max-events 5e6` is fine), or the one-line reason it is not. */
function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!/^[0-9][0-9_e.]*$/i.test(text) || !Number.isSafeInteger(n) || n <= 0) fail(2, `${name}: ${JSON.stringify(text.slice(0, 30))} is not a positive whole number`);
  return n;
}

/** The document's text, read as the page reads an imported file (BOM, UTF-16, binary, size). */
function readDocument(file: string): string {
  let size: number;
  try { size = fs.statSync(file).size; } catch (e) { fail(2, `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  const big = documentTooLarge(size);
  if (big) fail(2, `${file}: ${big.replace(/^document: /, '')}`);
  let bytes: Buffer;
  try { bytes = fs.readFileSync(file); } catch (e) { fail(2, `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  const d = decodeDocumentBytes(bytes);
  if (!d.ok) fail(2, `${file}: ${d.error}`);
  return d.text;
}

/** Run `doc` to its end or its virtual-time horizon, within `budget`; exit 3 past it. */
function runBudgeted(doc: ScenarioDoc, budget: RunBudget): RunResult {
  const st = createSim(doc);
  for (let n = 1; ; n++) {
    const next = simNextTime(st);
    if (next === null || next > budget.maxTimeUs) break; // the horizon: the run is cut there, as before
    simStep(st);
    const why = overBudget(st, { ...budget, maxTimeUs: Number.POSITIVE_INFINITY }, n % SNAPSHOT_EVERY === 0 ? stateSize(st) : undefined);
    if (why) fail(3, `budget: the run stopped: ${why} (raise it with --max-events N${why.includes('sockets') ? '' : ' or --max-time µs'}; nothing was written)`);
  }
  return { state: st, trace: st.trace.events, report: buildReport(st) };
}

function main(argv: string[]): void {
  let file: string | undefined;
  let tracePath: string | undefined;
  let chromePath: string | undefined;
  let check = false;
  const budget: RunBudget = { ...RUNNER_BUDGET };
  const raw: { transport?: string; broker?: string; v4vMode?: string; xen?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(2, `${a}: missing value`);
      return v;
    };
    if (a === '--trace') tracePath = value();
    else if (a === '--chrome-trace') chromePath = value();
    else if (a === '--transport') raw.transport = value();
    else if (a === '--broker') raw.broker = value();
    else if (a === '--v4v-mode') raw.v4vMode = value();
    else if (a === '--xen') raw.xen = value();
    else if (a === '--max-events') budget.maxEvents = wholeNumber(a, value());
    else if (a === '--max-time') budget.maxTimeUs = wholeNumber(a, value());
    else if (a === '--check') check = true;
    else if (a.startsWith('--')) fail(2, `${a}: unknown option (expected --trace, --chrome-trace, --transport, --broker, --v4v-mode, --xen, --max-events, --max-time, --check)`);
    else if (file === undefined) file = a;
    else fail(2, `${a}: only one scenario file is taken`);
  }
  if (file === undefined) fail(2, 'usage: npm run -s scenario -- file.json [--trace out.jsonl] [--chrome-trace out.json] [--transport vsock|v4v] [--broker connection-manager|xenstore] [--xen 4.3|4.19] [--max-events N] [--max-time µs] [--check]');
  const parsed = parseScenario(readDocument(file));
  if (!parsed.ok) fail(2, parsed.error);
  const ov = parseOverrides(raw);
  if (!ov.ok) fail(2, ov.error);
  const doc = applyOverrides(parsed.doc, ov.overrides);
  if (check && !doc.goals) fail(2, 'goals: --check needs a document with goals (this one has none)');
  let result: RunResult;
  try { result = runBudgeted(doc, budget); } catch (e) { fail(1, `internal error: ${(e as Error).message}`); }
  if (tracePath) fs.writeFileSync(tracePath, traceToJsonl(result.trace));
  if (chromePath) writeChromeTrace(chromePath, result);
  process.stdout.write(JSON.stringify(result.report, null, 2) + '\n');
  if (check) checkGoals(result);
}

/** --check: one stderr line per unmet goal, exit 1 if there is any. */
function checkGoals(result: RunResult): void {
  const missed = (result.report.goals ?? []).filter((g) => !g.met);
  for (const g of missed) process.stderr.write(escapeUnsafe(`goals[${g.index}]: not met: ${g.detail}`).slice(0, 500) + '\n');
  if (missed.length > 0) process.exitCode = 1;
}

/** --chrome-trace: the run in Chrome's Trace Event Format (open it in ui.perfetto.dev or chrome://tracing). */
function writeChromeTrace(file: string, result: RunResult): void {
  try { fs.writeFileSync(file, chromeTraceText(result.trace, result.state.doc)); } catch (e) { fail(2, `${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
}

main(process.argv.slice(2));
