/**
 * A readable digest of a run, checked in next to each preset's golden hash so that a
 * change of the trace shows up as a reviewable diff: one line per event (time, kind, op,
 * src→dst, detail as key=value, ⟵n for "caused by the event n before"), the report in a
 * few lines, and counts per kind and op. Long traces keep their first and last events.
 * Causes are relative and there is no seq column, so one inserted event changes one line.
 */
import type { TraceEvent, Report } from '../index';

export interface DigestOptions {
  /** Traces longer than this are cut to `head` + `tail` events. */
  fullMax?: number;
  head?: number;
  tail?: number;
}
export const DIGEST_DEFAULTS: Required<DigestOptions> = { fullMax: 1600, head: 400, tail: 100 };

const MAX_TEXT = 64;
const MAX_LIST = 8;
const MAX_CONNS = 60;
const PLAIN = /^[\w./:@+-]+$/;

function text(s: string): string {
  const cut = s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
  return PLAIN.test(cut) ? cut : JSON.stringify(cut);
}

/** Number lists: runs of consecutive values as a..b; long lists cut with their length. */
function list(xs: unknown[]): string {
  if (xs.length >= 3 && xs.every((x) => Number.isInteger(x))) {
    const n = xs as number[];
    const step = n[1]! - n[0]!;
    if ((step === 1 || step === -1) && n.every((x, i) => i === 0 || x - n[i - 1]! === step)) return `[${n[0]}..${n.at(-1)}]`;
  }
  const shown = xs.slice(0, MAX_LIST).map(value).join(',');
  return xs.length > MAX_LIST ? `[${shown},…(${xs.length})]` : `[${shown}]`;
}

function value(v: unknown): string {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return list(v);
  if (v !== null && typeof v === 'object') {
    const j = JSON.stringify(v);
    return j.length > MAX_TEXT ? j.slice(0, MAX_TEXT - 1) + '…' : j;
  }
  return String(v);
}

/** A digest reads every detail generically, field by field. */
function fields(e: TraceEvent): Readonly<Record<string, unknown>> { return e.detail as Readonly<Record<string, unknown>>; }

function lineHead(e: TraceEvent): string {
  return `${String(e.t).padStart(9)}  ${e.kind.padEnd(9)} ${e.op.padEnd(22)} ${String(e.src)}→${String(e.dst)}`;
}

export function digestLine(e: TraceEvent): string {
  const detail = Object.keys(e.detail).map((k) => `${k}=${value(fields(e)[k])}`).join(' ');
  const cause = e.cause === undefined ? '' : `  ⟵${e.seq - e.cause}`;
  return `${lineHead(e)}  ${detail}${cause}`.trimEnd();
}

const MIN_RUN = 3;

/** Same time, kind, op, ends and detail keys: events a run line can stand for. */
function alike(a: TraceEvent, b: TraceEvent): boolean {
  if (a.t !== b.t || a.kind !== b.kind || a.op !== b.op || a.src !== b.src || a.dst !== b.dst) return false;
  const ka = Object.keys(a.detail);
  const kb = Object.keys(b.detail);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** One line for a run of alike events: `×n`, then each key's one value or its values. */
function runLine(run: readonly TraceEvent[]): string {
  const first = run[0]!;
  const detail = Object.keys(first.detail).map((k) => {
    const vs = run.map((e) => fields(e)[k]);
    const one = vs.every((v) => JSON.stringify(v) === JSON.stringify(vs[0]));
    return `${k}=${one ? value(vs[0]) : list(vs)}`;
  }).join(' ');
  const causes = new Set(run.map((e) => e.cause));
  const cause = causes.size === 1 && first.cause !== undefined ? `  ⟵${first.seq - first.cause}`
    : causes.size > 1 ? '  ⟵(several)' : '';
  return `${lineHead(first)}  ×${run.length}  ${detail}${cause}`.trimEnd();
}

/** Digest lines of consecutive events, runs of at least MIN_RUN alike events folded into one. */
export function digestLines(events: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < events.length;) {
    let j = i + 1;
    while (j < events.length && alike(events[i]!, events[j]!)) j++;
    if (j - i >= MIN_RUN) out.push(runLine(events.slice(i, j)));
    else for (let k = i; k < j; k++) out.push(digestLine(events[k]!));
    i = j;
  }
  return out;
}

