/** Invariants and inspector queries over an XsState. */
import { type XsPerm, type XsState, isLive, joinPath, parentOf, baseName, clonePerms } from './types';

const LETTERS = ['n', 'r', 'w', 'b'];

/** Invariant violations; [] when the state is consistent. */
export function xsCheck(xs: XsState): string[] {
  const out: string[] = [];
  const nodes = xs.nodes;
  if (!nodes.get('/')) out.push('root node missing');
  const owned: { [dom: string]: number } = {};
  for (const p of [...nodes.keys()].sort()) {
    const n = nodes.get(p)!;
    if (n.perms.length === 0) out.push(`${p}: no perms`);
    for (const perm of n.perms) if (!LETTERS.includes(perm.perm)) out.push(`${p}: bad perm ${perm.perm}`);
    const owner = n.perms[0]?.id;
    if (owner !== undefined) owned[owner] = (owned[owner] ?? 0) + 1;
    const sorted = [...new Set(n.children)].sort();
    if (sorted.join('/') !== n.children.join('/')) out.push(`${p}: children not sorted/unique`);
    for (const c of n.children) if (!nodes.get(joinPath(p, c))) out.push(`${p}: child ${c} missing`);
    const parent = parentOf(p);
    if (parent !== null) {
      const pn = nodes.get(parent);
      if (!pn) out.push(`${p}: parent missing`);
      else if (!pn.children.includes(baseName(p))) out.push(`${p}: not listed by parent`);
    }
  }
  const watches: { [dom: string]: number } = {};
  const seen: { [k: string]: true } = {};
  for (const w of xs.watches) {
    watches[w.dom] = (watches[w.dom] ?? 0) + 1;
    if (!isLive(xs, w.dom)) out.push(`watch ${w.path} of dead domain ${w.dom}`);
    const k = JSON.stringify([w.dom, w.path, w.token]);
    if (seen[k]) out.push(`duplicate watch ${k}`);
    seen[k] = true;
  }
  const txs: { [dom: string]: number } = {};
  for (const id of Object.keys(xs.transactions).sort((a, b) => +a - +b)) {
    const t = xs.transactions[id]!;
    txs[t.dom] = (txs[t.dom] ?? 0) + 1;
    if (!isLive(xs, t.dom)) out.push(`transaction ${id} of dead domain ${t.dom}`);
    if (t.id >= xs.nextTxId || String(t.id) !== id) out.push(`transaction ${id}: bad id`);
  }
  for (const e of xs.pendingWatchEvents) if (!isLive(xs, e.dom)) out.push(`pending event for dead domain ${e.dom}`);
  const doms = [...new Set([...Object.keys(xs.quota), ...Object.keys(owned), ...Object.keys(watches), ...Object.keys(txs)])]
    .sort((a, b) => +a - +b);
  for (const d of doms) {
    const q = xs.quota[d] ?? { nodes: 0, watches: 0, transactions: 0 };
    if (q.nodes !== (owned[d] ?? 0)) out.push(`dom ${d}: node counter ${q.nodes} != ${owned[d] ?? 0}`);
    if (q.watches !== (watches[d] ?? 0)) out.push(`dom ${d}: watch counter ${q.watches} != ${watches[d] ?? 0}`);
    if (q.transactions !== (txs[d] ?? 0)) out.push(`dom ${d}: transaction counter ${q.transactions} != ${txs[d] ?? 0}`);
  }
  const ds = xs.domains.join(',');
  if ([...new Set(xs.domains)].sort((a, b) => a - b).join(',') !== ds) out.push('domains not sorted/unique');
  for (const d of xs.domains) if (xs.privileged.includes(d)) out.push(`domain ${d} both introduced and privileged`);
  for (const d of xs.creating ?? []) if (xs.domains.includes(d)) out.push(`domain ${d} both being created and introduced`);
  return out;
}

/** Depth-first (sorted children) listing of a subtree, for an inspector; [] if missing. */
export function xsSubtree(xs: XsState, path: string): Array<{ path: string; value: string; perms: XsPerm[] }> {
  const out: Array<{ path: string; value: string; perms: XsPerm[] }> = [];
  const walk = (p: string): void => {
    const n = xs.nodes.get(p);
    if (!n) return;
    out.push({ path: p, value: n.value, perms: clonePerms(n.perms) });
    for (const c of n.children) walk(joinPath(p, c));
  };
  walk(path);
  return out;
}
