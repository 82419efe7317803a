/**
 * Grant tables: constants and state (Xen `xen/include/public/grant_table.h`, Linux
 * `drivers/xen/grant-table.c`). See xen-model.md §1.
 *
 * Every domain's table is a set of parallel Int32 columns indexed by grant ref, plus its
 * maptrack (the handles it holds on other domains' entries). Columns (core/column.ts) grow
 * twofold as the high-water mark rises, so a domain with a 16384-entry table that grants
 * 3 pages costs 32 slots.
 * Refs below the high-water mark that are not granted sit on a LIFO free list (Linux reuses
 * the most recently freed ref first); refs at or above it have never been handed out.
 */
import { columns, type Column } from '../core/column';
import { GNTTAB_NR_RESERVED_ENTRIES, GRANT_ENTRIES_PER_FRAME, grantFramesFor, limitsFor } from '../core/limits';
import { DEFAULT_XEN, type XenVersion } from '../core/xen';

// Entry flags (grant_entry_v1.flags).
export const GTF_invalid = 0;
export const GTF_permit_access = 1;
// 2 (GTF_accept_transfer) and 3 (GTF_transitive) are not modelled.
export const GTF_type_mask = 3;
/** Guest-set: the grantee may only map read-only. */
export const GTF_readonly = 1 << 2;
/** Xen-set: currently mapped (any pin). */
export const GTF_reading = 1 << 3;
/** Xen-set: currently mapped writable. */
export const GTF_writing = 1 << 4;

// Per-element status codes (GNTST_*).
export const GNTST_okay = 0;
export const GNTST_general_error = -1;
export const GNTST_bad_domain = -2;
export const GNTST_bad_gntref = -3;
export const GNTST_bad_handle = -4;
export const GNTST_no_device_space = -7;
export const GNTST_permission_denied = -8;
export const GNTST_no_space = -13;
// The model never returns the others; GNTST_NAMES names all of them.

const GNTST_NAMES: readonly string[] = [
  'GNTST_okay', 'GNTST_general_error', 'GNTST_bad_domain', 'GNTST_bad_gntref', 'GNTST_bad_handle',
  'GNTST_bad_virt_addr', 'GNTST_bad_dev_addr', 'GNTST_no_device_space', 'GNTST_permission_denied',
  'GNTST_bad_page', 'GNTST_bad_copy_arg', 'GNTST_address_too_big', 'GNTST_eagain', 'GNTST_no_space',
];

export function gntstName(code: number): string {
  return GNTST_NAMES[-code] ?? `GNTST_unknown(${code})`;
}

/** Linux gnttab_grant_foreign_access() when no free ref is left. */
export const GNTTAB_ENOSPC = -28;
/** What a grant on behalf of an unknown or dying domain returns (no such guest kernel). */
export const GNTTAB_ESRCH = -3;
/** Linux gnttab_handle_deferred(): entries retried per timer tick. */
export const DEFERRED_PER_TICK = 10;
/** Linux: "g.e. %#x still pending" after this many failed retries. */
export const DEFERRED_WARN_AFTER = 60;
/** Xen refuses a further pin once any 8-bit pin counter has its top bit set (act->pin & 0x80808080). */
export const PIN_LIMIT = 0x80;
export const NR_RESERVED = GNTTAB_NR_RESERVED_ENTRIES;

/** One domain's grant table, its maptrack and its (guest-side) deferred-free queue. */
export interface DomGnttab {
  domid: number;
  /** Current table size in entries, reserved ones included (frames x 512, at most maxNr). */
  nr: number;
  /** The most the table may grow to (max frames x 512, or a scenario's grantEntries). */
  maxNr: number;
  /** Refs >= hwm were never handed out. The columns below have at least hwm slots (0 past it). */
  hwm: number;
  /** Freed refs below hwm; the last one is reused first. */
  free: number[];
  /** Granted entries (flags type != GTF_invalid), reserved refs excluded. */
  inUse: number;
  flags: Column;
  /** grant_entry_v1.domid: the grantee. */
  gdom: Column;
  frame: Column;
  /** Xen active-entry pins: host read-only maps and host writable maps. */
  rpin: Column;
  wpin: Column;
  /** 0 = not on the deferred list; otherwise 1 + failed retries. */
  deferred: Column;
  /** Deferred-free FIFO (refs), consumed from dqHead. */
  dq: number[];
  dqHead: number;
  /** Listed in GnttabState.deferredDoms. */
  dqListed: boolean;
  /** Killed: held mappings released, only entries still mapped by others remain. */
  dying: boolean;
  /** Handles held by any domain on this table's entries. */
  foreignMaps: number;
  /** Maptrack: capacity, high-water mark, free handles (4.3: LIFO stack; 4.19: FIFO queue), handles in use. */
  mtNr: number;
  mtHwm: number;
  mtFree: number[];
  mtUsed: number;
  /** Per handle (at least mtHwm slots; past it -1, 0, 0): granter domid (-1 = handle free), ref, 1 if read-only. */
  mtDom: Column;
  mtRef: Column;
  mtRo: Column;
}

