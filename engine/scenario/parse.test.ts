import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverrides, parseScenario, scenarioToJson, STEP_OPS, type ScenarioDoc } from './index';
import { EVERY_OP, SPEC_EXAMPLE } from './fixtures';

function ok(input: unknown): ScenarioDoc {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.doc;
}

describe('parseScenario: valid documents', () => {
  it('parses the spec example from text and fills defaults', () => {
    const doc = ok(JSON.stringify(SPEC_EXAMPLE));
    expect(doc.title).toBe('Denied connection');
    expect(doc.v4vMode).toBe('v4v');
    expect(doc.limits).toEqual({ grantEntries: 64 });
    expect(doc.domains).toEqual([
      { id: 0, name: 'dom0', role: 'backend', privileged: true },
      { id: 1, name: 'web', role: 'guest', privileged: false },
      { id: 2, name: 'db', role: 'guest', privileged: false },
    ]);
    expect(doc.steps[2]).toEqual({ at: 500, op: 'send', conn: 'q', bytes: 8192, side: 'client' });
  });

  it('accepts an already-decoded value the same as its text', () => {
    expect(ok(SPEC_EXAMPLE)).toEqual(ok(JSON.stringify(SPEC_EXAMPLE)));
  });

  it('fills every document-level default in a minimal document', () => {
    const doc = ok({
      format: 'interdomain-scenario',
      version: 1,
      seed: -3,
      transport: 'vsock',
      domains: [{ id: 5, name: 'b', role: 'backend' }],
      steps: [],
    });
    expect(doc).toEqual({
      format: 'interdomain-scenario',
      version: 1,
      title: 'Untitled scenario',
      seed: -3,
      transport: 'vsock',
      v4vMode: 'v4v',
      broker: 'connection-manager',
      xsm: false,
      limits: {},
      domains: [{ id: 5, name: 'b', role: 'backend', privileged: true }],
      policy: { default: 'deny', allow: [] },
      steps: [],
    });
    expect('description' in doc).toBe(false);
  });

  it('parses every op, with step defaults filled', () => {
    const doc = ok(EVERY_OP);
    const ops = new Set(doc.steps.map((s) => s.op));
    for (const op of STEP_OPS) expect(ops.has(op)).toBe(true);
    expect(doc.description).toBe('A tour of every step kind.');
    expect(doc.v4vMode).toBe('argo');
    expect(doc.domains[1]!.privileged).toBe(true);
    expect(doc.steps[0]!.note).toBe('db listens');
    expect(doc.steps[5]).toEqual({ at: 40, op: 'flood', conn: 'a', until: 90, kind: 'data' });
    expect(doc.steps[13]).toEqual({ at: 95, op: 'migrate', dom: 2, downtime: 100_000 });
    expect(doc.steps[14]).toEqual({ at: 100, op: 'close', conn: 'a', side: 'client' });
    expect(doc.steps[9]).toEqual({ at: 61, op: 'bypass', dom: 1, peer: 7 });
  });

  it('keeps file order (does not sort by at) and drops unknown top-level fields', () => {
    const doc = ok({ ...EVERY_OP, author: 'x', __proto__x: 1 });
    expect(doc.steps.map((s) => s.at).at(-1)).toBe(5);
    expect('author' in doc).toBe(false);
  });

  it('normalises -0 to 0', () => {
    const doc = ok(JSON.stringify(SPEC_EXAMPLE).replace('"at":0', '"at":-0'));
    expect(Object.is(doc.steps[0]!.at, 0)).toBe(true);
  });

  it('does not share default objects between documents', () => {
    const a = ok({ ...EVERY_OP });
    a.policy.allow.push({ from: 1, to: 2 });
    (a.limits as Record<string, number>).ringPages = 2;
    const b = ok({ ...EVERY_OP });
    expect(b.policy.allow).toEqual([]);
    expect(b.limits).toEqual({});
  });

  it('allows add-domain of an id that an earlier step removed', () => {
    const doc = ok({
      ...EVERY_OP,
      steps: [...EVERY_OP.steps, { at: 200, op: 'add-domain', id: 7, name: 'again' }],
    });
    expect(doc.steps.at(-1)).toEqual({ at: 200, op: 'add-domain', id: 7, name: 'again' });
  });

  it('accepts every limit at both ends of its range, and the largest sizes', () => {
    const lo = { grantEntries: 9, maptrackEntries: 1, eventChannels: 2, ringPages: 1, v4vRingBytes: 64,
      v4vPendingPerRing: 0, xenstoreNodes: 1, xenstoreWatches: 1, xenstoreTransactions: 1 };
    expect(ok({ ...EVERY_OP, limits: lo }).limits).toEqual(lo);
    expect(ok({ ...EVERY_OP, limits: { ringPages: 256, eventChannels: 131072 } }).limits.ringPages).toBe(256);
    const domains = Array.from({ length: 500 }, (_, i) => ({ id: i, name: `d${i}`, role: i ? 'guest' : 'backend' }));
    const steps = Array.from({ length: 10_000 }, (_, i) => ({ at: i, op: 'crash', dom: i % 500 }));
    expect(ok({ ...EVERY_OP, domains, steps }).steps).toHaveLength(10_000);
  });
});

describe('scenarioToJson', () => {
  it('round-trips and is stable', () => {
    for (const src of [SPEC_EXAMPLE, EVERY_OP]) {
      const doc = ok(src);
      const text = scenarioToJson(doc);
      expect(ok(text)).toEqual(doc);
      expect(scenarioToJson(ok(text))).toBe(text);
    }
  });

  it('writes keys in a fixed order whatever the input order', () => {
    const reordered = {
      ...Object.fromEntries(Object.entries(SPEC_EXAMPLE).reverse()),
      steps: SPEC_EXAMPLE.steps.map((s) => Object.fromEntries(Object.entries(s).reverse())) };
    expect(scenarioToJson(ok(reordered))).toBe(scenarioToJson(ok(SPEC_EXAMPLE)));
    expect(scenarioToJson(ok(SPEC_EXAMPLE)).startsWith('{\n  "format": "interdomain-scenario",\n  "version": 1,')).toBe(true);
  });
});

describe('overrides', () => {
  it('replaces transport/broker without touching the input', () => {
    const doc = ok(SPEC_EXAMPLE);
    const out = applyOverrides(doc, { transport: 'v4v', broker: 'xenstore' });
    expect(out.transport).toBe('v4v');
    expect(out.broker).toBe('xenstore');
    expect(doc.transport).toBe('vsock');
    expect(doc.broker).toBe('connection-manager');
    expect(applyOverrides(doc, {})).toEqual(doc);
    expect(applyOverrides(doc, { v4vMode: 'argo' }).v4vMode).toBe('argo');
  });

  it('checks untyped option values with a one-line error', () => {
    expect(parseOverrides({ transport: 'v4v', broker: 'xenstore' })).toEqual({
      ok: true,
      overrides: { transport: 'v4v', broker: 'xenstore' },
    });
    expect(parseOverrides({})).toEqual({ ok: true, overrides: {} });
    expect(parseOverrides({ transport: 'tcp' })).toEqual({ ok: false, error: '--transport: expected "vsock" or "v4v", got "tcp"' });
    expect(parseOverrides({ broker: 'cm' })).toEqual({
      ok: false,
      error: '--broker: expected "connection-manager" or "xenstore", got "cm"',
    });
    expect(parseOverrides({ v4vMode: 'x' })).toEqual({ ok: false, error: '--v4v-mode: expected "v4v" or "argo", got "x"' });
  });
});
