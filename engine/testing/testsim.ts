/**
 * TestSim: engine tests that read like a user's script.
 *
 *   sim().domain(1, 'web').domain(2, 'db').allow(1, 2, 5432)
 *     .listen(2, 5432).at(100).connect(1, 2, 5432, 'q').run(500)
 *     .expectConn('q', 'connected').expectPeers(1, [2]);
 *
 * The builder writes a scenario-v1 document (backend dom0 implied) whose steps happen at a
 * time cursor (`at(t)` sets it, `run(us)` moves it on). Every change is validated with
 * parseScenario, so a typo fails at the line that made it. An expectation runs the document
 * through the public API (createSim + simRun) up to the cursor, or to the end after
 * `settle()`, and throws a readable Error when it does not hold. Runs are cached until the
 * document or the cursor changes.
 */
import {
  parseScenario, createSim, simRun, buildReport, viewOf, checkInvariants, MAX_VIRTUAL_TIME_US,
  type ScenarioDoc, type SimState, type Report, type ConnReport, type DomainReport, type TraceEvent, type SimView,
} from '../index';
import type { EventOf, OpOf, TraceKind } from '../core/trace';
import { select, checkOrder, brief, tail, type EventMatcher, type OrderSpec } from './match';

export type { EventMatcher, OrderSpec } from './match';
export type ConnState = ConnReport['state'];
type Side = 'client' | 'server';
type Raw = Record<string, unknown>;
interface Ran { st: SimState; report: Report }

export interface ByteCounts { sent?: number; received?: number; serverSent?: number; clientReceived?: number }

export function sim(seed = 1): TestSim {
  return new TestSim(seed);
}

export class TestSim {
  private readonly raw: Raw & { domains: Raw[]; policy: { default: string; allow: Raw[] }; steps: Raw[] };
  private cursor = 0;
  private toEnd = false;
  private cache: { key: string; ran: Ran } | undefined;

  constructor(seed: number) {
    this.raw = {
      format: 'interdomain-scenario', version: 1, title: 'TestSim', seed, transport: 'vsock',
      broker: 'connection-manager', xsm: false, limits: {},
      domains: [], policy: { default: 'deny', allow: [] }, steps: [],
    };
  }

  // ---- set-up ----
  seed(n: number): this { return this.set('seed', n); }
  transport(t: 'vsock' | 'v4v'): this { return this.set('transport', t); }
  broker(b: 'connection-manager' | 'xenstore'): this { return this.set('broker', b); }
  xsm(on = true): this { return this.set('xsm', on); }
  xen(v: '4.3' | '4.19'): this { return this.set('xen', v); }
  limits(l: Record<string, number>): this { return this.set('limits', { ...(this.raw.limits as Raw), ...l }); }
  /** Declare the backend domain (default: dom0, added when the first guest is declared). */
  backend(id = 0, name = 'dom0'): this {
    if (this.raw.domains.some((d) => d.role === 'backend')) throw new Error('TestSim: the backend is already declared');
    this.raw.domains.unshift({ id, name, role: 'backend' });
    return this.checked();
  }
  domain(id: number, name: string, vcpus?: number): this {
    if (!this.raw.domains.some((d) => d.role === 'backend')) this.raw.domains.unshift({ id: 0, name: 'dom0', role: 'backend' });
    this.raw.domains.push(vcpus === undefined ? { id, name } : { id, name, vcpus });
    return this.checked();
  }
  /** Overrides of the engine's cost table (the document's `costs`). */
  costs(c: Record<string, number>): this { return this.set('costs', { ...(this.raw.costs as Raw | undefined), ...c }); }
  /** The policy's default verdict (the document's default is deny). */
  policyDefault(v: 'allow' | 'deny'): this { this.raw.policy.default = v; return this.checked(); }
  /** An allow rule of the initial policy; `allowNow` changes the policy at the cursor instead. */
  allow(from: number, to: number, port?: number): this {
    this.raw.policy.allow.push(port === undefined ? { from, to } : { from, to, port });
    return this.checked();
  }

  // ---- time ----
  /** Move the cursor to absolute virtual time `t` (µs); it never goes back. */
  at(t: number): this {
    if (t < this.cursor) throw new Error(`TestSim: at(${t}) is before the cursor (t=${this.cursor}); steps go forward in time`);
    this.cursor = t;
    return this;
  }
  /** Move the cursor on by `us` µs: expectations see the run up to there. */
  run(us: number): this { return this.at(this.cursor + us); }
  /** Expectations from now on see the run played to its end (queue drained). */
  settle(): this { this.toEnd = true; return this; }
  now(): number { return this.cursor; }

