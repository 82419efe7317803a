/**
 * fast-check generators of valid scenario documents, for property tests and the fuzzer:
 * random guests (1 to 4 vCPUs each, the backend too), sometimes cost overrides, policy,
 * and steps in any order (connects, sends, floods, policy changes, ring shutdowns,
 * migrations, crashes).
 */
import fc from 'fast-check';

export interface GenOptions { maxGuests?: number; maxSteps?: number; horizonUs?: number }

type RawStep = Record<string, unknown> & { at: number; op: string };

export function arbScenario(opts: GenOptions = {}): fc.Arbitrary<Record<string, unknown>> {
  const maxGuests = opts.maxGuests ?? 4;
  const maxSteps = opts.maxSteps ?? 24;
  const horizon = opts.horizonUs ?? 20_000;
  return fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    guests: fc.integer({ min: 2, max: maxGuests }),
    xsm: fc.boolean(),
    broker: fc.constantFrom('connection-manager', 'xenstore'),
    xen: fc.constantFrom('4.3', '4.19'),
    ringPages: fc.constantFrom(1, 2, 4, 64),
    grantEntries: fc.constantFrom(64, 200, 16384),
    vcpus: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: maxGuests + 1, maxLength: maxGuests + 1 }),
    costs: fc.option(fc.record({
      upcall: fc.integer({ min: 1, max: 20 }),
      cm: fc.integer({ min: 1, max: 50 }),
      xsOp: fc.integer({ min: 1, max: 20 }),
      hypercall: fc.integer({ min: 1, max: 5 }),
      rxBytesPerUs: fc.constantFrom(64, 333.5, 1024, 8192),
      txBytesPerUs: fc.constantFrom(256, 4096, 10_000.25),
      // 40 bytes: each read splits a 44-byte packet header and every packet. (1 byte per turn
      // was tried: with 256 KiB rings and a flood a valid case needs over 400,000 actions to
      // settle, past the run's liveness cap, and shrinking such cases stalls the fuzzer.)
      rxBatch: fc.constantFrom(40, 4096, 16384, 1 << 20),
    }, { requiredKeys: [] }), { nil: undefined }),
    rules: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(fc.constantFrom(7, 80), { nil: undefined })), { maxLength: 6 }),
    ops: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: horizon }),
        fc.constantFrom('listen', 'connect', 'connect', 'send', 'send', 'close', 'allow', 'deny', 'flood', 'flood-connect',
          'shutdown-ring', 'migrate', 'crash', 'bypass'),
        fc.nat(), fc.nat(), fc.constantFrom(7, 80), fc.integer({ min: 1, max: 300_000 }), fc.boolean(),
      ),
      { maxLength: maxSteps },
    ),
  }).map(({ seed, guests, xsm, broker, xen, ringPages, grantEntries, vcpus, costs, rules, ops }) => {
    const ids = Array.from({ length: guests }, (_, i) => i + 1);
    const pick = (n: number) => ids[n % ids.length]!;
    const steps: RawStep[] = [];
    const conns: string[] = [];
    let k = 0;
    for (const [at, op, x, y, port, bytes, flag] of ops) {
      const dom = pick(x);
      let peer = pick(y);
      if (peer === dom) peer = pick(y + 1);
      switch (op) {
        case 'listen': steps.push({ at, op, dom, port }); break;
        case 'connect': {
          const name = `c${k++}`;
          // Sometimes through the special CIDs: 0x7FF0 (self) and 0x7FF1 (backend).
          const cid = flag && x % 5 === 0 ? 0x7ff0 : flag && x % 7 === 0 ? 0x7ff1 : peer;
          steps.push({ at, op, dom, cid, port, as: name });
          conns.push(name);
          break;
        }
        case 'send': if (conns.length) steps.push({ at, op, conn: conns[x % conns.length], bytes, side: flag ? 'client' : 'server' }); break;
        case 'close': if (conns.length) steps.push({ at, op, conn: conns[x % conns.length], side: flag ? 'client' : 'server' }); break;
        case 'allow': case 'deny': steps.push({ at, op, from: dom, to: peer, ...(flag ? { port } : {}) }); break;
        case 'flood': if (conns.length) steps.push({ at, op, conn: conns[x % conns.length], until: at + (bytes % 3000) }); break;
        case 'flood-connect': steps.push({ at, op: 'flood', dom, cid: peer, port, until: at + (bytes % 500), kind: 'connect' }); break;
        case 'shutdown-ring': steps.push({ at, op, dom, peer }); break;
        case 'migrate': steps.push({ at, op, dom, downtime: bytes % 5000 }); break;
        case 'crash': steps.push({ at, op, dom }); break;
        case 'bypass': {
          const name = `b${k++}`;
          steps.push({ at, op, dom, peer, port, as: name });
          conns.push(name);
          break;
        }
        default: break;
      }
    }
    return {
      format: 'interdomain-scenario', version: 1, title: 'random', seed, transport: 'vsock', broker, xsm, xen,
      limits: { ringPages, grantEntries },
      ...(costs ? { costs } : {}),
      domains: [
        { id: 0, name: 'dom0', role: 'backend', ...(vcpus[0]! > 1 ? { vcpus: vcpus[0] } : {}) },
        ...ids.map((id) => ({ id, name: `g${id}`, ...(vcpus[id]! > 1 ? { vcpus: vcpus[id] } : {}) })),
      ],
      policy: { default: 'deny', allow: rules.map(([f, t, p]) => ({ from: pick(f), to: pick(t), ...(p === undefined ? {} : { port: p }) })) },
      steps,
    };
  });
}
