/**
 * vchan ring orders (tools/libs/vchan/init.c). Order 10 = 1 KiB ring inside the
 * control page at offset 1024, 11 = 2 KiB at offset 2048, 12..20 = 2^(order-12)
 * separately granted pages. The client rejects orders outside 10..20 and equal orders
 * below 12 (both rings would sit at the same in-page offset).
 */
export const VCHAN_MIN_ORDER = 10;
export const VCHAN_MAX_ORDER = 20;
export const VCHAN_PAGE_SHIFT = 12;
/** Largest ring: 1 MiB. */
export const VCHAN_MAX_RING = 1 << VCHAN_MAX_ORDER;

/** Smallest order in 10..20 whose ring holds `minBytes`. Throws RangeError above 1 MiB. */
export function vchanOrderFor(minBytes: number): number {
  if (!(minBytes >= 0) || minBytes > VCHAN_MAX_RING) throw new RangeError(`vchanOrderFor: ${minBytes} bytes`);
  let o = VCHAN_MIN_ORDER;
  while (2 ** o < minBytes) o++;
  return o;
}

/** `min_order`: smallest page-backed order (>= 12) holding `bytes`. */
function minPageOrder(bytes: number): number {
  let o = VCHAN_PAGE_SHIFT;
  while (2 ** o < bytes) o++;
  return o;
}

/**
 * `libxenvchan_server_init` order choice: in-page rings (10 and 11, never both the
 * same) when the minimums fit, otherwise the smallest page order. null if a minimum
 * exceeds 1 MiB (the server refuses).
 */
export function vchanServerOrders(leftMin: number, rightMin: number): { left: number; right: number } | null {
  if (leftMin > VCHAN_MAX_RING || rightMin > VCHAN_MAX_RING) return null;
  let left = minPageOrder(leftMin);
  let right = minPageOrder(rightMin);
  const small = 1 << VCHAN_MIN_ORDER;
  const large = 1 << (VCHAN_MIN_ORDER + 1);
  if (leftMin <= small && rightMin <= large) { left = 10; right = 11; }
  else if (leftMin <= large && rightMin <= small) { left = 11; right = 10; }
  else if (leftMin <= large) left = 11;
  else if (rightMin <= large) right = 11;
  return { left, right };
}

/** Grant pages one ring needs besides the control page (0 for in-page orders 10 and 11). */
export function vchanPages(order: number): number {
  return order >= VCHAN_PAGE_SHIFT ? 2 ** (order - VCHAN_PAGE_SHIFT) : 0;
}

/** Why the real client would reject this pair of orders, or null if it accepts them. */
export function vchanOrdersError(leftOrder: number, rightOrder: number): string | null {
  // Checked one after the other, not by looping over pairs: every ring set-up calls this.
  const bad = (o: number) => !Number.isInteger(o) || o < VCHAN_MIN_ORDER || o > VCHAN_MAX_ORDER;
  if (bad(leftOrder)) return `left_order ${leftOrder} outside ${VCHAN_MIN_ORDER}..${VCHAN_MAX_ORDER}`;
  if (bad(rightOrder)) return `right_order ${rightOrder} outside ${VCHAN_MIN_ORDER}..${VCHAN_MAX_ORDER}`;
  if (leftOrder === rightOrder && leftOrder < VCHAN_PAGE_SHIFT) {
    return `equal in-page orders ${leftOrder} would share one buffer`;
  }
  return null;
}
