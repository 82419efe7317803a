/**
 * The `detail` of every trace event, by kind and op. `emit` takes the detail type of
 * its (kind, op), and a reader that narrows an event by `kind` and `op` gets the same
 * type back, so a misspelt or missing field fails to compile on either side. Adding an
 * op means adding its line here; switches over kinds/ops end in `assertNever`.
 *
 * Fields that only some events of an op carry are optional; the JSON of an event holds
 * exactly the fields its emitter set, in the emitter's order.
 */

import type { StepOp } from '../scenario/types';

type Rc = { rc: number; rcName: string };

// ---------- hypercalls ----------

export interface GnttabHypercallDetails {
  GNTTABOP_map_grant_ref: { dom: number; ref: number; readonly: boolean; status: number; statusName: string; handle: number };
  GNTTABOP_unmap_grant_ref: { handle: number; dom: number; ref: number; status: number; statusName: string };
  GNTTABOP_setup_table: { dom: number; nrFrames: number; maxNrFrames: number; status: number; statusName: string };
}

export interface EvtchnHypercallDetails {
  EVTCHNOP_alloc_unbound: { dom: number; remoteDom: number; port: number } & Rc;
  EVTCHNOP_bind_interdomain: { remoteDom: number; remotePort: number; port: number } & Rc & { error?: string };
  EVTCHNOP_send: { port: number } & Rc;
  EVTCHNOP_close: { port: number } & Rc & { remoteDom: number; remotePort: number };
  EVTCHNOP_status: { port: number } & Rc & { status: number; remoteDom: number; remotePort: number };
  EVTCHNOP_unmask: { port: number } & Rc & { raised: boolean };
}

/** What Xen answers every V4V / Argo hypercall with. */
export type V4vRet = { ret: number; err?: string };
export type V4vAddr = { dom: number; port: number };

/** The arguments of the V4V / Argo hypercalls as the trace shows them (the answer is added to them). */
export interface V4vCallArgs {
  register_ring: { ring: string; port: number; partner: number | 'any'; len: number; reregister?: boolean };
  unregister_ring: { ring: string };
  sendv: {
    src: V4vAddr; dst: V4vAddr; bytes: number; msg: string;
    check?: string; ring?: string; space?: number; pending?: number; tx?: number; rx?: number; copied?: number;
  };
  notify: { entries: number | Array<{ dom: number; port: number; space: number; flags: string[] }>; woken?: number[] };
}
export type V4vCallOp = keyof V4vCallArgs;

export type V4vHypercallDetails = { [O in V4vCallOp as `V4VOP_${O}` | `XEN_ARGO_OP_${O}`]: V4vCallArgs[O] & V4vRet } & {
  V4VOP_tables_add: {
    rule: { accept: boolean; srcDom: number | '*'; srcPort: number | '*'; dstDom: number | '*'; dstPort: number | '*' };
    position: number; why: string; ret: number; err?: string; model?: string;
  };
};

export type HypercallDetails = GnttabHypercallDetails & EvtchnHypercallDetails & V4vHypercallDetails;

// ---------- guest-side grant table, event channels ----------

export interface GnttabDetails {
  grant_foreign_access:
    | { ref: number; frame: number; readonly: boolean; flags: number }
    | { ref: -1; rc: number; error: string };
  exhausted: { rc: number; inUse: number; capacity: number; deferred: number };
  end_foreign_access: { ref: number; result: 'freed' } | { ref: number; result: 'invalid'; error: string };
  end_foreign_access_deferred: { ref: number; result: 'deferred'; reading: boolean; writing: boolean };
  deferred_free: { ref: number; result: 'freed' | 'still_pending'; retries: number };
  release_mapping: { handle: number; dom: number; ref: number };
  table_destroyed: { dom: number; releasedMappings: number; freedEntries: number; pinnedEntries: number; foreignMappings: number };
  table_released: { dom: number; note: string };
}

export interface EvtchnDetails {
  upcall: { port: number; serves: string };
  pending: { port: number; masked: boolean; raised: boolean };
  coalesced: { port: number; note: string };
  dropped: { port: number; state: string; note: string };
  mask: { port: number } & Rc;
  'peer-closed': { port: number; closedPort: number; state: string; notified: boolean };
  destroy: { dom: number; ports: number };
  /** Xen took a port of the domain for itself (its other end is Xen, not a domain). */
  'xen-port': { port: number; purpose: string };
}