export interface GnttabState {
  /** The Xen version modelled: maptrack-full status, initial/max frames, handle reuse order. */
  xen: XenVersion;
  doms: { [domid: number]: DomGnttab };
  /** Domains whose deferred-free queue is non-empty, in the order they first deferred. */
  deferredDoms: number[];
}

export function gnttabInit(xen: XenVersion = DEFAULT_XEN): GnttabState {
  return { xen, doms: {}, deferredDoms: [] };
}

/** Maptrack handles per maptrack frame in current Xen (16-byte struct grant_mapping). */
export const MAPTRACK_PER_PAGE = 256;

/** GNTST code of a map refused because the mapper's maptrack is full: 4.3 no_device_space, 4.16+ no_space. */
export function maptrackFullStatus(xen: XenVersion): number {
  return xen === '4.3' ? GNTST_no_device_space : GNTST_no_space;
}

/**
 * A domain's table. `nrEntries` is its maximum (default: the version's max frames x 512);
 * it starts at the version's INITIAL_NR_GRANT_FRAMES (4.3: 4, now 1) and the guest grows
 * it with GNTTABOP_setup_table when it runs out (grant.ts).
 */
export function gnttabAddDomain(
  st: GnttabState, domid: number, nrEntries = limitsFor(st.xen).grantEntries,
  maptrackEntries = limitsFor(st.xen).maptrackEntries,
): void {
  if (st.doms[domid] !== undefined) throw new Error(`gnttab: domain ${domid} already exists`);
  if (!Number.isInteger(nrEntries) || nrEntries < NR_RESERVED) throw new Error(`gnttab: bad table size ${nrEntries}`);
  if (!Number.isInteger(maptrackEntries) || maptrackEntries < 0) throw new Error(`gnttab: bad maptrack size ${maptrackEntries}`);
  const [flags, gdom, frame, rpin, wpin, deferred] = columns(REFS_AT_FIRST, ENTRY_FILLS);
  const [mtDom, mtRef, mtRo] = columns(0, HANDLE_FILLS);
  const initial = Math.min(nrEntries, grantFramesFor(st.xen).initial * GRANT_ENTRIES_PER_FRAME);
  st.doms[domid] = {
    domid, nr: initial, maxNr: nrEntries, hwm: NR_RESERVED, free: [], inUse: 0,
    flags, gdom, frame, rpin, wpin, deferred,
    dq: [], dqHead: 0, dqListed: false, dying: false, foreignMaps: 0,
    mtNr: maptrackEntries, mtHwm: 0, mtFree: [], mtUsed: 0, mtDom, mtRef, mtRo,
  };
}

/** Slots a table's columns start with: the reserved refs and a few grants (they grow twofold as it does). */
const REFS_AT_FIRST = 32;
/** What a never-handed-out ref holds in flags, gdom, frame, rpin, wpin, deferred. */
export const ENTRY_FILLS = [0, 0, 0, 0, 0, 0] as const;
/** What a never-used maptrack handle holds in mtDom, mtRef, mtRo. */
export const HANDLE_FILLS = [-1, 0, 0] as const;

/** Is `ref` a granted (non-reserved, type != GTF_invalid) entry of `t`? */
export function isGranted(t: DomGnttab, ref: number): boolean {
  return Number.isInteger(ref) && ref >= NR_RESERVED && ref < t.hwm && (t.flags[ref]! & GTF_type_mask) !== GTF_invalid;
}

/** Return a granted ref to the free list (the guest CMPXCHGed flags to 0). */
export function freeRef(t: DomGnttab, ref: number): void {
  t.flags[ref] = 0;
  t.gdom[ref] = 0;
  t.frame[ref] = 0;
  t.deferred[ref] = 0;
  t.free.push(ref);
  t.inUse--;
}
