/**
 * The embed's postMessage protocol, version 1. Every message, both ways, is a plain
 * object `{ source: 'interdomain-playground', version: 1, type, ... }`. Commands from
 * the host page are validated here with zod; nothing host-supplied is ever evaluated
 * or rendered as HTML (scenario text goes through parseScenario and React text nodes).
 */
import { z } from 'zod';

export const SOURCE = 'interdomain-playground';
export const VERSION = 1;
/** Largest scenario a host may send as a string (the same cap as file import). */
export const MAX_SCENARIO_CHARS = 4 * 1024 * 1024;
export const SPEED_VALUES = [0.25, 0.5, 1, 2, 4, 8] as const;

const id = z.union([z.string().max(200), z.number().finite()]).optional();
const base = { source: z.literal(SOURCE), version: z.literal(VERSION), id };

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('load'),
    scenario: z.union([z.string().max(MAX_SCENARIO_CHARS), z.record(z.string(), z.unknown())]).optional(),
    preset: z.string().max(100).optional(), play: z.boolean().optional() }).strict()
    .refine((m) => (m.scenario === undefined) !== (m.preset === undefined), { message: 'give exactly one of scenario or preset' }),
  z.object({ ...base, type: z.literal('play') }).strict(),
  z.object({ ...base, type: z.literal('pause') }).strict(),
  z.object({ ...base, type: z.literal('step'), delta: z.number().int().min(-100_000).max(100_000).optional() }).strict(),
  z.object({ ...base, type: z.literal('seek'),
    action: z.number().int().min(0).max(1e9).optional(), t: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict()
    .refine((m) => (m.action === undefined) !== (m.t === undefined), { message: 'give exactly one of action or t' }),
  z.object({ ...base, type: z.literal('setSpeed'), speed: z.number().refine((v) => (SPEED_VALUES as readonly number[]).includes(v), { message: `must be one of ${SPEED_VALUES.join(', ')}` }) }).strict(),
  z.object({ ...base, type: z.literal('runAction'),
    step: z.object({ op: z.string().max(40) }).catchall(z.unknown()).refine((s) => !('at' in s), { message: 'a step run at the cursor takes no "at"' }) }).strict(),
  z.object({ ...base, type: z.literal('getState') }).strict(),
]);

export type HostCommand = z.infer<typeof CommandSchema>;
export const COMMAND_TYPES = ['load', 'play', 'pause', 'step', 'seek', 'setSpeed', 'runAction', 'getState'] as const;

export type Parsed = { ok: true; cmd: HostCommand } | { ok: false; error: string; id?: string | number; type?: string };

function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || 'message';
}

/** One readable line for whatever arrived: `path: message`. Never throws. */
export function parseHostMessage(data: unknown): Parsed {
  try {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'message: expected an object { source, version, type, ... }' };
    const rec = data as Record<string, unknown>;
    const idv = typeof rec['id'] === 'string' || typeof rec['id'] === 'number' ? (rec['id'] as string | number) : undefined;
    const type = typeof rec['type'] === 'string' ? rec['type'].slice(0, 40) : undefined;
    const ctx = { ...(idv !== undefined ? { id: idv } : {}), ...(type !== undefined ? { type } : {}) };
    if (rec['source'] !== SOURCE) return { ok: false, error: `source: expected "${SOURCE}"`, ...ctx };
    if (rec['version'] !== VERSION) return { ok: false, error: `version: ${JSON.stringify(rec['version']) ?? 'missing'} is not supported (this playground speaks version ${VERSION})`, ...ctx };
    if (type === undefined || !(COMMAND_TYPES as readonly string[]).includes(type)) {
      return { ok: false, error: `type: ${type === undefined ? 'missing' : JSON.stringify(type)} is not a command (${COMMAND_TYPES.join(', ')})`, ...ctx };
    }
    const r = CommandSchema.safeParse(data);
    if (r.success) return { ok: true, cmd: r.data };
    const issue = r.error.issues[0];
    const msg = issue ? `${issuePath(issue.path)}: ${issue.message}` : 'message: invalid';
    return { ok: false, error: msg.split('\n')[0]!.slice(0, 300), ...ctx };
  } catch {
    return { ok: false, error: 'message: could not be read' };
  }
}

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
  | { type: 'ok'; request: string; id?: string | number };

export function envelope(e: OutEvent): Record<string, unknown> {
  return { source: SOURCE, version: VERSION, ...e };
}

/** True for our own outgoing events (a host page that is itself an embed must not loop). */
export function isOurEvent(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const r = data as Record<string, unknown>;
  return r['source'] === SOURCE && typeof r['type'] === 'string' && ['ready', 'state', 'trace', 'error', 'ok'].includes(r['type']);
}
