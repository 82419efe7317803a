/**
 * Where domains go on the diagram: the backend (dom0) top centre, guests on a
 * lower arc (so a ring edge between any two guests is a chord that misses the
 * others), Xen as a band underneath everything.
 */
export const NODE_W = 196;
export const BACKEND_W = 260;
export const XEN_H = 44;

export interface Placed { id: number; x: number; y: number }

export function layoutDomains(backend: number, guests: readonly number[]): { placed: Placed[]; width: number; xenY: number } {
  const n = guests.length;
  if (n > 10) return layoutGrid(backend, guests);
  // guests evenly spaced across (never overlapping), lower towards the middle
  const rx = n <= 2 ? 220 : Math.max(300, ((NODE_W + 44) * (n - 1)) / 2);
  const ry = n <= 2 ? 0 : Math.min(220, 40 + 30 * n);
  const cx = rx + NODE_W / 2;
  const top = 0;
  // room under the backend (it grows with its listening ports) for the xenbus labels
  const cy = 250;
  const placed: Placed[] = [{ id: backend, x: cx - BACKEND_W / 2, y: top }];
  guests.forEach((id, i) => {
    // from the left to the right, passing under the backend
    const f = n === 1 ? 0.5 : i / (n - 1);
    const x = cx - rx + 2 * rx * f - NODE_W / 2;
    const y = cy + ry * Math.sin(Math.PI * f);
    placed.push({ id, x: Math.round(x), y: Math.round(y) });
  });
  const width = 2 * rx + NODE_W;
  const xenY = cy + ry + 175;
  return { placed, width, xenY };
}

/** Many guests: a grid under the backend (ring chords may cross; the inspector lists them). */
function layoutGrid(backend: number, guests: readonly number[]): { placed: Placed[]; width: number; xenY: number } {
  const cols = Math.ceil(Math.sqrt(guests.length * 2));
  const gx = NODE_W + 60, gy = 190;
  const width = cols * gx;
  const placed: Placed[] = [{ id: backend, x: width / 2 - BACKEND_W / 2, y: 0 }];
  guests.forEach((id, i) => placed.push({ id, x: (i % cols) * gx, y: 240 + Math.floor(i / cols) * gy }));
  const rows = Math.ceil(guests.length / cols);
  return { placed, width, xenY: 240 + rows * gy + 20 };
}
