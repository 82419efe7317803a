/**
 * Headless runner (scenario-v1.md):
 *   npm run -s scenario -- file.json [--trace out.jsonl] [--chrome-trace out.json] [--transport vsock|v4v] [--broker connection-manager|xenstore]
 * Prints the report on stdout and exits 0. A document that is not valid JSON or does not
 * fit the format exits 2 with one line naming the offending field; nothing runs.
 */
import fs from 'node:fs';
import { parseScenario, parseOverrides, applyOverrides, runScenario, traceToJsonl, type RunResult } from '../engine';
import { chromeTraceText } from '../lib/exportChromeTrace';

function fail(code: number, line: string): never {
  process.stderr.write(line.replace(/\s*\n\s*/g, ' ') + '\n');
  process.exit(code);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let tracePath: string | undefined;
  let chromePath: string | undefined;
  const raw: { transport?: string; broker?: string; v4vMode?: string } = {};
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
    else if (a.startsWith('--')) fail(2, `${a}: unknown option (expected --trace, --chrome-trace, --transport, --broker, --v4v-mode)`);
    else if (file === undefined) file = a;
    else fail(2, `${a}: only one scenario file is taken`);
  }
  if (file === undefined) fail(2, 'usage: npm run -s scenario -- file.json [--trace out.jsonl] [--chrome-trace out.json] [--transport vsock|v4v] [--broker connection-manager|xenstore]');
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { fail(2, `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  const parsed = parseScenario(text);
  if (!parsed.ok) fail(2, parsed.error);
  const ov = parseOverrides(raw);
  if (!ov.ok) fail(2, ov.error);
  const doc = applyOverrides(parsed.doc, ov.overrides);
  let result;
  try { result = runScenario(doc); } catch (e) { fail(1, `internal error: ${(e as Error).message}`); }
  if (tracePath) fs.writeFileSync(tracePath, traceToJsonl(result.trace));
  if (chromePath) writeChromeTrace(chromePath, result);
  process.stdout.write(JSON.stringify(result.report, null, 2) + '\n');
}

/** --chrome-trace: the run in Chrome's Trace Event Format (open it in ui.perfetto.dev or chrome://tracing). */
function writeChromeTrace(file: string, result: RunResult): void {
  try { fs.writeFileSync(file, chromeTraceText(result.trace, result.state.doc)); } catch (e) { fail(2, `${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
}

main(process.argv.slice(2));