function reportLines(r: Report): string[] {
  const out: string[] = [];
  for (const c of r.connections.slice(0, MAX_CONNS)) {
    out.push(`conn ${text(c.name)} ${c.state}${c.reason ? ` (${c.reason})` : ''} via=${c.via} ${c.client.cid}:${c.client.port}→${c.server.cid}:${c.server.port}`
      + ` sent=${c.bytesSent} received=${c.bytesReceived} serverSent=${c.bytesSentServer} clientReceived=${c.bytesReceivedClient} setupUs=${c.setupUs}`);
  }
  if (r.connections.length > MAX_CONNS) {
    const by = new Map<string, number>();
    for (const c of r.connections.slice(MAX_CONNS)) { const k = `${c.state}${c.reason ? ` (${c.reason})` : ''}`; by.set(k, (by.get(k) ?? 0) + 1); }
    out.push(`conn … ${r.connections.length - MAX_CONNS} more: ${[...by].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  }
  for (const d of r.domains) {
    out.push(`dom ${d.id} ${text(d.name)} ${d.role} ${d.state} xenDomid=${d.xenDomid} grants=${d.grantsInUse}/${d.grantCapacity}`
      + ` evtchn=${d.eventChannelsInUse} peers=${list(d.peers)} listening=${list(d.listening)}`);
  }
  out.push('stats ' + Object.keys(r.stats).map((k) => `${k}=${r.stats[k]}`).join(' '));
  return out;
}

function countLines(events: readonly TraceEvent[]): string[] {
  const n = new Map<string, number>();
  for (const e of events) { const k = `${e.kind} ${e.op}`; n.set(k, (n.get(k) ?? 0) + 1); }
  return [...n.keys()].sort().map((k) => `${k} ${n.get(k)}`);
}

/** The digest of one run; `hash` is the run's golden hash, quoted in the header. */
export function digest(id: string, events: readonly TraceEvent[], report: Report, hash: string, opts: DigestOptions = {}): string {
  const o = { ...DIGEST_DEFAULTS, ...opts };
  const cut = events.length > o.fullMax;
  const out = [
    `# golden digest of preset "${id}", trace hash ${hash}`,
    '# The hash in scenarios/golden/hashes.json is the authority; this file is for reading a change as a diff.',
    '# Rewritten by: npm run golden -- --why "…"   Checked by: npm run golden -- --check, engine/presets.test.ts',
    '# Each line: time (µs), kind, op, src→dst, detail key=value; ⟵n means caused by the event n before.',
    `# ×n: n consecutive events alike (time, kind, op, ends) in one line, with each differing field's values in order.`,
    cut
      ? `# ${events.length} events: the first ${o.head} and the last ${o.tail} are listed, the counts below cover all of them.`
      : `# ${events.length} events, all listed.`,
    '',
  ];
  if (cut) {
    out.push(...digestLines(events.slice(0, o.head)));
    out.push(`# … ${events.length - o.head - o.tail} events not listed (seq ${o.head} to ${events.length - o.tail - 1}) …`);
    out.push(...digestLines(events.slice(-o.tail)));
  } else {
    out.push(...digestLines(events));
  }
  out.push('', '# report', ...reportLines(report), '', '# events per kind and op', ...countLines(events));
  return out.join('\n') + '\n';
}

/** Where two digests first differ, with a few lines of each; null when equal. */
export function digestDiff(want: string, got: string, lines = 6): string | null {
  if (want === got) return null;
  const a = want.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (xs: string[], sign: string) => xs.slice(i, i + lines).map((l) => `  ${sign} ${l}`).join('\n');
  return `first difference at line ${i + 1} (checked in: ${a.length} lines, fresh run: ${b.length} lines)\n`
    + `  checked in:\n${show(a, '-')}\n  fresh run:\n${show(b, '+')}`;
}