  // ---- steps, at the cursor ----
  listen(dom: number, port: number): this { return this.step({ op: 'listen', dom, port }); }
  connect(dom: number, cid: number, port: number, as: string): this { return this.step({ op: 'connect', dom, cid, port, as }); }
  send(conn: string, bytes: number, side: Side = 'client'): this { return this.step({ op: 'send', conn, bytes, side }); }
  close(conn: string, side: Side = 'client'): this { return this.step({ op: 'close', conn, side }); }
  allowNow(from: number, to: number, port?: number): this { return this.step(rule('allow', from, to, port)); }
  denyNow(from: number, to: number, port?: number): this { return this.step(rule('deny', from, to, port)); }
  /** A data flood on a named connection until absolute time `until`. */
  flood(conn: string, until: number, side: Side = 'client'): this { return this.step({ op: 'flood', conn, until, side }); }
  /** A CONNECT_req spray from `dom` to (cid, port) until absolute time `until`. */
  floodConnect(dom: number, cid: number, port: number, until: number): this {
    return this.step({ op: 'flood', dom, cid, port, until, kind: 'connect' });
  }
  shutdownRing(dom: number, peer: number): this { return this.step({ op: 'shutdown-ring', dom, peer }); }
  migrate(dom: number, downtime?: number): this {
    return this.step(downtime === undefined ? { op: 'migrate', dom } : { op: 'migrate', dom, downtime });
  }
  crash(dom: number): this { return this.step({ op: 'crash', dom }); }
  bypass(dom: number, peer: number, port?: number, as?: string): this {
    const s: Raw = { op: 'bypass', dom, peer };
    if (port !== undefined) s.port = port;
    if (as !== undefined) s.as = as;
    return this.step(s);
  }
  addDomain(id: number, name: string): this { return this.step({ op: 'add-domain', id, name }); }
  removeDomain(id: number): this { return this.step({ op: 'remove-domain', id }); }
  /** Any scenario step (its `at` is the cursor). */
  step(s: Raw): this {
    if (this.toEnd) throw new Error('TestSim: settle() plays the run to its end; add steps before it');
    this.raw.steps.push({ at: this.cursor, ...s });
    return this.checked();
  }

  // ---- results ----
  doc(): ScenarioDoc {
    const p = parseScenario(structuredClone(this.raw));
    if (!p.ok) throw new Error(`TestSim: invalid scenario: ${p.error}`);
    return p.doc;
  }
  state(): SimState { return this.result().st; }
  report(): Report { return this.result().report; }
  trace(): TraceEvent[] { return this.result().st.trace.events; }
  view(): SimView { return viewOf(this.result().st); }
  /** Current virtual time of the run (the last action's time at or before the cursor). */
  time(): number { return this.result().st.t; }
  /** The events of one kind and op, typed by them (or all the events matching looser terms). */
  events<K extends TraceKind, O extends OpOf<K>>(kind: K, op: O, filter?: EventMatcher): EventOf<K, O>[];
  events(kind?: string, op?: string, filter?: EventMatcher): TraceEvent[];
  events(kind?: string, op?: string, filter?: EventMatcher): TraceEvent[] { return select(this.trace(), kind, op, filter); }
  conn(name: string): ConnReport {
    const c = this.report().connections.find((x) => x.name === name);
    if (!c) throw this.fail(`no connection named "${name}" (known: ${this.report().connections.map((x) => x.name).join(', ') || 'none'})`);
    return c;
  }
  dom(id: number): DomainReport {
    const d = this.report().domains.find((x) => x.id === id);
    if (!d) throw this.fail(`no domain ${id} in the report`);
    return d;
  }

