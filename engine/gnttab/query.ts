/** Read-only views of the grant tables and the invariant checker. */
import { GRANT_ENTRIES_PER_FRAME } from '../core/limits';
import {
  GTF_readonly, GTF_reading, GTF_type_mask, GTF_writing, NR_RESERVED,
} from './types';
import type { GnttabState } from './types';

/** Granted entries of `domid` (reserved refs excluded; deferred ones count: they are still granted). */
export function grantsInUse(st: GnttabState, domid: number): number {
  return st.doms[domid]?.inUse ?? 0;
}

/** Usable refs the table may grow to: its maximum size minus the 8 reserved. */
export function grantCapacity(st: GnttabState, domid: number): number {
  const t = st.doms[domid];
  return t === undefined ? 0 : t.maxNr - NR_RESERVED;
}

/** What GNTTABOP_query_size answers (without the trace event): current and maximum frames. */
export function grantFrames(st: GnttabState, domid: number): { nrFrames: number; maxNrFrames: number } | null {
  const t = st.doms[domid];
  if (t === undefined) return null;
  return { nrFrames: Math.ceil(t.nr / GRANT_ENTRIES_PER_FRAME), maxNrFrames: Math.ceil(t.maxNr / GRANT_ENTRIES_PER_FRAME) };
}

/** Foreign grants `domid` holds mapped (its maptrack handles in use). */
export function mappingsHeld(st: GnttabState, domid: number): number {
  return st.doms[domid]?.mtUsed ?? 0;
}

/** Mappings by any domain of `domid`'s granted pages. A dying domain lingers while this is > 0. */
export function foreignMappingsOf(st: GnttabState, domid: number): number {
  return st.doms[domid]?.foreignMaps ?? 0;
}

/** Killed but still referenced through foreign mappings of its pages. */
export function gnttabIsDying(st: GnttabState, domid: number): boolean {
  return st.doms[domid]?.dying ?? false;
}

export interface GrantEntryView {
  ref: number; domid: number; flags: number; frame: number; readonly: boolean; mapped: boolean;
  readPins: number; writePins: number; deferred: boolean;
}

/** Granted entries of `domid`, ascending ref, for an inspector. */
export function grantEntriesView(st: GnttabState, domid: number): GrantEntryView[] {
  const t = st.doms[domid];
  const out: GrantEntryView[] = [];
  if (t === undefined) return out;
  for (let ref = NR_RESERVED; ref < t.hwm; ref++) {
    const flags = t.flags[ref]!;
    if ((flags & GTF_type_mask) === 0) continue;
    out.push({
      ref, domid: t.gdom[ref]!, flags, frame: t.frame[ref]!, readonly: (flags & GTF_readonly) !== 0,
      mapped: (flags & (GTF_reading | GTF_writing)) !== 0, readPins: t.rpin[ref]!, writePins: t.wpin[ref]!,
      deferred: t.deferred[ref] !== 0,
    });
  }
  return out;
}

