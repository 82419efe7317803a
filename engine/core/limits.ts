/**
 * Engine defaults. They follow Xen 4.3 (the 2013 setting of the design discussion)
 * unless stated; a scenario's `limits` overrides them.
 */
export interface Limits {
  /** Grant entries per domain: 32 frames x 512 v1 entries (Xen 4.3 DEFAULT_MAX_NR_GRANT_FRAMES). */
  grantEntries: number;
  /** Maptrack handles per mapping domain (Xen 4.3: 256 frames x 512). */
  maptrackEntries: number;
  /** Event-channel ports per domain (libxl default max_event_channels 1023 -> ports 0..1023). */
  eventChannels: number;
  /** Pages per direction of a per-peer vsock ring (64 = 256 KiB, Linux AF_VSOCK's default buffer). */
  ringPages: number;
  /** Bytes of a receiver-registered V4V ring. */
  v4vRingBytes: number;
  /** V4V/Argo pending space requests per ring (0 = unlimited, V4V; 32 = Argo). */
  v4vPendingPerRing: number;
  /** XenStore quotas per domain. */
  xenstoreNodes: number;
  xenstoreWatches: number;
  xenstoreTransactions: number;
}

export const DEFAULT_LIMITS: Limits = {
  grantEntries: 32 * 512,
  maptrackEntries: 256 * 512,
  eventChannels: 1024,
  ringPages: 64,
  v4vRingBytes: 64 * 1024,
  v4vPendingPerRing: 0,
  xenstoreNodes: 1000,
  xenstoreWatches: 128,
  xenstoreTransactions: 10,
};

export const PAGE_SIZE = 4096;
/** Grant refs 0..7 are reserved (GNTTAB_NR_RESERVED_ENTRIES). */
export const GNTTAB_NR_RESERVED_ENTRIES = 8;
/** Special CIDs of the design. */
export const CID_SELF = 0x7ff0;
export const CID_BACKEND = 0x7ff1;
/** DOMID_SELF in Xen's ABI has the same value as the "myself" CID. */
export const DOMID_SELF = 0x7ff0;
/** The connection manager's vsock port. */
export const CM_PORT = 1;
/** Highest ordinary domain id (ids at and above 0x7FF0 are special). */
export const DOMID_MAX = 0x7fef;
