/**
 * XenStore as the broker (`broker: "xenstore"`): the same exchange of grant references
 * and event-channel ports, done with nodes, permissions and watches instead of the
 * connection manager's four messages.
 *
 *   /vsock/<B>                 owner: toolstack, B may read (B watches it). Default
 *                              letter 'b' under a default-allow policy, 'n' under deny.
 *   /vsock/<B>/<A>             exists while the policy lets A reach B; A and B may
 *                              read and write it (a deny takes A off the list).
 *   /vsock/<B>/<A>/ports       the toolstack's port rules for A -> B (read-only).
 *   /vsock/<B>/<A>/req-<sock>  A's request: port, grant refs, event channel.
 *   /vsock/<B>/<A>/rsp-<sock>  B's answer (A watches it).
 *   /vsock/<B>/<A>/ring        present while their ring pair is up; removing it (or the
 *                              toolstack removing a dead domain's nodes) tells the other.
 * A request the permissions refuse fails with EACCES: the connection is 'denied'.
 */
import { xsWrite, xsRead, xsRm, xsWatch, xsUnwatch, xsMkdir, xsSetPerms, xsTransactionStart, xsTransactionEnd, type XsPerm } from '../xenstore';
import { ctxOf, emit, policyVerdict } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import { relayMsg, type LinkMsg } from './types';
import { onConnectInd, onConnectRsp } from './frontend';
import { peerKey, releaseSide } from './peer';
import { refuseSock, resetSock } from '../socket/sockets';

const ROOT = '/vsock';
const dir = (b: number, a: number) => `${ROOT}/${b}/${a}`;

function tool(st: SimState): number { return st.backend; }

/** Toolstack, at a guest's creation: its /vsock/<B> node, and B watches it. */
export function xsbrokerAddDomain(st: SimState, b: number): void {
  const ctx = ctxOf(st);
  if (b === st.backend) xsMkdir(ctx, st.xs, tool(st), ROOT);
  const def = st.policy.default === 'allow' ? 'b' : 'n';
  xsMkdir(ctx, st.xs, tool(st), `${ROOT}/${b}`);
  xsSetPerms(ctx, st.xs, tool(st), `${ROOT}/${b}`, [{ id: tool(st), perm: def }, { id: b, perm: 'b' }]);
  xsWatch(ctx, st.xs, b, `${ROOT}/${b}`, 'vsockxs-listen');
  for (const k in st.domains) {
    const a = Number(k);
    if (a !== b && st.domains[a]?.state === 'running') { xsbrokerPair(st, a, b); xsbrokerPair(st, b, a); }
  }
}

/** The port rules for A -> B as the toolstack writes them: "default=allow 5432=deny". */
function portRules(st: SimState, a: number, b: number): { text: string; any: boolean } {
  const ports = new Set<number>();
  for (const r of st.policy.rules) if (r.from === a && r.to === b && r.port !== undefined) ports.add(r.port);
  const dflt = policyVerdict(st, a, b, -1);
  let any = dflt === 'allow';
  const parts = [`default=${dflt}`];
  for (const p of [...ports].sort((x, y) => x - y)) {
    const v = policyVerdict(st, a, b, p);
    if (v === 'allow') any = true;
    if (v !== dflt) parts.push(`${p}=${v}`);
  }
  return { text: parts.join(' '), any };
}

/** Toolstack: make A -> B's node and permissions match the policy. */
export function xsbrokerPair(st: SimState, a: number, b: number): void {
  if (!st.domains[b] || st.domains[b]!.state !== 'running') return;
  const ctx = ctxOf(st);
  const t = tool(st);
  const { text, any } = portRules(st, a, b);
  const path = dir(b, a);
  const exists = xsRead(ctx, st.xs, t, path).ok;
  if (!any && !exists) return;
  if (!exists) xsMkdir(ctx, st.xs, t, path);
  const perms: XsPerm[] = [{ id: t, perm: 'n' }, { id: b, perm: 'b' }];
  if (any) perms.push({ id: a, perm: 'b' });
  xsSetPerms(ctx, st.xs, t, path, perms);
  xsWrite(ctx, st.xs, t, `${path}/ports`, text);
  xsSetPerms(ctx, st.xs, t, `${path}/ports`, [{ id: t, perm: 'n' }, { id: a, perm: 'r' }, { id: b, perm: 'r' }]);
}