// ---------- rings ----------

export interface RingDetails {
  offer: { ring: string; grefs: number; port: number; order: number };
  connected: { ring: string; grantsEachSide: number; bytesEachWay: number; portA: number; portB: number };
  closed: { ring: string; reason: string };
  shutdown: { ring: string; reason: string };
  write: { ring: string; bytes: number; packets: number; prod: number; cons: number; size: number };
  'ring-full': { ring: string; prod: number; cons: number };
  read: { ring: string; bytes: number; prod: number; cons: number };
  'peer-closed': { ring: string };
}

// ---------- xenstore, xenbus ----------

/** The xenstore requests an `XS_ERROR` names as its `type`. */
export type XsRequest =
  | 'XS_READ' | 'XS_WRITE' | 'XS_MKDIR' | 'XS_RM' | 'XS_DIRECTORY' | 'XS_GET_PERMS' | 'XS_SET_PERMS'
  | 'XS_WATCH' | 'XS_UNWATCH' | 'XS_INTRODUCE' | 'XS_RELEASE' | 'XS_TRANSACTION_START' | 'XS_TRANSACTION_END';

/** A node request's own fields: its path, and its transaction when there is one. */
export type XsPathDetail = { path: string; tx?: number };

/** What an `XS_ERROR` carries besides `type` and `err`: the failed request's fields. */
export type XsErrorExtra = {
  path?: string; tx?: number; token?: string; domid?: number; commit?: boolean; conflicts?: string[]; owner?: number;
  /** Xen 4.3's commit rule: writes anywhere since the transaction started. */
  changesSince?: number;
  /** xenstored's own errno when the 4.3.0 wire sent another (EINVAL) in its place. */
  errno?: string;
};

export interface XenstoreDetails {
  XS_READ: XsPathDetail & { value: string };
  XS_WRITE: XsPathDetail & { value: string };
  XS_MKDIR: XsPathDetail & { existed?: boolean };
  XS_RM: XsPathDetail & { existed?: boolean; removed?: number };
  XS_DIRECTORY: XsPathDetail & { children: string[] };
  XS_GET_PERMS: XsPathDetail & { perms: string[] };
  XS_SET_PERMS: XsPathDetail & { perms: string[] };
  XS_WATCH: { path: string; token: string };
  XS_UNWATCH: { path: string; token: string };
  XS_WATCH_EVENT: { path: string; token: string };
  XS_INTRODUCE: { domid: number; path: string };
  XS_RELEASE: { domid: number };
  XS_TRANSACTION_START: { tx: number };
  XS_TRANSACTION_END: { tx: number; commit: boolean; changed?: number };
  XS_ERROR: { type: XsRequest; err: string } & XsErrorExtra;
}

export interface XenbusDetails {
  state: { path: string; state: number; name: string };
}

// ---------- the connection manager, sockets ----------

export interface CmDetails {
  CONNECT_req: { sock: number; cid: number; port: number; srcPort?: number; grefs?: number[]; evtchn?: number; flood?: boolean };
  CONNECT_ind: { sock: number; from: number; port: number; srcPort: number; grefs: number[]; evtchn: number };
  CONNECT_ack: { sock: number; status: string; grefs: number[]; evtchn: number; port: number; from: number };
  CONNECT_rsp: { sock: number; status: string; grefs: number[]; evtchn: number; to: number; port: number };
  DISCONNECT_ind: { dead: number; reason: string; ring: string };
  policy: { from: number; to: number; port: number; verdict: 'allow' | 'deny'; sock: number };
  dropped: { type: string; sock: number; why?: string };
}

export type SockRole = 'client' | 'server' | 'listener';
export type SockVia = 'broker' | 'v4v' | 'bypass';

/** A socket as its state-change events show it. */
export type SockDetail = {
  sock: number; name: string | null; role: SockRole; port: number; peerCid: number; peerPort: number;
  ring: string | null; via: SockVia;
};
/** Set on the socket events of the v4v transport. */
type ViaV4v = { via?: 'v4v' };

