/**
 * Which events of one action travel along a diagram edge as a token: broker messages
 * between a guest and the backend, ring data writes and event-channel kicks between
 * guests, refusals and resets. Events to or from Xen or xenstore stay off the diagram.
 */
import type { TraceEvent } from '@engine/api';
import { isBad, brokerXsPath } from './chartRows';

export interface TokenSpec {
  seq: number;
  from: number;
  to: number;
  label: string;
  tone: 'cm' | 'data' | 'evtchn' | 'bad';
}

export function tokensOf(events: readonly TraceEvent[], lo: number, hi: number, backend: number): TokenSpec[] {
  const out: TokenSpec[] = [];
  for (let i = lo; i < hi && out.length < 48; i++) {
    const e = events[i];
    // the xenstore broker: xenstored runs in the backend, so its nodes travel guest <-> backend
    const path = e ? brokerXsPath(e) : null;
    if (e && path !== null && (e.op === 'XS_WRITE' || e.op === 'XS_WATCH_EVENT' || e.op === 'XS_ERROR')) {
      const guest = e.src === 'xenstore' ? e.dst : e.src;
      if (typeof guest === 'number' && guest !== backend) {
        const name = path.split('/').pop() ?? '';
        const bad = isBad(e);
        out.push(e.src === 'xenstore'
          ? { seq: e.seq, from: backend, to: guest, label: `watch ${name}`, tone: 'cm' }
          : { seq: e.seq, from: guest, to: backend, label: bad ? `✕ ${name} EACCES` : `write ${name}`, tone: bad ? 'bad' : 'cm' });
      }
      continue;
    }
    if (!e || typeof e.src !== 'number' || typeof e.dst !== 'number' || e.src === e.dst) continue;
    if (e.kind === 'cm') {
      out.push({ seq: e.seq, from: e.src, to: e.dst, label: isBad(e) ? `✕ ${e.op}` : e.op, tone: isBad(e) ? 'bad' : 'cm' });
    } else if (e.kind === 'ring' && e.op === 'write') {
      out.push({ seq: e.seq, from: e.src, to: e.dst, label: `${e.detail.bytes} B`, tone: 'data' });
    } else if (e.kind === 'evtchn' && e.op === 'pending' && e.src !== backend && e.dst !== backend) {
      out.push({ seq: e.seq, from: e.src, to: e.dst, label: '⚡ evtchn', tone: 'evtchn' });
    } else if (e.kind === 'vsock' && (e.op === 'refused' || e.op === 'reset')) {
      out.push({ seq: e.seq, from: e.src, to: e.dst, label: `✕ ${e.detail.reason}`, tone: 'bad' });
    }
  }
  return out;
}
