/**
 * The embed's postMessage protocol, version 1. Every message, both ways, is a plain
 * object `{ source: 'interdomain-playground', version: 1, type, ... }` (hostEvents.ts:
 * the constants and what the embed sends). Commands from the host page are validated
 * here with zod (zod/mini, with zod's English messages); only an embed that accepts
 * commands loads this module. Nothing host-supplied is ever evaluated or rendered as
 * HTML (scenario text goes through parseScenario and React text nodes).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MAX_SCENARIO_CHARS, SOURCE, SPEED_VALUES, VERSION } from './hostEvents';

export * from './hostEvents';

/** Longest string `id` a command may carry (the reply echoes it). */
export const MAX_ID_CHARS = 200;
const id = z.optional(z.union([z.string().check(z.maxLength(MAX_ID_CHARS)), z.number()]));
const base = { source: z.literal(SOURCE), version: z.literal(VERSION), id };
const int = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
/** A command without fields beyond `base` and `fields`. */
const command = <T extends string, F extends z.core.$ZodShape>(type: T, fields: F) => z.strictObject({ ...base, type: z.literal(type), ...fields });

export const CommandSchema = z.discriminatedUnion('type', [
  command('load', {
    scenario: z.optional(z.union([z.string().check(z.maxLength(MAX_SCENARIO_CHARS)), z.record(z.string(), z.unknown())])),
    preset: z.optional(z.string().check(z.maxLength(100))), play: z.optional(z.boolean()) })
    .check(z.refine((m) => (m.scenario === undefined) !== (m.preset === undefined), { message: 'give exactly one of scenario or preset' })),
  command('play', {}),
  command('pause', {}),
  command('step', { delta: z.optional(int(-100_000, 100_000)) }),
  command('seek', { action: z.optional(int(0, 1e9)), t: z.optional(int(0, Number.MAX_SAFE_INTEGER)) })
    .check(z.refine((m) => (m.action === undefined) !== (m.t === undefined), { message: 'give exactly one of action or t' })),
  command('setSpeed', { speed: z.number().check(z.refine((v) => (SPEED_VALUES as readonly number[]).includes(v), { message: `must be one of ${SPEED_VALUES.join(', ')}` })) }),
  command('runAction', {
    step: z.catchall(z.object({ op: z.string().check(z.maxLength(40)) }), z.unknown())
      .check(z.refine((s) => !('at' in s), { message: 'a step run at the cursor takes no "at"' })) }),
  command('getState', {}),
]);

export type HostCommand = z.infer<typeof CommandSchema>;
export const COMMAND_TYPES = ['load', 'play', 'pause', 'step', 'seek', 'setSpeed', 'runAction', 'getState'] as const;

/** zod/mini carries no messages of its own; these are classic zod's. */
const english = en().localeError;

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
    // echoed back in the error reply: a string id is cut to what a valid one may be
    const idv = typeof rec['id'] === 'string' ? rec['id'].slice(0, MAX_ID_CHARS) : typeof rec['id'] === 'number' ? rec['id'] : undefined;
    const type = typeof rec['type'] === 'string' ? Array.from(rec['type'].slice(0, 41)).slice(0, 40).join('') : undefined;
    const ctx = { ...(idv !== undefined ? { id: idv } : {}), ...(type !== undefined ? { type } : {}) };
    if (rec['source'] !== SOURCE) return { ok: false, error: `source: expected "${SOURCE}"`, ...ctx };
    if (rec['version'] !== VERSION) return { ok: false, error: `version: ${JSON.stringify(rec['version']) ?? 'missing'} is not supported (this playground speaks version ${VERSION})`, ...ctx };
    if (type === undefined || !(COMMAND_TYPES as readonly string[]).includes(type)) {
      return { ok: false, error: `type: ${type === undefined ? 'missing' : JSON.stringify(type)} is not a command (${COMMAND_TYPES.join(', ')})`, ...ctx };
    }
    const r = CommandSchema.safeParse(data, { error: english });
    if (r.success) return { ok: true, cmd: r.data };
    const issue = r.error.issues[0];
    const msg = issue ? `${issuePath(issue.path)}: ${issue.message}` : 'message: invalid';
    return { ok: false, error: msg.split('\n')[0]!.slice(0, 300), ...ctx };
  } catch {
    return { ok: false, error: 'message: could not be read' };
  }
}
