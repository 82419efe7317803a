/**
 * The rules of Chrome's Trace Event Format (JSON object form) that trace viewers rely on,
 * checked on parsed JSON with no knowledge of who wrote it. Returns the broken rules, one
 * line each (empty when the trace is valid).
 */
const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'C', 'b', 'e', 'n', 's', 't', 'f', 'M', 'P', 'O', 'N', 'D', 'R', 'c']);
const METADATA = new Set(['process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index']);

export interface FormatSummary { problems: string[]; flows: Set<number>; threads: number; processes: Set<number> }

export function checkTraceEventFormat(json: unknown): FormatSummary {
  const problems: string[] = [];
  const flows = new Set<number>();
  const processes = new Set<number>();
  const say = (i: number, m: string) => { if (problems.length < 50) problems.push(`traceEvents[${i}]: ${m}`); };
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { traceEvents?: unknown }).traceEvents)) {
    return { problems: ['top level: expected { traceEvents: [...] }'], flows, threads: 0, processes };
  }
  const events = (json as { traceEvents: Array<Record<string, unknown>> }).traceEvents;
  const lastTs = new Map<string, number>();
  const starts = new Map<string, number>(), ends = new Map<string, number>();
  const named = new Set<string>(), used = new Set<string>();
  events.forEach((e, i) => {
    for (const f of ['ph', 'ts', 'pid', 'tid', 'name']) if (!(f in e)) say(i, `missing required field "${f}"`);
    const ph = e['ph'], ts = e['ts'], pid = e['pid'], tid = e['tid'];
    if (typeof ph !== 'string' || !PHASES.has(ph)) { say(i, `unknown phase ${JSON.stringify(ph)}`); return; }
    if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0) say(i, `ts must be a non-negative number (${JSON.stringify(ts)})`);
    if (!Number.isInteger(pid) || !Number.isInteger(tid)) say(i, 'pid and tid must be integers');
    if (typeof e['name'] !== 'string') say(i, 'name must be a string');
    const thread = `${String(pid)}/${String(tid)}`;
    if (ph === 'M') {
      if (!METADATA.has(String(e['name']))) say(i, `unknown metadata ${String(e['name'])}`);
      const args = e['args'] as Record<string, unknown> | undefined;
      if (e['name'] === 'process_name' || e['name'] === 'thread_name') {
        if (typeof args?.['name'] !== 'string') say(i, `${String(e['name'])} needs args.name`);
        if (e['name'] === 'thread_name') named.add(thread); else processes.add(pid as number);
      }
      return;
    }
    if (ph !== 'C') used.add(thread);
    const prev = lastTs.get(thread);
    if (typeof ts === 'number' && prev !== undefined && ts < prev) say(i, `ts ${ts} goes back on thread ${thread} (after ${prev})`);
    if (typeof ts === 'number') lastTs.set(thread, ts);
    if (ph === 'X' && (typeof e['dur'] !== 'number' || (e['dur'] as number) < 0)) say(i, 'a complete slice ("X") needs a non-negative dur');
    if (ph === 'i' && e['s'] !== undefined && !['t', 'p', 'g'].includes(String(e['s']))) say(i, 'an instant\'s scope "s" must be t, p or g');
    if (ph === 'C') {
      const args = e['args'];
      if (typeof args !== 'object' || args === null || !Object.values(args).every((v) => typeof v === 'number')) say(i, 'a counter needs numeric args');
    }
    if (ph === 's' || ph === 'f' || ph === 't') {
      if (e['id'] === undefined) { say(i, 'a flow event needs an id'); return; }
      const key = `${String(e['cat'])}/${String(e['id'])}`;
      if (ph === 's') { if (starts.has(key)) say(i, `flow ${key} starts twice`); starts.set(key, ts as number); }
      if (ph === 'f') {
        if (ends.has(key)) say(i, `flow ${key} ends twice`);
        ends.set(key, ts as number);
        if (typeof e['id'] === 'number') flows.add(e['id']);
      }
    }
  });
  for (const [key, t] of starts) {
    const end = ends.get(key);
    if (end === undefined) problems.push(`flow ${key}: starts and never ends`);
    else if (end < t) problems.push(`flow ${key}: ends (${end}) before it starts (${t})`);
  }
  for (const key of ends.keys()) if (!starts.has(key)) problems.push(`flow ${key}: ends without a start`);
  for (const th of used) if (!named.has(th) && !th.endsWith('/0')) problems.push(`thread ${th}: no thread_name metadata`);
  return { problems, flows, threads: named.size, processes };
}