/** A's frontend posts its request; returns false if the permissions refused it. */
export function xsbrokerRequest(st: SimState, sock: Sock, b: number, grefs: number[], evtchn: number): boolean {
  const ctx = ctxOf(st);
  const a = sock.dom;
  const path = `${dir(b, a)}/req-${sock.id}`;
  const value = `port=${sock.peerPort} src=${sock.port} evtchn=${evtchn} grefs=${grefs.join(',')}`;
  const tx = xsTransactionStart(ctx, st.xs, a);
  const w = xsWrite(ctx, st.xs, a, path, value, tx.ok ? tx.value : 0);
  if (tx.ok) xsTransactionEnd(ctx, st.xs, a, tx.value, w.ok);
  if (!w.ok) {
    emit(st, 'vsock', 'xenstore-refused', a, b, { sock: sock.id, path, err: w.err });
    refuseSock(st, sock, w.err === 'EACCES' ? 'denied' : `xenstore-${w.err}`, sock.cause);
    return false;
  }
  xsWatch(ctx, st.xs, a, `${dir(b, a)}/rsp-${sock.id}`, `vsockxs-rsp:${b}:${sock.id}`);
  return true;
}

function parse(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(' ')) { const i = part.indexOf('='); if (i > 0) out[part.slice(0, i)] = part.slice(i + 1); }
  return out;
}
const nums = (s: string | undefined) => (s ? s.split(',').filter(Boolean).map(Number) : []);

/** A watch fired for a broker node. */
export function xsbrokerOnWatch(st: SimState, dom: number, path: string, token: string): void {
  if (token === 'vsockxs-listen') return listenerSaw(st, dom, path);
  if (token.startsWith('vsockxs-rsp:')) {
    const [, b, sock] = token.split(':');
    return clientSaw(st, dom, Number(b), Number(sock));
  }
  if (token.startsWith('vsockxs-ring:')) return ringRecordChanged(st, dom, Number(token.split(':')[1]));
}

/** B saw a change under /vsock/<B>: a new request, or a peer's ring record gone. */
function listenerSaw(st: SimState, b: number, path: string): void {
  const m = /^\/vsock\/(\d+)\/(\d+)(?:\/(.*))?$/.exec(path);
  if (!m || Number(m[1]) !== b) return;
  const a = Number(m[2]);
  const leaf = m[3] ?? '';
  if (leaf === '' || leaf === 'ring') return ringRecordChanged(st, b, a);
  if (!leaf.startsWith('req-')) return;
  const ctx = ctxOf(st);
  const r = xsRead(ctx, st.xs, b, path);
  if (!r.ok) return;
  const v = parse(r.value);
  const port = Number(v['port']);
  const msg: LinkMsg = {
    type: 'CONNECT_ind', sock: Number(leaf.slice(4)), srcDom: a, srcPort: Number(v['src']), dstCid: b, dstDom: b,
    dstPort: port, status: 'ok', grefs: nums(v['grefs']), evtchn: Number(v['evtchn']), sockServer: -1, cause: ctx.cause ?? -1,
  };
  const rules = xsRead(ctx, st.xs, b, `${dir(b, a)}/ports`);
  const portVerdict = rules.ok ? (parse(rules.value)[String(port)] ?? parse(rules.value)['default']) : st.policy.default;
  if (portVerdict !== 'allow') return xsbrokerAck(st, b, relayMsg(msg, 'CONNECT_ack', 'denied', [], -1));
  onConnectInd(st, b, msg);
}

/** B's answer goes into the response node (the hook onConnectInd calls). */
export function xsbrokerAck(st: SimState, b: number, ack: LinkMsg): void {
  const ctx = ctxOf(st);
  const value = `status=${ack.status} evtchn=${ack.evtchn} srv=${ack.sockServer} grefs=${ack.grefs.join(',')}`;
  xsWrite(ctx, st.xs, b, `${dir(b, ack.srcDom)}/rsp-${ack.sock}`, value);
}