export interface VsockDetails {
  listen: { port: number; sock: number } & ViaV4v;
  connect: { sock: number; name: string | null; cid: number; port: number; srcPort: number; staleCid?: true } & ViaV4v;
  'waiting-for-link': { sock: number };
  send: { sock: number; name: string | null; bytes: number } & ViaV4v;
  close: { sock: number; name: string | null } & ViaV4v;
  shutdown: { sock: number; name: string | null } & ViaV4v;
  connected: SockDetail;
  closed: SockDetail;
  /** `tableOf`: the domain whose grant table or event channels were full, when that refused it (a bypass). */
  refused: SockDetail & { reason: string; tableOf?: number };
  reset: SockDetail & { reason: string };
  bypass: { sock: number; name: string | null; peer: number; port: number; note: string };
  'out-of-band': { grefs: number[]; evtchn: number; via: string };
  'bypass-peer-gone': { ring: string; reason: string };
  'flood-start':
    | ({ kind: 'connect'; cid: number; port: number; until: number } & ViaV4v)
    | ({ kind: 'data'; sock: number; name: string | null; until: number } & ViaV4v);
  'flood-end': { kind: 'connect' } & ViaV4v;
  'flood-request': { n: number; ok: boolean; err: string | null };
  'xenstore-refused': { sock: number; path: string; err: string };
}

// ---------- toolstack, v4v, errors ----------

type PolicyChange = { from: number; to: number; port: number | null; via?: 'v4vtables' };

export interface ToolstackDetails {
  step: { step: number; op: StepOp; at: number };
  note: { step: number; text: string };
  'policy-allow': PolicyChange;
  'policy-deny': PolicyChange;
  'domain-create': { id: number; name: string; role: 'backend' | 'guest'; privileged: boolean };
  'old-incarnation-released': { id: number; foreignMappings: number };
  'domain-destroy': { id: number; xenDomid: number; reason: string; foreignMappings: number };
  crash: { id: number };
  'domain-remove': { id: number };
  migrate: { id: number; fromDomid: number; toDomid: number; downtime: number };
  /** `cid`: the CID the domain answers to from now on (= its new domid). */
  resume: { id: number; xenDomid: number; cid: number };
  /** A `xenstore` step's answer as the program in `dom` receives it (`OK` or the errno). */
  'xenstore-answer': {
    step: number; dom: number; action: string; path: string | null; result: string; value?: string | string[]; name?: string;
  };
}

type V4vDestroy = { rings: number; partnerRings: number; pendingEntries: number };

export interface V4vDetails {
  v4vtables: { sock: number; from: number; to: number; port: number; verdict: 'allow' | 'deny' };
  retry: { ring: string; sockets: number; woken: boolean };
  'spurious-wakeup': { ring: string; foundAt: string };
  VIRQ: { virq: number };
  /** V4V's doorbell: Xen signals the domain's own V4V event channel (not a VIRQ). */
  doorbell: { port: number };
  read: { ring: string; bytes: number; messages: number; rx: number; tx: number };
  v4v_destroy: V4vDestroy;
  argo_destroy: V4vDestroy;
  'peer-silent': { sock: number; reason: string };
}

/** Errors: a step that could not apply (named by its op), or a mechanism that failed. */
export type ErrorOp = StepOp | 'xenbus-frontend' | 'xenbus-backend' | 'ring-garbage' | 'stream-order';
export type ErrorDetail = {
  message: string;
  sock?: number; expected?: number; got?: number; bytes?: number; port?: number; ctrlRef?: number; indRef?: number;
};
export type ErrorDetails = { [O in ErrorOp]: ErrorDetail };

/** kind → op → detail. The trace's kinds are exactly this map's keys. */
export interface DetailByKind {
  hypercall: HypercallDetails;
  gnttab: GnttabDetails;
  evtchn: EvtchnDetails;
  ring: RingDetails;
  xenstore: XenstoreDetails;
  xenbus: XenbusDetails;
  cm: CmDetails;
  vsock: VsockDetails;
  toolstack: ToolstackDetails;
  v4v: V4vDetails;
  error: ErrorDetails;
}
