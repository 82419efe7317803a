/** Test fixtures: the spec's example and a document using every op. */
export const SPEC_EXAMPLE = {
  format: 'interdomain-scenario',
  version: 1,
  title: 'Denied connection',
  seed: 7,
  transport: 'vsock',
  broker: 'connection-manager',
  xsm: false,
  limits: { grantEntries: 64 },
  domains: [
    { id: 0, name: 'dom0', role: 'backend' },
    { id: 1, name: 'web' },
    { id: 2, name: 'db' },
  ],
  policy: { default: 'deny', allow: [{ from: 1, to: 2, port: 5432 }] },
  steps: [
    { at: 0, op: 'listen', dom: 2, port: 5432 },
    { at: 100, op: 'connect', dom: 1, cid: 2, port: 5432, as: 'q' },
    { at: 500, op: 'send', conn: 'q', bytes: 8192 },
  ],
};

export const EVERY_OP = {
  format: 'interdomain-scenario',
  version: 1,
  title: 'Every op',
  description: 'A tour of every step kind.',
  seed: 1,
  transport: 'v4v',
  v4vMode: 'argo',
  xsm: true,
  domains: [
    { id: 0, name: 'dom0', role: 'backend' },
    { id: 1, name: 'web', privileged: true },
    { id: 2, name: 'db' },
  ],
  steps: [
    { at: 0, op: 'listen', dom: 2, port: 80, note: 'db listens' },
    { at: 10, op: 'allow', from: 1, to: 2, port: 80 },
    { at: 10, op: 'deny', from: 2, to: 1 },
    { at: 20, op: 'connect', dom: 1, cid: 2, port: 80, as: 'a' },
    { at: 30, op: 'send', conn: 'a', bytes: 100, side: 'server' },
    { at: 40, op: 'flood', conn: 'a', until: 90 },
    { at: 40, op: 'flood', dom: 1, cid: 32753, port: 1, until: 40, kind: 'connect' },
    { at: 50, op: 'add-domain', id: 7, name: 'late' },
    { at: 60, op: 'bypass', dom: 7, peer: 2, port: 9, as: 'b' },
    { at: 61, op: 'bypass', dom: 1, peer: 7 },
    { at: 70, op: 'send', conn: 'b', bytes: 0 },
    { at: 80, op: 'shutdown-ring', dom: 2, peer: 1 },
    { at: 90, op: 'migrate', dom: 1, downtime: 5000 },
    { at: 95, op: 'migrate', dom: 2 },
    { at: 100, op: 'close', conn: 'a' },
    { at: 110, op: 'crash', dom: 7 },
    { at: 120, op: 'remove-domain', id: 7 },
    { at: 130, op: 'connect', dom: 2, cid: 1, port: 80, as: 'stale', staleCid: true },
    { at: 140, op: 'xenstore', dom: 2, action: 'transaction-start', as: 'tx1' },
    { at: 141, op: 'xenstore', dom: 2, action: 'set-perms', path: 'data', perms: ['n2', 'r1'], tx: 'tx1' },
    { at: 142, op: 'xenstore', dom: 2, action: 'watch', path: '/local/domain/2/data', value: 'tok', as: 'w' },
    { at: 143, op: 'xenstore', dom: 2, action: 'transaction-end', tx: 'tx1', commit: false, as: 'end' },
    { at: 5, op: 'connect', dom: 2, cid: 4294967295, port: 4294967295, as: 'nowhere' },
  ],
};

type Obj = Record<string, unknown>;
/** The spec example with top-level fields replaced (undefined deletes). */
export function withTop(patch: Obj): Obj {
  const d: Obj = structuredClone(SPEC_EXAMPLE);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete d[k];
    else d[k] = v;
  }
  return d;
}
/** The spec example with its steps replaced. */
export const withSteps = (steps: unknown[]): Obj => withTop({ steps });