  // ---- expectations (each throws a readable Error, else returns this) ----
  expectConn(name: string, state: ConnState, reason?: string | null): this {
    const c = this.conn(name);
    const want = reason === undefined ? state : `${state} (${reason})`;
    const got = `${c.state} (${c.reason})`;
    if (c.state !== state || (reason !== undefined && c.reason !== reason))
      throw this.fail(`connection "${name}" is ${got}, expected ${want}\n  report: ${JSON.stringify(c)}\n  last vsock/cm events:\n${tail(this.trace(), ['vsock', 'cm', 'error'])}`);
    return this;
  }
  /** A number n means sent = received = n (client to server). */
  expectBytes(name: string, want: number | ByteCounts): this {
    const c = this.conn(name);
    const w: ByteCounts = typeof want === 'number' ? { sent: want, received: want } : want;
    const got: ByteCounts = { sent: c.bytesSent, received: c.bytesReceived, serverSent: c.bytesSentServer, clientReceived: c.bytesReceivedClient };
    for (const k of Object.keys(w) as Array<keyof ByteCounts>)
      if (got[k] !== w[k]) throw this.fail(`connection "${name}": ${k} is ${got[k]}, expected ${w[k]} (all: ${JSON.stringify(got)})`);
    return this;
  }
  expectPeers(dom: number, peers: number[]): this {
    const got = this.dom(dom).peers;
    if (JSON.stringify(got) !== JSON.stringify(peers)) throw this.fail(`domain ${dom} has peers [${got.join(', ')}], expected [${peers.join(', ')}]`);
    return this;
  }
  expectGrantsInUse(dom: number, n: number): this {
    const got = this.dom(dom).grantsInUse;
    if (got !== n) throw this.fail(`domain ${dom} has ${got} grant entries in use, expected ${n}`);
    return this;
  }
  expectEventChannels(dom: number, n: number): this {
    const got = this.dom(dom).eventChannelsInUse;
    if (got !== n) throw this.fail(`domain ${dom} has ${got} event channels in use, expected ${n}`);
    return this;
  }
  expectDomain(dom: number, state: DomainReport['state']): this {
    const got = this.dom(dom).state;
    if (got !== state) throw this.fail(`domain ${dom} is ${got}, expected ${state}`);
    return this;
  }
  /** The xenbus states of a guest's vsock link: frontend and backend ends. */
  expectLink(dom: number, front: string, back: string = front): this {
    const d = this.view().domains.find((x) => x.id === dom);
    const got = d?.link ? `${d.link.front}/${d.link.back}` : 'no link';
    if (got !== `${front}/${back}`) throw this.fail(`domain ${dom}'s link is ${got} (front/back), expected ${front}/${back}`);
    return this;
  }
  /** At least one matching event, or exactly `times` of them. */
  expectTrace(kind: string, op: string, filter?: EventMatcher, times?: number): this {
    const hits = this.events(kind, op, filter);
    const ok = times === undefined ? hits.length > 0 : hits.length === times;
    if (!ok) {
      const f = typeof filter === 'function' ? ' (predicate)' : filter ? ` ${JSON.stringify(filter)}` : '';
      const seen = this.events(kind, op).slice(0, 5).map((e) => '    ' + brief(e)).join('\n') || '    (none)';
      throw this.fail(`expected ${times ?? 'some'} ${kind}:${op}${f} event(s), found ${hits.length}\n  ${kind}:${op} events regardless of filter:\n${seen}`);
    }
    return this;
  }
  expectNoTrace(kind: string, op: string, filter?: EventMatcher): this {
    const hits = this.events(kind, op, filter);
    if (hits.length) throw this.fail(`expected no ${kind}:${op} event, found ${hits.length}; the first:\n    ${brief(hits[0]!)}`);
    return this;
  }
  /** The ops happen in this order (other events may come between). */
  expectOrder(...specs: OrderSpec[]): this {
    const why = checkOrder(this.trace(), specs);
    if (why) throw this.fail(why);
    return this;
  }
  expectInvariants(): this {
    const v = checkInvariants(this.state());
    if (v.length) throw this.fail(`invariants broken:\n    ${v.slice(0, 5).join('\n    ')}`);
    return this;
  }

  // ---- internals ----
  private set(k: string, v: unknown): this { this.raw[k] = v; return this.checked(); }

  private checked(): this {
    const p = parseScenario(structuredClone(this.raw));
    if (!p.ok && this.raw.domains.length > 0) throw new Error(`TestSim: invalid scenario: ${p.error}`);
    return this;
  }

  private result(): Ran {
    const until = this.toEnd ? MAX_VIRTUAL_TIME_US : this.cursor;
    const key = `${until}|${JSON.stringify(this.raw)}`;
    if (this.cache?.key === key) return this.cache.ran;
    const st = createSim(this.doc());
    simRun(st, until);
    const ran = { st, report: buildReport(st) };
    this.cache = { key, ran };
    return ran;
  }

  private fail(msg: string): Error {
    const when = this.toEnd ? `the end (t=${this.result().st.t})` : `t=${this.cursor}`;
    return new Error(`TestSim at ${when}: ${msg}`);
  }
}

function rule(op: 'allow' | 'deny', from: number, to: number, port?: number): Raw {
  return port === undefined ? { op, from, to } : { op, from, to, port };
}
