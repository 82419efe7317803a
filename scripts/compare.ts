/**
 * Side-by-side run of one scenario on the three ways of connecting guests:
 *   npm run -s compare -- file.json [--v4v-mode v4v|argo]
 * runs it as vsock with the connection manager, vsock with xenstore as the broker, and
 * v4v, and prints one table: every named connection's state/reason and bytes, the grant
 * entries held, and the report's figures. A column whose broker is not built yet (the
 * run throws, or gives exactly the connection manager's trace) says "not available".
 * Exit 2 with one line on a bad document or option, like the scenario runner.
 */
import fs from 'node:fs';
import { parseScenario, parseOverrides, applyOverrides, runScenario, traceToJsonl, type RunResult, type ScenarioDoc } from '../engine';

function fail(code: number, line: string): never {
  process.stderr.write(line.replace(/\s*\n\s*/g, ' ') + '\n');
  process.exit(code);
}

interface Column { title: string; result: RunResult | null; note?: string }

function runAs(doc: ScenarioDoc, transport: 'vsock' | 'v4v', broker: 'connection-manager' | 'xenstore', v4vMode?: string): RunResult | string {
  const ov = parseOverrides({ transport, broker, ...(v4vMode ? { v4vMode } : {}) });
  if (!ov.ok) fail(2, ov.error);
  try { return runScenario(applyOverrides(doc, ov.overrides)); } catch (e) { return (e as Error).message; }
}

function rows(cols: Column[]): string[][] {
  const out: string[][] = [['', ...cols.map((c) => c.title)]];
  const first = cols.find((c) => c.result)?.result;
  if (!first) return out;
  const cell = (c: Column, f: (r: RunResult) => string) => (c.result ? f(c.result) : c.note ?? 'not available');
  for (const conn of first.report.connections) {
    const get = (r: RunResult) => r.report.connections.find((x) => x.name === conn.name);
    out.push([`${conn.name}`, ...cols.map((c) => cell(c, (r) => { const x = get(r); return x ? `${x.state}${x.reason ? ` (${x.reason})` : ''} via ${x.via}` : '-'; }))]);
    out.push([`  bytes sent/received`, ...cols.map((c) => cell(c, (r) => { const x = get(r); return x ? `${x.bytesSent}/${x.bytesReceived}` : '-'; }))]);
  }
  out.push(['grant entries in use', ...cols.map((c) => cell(c, (r) => String(r.report.domains.reduce((a, d) => a + d.grantsInUse, 0))))]);
  out.push(['  most in one domain', ...cols.map((c) => cell(c, (r) => String(Math.max(0, ...r.report.domains.map((d) => d.grantsInUse)))))]);
  out.push(['event channels in use', ...cols.map((c) => cell(c, (r) => String(r.report.domains.reduce((a, d) => a + d.eventChannelsInUse, 0))))]);
  for (const k of Object.keys(first.report.stats)) {
    out.push([k, ...cols.map((c) => cell(c, (r) => String(r.report.stats[k] ?? 0)))]);
  }
  return out;
}

function table(t: string[][]): string {
  const w = t[0]!.map((_, i) => Math.max(...t.map((r) => r[i]!.length)));
  return t.map((r, j) => {
    const line = r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
    return j === 0 ? `${line}\n${w.map((n) => '-'.repeat(n)).join('  ')}` : line;
  }).join('\n');
}

function main(argv: string[]): void {
  let file: string | undefined;
  let v4vMode: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--v4v-mode') { v4vMode = argv[++i]; if (v4vMode === undefined) fail(2, '--v4v-mode: missing value'); }
    else if (a.startsWith('--')) fail(2, `${a}: unknown option (expected --v4v-mode)`);
    else if (file === undefined) file = a;
    else fail(2, `${a}: only one scenario file is taken`);
  }
  if (file === undefined) fail(2, 'usage: npm run -s compare -- file.json [--v4v-mode v4v|argo]');
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { fail(2, `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`); }
  const parsed = parseScenario(text);
  if (!parsed.ok) fail(2, parsed.error);
  const doc = parsed.doc;
  const cm = runAs(doc, 'vsock', 'connection-manager');
  const xs = runAs(doc, 'vsock', 'xenstore');
  const v4v = runAs(doc, 'v4v', doc.broker, v4vMode);
  const col = (title: string, r: RunResult | string): Column =>
    typeof r === 'string' ? { title, result: null, note: 'not available' } : { title, result: r };
  const cols = [col('vsock + conn. manager', cm), col('vsock + xenstore', xs), col(`v4v (${v4vMode ?? doc.v4vMode} mode)`, v4v)];
  // A xenstore broker that is not built yet runs exactly like the connection manager: do not pretend.
  if (cols[0]!.result && cols[1]!.result && traceToJsonl(cols[0]!.result.trace) === traceToJsonl(cols[1]!.result.trace)) {
    cols[1] = { title: cols[1]!.title, result: null, note: 'not available' };
  }
  process.stdout.write(`${doc.title}\n\n${table(rows(cols))}\n`);
}

main(process.argv.slice(2));
