/**
 * Import-cycle check: fails on any cycle of value imports between the project's own files.
 * Type-only imports (`import type`, `import { type A }`, `export type … from`) are erased
 * before anything runs, so they are not edges; `import()` loads later, so it is not one
 * either. Files are parsed with oxc-parser; `@engine/*`-style aliases come from tsconfig.json.
 *
 *   npx tsx scripts/lint-cycles.ts        # one line per cycle; exit 1 if any is not allowed
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSync } from 'oxc-parser';

/**
 * Value-import cycles tolerated for now: none. Each entry would be the exact set of files
 * of one cycle; an entry that no longer matches a cycle fails the check, so a tolerated
 * cycle cannot outlive its removal unnoticed.
 */
export const KNOWN_CYCLES_TO_REMOVE: readonly (readonly string[])[] = [];

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.next', 'out', 'test-results', 'playwright-report', 'tmp']);
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx'];

function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(root, rel)).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !name.startsWith('out-') && !name.startsWith('.')) out.push(...sourceFiles(root, rel));
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** tsconfig `paths` as [prefix, folder] pairs: "@engine/*": ["./engine/*"] → ["@engine/", "engine/"]. */
function aliases(root: string): Array<[string, string]> {
  const file = path.join(root, 'tsconfig.json');
  if (!existsSync(file)) return [];
  const paths: Record<string, string[]> = JSON.parse(readFileSync(file, 'utf8')).compilerOptions?.paths ?? {};
  return Object.entries(paths).map(([k, [v = '']]) => [k.replace(/\*$/, ''), path.posix.normalize(v.replace(/\*$/, ''))]);
}

/** Value-import specifiers of one file (static imports and re-exports that are not type-only). */
export function valueImports(file: string, text: string): string[] {
  const { module, errors } = parseSync(file, text);
  if (errors.length > 0) throw new Error(`${file}: cannot parse: ${errors[0]?.message}`);
  const specs: string[] = [];
  for (const imp of module.staticImports) {
    if (imp.entries.length === 0 || imp.entries.some((e) => !e.isType)) specs.push(imp.moduleRequest.value);
  }
  for (const exp of module.staticExports) {
    for (const e of exp.entries) if (e.moduleRequest && !e.isType) specs.push(e.moduleRequest.value);
  }
  return specs;
}

/** The value-import graph: file → files it imports (both relative to root, with '/'). */
export function importGraph(root: string, files = sourceFiles(root)): Map<string, string[]> {
  const known = new Set(files);
  const alias = aliases(root);
  const resolve = (from: string, spec: string): string | null => {
    let base: string | null = null;
    if (spec.startsWith('.')) base = path.posix.join(path.posix.dirname(from), spec);
    else for (const [prefix, dir] of alias) if (spec.startsWith(prefix)) base = path.posix.join(dir, spec.slice(prefix.length));
    if (base === null) return null;
    for (const suffix of RESOLVE_SUFFIXES) if (known.has(base + suffix)) return base + suffix;
    return null;
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const specs = valueImports(file, readFileSync(path.join(root, file), 'utf8'));
    graph.set(file, [...new Set(specs.map((s) => resolve(file, s)).filter((f): f is string => f !== null))]);
  }
  return graph;
}

/** Strongly connected components with a cycle (two or more files, or a file importing itself), each sorted. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++; stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
    if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One concrete loop through a component, for the message: a.ts → b.ts → a.ts (and any other files of the component). */
function describe(graph: Map<string, string[]>, scc: string[]): string {
  const path = loop(graph, scc);
  const rest = scc.filter((f) => !path.split(' → ').includes(f));
  return rest.length === 0 ? path : `${path} (with ${rest.join(', ')} in the same cycle)`;
}

function loop(graph: Map<string, string[]>, scc: string[]): string {
  const inScc = new Set(scc), start = scc[0]!, prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inScc.has(w)) continue;
      if (w === start) {
        const chain: string[] = [];
        for (let u = v; u !== start; u = prev.get(u)!) chain.unshift(u);
        return [start, ...chain, start].join(' → ');
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return scc.join(' ↔ ');
}

export type CycleReport = { errors: string[]; allowed: string[] };

/** Cycles that are not allow-listed, and allow-list entries that match no cycle any more. */
export function checkCycles(root: string, allowList: readonly (readonly string[])[] = KNOWN_CYCLES_TO_REMOVE): CycleReport {
  const graph = importGraph(root);
  const key = (files: readonly string[]): string => [...files].sort().join('\n');
  const allowKeys = new Set(allowList.map(key));
  const errors: string[] = [], allowed: string[] = [], seen = new Set<string>();
  for (const scc of cycles(graph)) {
    seen.add(key(scc));
    if (allowKeys.has(key(scc))) allowed.push(`known cycle (to remove): ${describe(graph, scc)}`);
    else errors.push(`import cycle: ${describe(graph, scc)}`);
  }
  for (const entry of allowList) {
    if (!seen.has(key(entry))) errors.push(`KNOWN_CYCLES_TO_REMOVE in scripts/lint-cycles.ts lists ${entry.join(', ')}, which is no longer one cycle: delete the entry`);
  }
  return { errors, allowed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const { errors, allowed } = checkCycles(root);
  for (const line of allowed) console.log(line);
  for (const line of errors) console.error(line);
  if (errors.length > 0) process.exit(1);
  console.log(KNOWN_CYCLES_TO_REMOVE.length ? 'import cycles: none besides the known ones' : 'import cycles: none');
}
