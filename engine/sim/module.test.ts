import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseScenario, applyOverrides, type ScenarioDoc } from '../scenario';
import * as page from '../api';
import * as node from '../index';
import { traceToJsonl } from '../core/trace';
import { selectModules, type SimModule } from './module';
import { vsockTransport } from '../vsock/module';
import { connectionManager } from '../vsock/cm-module';
import { xenstoreBroker } from '../vsock/xsbroker-module';
import { v4vTransport } from '../v4v/module';
import { moveSock } from '../socket/sockets';
import { SOCK_STATES, SOCK_TRANSITIONS, type Sock } from '../socket/types';

function preset(name: string): ScenarioDoc {
  const p = parseScenario(fs.readFileSync(path.join(__dirname, '../../scenarios', `${name}.json`), 'utf8'));
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}
const on = (doc: ScenarioDoc, transport: 'vsock' | 'v4v', broker: 'connection-manager' | 'xenstore'): ScenarioDoc => {
  const p = parseScenario(applyOverrides(doc, { transport, broker }));
  if (!p.ok) throw new Error(p.error);
  return p.doc;
};
const names = (ms: readonly SimModule[]) => ms.map((m) => m.name);

describe('module selection', () => {
  const all = [vsockTransport, connectionManager, xenstoreBroker, v4vTransport];

  it('picks the transport the document names and, if it is brokered, its broker (broker first)', () => {
    expect(names(selectModules({ transport: 'vsock', broker: 'connection-manager' }, all).used)).toEqual(['cm', 'vsock']);
    expect(names(selectModules({ transport: 'vsock', broker: 'xenstore' }, all).used)).toEqual(['xsbroker', 'vsock']);
    // V4V needs no broker: the document's broker setting is ignored, as Xen's filter is the policy.
    const v = selectModules({ transport: 'v4v', broker: 'xenstore' }, all);
    expect(v.broker).toBeNull();
    expect(names(v.used)).toEqual(['v4v']);
  });

  it('names what is missing', () => {
    expect(() => selectModules({ transport: 'v4v', broker: 'connection-manager' }, [vsockTransport, connectionManager]))
      .toThrow('the transport "v4v" is not loaded');
    expect(() => selectModules({ transport: 'vsock', broker: 'xenstore' }, [vsockTransport, connectionManager]))
      .toThrow('the broker "xenstore" is not loaded');
  });

  it('the page API runs only the modules it is given (importing a module registers nothing)', () => {
    // v4vTransport and xenstoreBroker are imported by this file: still not used unless passed.
    const doc = preset('v4v-no-grants');
    expect(() => page.createSim(doc)).toThrow('the transport "v4v" is not loaded');
    const r = page.runScenarioText(JSON.stringify(doc));
    expect(r).toEqual({ ok: false, error: 'the transport "v4v" is not loaded' });
    const xs = on(preset('allowed-connection'), 'vsock', 'xenstore');
    expect(() => page.runScenario(xs)).toThrow('the broker "xenstore" is not loaded');
  });

  it('a module passed late gives the same trace as the full set', () => {
    for (const doc of [preset('v4v-no-grants'), on(preset('allowed-connection'), 'vsock', 'xenstore')]) {
      const late = page.runScenario(doc, { modules: [...page.BASE_MODULES, v4vTransport, xenstoreBroker] });
      const full = node.runScenario(doc);
      expect(traceToJsonl(late.trace)).toBe(traceToJsonl(full.trace));
      expect(late.trace.length).toBeGreaterThan(20);
    }
  });

  it('only the used modules contribute to the view and invariants', () => {
    const st = node.createSim(preset('v4v-no-grants'));
    node.simRun(st);
    expect(page.viewOf(st).rings).toEqual([]);
    expect(node.checkInvariants(st)).toEqual([]);
    const vs = node.createSim(preset('allowed-connection'));
    node.simRun(vs);
    expect(page.viewOf(vs).rings.length).toBeGreaterThan(0);
    expect(page.viewOf(vs).domains.some((d) => d.link?.up)).toBe(true);
  });
});

describe('socket transitions', () => {
  const sock = (state: Sock['state']): Sock => ({ id: 7, state } as Sock);

  it('the table allows the AF_VSOCK life cycle and nothing out of an ended state', () => {
    expect(SOCK_TRANSITIONS.connecting).toEqual(['connected', 'refused', 'reset', 'closed']);
    for (const s of ['refused', 'reset', 'closed', 'listening'] as const) expect(SOCK_TRANSITIONS[s]).toEqual([]);
    expect(Object.keys(SOCK_TRANSITIONS).sort()).toEqual([...SOCK_STATES].sort());
  });

  it('moveSock follows the table and throws on anything else', () => {
    const s = sock('connecting');
    moveSock(s, 'connected');
    expect(s.state).toBe('connected');
    expect(() => moveSock(s, 'refused')).toThrow('socket 7: connected -> refused is not a socket transition');
    moveSock(s, 'closed');
    expect(() => moveSock(s, 'connected')).toThrow('closed -> connected');
  });
});
