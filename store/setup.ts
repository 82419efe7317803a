/** How long each connection took to set up (connect → connected), from the recorded trace. */
import type { Timeline } from '@engine/api';

export function setupTimes(tl: Timeline): Map<number, number> {
  const asked = new Map<number, number>();
  const out = new Map<number, number>();
  for (const e of tl.events) {
    if (e.kind !== 'vsock') continue;
    if (e.op === 'connect') asked.set(e.detail.sock, e.t);
    else if (e.op === 'connected' && e.detail.role === 'client') {
      const t0 = asked.get(e.detail.sock);
      if (t0 !== undefined) out.set(e.detail.sock, e.t - t0);
    }
  }
  return out;
}
