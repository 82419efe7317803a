/**
 * Malformed documents, table-driven: each gives exactly one expected line. Inputs are JSON
 * text (string) or decoded values.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';
import { SPEC_EXAMPLE, withSteps, withTop } from './fixtures';

const J = (v: unknown) => JSON.stringify(v);
const L = { at: 0, op: 'listen', dom: 2, port: 5432 };
const C = { at: 100, op: 'connect', dom: 1, cid: 2, port: 5432, as: 'q' };
const S = { at: 500, op: 'send', conn: 'q', bytes: 8192 };
const B = { id: 0, name: 'dom0', role: 'backend' };
const LIMITS = 'grantEntries, maptrackEntries, eventChannels, ringPages, v4vRingBytes, v4vPendingPerRing, xenstoreNodes, xenstoreWatches, xenstoreTransactions';
const OPS = 'listen, connect, send, close, allow, deny, flood, shutdown-ring, migrate, crash, bypass, add-domain, remove-domain, xenstore';
const LISTEN_FIELDS = 'at, op, dom, port, note';
/** The spec example's text with one raw fragment substituted (for numbers JSON.stringify cannot write). */
const text = (from: string, to: string) => J(SPEC_EXAMPLE).replace(from, to);
const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const U32 = 'expected an integer from 0 to 4294967295';
const DOMID = 'expected a domain id, an integer from 0 to 32751';
const NNI = 'expected a non-negative safe integer';
const NOTE = 'expected a string of at most 1000 characters, or an object keyed by "connection-manager" or "xenstore" or "v4v"';

