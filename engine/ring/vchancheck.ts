/**
 * vchan diagnostics: invariant checks and a way to play a misbehaving peer that
 * scribbles on the shared indices (the reader must stall, never overrun).
 */
import { segBytes, segCheck } from './bytering';
import { type Vchan, VCHAN_NOTIFY_READ, VCHAN_NOTIFY_WRITE, vchanIndices } from './vchan';
import { vchanOrdersError } from './vchanorder';

/** A misbehaving peer: overwrite a shared index (uint32). For tests and "bad peer" scenarios. */
export function vchanCorrupt<M>(v: Vchan<M>, ring: 'left' | 'right', field: 'prod' | 'cons', value: number): void {
  if (ring === 'left') {
    if (field === 'prod') v.left_prod = value >>> 0; else v.left_cons = value >>> 0;
  } else if (field === 'prod') v.right_prod = value >>> 0;
  else v.right_cons = value >>> 0;
}

/** Invariant violations ([] when sound). */
export function vchanCheck<M>(v: Vchan<M>): string[] {
  const out: string[] = [];
  const c = v;
  const err = vchanOrdersError(c.left_order, c.right_order);
  if (err) out.push(err);
  const rings = [['left', vchanIndices(v, 'left'), v.leftSize, v.leftData], ['right', vchanIndices(v, 'right'), v.rightSize, v.rightData]] as const;
  for (const [name, r, size, q] of rings) {
    const used = (r.prod - r.cons) >>> 0;
    if (used > size) out.push(`${name}: prod - cons = ${used} > size ${size}`);
    const held = segBytes(q);
    if (held !== used) out.push(`${name}: segments hold ${held} bytes, prod - cons = ${used}`);
    for (const e of segCheck(q)) out.push(`${name}: ${e}`);
  }
  for (const [name, b] of [['cli_live', c.cli_live], ['srv_live', c.srv_live]] as const) {
    if (b !== 0 && b !== 1 && b !== 2) out.push(`${name} = ${b}`);
  }
  for (const [name, b] of [['cli_notify', c.cli_notify], ['srv_notify', c.srv_notify]] as const) {
    if ((b & ~(VCHAN_NOTIFY_WRITE | VCHAN_NOTIFY_READ)) !== 0) out.push(`${name} = ${b} has unknown bits`);
  }
  return out;
}