/** A saw its response node: finish (or fail) the connection, then clean up. */
function clientSaw(st: SimState, a: number, b: number, sockId: number): void {
  const ctx = ctxOf(st);
  const base = `${dir(b, a)}`;
  const r = xsRead(ctx, st.xs, a, `${base}/rsp-${sockId}`);
  const sock = st.socks[sockId];
  if (!r.ok) return listenerGone(st, a, b, sockId);
  const v = parse(r.value);
  const msg: LinkMsg = {
    type: 'CONNECT_rsp', sock: sockId, srcDom: a, srcPort: sock?.port ?? 0, dstCid: b, dstDom: b,
    dstPort: sock?.peerPort ?? 0, status: v['status'] ?? 'ok', grefs: nums(v['grefs']), evtchn: Number(v['evtchn']),
    sockServer: Number(v['srv']), cause: ctx.cause ?? -1,
  };
  const newRing = msg.status === 'ok' && msg.grefs.length > 0;
  xsUnwatch(ctx, st.xs, a, `${base}/rsp-${sockId}`, `vsockxs-rsp:${b}:${sockId}`);
  xsRm(ctx, st.xs, a, `${base}/req-${sockId}`);
  xsRm(ctx, st.xs, a, `${base}/rsp-${sockId}`);
  onConnectRsp(st, a, msg);
  if (newRing && st.peers.get(peerKey(a, b))?.state === 'connected') {
    xsWrite(ctx, st.xs, a, `${base}/ring`, `up`);
    xsWatch(ctx, st.xs, a, `${base}/ring`, `vsockxs-ring:${b}`);
  }
}

/** Why a peer's nodes went: it shed the ring (still running), or it is gone. */
function goneReason(st: SimState, peer: number): string {
  const d = st.domains[peer];
  return !d || d.state === 'running' ? 'ring-shutdown' : d.state === 'migrating' ? 'migrated' : d.state === 'removed' ? 'peer-removed' : 'peer-crashed';
}

/**
 * A's request node went without an answer: the toolstack removed the listener's nodes
 * after its death (@releaseDomain). No answer will come: the connection and the ring
 * A was offering go now, with the reason.
 */
function listenerGone(st: SimState, a: number, b: number, sockId: number): void {
  const sock = st.socks[sockId];
  if (!sock || sock.state !== 'connecting' || st.domains[b]?.state === 'running') return;
  const ctx = ctxOf(st);
  xsUnwatch(ctx, st.xs, a, `${dir(b, a)}/rsp-${sockId}`, `vsockxs-rsp:${b}:${sockId}`);
  const reason = goneReason(st, b);
  resetSock(st, sock, reason);
  const ring = st.peers.get(peerKey(a, b));
  if (ring && ring.state !== 'connected') releaseSide(st, ring, a, reason, true);
}

/** A ring record (or the pair's node) changed: if it is gone, so is the ring. */
function ringRecordChanged(st: SimState, me: number, peer: number): void {
  const ring = st.peers.get(peerKey(me, peer));
  if (!ring || ring.state === 'closed') return;
  const [b, a] = ring.a.dom === me ? [peer, me] : [me, peer];
  const rec = xsRead(ctxOf(st), st.xs, me, `${dir(b, a)}/ring`);
  if (rec.ok || ring.state === 'connecting') return;
  releaseSide(st, ring, me, goneReason(st, peer), true);
}

/** `dom` sheds its ring with `peer`: remove the record so the peer hears of it too. */
export function xsbrokerRingGone(st: SimState, dom: number, peer: number, initiator: number): void {
  const [a, b] = initiator === dom ? [dom, peer] : [peer, dom];
  xsRm(ctxOf(st), st.xs, dom, `${dir(b, a)}/ring`);
}

/**
 * A hostile guest writes request nodes as fast as it can. Permissions refuse them
 * (EACCES) when the policy denies; otherwise its node quota stops it (ENOSPC).
 */
export function xsbrokerFloodRequest(st: SimState, a: number, b: number, port: number, n: number): void {
  const r = xsWrite(ctxOf(st), st.xs, a, `${dir(b, a)}/req-flood-${n}`, `port=${port} src=0 evtchn=-1 grefs=`);
  emit(st, 'vsock', 'flood-request', a, b, { n, ok: r.ok, err: r.ok ? null : r.err });
}

/** Toolstack after @releaseDomain: remove the dead domain's broker nodes. */
export function xsbrokerDomainGone(st: SimState, dead: number): void {
  const ctx = ctxOf(st);
  xsRm(ctx, st.xs, tool(st), `${ROOT}/${dead}`);
  for (const k in st.domains) {
    const b = Number(k);
    if (b !== dead && xsRead(ctx, st.xs, tool(st), dir(b, dead)).ok) xsRm(ctx, st.xs, tool(st), dir(b, dead));
  }
}