// [label, input, path, exact error]
const CASES: [string, unknown, string, string][] = [
  // --- not a document at all
  ['empty string', '', 'document', 'document: empty (expected a JSON object)'],
  ['whitespace only', ' \n\t ', 'document', 'document: empty (expected a JSON object)'],
  ['non-JSON text', 'not json', 'document', `document: not valid JSON (Unexpected token 'o', "not json" is not valid JSON)`],
  ['truncated JSON', '{"format": ', 'document', 'document: not valid JSON (Unexpected end of JSON input)'],
  ['JSON error with a newline in the quoted source', '{"a":\n x}', 'document', `document: not valid JSON (Unexpected token 'x', "{"a":  x}" is not valid JSON)`],
  ['null value', null, 'document', 'document: expected a JSON object, got null'],
  ['null text', 'null', 'document', 'document: expected a JSON object, got null'],
  ['undefined', undefined, 'document', 'document: expected a JSON object, got nothing'],
  ['array', [SPEC_EXAMPLE], 'document', 'document: expected a JSON object, got an array'],
  ['array text', '[]', 'document', 'document: expected a JSON object, got an array'],
  ['number text', '42', 'document', 'document: expected a JSON object, got a number'],
  ['string text', '"hi"', 'document', 'document: expected a JSON object, got a string'],
  // --- format, version, scalars
  ['empty object', {}, 'format', 'format: required'],
  ['wrong format', withTop({ format: 'interdomain' }), 'format', 'format: expected "interdomain-scenario", got "interdomain"'],
  ['format in __proto__ only', '{"__proto__": {"format": "interdomain-scenario"}}', 'format', 'format: required'],
  ['version 2', withTop({ version: 2 }), 'version', 'version: expected 1, got 2'],
  ['version as string', withTop({ version: '1' }), 'version', 'version: expected 1, got "1"'],
  ['missing version', withTop({ version: undefined }), 'version', 'version: required'],
  ['title not a string', withTop({ title: 5 }), 'title', 'title: expected a string of at most 200 characters, got 5'],
  ['description too long', withTop({ description: 'a'.repeat(4001) }), 'description', `description: expected a string of at most 4000 characters, got "${'a'.repeat(40)}…"`],
  ['missing seed', withTop({ seed: undefined }), 'seed', 'seed: required'],
  ['fractional seed', withTop({ seed: 1.5 }), 'seed', 'seed: expected a safe integer, got 1.5'],
  ['seed 2^53', text('"seed":7', '"seed":9007199254740992'), 'seed', 'seed: expected a safe integer, got 9007199254740992'],
  ['seed 1e400', text('"seed":7', '"seed":1e400'), 'seed', 'seed: expected a safe integer, got a number too large to represent'],
  ['seed as string', withTop({ seed: '7' }), 'seed', 'seed: expected a safe integer, got "7"'],
  ['seed deeply nested array', withTop({ seed: deep(100_000) }), 'seed', 'seed: expected a safe integer, got an array'],
  ['unknown transport', withTop({ transport: 'tcp' }), 'transport', 'transport: expected "vsock" or "v4v", got "tcp"'],
  ['missing transport', withTop({ transport: undefined }), 'transport', 'transport: required'],
  ['unknown v4vMode', withTop({ v4vMode: 'v5v' }), 'v4vMode', 'v4vMode: expected "v4v" or "argo", got "v5v"'],
  ['unknown broker', withTop({ broker: 'cm' }), 'broker', 'broker: expected "connection-manager" or "xenstore", got "cm"'],
  ['xsm as string', withTop({ xsm: 'yes' }), 'xsm', 'xsm: expected true or false, got "yes"'],
  // --- limits
  ['limits as array', withTop({ limits: [] }), 'limits', 'limits: expected an object, got an array'],
  ['unknown limit key', withTop({ limits: { grants: 64 } }), 'limits.grants', `limits.grants: unknown limit (known: ${LIMITS})`],
  ['__proto__ limit key', text('"limits":{', '"limits":{"__proto__":{"grantEntries":1},'), 'limits.__proto__', `limits.__proto__: unknown limit (known: ${LIMITS})`],
  ['grantEntries below reserved', withTop({ limits: { grantEntries: 8 } }), 'limits.grantEntries', 'limits.grantEntries: expected an integer from 9 to 1048576, got 8'],
  ['ringPages 0', withTop({ limits: { ringPages: 0 } }), 'limits.ringPages', 'limits.ringPages: expected an integer from 1 to 256, got 0'],
  ['ringPages 257', withTop({ limits: { ringPages: 257 } }), 'limits.ringPages', 'limits.ringPages: expected an integer from 1 to 256, got 257'],
  ['eventChannels 1', withTop({ limits: { eventChannels: 1 } }), 'limits.eventChannels', 'limits.eventChannels: expected an integer from 2 to 131072, got 1'],
  ['backlog is not a limit', withTop({ limits: { backlog: 1 } }), 'limits.backlog', 'limits.backlog: unknown limit (known: grantEntries, maptrackEntries, eventChannels, ringPages, v4vRingBytes, v4vPendingPerRing, xenstoreNodes, xenstoreWatches, xenstoreTransactions)'],
  // --- domains
  ['missing domains', withTop({ domains: undefined }), 'domains', 'domains: required'],
  ['domains empty', withTop({ domains: [] }), 'domains', 'domains: expected at least 1 domain, got an empty array'],
  ['domains as object', withTop({ domains: { 0: B } }), 'domains', 'domains: expected an array of domains, got an object'],
  ['501 domains', withTop({ domains: Array.from({ length: 501 }, (_, i) => ({ id: i, name: 'd', ...(i === 0 ? { role: 'backend' } : {}) })) }), 'domains', 'domains: too many domains: 501 (at most 500)'],
  ['bidi override in a name', withTop({ domains: [B, { id: 1, name: 'web\u202Etxt' }] }), 'domains[1].name', 'domains[1].name: contains the bidi control U+202E at position 3, which would show the text reordered, got "web\\u202etxt"'],
  ['duplicate domain id', withTop({ domains: [{ ...B, id: 1 }, { id: 1, name: 'web' }] }), 'domains[1].id', 'domains[1].id: duplicate domain id 1'],
  ['domain id 32752', withTop({ domains: [B, { id: 32752, name: 'x' }] }), 'domains[1].id', `domains[1].id: ${DOMID}, got 32752`],
  ['domain id negative', withTop({ domains: [B, { id: -1, name: 'x' }] }), 'domains[1].id', `domains[1].id: ${DOMID}, got -1`],
  ['domain id fractional', withTop({ domains: [B, { id: 1.5, name: 'x' }] }), 'domains[1].id', `domains[1].id: ${DOMID}, got 1.5`],
  ['domain id as string', withTop({ domains: [B, { id: '1', name: 'x' }] }), 'domains[1].id', `domains[1].id: ${DOMID}, got "1"`],
  ['domain name empty', withTop({ domains: [B, { id: 1, name: '' }] }), 'domains[1].name', 'domains[1].name: expected a non-empty string of at most 64 characters, got ""'],
  ['domain name 65 chars', withTop({ domains: [B, { id: 1, name: 'n'.repeat(65) }] }), 'domains[1].name', `domains[1].name: expected a non-empty string of at most 64 characters, got "${'n'.repeat(40)}…"`],
  ['domain name missing', withTop({ domains: [B, { id: 1 }] }), 'domains[1].name', 'domains[1].name: required'],
  ['unknown role', withTop({ domains: [B, { id: 1, name: 'w', role: 'admin' }] }), 'domains[1].role', 'domains[1].role: expected "backend" or "guest", got "admin"'],
  ['two backends', withTop({ domains: [B, { id: 1, name: 'w', role: 'backend' }] }), 'domains[1].role', 'domains[1].role: a second backend (domains[0] is already the backend; exactly one is allowed)'],
  ['no backend', withTop({ domains: [{ id: 1, name: 'w' }, { id: 2, name: 'db' }] }), 'domains', 'domains: no domain has role "backend" (exactly one must)'],
  ['domain as string', withTop({ domains: [B, 'web'] }), 'domains[1]', 'domains[1]: expected an object, got "web"'],
  ['unknown domain field', withTop({ domains: [B, { id: 1, name: 'w', cid: 1 }] }), 'domains[1].cid', 'domains[1].cid: unknown field (known: id, name, role, privileged, vcpus)'],
  ['privileged as string', withTop({ domains: [B, { id: 1, name: 'w', privileged: 'no' }] }), 'domains[1].privileged', 'domains[1].privileged: expected true or false, got "no"'],
  // --- policy
  ['policy default maybe', withTop({ policy: { default: 'maybe' } }), 'policy.default', 'policy.default: expected "allow" or "deny", got "maybe"'],
  ['policy rule to undeclared', withTop({ policy: { allow: [{ from: 1, to: 9 }] } }), 'policy.allow[0].to', 'policy.allow[0].to: undeclared domain 9'],
  ['policy allow as object', withTop({ policy: { allow: {} } }), 'policy.allow', 'policy.allow: expected an array of rules, got an object'],
  ['policy unknown field', withTop({ policy: { deny: [] } }), 'policy.deny', 'policy.deny: unknown field (known: default, allow)'],
  ['policy rule port negative', withTop({ policy: { allow: [{ from: 1, to: 2, port: -1 }] } }), 'policy.allow[0].port', `policy.allow[0].port: ${U32}, got -1`],
  ['policy rule missing from', withTop({ policy: { allow: [{ to: 2 }] } }), 'policy.allow[0].from', 'policy.allow[0].from: required'],
  // --- steps: container and op
  ['missing steps', withTop({ steps: undefined }), 'steps', 'steps: required'],
  ['steps as object', withTop({ steps: {} }), 'steps', 'steps: expected an array of steps, got an object'],
  ['10001 steps', withSteps(Array.from({ length: 10_001 }, () => L)), 'steps', 'steps: too many steps: 10001 (at most 10000)'],
  ['null step', withSteps([null]), 'steps[0]', 'steps[0]: expected a step object, got null'],
  ['array step', withSteps([[L]]), 'steps[0]', 'steps[0]: expected a step object, got an array'],
  ['missing op', withSteps([{ at: 0, dom: 2 }]), 'steps[0].op', `steps[0].op: required (one of ${OPS})`],
  ['op not a string', withSteps([{ at: 0, op: 5 }]), 'steps[0].op', 'steps[0].op: expected a string naming the op, got 5'],
  ['unknown op', withSteps([{ at: 0, op: 'teleport' }]), 'steps[0].op', 'steps[0].op: unknown op "teleport"'],
  ['unknown op with a newline', withSteps([{ at: 0, op: 'tele\nport' }]), 'steps[0].op', 'steps[0].op: unknown op "tele\\nport"'],
  ['very long unknown op', withSteps([{ at: 0, op: 'x'.repeat(5000) }]), 'steps[0].op', `steps[0].op: unknown op "${'x'.repeat(40)}…"`],
  // --- steps: at
  ['missing at', withSteps([{ op: 'listen', dom: 2, port: 1 }]), 'steps[0].at', 'steps[0].at: required for op "listen"'],
  ['negative at', withSteps([{ ...L, at: -1 }]), 'steps[0].at', `steps[0].at: ${NNI}, got -1`],
  ['fractional at', withSteps([{ ...L, at: 0.5 }]), 'steps[0].at', `steps[0].at: ${NNI}, got 0.5`],
  ['at 2^53', text('"at":500', '"at":9007199254740992'), 'steps[2].at', `steps[2].at: ${NNI}, got 9007199254740992`],
  ['at 1e400', text('"at":500', '"at":1e400'), 'steps[2].at', `steps[2].at: ${NNI}, got a number too large to represent`],
  ['at as string', withSteps([{ ...L, at: '0' }]), 'steps[0].at', `steps[0].at: ${NNI}, got "0"`],
  // --- steps: fields
  ['port 2^32', withSteps([{ ...L, port: 4294967296 }]), 'steps[0].port', `steps[0].port: ${U32}, got 4294967296`],
  ['undeclared dom', withSteps([{ ...L, dom: 9 }]), 'steps[0].dom', 'steps[0].dom: undeclared domain 9'],
  ['special CID as dom', withSteps([{ ...L, dom: 32752 }]), 'steps[0].dom', `steps[0].dom: ${DOMID}, got 32752`],
  ['undeclared cid', withSteps([L, { ...C, cid: 9 }]), 'steps[1].cid', 'steps[1].cid: undeclared domain 9 (use a declared domain id, 32752 for self or 32753 for the backend)'],
  ['unknown connection', withSteps([L, C, S, { ...S, conn: 'q2' }]), 'steps[3].conn', 'steps[3].conn: unknown connection "q2"'],
  ['connection used before defined', withSteps([L, S, C]), 'steps[1].conn', 'steps[1].conn: unknown connection "q" (steps[2] defines it later in the file; it must be defined by an earlier step)'],
  ['duplicate as', withSteps([L, C, { ...C, at: 200 }]), 'steps[2].as', 'steps[2].as: duplicate connection name "q" (steps[1] already defines it)'],
  ['duplicate as across bypass', withSteps([C, { at: 1, op: 'bypass', dom: 1, peer: 2, as: 'q' }]), 'steps[1].as', 'steps[1].as: duplicate connection name "q" (steps[0] already defines it)'],
  ['empty as', withSteps([{ ...C, as: '' }]), 'steps[0].as', 'steps[0].as: expected a non-empty string of at most 64 characters, got ""'],
  ['connect without as', withSteps([{ at: 0, op: 'connect', dom: 1, cid: 2, port: 1 }]), 'steps[0].as', 'steps[0].as: required for op "connect"'],
  ['unknown step field', withSteps([{ ...L, prot: 1 }]), 'steps[0].prot', `steps[0].prot: unknown field for op "listen" (known: ${LISTEN_FIELDS})`],
  ['__proto__ step field', text('"op":"listen",', '"op":"listen","__proto__":{"dom":1},'), 'steps[0].__proto__', `steps[0].__proto__: unknown field for op "listen" (known: ${LISTEN_FIELDS})`],
  ['constructor step field', withSteps([{ ...L, constructor: 1 }]), 'steps[0].constructor', `steps[0].constructor: unknown field for op "listen" (known: ${LISTEN_FIELDS})`],
  ['odd step field name', withSteps([{ ...L, 'a b': 1 }]), 'steps[0]["a b"]', `steps[0]["a b"]: unknown field for op "listen" (known: ${LISTEN_FIELDS})`],
  ['field of another op', withSteps([{ ...L, bytes: 1 }]), 'steps[0].bytes', `steps[0].bytes: unknown field for op "listen" (known: ${LISTEN_FIELDS})`],
  ['note not a string', withSteps([{ ...L, note: 5 }]), 'steps[0].note', `steps[0].note: ${NOTE}, got 5`],
  ['note an array', withSteps([{ ...L, note: ['a'] }]), 'steps[0].note', `steps[0].note: ${NOTE}, got an array`],
  ['note an empty object', withSteps([{ ...L, note: {} }]), 'steps[0].note', `steps[0].note: ${NOTE}, got an empty object`],
  ['note for an unknown mode', withSteps([{ ...L, note: { v4v: 'a', tcp: 'b' } }]), 'steps[0].note.tcp', 'steps[0].note.tcp: unknown mode (known: connection-manager, xenstore, v4v)'],
  ['note per mode not a string', withSteps([{ ...L, note: { xenstore: 5 } }]), 'steps[0].note.xenstore', 'steps[0].note.xenstore: expected a string of at most 1000 characters, got 5'],
  ['note per mode too long', withSteps([{ ...L, note: { v4v: 'x'.repeat(1001) } }]), 'steps[0].note.v4v', `steps[0].note.v4v: expected a string of at most 1000 characters, got "${'x'.repeat(40)}…"`],
  ['note per mode with a bidi control', withSteps([{ ...L, note: { v4v: 'a\u202eb' } }]), 'steps[0].note.v4v', 'steps[0].note.v4v: contains the bidi control U+202E at position 1, which would show the text reordered, got "a\\u202eb"'],
  ['negative bytes', withSteps([L, C, { ...S, bytes: -1 }]), 'steps[2].bytes', `steps[2].bytes: ${NNI}, got -1`],
  ['unknown side', withSteps([L, C, { ...S, side: 'both' }]), 'steps[2].side', 'steps[2].side: expected "client" or "server", got "both"'],
  ['close unknown connection', withSteps([{ at: 0, op: 'close', conn: 'z' }]), 'steps[0].conn', 'steps[0].conn: unknown connection "z"'],
  // --- flood
  ['flood with conn and dom', withSteps([C, { at: 1, op: 'flood', conn: 'q', dom: 1, until: 5 }]), 'steps[1].dom', 'steps[1].dom: flood takes either conn or (dom, cid, port), not both'],
  ['flood with neither', withSteps([{ at: 1, op: 'flood', until: 5 }]), 'steps[0].dom', 'steps[0].dom: required for op "flood" when conn is not given'],
  ['flood without cid', withSteps([{ at: 1, op: 'flood', dom: 1, port: 1, until: 5 }]), 'steps[0].cid', 'steps[0].cid: required for op "flood" when conn is not given'],
  ['flood until before at', withSteps([C, { at: 500, op: 'flood', conn: 'q', until: 100 }]), 'steps[1].until', 'steps[1].until: must not be before at (500), got 100'],
  ['flood unknown kind', withSteps([C, { at: 1, op: 'flood', conn: 'q', until: 5, kind: 'syn' }]), 'steps[1].kind', 'steps[1].kind: expected "data" or "connect", got "syn"'],
  ['flood missing until', withSteps([C, { at: 1, op: 'flood', conn: 'q' }]), 'steps[1].until', 'steps[1].until: required for op "flood"'],
  // --- other ops
  ['shutdown-ring with itself', withSteps([{ at: 0, op: 'shutdown-ring', dom: 1, peer: 1 }]), 'steps[0].peer', 'steps[0].peer: must differ from dom (1)'],
  ['shutdown-ring undeclared peer', withSteps([{ at: 0, op: 'shutdown-ring', dom: 1, peer: 3 }]), 'steps[0].peer', 'steps[0].peer: undeclared domain 3'],
  ['migrate negative downtime', withSteps([{ at: 0, op: 'migrate', dom: 1, downtime: -5 }]), 'steps[0].downtime', `steps[0].downtime: ${NNI}, got -5`],
  ['crash undeclared', withSteps([{ at: 0, op: 'crash', dom: 4 }]), 'steps[0].dom', 'steps[0].dom: undeclared domain 4'],
  ['bypass with itself', withSteps([{ at: 0, op: 'bypass', dom: 2, peer: 2 }]), 'steps[0].peer', 'steps[0].peer: must differ from dom (2)'],
  ['allow undeclared from', withSteps([{ at: 0, op: 'allow', from: 8, to: 1 }]), 'steps[0].from', 'steps[0].from: undeclared domain 8'],
  ['deny missing to', withSteps([{ at: 0, op: 'deny', from: 1 }]), 'steps[0].to', 'steps[0].to: required for op "deny"'],
  ['add-domain existing', withSteps([{ at: 0, op: 'add-domain', id: 1, name: 'x' }]), 'steps[0].id', 'steps[0].id: domain 1 already exists'],
  ['add-domain twice', withSteps([{ at: 0, op: 'add-domain', id: 5, name: 'x' }, { at: 1, op: 'add-domain', id: 5, name: 'y' }]), 'steps[1].id', 'steps[1].id: domain 5 already exists'],
  ['add-domain without name', withSteps([{ at: 0, op: 'add-domain', id: 5 }]), 'steps[0].name', 'steps[0].name: required for op "add-domain"'],
  ['remove-domain undeclared', withSteps([{ at: 0, op: 'remove-domain', id: 9 }]), 'steps[0].id', 'steps[0].id: undeclared domain 9'],
  ['remove-domain backend', withSteps([{ at: 0, op: 'remove-domain', id: 0 }]), 'steps[0].id', 'steps[0].id: cannot remove the backend domain 0'],
  ['domain used before its add-domain', withSteps([{ at: 9, op: 'crash', dom: 7 }, { at: 0, op: 'add-domain', id: 7, name: 'x' }]), 'steps[0].dom', 'steps[0].dom: undeclared domain 7'],
  // --- document order: the first problem is reported
  ['first problem by field order (at first)', withSteps([{ at: -1, op: 'listen', dom: 9, port: 1 }]), 'steps[0].at', `steps[0].at: ${NNI}, got -1`],
  ['first problem by field order (dom first)', withSteps([{ op: 'listen', dom: 9, at: -1, port: 1 }]), 'steps[0].dom', 'steps[0].dom: undeclared domain 9'],
  ['semantic problem before a later shape problem', withSteps([{ ...L, dom: 9 }, { ...L, port: -1 }]), 'steps[0].dom', 'steps[0].dom: undeclared domain 9'],
  ['unknown field before missing field', withSteps([{ at: 0, op: 'listen', prot: 1 }]), 'steps[0].prot', `steps[0].prot: unknown field for op "listen" (known: ${LISTEN_FIELDS})`],
];

describe('parseScenario: malformed documents', () => {
  it('has at least 60 cases with distinct labels', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c[0])).size).toBe(CASES.length);
  });

  it.each(CASES)('%s', (_label, input, path, expected) => {
    const r = parseScenario(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe(expected);
    expect(r.error).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(r.error.startsWith(`${path}: `)).toBe(true);
    expect(r.error).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('does not pollute Object.prototype', () => {
    parseScenario('{"__proto__": {"polluted": 1}, "format": "interdomain-scenario"}');
    parseScenario(text('"steps":[', '"steps":[{"__proto__":{"polluted":1},"at":0,"op":"crash","dom":1},'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
