/**
 * unpackDoc off the main thread: a Web Worker (unpackWorker.ts) decodes and validates the
 * link, so the page keeps answering whatever the link holds, and is ended if it takes
 * longer than `timeoutMs`. Where there is no Worker (tests, the runner) or it cannot start,
 * the same function runs here (its caps still bound the work).
 */
import { unpackDoc, type Unpacked } from './unpack';

/** A worker that has not answered by then is ended, and the link refused. */
const TIMEOUT_MS = 20_000;

export function unpackOffThread(packed: string, label = 'share link', timeoutMs = TIMEOUT_MS): Promise<Unpacked> {
  if (typeof Worker === 'undefined') return Promise.resolve(unpackDoc(packed, label));
  let w: Worker;
  try {
    w = new Worker(new URL('./unpackWorker.ts', import.meta.url));
  } catch {
    return Promise.resolve(unpackDoc(packed, label));
  }
  return new Promise((resolve) => {
    const done = (r: Unpacked) => { clearTimeout(timer); w.terminate(); resolve(r); };
    const timer = setTimeout(() => done({ ok: false, error: `${label}: could not be decoded in ${timeoutMs / 1000} s (the link is too costly to unpack)` }), timeoutMs);
    w.onmessage = (e: MessageEvent<Unpacked>) => done(e.data);
    // the worker's script could not load (offline with an old cache): decode here instead
    w.onerror = () => done(unpackDoc(packed, label));
    w.postMessage({ packed, label });
  });
}
