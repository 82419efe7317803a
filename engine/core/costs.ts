/**
 * The cost table: what each piece of work costs the vCPU that does it, in virtual µs per
 * operation or bytes per µs. One table for the whole engine; a document's `costs` object
 * overrides any of these by name (scenario-v1 1.1). The values are chosen for legibility:
 * their ratios matter more than their size, and none is a measurement of real hardware.
 */

export interface Costs {
  /** A domain's kernel taking an event-channel upcall, µs. */
  upcall: number;
  /** xenstored (in the backend domain) delivering one watch event, µs. */
  watch: number;
  /** xenstored (in the backend domain) handling one request, µs. */
  xsOp: number;
  /** The connection manager (in the backend domain) handling one message, µs. */
  cm: number;
  /** A hypercall's fixed cost to its caller (event-channel send, a V4V call), µs. */
  hypercall: number;
  /** A writer copying into a ring (and Xen copying a V4V message, on the sender's time): bytes per µs. */
  txBytesPerUs: number;
  /** A reader draining a ring: bytes per µs (about 1 GB/s). */
  rxBytesPerUs: number;
  /** Most a reader drains from one ring before its vCPU turns to the next ring's work, bytes. */
  rxBatch: number;
}

export type CostName = keyof Costs;

export const DEFAULT_COSTS: Readonly<Costs> = {
  upcall: 2,
  watch: 3,
  xsOp: 2,
  cm: 5,
  hypercall: 1,
  txBytesPerUs: 4096,
  rxBytesPerUs: 1024,
  rxBatch: 16384,
};

export const COST_NAMES = Object.keys(DEFAULT_COSTS) as CostName[];

/** Rates may be fractional; per-operation times and the batch are whole numbers. */
export const COST_IS_RATE: Readonly<Record<CostName, boolean>> = {
  upcall: false, watch: false, xsOp: false, cm: false, hypercall: false,
  txBytesPerUs: true, rxBytesPerUs: true, rxBatch: false,
};

/** Largest value any cost may take (keeps every sum of costs a safe integer). */
export const COST_MAX = 1_000_000_000;

/** The table a run uses: the defaults with the document's overrides. */
export function costsFor(overrides: Partial<Costs> | undefined): Costs {
  return { ...DEFAULT_COSTS, ...overrides };
}
