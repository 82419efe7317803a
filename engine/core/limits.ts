/**
 * Engine defaults by Xen version (`limitsFor`, xen-model.md section 9); `DEFAULT_LIMITS`
 * are Xen 4.3's (the 2013 setting of the design discussion). A scenario's `limits`
 * overrides them.
 */
import { DEFAULT_XEN, type XenVersion } from './xen';

export interface Limits {
  /** Maximum grant entries per domain: max frames x 512 v1 entries (4.3: 32 frames; 4.10+: 64). */
  grantEntries: number;
  /** Maptrack handles per mapping domain (4.3: 256 frames x 512; now 1024 frames x 256). */
  maptrackEntries: number;
  /** Event-channel ports per domain (4.3: 2-level 64 x 64 = 4096; 4.4+: libxl caps at port 1023). */
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

/** v1 grant entries per 4 KiB frame (8-byte grant_entry_v1). */
export const GRANT_ENTRIES_PER_FRAME = 512;

/** Grant-table frames per domain: the size a table starts at and the default maximum. */
export interface GrantFrames { initial: number; max: number }

/** 4.3: INITIAL_NR_GRANT_FRAMES 4 (x86) / DEFAULT_MAX_NR_GRANT_FRAMES 32; now 1 / 64 (since 4.10). */
export function grantFramesFor(xen: XenVersion): GrantFrames {
  return xen === '4.3' ? { initial: 4, max: 32 } : { initial: 1, max: 64 };
}

/** The defaults of the Xen version `xen` (a fresh object). */
export function limitsFor(xen: XenVersion): Limits {
  const v43 = xen === '4.3';
  return {
    grantEntries: grantFramesFor(xen).max * GRANT_ENTRIES_PER_FRAME,
    maptrackEntries: v43 ? 256 * 512 : 1024 * 256,
    eventChannels: v43 ? 4096 : 1024,
    ringPages: 64,
    v4vRingBytes: 64 * 1024,
    v4vPendingPerRing: 0,
    xenstoreNodes: 1000,
    xenstoreWatches: 128,
    xenstoreTransactions: 10,
  };
}

/** Xen 4.3's defaults. */
export const DEFAULT_LIMITS: Limits = limitsFor(DEFAULT_XEN);

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
