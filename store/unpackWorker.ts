/**
 * The share-link decoder's worker: decoding, JSON parsing and validating an untrusted
 * link (up to 400,000 packed characters, 2 MB of text) happen here, off the page's main
 * thread. One message in ({ packed, label }), one answer out (an Unpacked).
 */
import { unpackDoc } from './unpack';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<{ packed: string; label: string }>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => {
  let r;
  try { r = unpackDoc(String(e.data.packed), String(e.data.label)); } catch (err) {
    r = { ok: false, error: `${String(e.data.label)}: could not be decoded (${String(err).split('\n')[0]})` };
  }
  scope.postMessage(r);
};
