/**
 * V4V / Argo state (xen-model.md §6): rings that receivers register with the
 * hypervisor, per-ring lists of senders waiting for space, the v4vtables-style send
 * filter only a privileged domain may change, and the stream layer's bookkeeping on
 * top. Plain data only, so it snapshots with the rest of the simulation.
 */

/** Wildcard partner of a ring (XEN_ARGO_DOMID_ANY = DOMID_INVALID). */
export const DOMID_ANY = 0x7ff4;
/** Ring header `{rx_ptr, tx_ptr, reserved[56]}`. */
export const RING_HEADER = 64;
/** Message header `{len, source addr, message_type}` and the slot size. */
export const MSG_HEADER = 16;
export const SLOT = 16;
/** Smallest ring: header + one slot of payload + the slot that always stays free. */
export const MIN_RING_LEN = 48;
export const MAX_RING_LEN = 16 << 20;
export const MAX_MSG_LEN = (16 << 20) - 32;
export const MAX_RINGS_PER_DOMAIN = 128;
export const ARGO_MAX_PENDING = 32;
export const MAX_NOTIFY_COUNT = 256;
export const MAX_IOV = { v4v: 128, argo: 8 } as const;
/** The stream layer's own header inside each message's payload `{flags, conid}`. */
export const STREAM_HDR = 8;
/** Largest payload chunk of one stream message (the same 4 KiB as a vsock packet). */
export const STREAM_CHUNK = 4096;
export const REGISTER_FLAG_FAIL_EXIST = 0x1;

export const ERRNO = {
  EPERM: -1, ENOENT: -2, ESRCH: -3, EAGAIN: -11, EACCES: -13, EBUSY: -16, EEXIST: -17, EINVAL: -22,
  ENOSPC: -28, EMSGSIZE: -90, ECONNREFUSED: -111,
} as const;

export function errName(code: number): string {
  for (const [k, v] of Object.entries(ERRNO)) if (v === code) return `-${k}`;
  return code >= 0 ? String(code) : `-E${-code}`;
}

/** What the stream layer puts in a message (its payload's meaning). */
export interface StreamMeta {
  op: 'SYN' | 'SYNACK' | 'RW' | 'SHUTDOWN' | 'RST';
  /** Sender's socket (-1 for a hostile bare SYN). */
  from: number;
  /** Destination socket (-1 for SYN: the listener decides). */
  to: number;
  /** Stream offset of the first payload byte (RW). */
  off: number;
  /** Payload bytes of the stream (stream header excluded). */
  len: number;
}

/** One message in a ring: where it starts and what it says. */
export interface RingMsg {
  at: number;
  /** Bytes it occupies: header + payload rounded up to the slot size. */
  slots: number;
  srcDom: number;
  srcPort: number;
  type: number;
  meta: StreamMeta;
}

export interface PendingEntry { dom: number; len: number }

export interface V4vRing {
  id: string;
  owner: number;
  port: number;
  /** Partner domain, or DOMID_ANY. */
  partner: number;
  /** Bytes of the data area (after the 64-byte header). */
  len: number;
  /** Byte offsets into the data area; equal means empty. */
  rx: number;
  tx: number;
  msgs: RingMsg[];
  pending: PendingEntry[];
  rxScheduled: boolean;
  epoch: number;
}

/** A v4vtables rule: first match wins; the toolstack inserts at the head. */
export interface TablesRule {
  accept: boolean;
  srcDom: number;
  /** -1 = any port. */
  srcPort: number;
  dstDom: number;
  dstPort: number;
}

/** A domain's sockets blocked on one destination ring. */
export interface SendWait {
  dom: number;
  ring: string;
  dstDom: number;
  dstPort: number;
  /** Largest payload that failed. */
  len: number;
  socks: number[];
  /** Xen dropped our pending entry and rang the doorbell: the next -EAGAIN is a spurious wake-up. */
  woken: boolean;
}

/** Stream-layer state of one socket. */
export interface V4vSock {
  /** Ring this socket receives on (a client's own ring; a server's listen ring). */
  rxRing: string | null;
  /** Where its messages go. */
  dstDom: number;
  dstPort: number;
  /** Control messages waiting to go before data (SYN, SYNACK, RST). */
  ctrl: StreamMeta[];
  txScheduled: boolean;
  /** Ring id it waits on for space, or null. */
  blocked: string | null;
}

export interface V4vState {
  rings: Record<string, V4vRing>;
  /** Rings per domain (for the 128 cap). */
  ringCount: Record<number, number>;
  rules: TablesRule[];
  defaultAccept: boolean;
  /** "dom|ring" -> wait. */
  waits: Record<string, SendWait>;
  socks: Record<number, V4vSock>;
  /** Domains with a VIRQ raised and not yet delivered (one doorbell per domain). */
  virqPending: Record<number, boolean>;
  /** V4V mode: each domain's doorbell event channel port (Argo rings VIRQ_ARGO instead). */
  doorbell: Record<number, number>;
}

/** Timed work of the v4v transport (one Action variant carries it). */
export type V4vWork =
  | { kind: 'tx'; sock: number; dom: number; epoch: number }
  | { kind: 'rx'; ring: string; dom: number; epoch: number }
  | { kind: 'virq'; dom: number; epoch: number }
  | { kind: 'retry'; dom: number; ring: string; epoch: number }
  | { kind: 'flood-connect'; dom: number; dst: number; port: number; until: number; epoch: number };

export function v4vInit(): V4vState {
  return { rings: {}, ringCount: {}, rules: [], defaultAccept: false, waits: {}, socks: {}, virqPending: {}, doorbell: {} };
}

export function ringId(owner: number, port: number, partner: number): string {
  return `${owner}:${port}:${partner === DOMID_ANY ? 'any' : partner}`;
}
