/** URL fragments and queries as key=value pairs (no lz-string: the first screen reads them). */

/**
 * key=value pairs of a URL fragment or query, split by hand: URLSearchParams would
 * turn the '+' of the packed alphabet into a space.
 */
export function parseFragment(hash: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = hash.replace(/^[#?]/, '');
  if (!body) return out;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    let v = eq < 0 ? '' : part.slice(eq + 1);
    try { v = decodeURIComponent(v); } catch { /* keep the raw text; the decoder names the problem */ }
    if (k && !out.has(k)) out.set(k, v);
  }
  return out;
}
