/**
 * The light half of the embed's postMessage protocol (hostProtocol.ts): its constants and
 * the events the embed sends to its host. Everything here is needed at start; the command
 * parser is not.
 */
export const SOURCE = 'interdomain-playground';
export const VERSION = 1;
/** Largest scenario a host may send as a string: the format's document limit (SCENARIO_LIMITS.documentBytes; parseScenario checks the bytes, and an object's size). */
export const MAX_SCENARIO_CHARS = 2 * 1024 * 1024;
export const SPEED_VALUES = [0.25, 0.5, 1, 2, 4, 8] as const;

/** Events the embed sends to its host. */
export interface StateInfo {
  cursor: number; last: number; t: number; seq: number; events: number; playing: boolean; speed: number;
  title: string; presetId: string | null;
}
export type OutEvent =
  | { type: 'ready'; accepting: boolean; origins: string[]; reason: string | null; presets: string[]; state: StateInfo | null }
  | ({ type: 'state' } & StateInfo)
  | { type: 'trace'; cursor: number; from: number; to: number; events: unknown[]; dropped: number }
  | { type: 'error'; error: string; id?: string | number; request?: string }
  | { type: 'ok'; request: string; id?: string | number }
  | { type: 'size'; height: number };

export function envelope(e: OutEvent): Record<string, unknown> {
  return { source: SOURCE, version: VERSION, ...e };
}

/** True for our own outgoing events (a host page that is itself an embed must not loop). */
export function isOurEvent(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const r = data as Record<string, unknown>;
  return r['source'] === SOURCE && typeof r['type'] === 'string' && ['ready', 'state', 'trace', 'error', 'ok', 'size'].includes(r['type']);
}