/** Invariant violations (empty when the state is consistent). Scans everything: for tests. */
export function gnttabCheck(st: GnttabState): string[] {
  const bad: string[] = [];
  const ids = Object.keys(st.doms).map(Number);
  // Pins and foreign-map counts recomputed from every maptrack.
  const rp: { [d: number]: number[] } = {};
  const wp: { [d: number]: number[] } = {};
  const fm: { [d: number]: number } = {};
  for (const d of ids) {
    const t = st.doms[d]!;
    rp[d] = new Array<number>(t.hwm).fill(0);
    wp[d] = new Array<number>(t.hwm).fill(0);
    fm[d] = 0;
  }
  for (const d of ids) {
    const t = st.doms[d]!;
    if (t.domid !== d) bad.push(`dom ${d}: record says domid ${t.domid}`);
    if (t.nr > t.maxNr || (!t.dying && t.hwm > t.nr)) bad.push(`dom ${d}: hwm ${t.hwm}, size ${t.nr}, max ${t.maxNr}`);
    let used = 0;
    for (let h = 0; h < t.mtHwm; h++) {
      const gd = t.mtDom[h]!;
      if (gd === -1) continue;
      used++;
      const g = st.doms[gd];
      const ref = t.mtRef[h]!;
      if (g === undefined) { bad.push(`dom ${d} handle ${h}: granter ${gd} does not exist`); continue; }
      if (ref < NR_RESERVED || ref >= g.hwm || (g.flags[ref]! & GTF_type_mask) === 0) {
        bad.push(`dom ${d} handle ${h}: maps revoked/ungranted entry ${gd}:${ref}`);
        continue;
      }
      if (g.gdom[ref] !== d) bad.push(`dom ${d} handle ${h}: entry ${gd}:${ref} is granted to ${g.gdom[ref]}`);
      if (t.mtRo[h] === 1) rp[gd]![ref]!++;
      else wp[gd]![ref]!++;
      fm[gd]!++;
    }
    if (used !== t.mtUsed) bad.push(`dom ${d}: mtUsed ${t.mtUsed} but ${used} handles in use`);
    if (used > t.mtNr) bad.push(`dom ${d}: ${used} handles exceed maptrack size ${t.mtNr}`);
    const seenH = new Array<number>(t.mtHwm).fill(0);
    for (const h of t.mtFree) {
      if (h < 0 || h >= t.mtHwm) { bad.push(`dom ${d}: free handle ${h} out of range`); continue; }
      if (seenH[h]) bad.push(`dom ${d}: handle ${h} twice on the free list`);
      seenH[h] = 1;
      if (t.mtDom[h] !== -1) bad.push(`dom ${d}: handle ${h} both free and in use`);
    }
    if (t.mtFree.length + t.mtUsed !== t.mtHwm) bad.push(`dom ${d}: handles free ${t.mtFree.length} + used ${t.mtUsed} != ${t.mtHwm}`);
  }
  const listed: { [d: number]: number } = {};
  for (const d of st.deferredDoms) {
    if (listed[d]) bad.push(`dom ${d} listed twice as deferring`);
    listed[d] = 1;
    if (st.doms[d] === undefined) bad.push(`deferring dom ${d} does not exist`);
  }
  for (const d of ids) {
    const t = st.doms[d]!;
    if (t.hwm > t.nr) bad.push(`dom ${d}: hwm ${t.hwm} beyond table size ${t.nr}`);
    let granted = 0;
    let deferred = 0;
    for (let ref = 0; ref < t.hwm; ref++) {
      const f = t.flags[ref]!;
      const r = t.rpin[ref]!;
      const w = t.wpin[ref]!;
      if ((f & GTF_type_mask) !== 0) {
        if (ref < NR_RESERVED) bad.push(`dom ${d}: reserved ref ${ref} granted`);
        else granted++;
      } else if (f !== 0) bad.push(`dom ${d} ref ${ref}: ungranted entry has flags ${f}`);
      if (r !== rp[d]![ref] || w !== wp[d]![ref]) {
        bad.push(`dom ${d} ref ${ref}: pins r${r}/w${w} but handles r${rp[d]![ref]}/w${wp[d]![ref]}`);
      }
      if (((f & GTF_reading) !== 0) !== (r + w > 0)) bad.push(`dom ${d} ref ${ref}: GTF_reading disagrees with pins`);
      if (((f & GTF_writing) !== 0) !== (w > 0)) bad.push(`dom ${d} ref ${ref}: GTF_writing disagrees with pins`);
      if (t.deferred[ref] !== 0) {
        deferred++;
        if ((f & GTF_type_mask) === 0) bad.push(`dom ${d} ref ${ref}: deferred but not granted`);
      }
      if (t.dying && (f & GTF_type_mask) !== 0 && r + w === 0) bad.push(`dom ${d} ref ${ref}: dying table keeps unmapped entry`);
    }
    if (granted !== t.inUse) bad.push(`dom ${d}: inUse ${t.inUse} but ${granted} entries granted`);
    if (fm[d] !== t.foreignMaps) bad.push(`dom ${d}: foreignMaps ${t.foreignMaps} but ${fm[d]} handles map it`);
    const seen = new Array<number>(t.hwm).fill(0);
    for (const ref of t.free) {
      if (ref < NR_RESERVED || ref >= t.hwm) { bad.push(`dom ${d}: free ref ${ref} out of range`); continue; }
      if (seen[ref]) bad.push(`dom ${d}: ref ${ref} twice on the free list`);
      seen[ref] = 1;
      if (t.flags[ref] !== 0) bad.push(`dom ${d}: ref ${ref} both free and granted`);
    }
    if (!t.dying && t.free.length + t.inUse !== t.hwm - NR_RESERVED) {
      bad.push(`dom ${d}: free ${t.free.length} + granted ${t.inUse} != ${t.hwm - NR_RESERVED} refs handed out`);
    }
    if (t.dying && (t.mtUsed !== 0 || t.foreignMaps === 0)) bad.push(`dom ${d}: dying with maptrack ${t.mtUsed}, foreign ${t.foreignMaps}`);
    if (deferred !== t.dq.length - t.dqHead) bad.push(`dom ${d}: ${deferred} refs marked deferred, queue holds ${t.dq.length - t.dqHead}`);
    for (let i = t.dqHead; i < t.dq.length; i++) {
      if (t.deferred[t.dq[i]!] === 0) bad.push(`dom ${d}: queued ref ${t.dq[i]} not marked deferred`);
    }
    if (t.dqListed !== (listed[d] === 1)) bad.push(`dom ${d}: dqListed ${t.dqListed} disagrees with deferredDoms`);
    if (t.dq.length > t.dqHead && !t.dqListed) bad.push(`dom ${d}: deferred entries but not listed`);
  }
  return bad;
}
