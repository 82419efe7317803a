import { describe, expect, it } from 'vitest';
import {
  XenbusState as S, backendPath, frontendPath, xenbusCreateDevice, xenbusReadState, xenbusRemoveDevice,
  xenbusStateName, xenbusSwitchState, xsCheck, xsGetPerms, xsRead, xsTakeWatchEvents, xsWatch, xsWrite,
} from './index';
import { world, type World } from './testutil';

const FE = 1;
const BE = 2;

describe('xenbus', () => {
  it('names the states and builds the libxl paths', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(xenbusStateName)).toEqual([
      'Unknown', 'Initialising', 'InitWait', 'Initialised', 'Connected', 'Closing', 'Closed', 'Reconfiguring', 'Reconfigured',
    ]);
    expect(S.Connected).toBe(4);
    expect(frontendPath(3, 'vif', 0)).toBe('/local/domain/3/device/vif/0');
    expect(backendPath(0, 'vif', 3, 0)).toBe('/local/domain/0/backend/vif/3/0');
  });

  it('the toolstack creates both directories with mirrored perms and state Initialising', () => {
    const { ctx, xs } = world();
    const r = xenbusCreateDevice(ctx, xs, 0, FE, BE, 'vbd', 51712);
    expect(r.ok).toBe(true);
    const fp = frontendPath(FE, 'vbd', 51712);
    const bp = backendPath(BE, 'vbd', FE, 51712);
    expect(xsGetPerms(ctx, xs, 0, fp)).toEqual({ ok: true, value: [{ id: FE, perm: 'n' }, { id: BE, perm: 'r' }] });
    expect(xsGetPerms(ctx, xs, 0, bp)).toEqual({ ok: true, value: [{ id: BE, perm: 'n' }, { id: FE, perm: 'r' }] });
    expect(xsRead(ctx, xs, BE, `${fp}/state`)).toEqual({ ok: true, value: '1' });
    expect(xsRead(ctx, xs, FE, `${bp}/frontend-id`)).toEqual({ ok: true, value: '1' });
    expect(xsRead(ctx, xs, FE, `${fp}/backend`)).toEqual({ ok: true, value: bp });
    expect(xsRead(ctx, xs, 3, `${fp}/state`)).toEqual({ ok: false, err: 'EACCES' });
    expect(xsWrite(ctx, xs, BE, `${fp}/state`, '6')).toEqual({ ok: false, err: 'EACCES' });
    expect(xenbusReadState(xs, bp)).toBe(S.Initialising);
    // an unprivileged "toolstack" gets as far as its own directory, then the transaction is aborted
    expect(xenbusCreateDevice(ctx, xs, 3, 3, BE, 'vbd', 1)).toEqual({ ok: false, err: 'EACCES' });
    expect(xs.nodes.get('/local/domain/3/device')).toBeUndefined();
    expect(xs.transactions).toEqual({});
    expect(xsCheck(xs)).toEqual([]);
  });

  it('front and back drivers complete the handshake and teardown through watches alone', () => {
    const w = world();
    const { ctx, xs, trace } = w;
    const fp = frontendPath(FE, 'vif', 0);
    const bp = backendPath(BE, 'vif', FE, 0);
    const fe = { peer: '' };
    const be = { peer: '' };
    const read = (dom: number, p: string) => { const r = xsRead(ctx, xs, dom, p); return r.ok ? r.value : undefined; };
    const state = (dom: number, dir: string) => Number(read(dom, `${dir}/state`) ?? 0);
    const frontend = () => {
      if (!fe.peer) {
        const b = read(FE, 'device/vif/0/backend');
        if (!b) return;
        fe.peer = b;
        xsWatch(ctx, xs, FE, `${b}/state`, 'fe-peer');
      }
      const mine = state(FE, fp);
      const other = state(FE, fe.peer);
      if (other === S.InitWait && mine === S.Initialising) {
        expect(read(FE, `${fe.peer}/feature-rx-copy`)).toBe('1');
        xsWrite(ctx, xs, FE, 'device/vif/0/tx-ring-ref', '8');
        xsWrite(ctx, xs, FE, 'device/vif/0/event-channel', '5');
        xenbusSwitchState(ctx, xs, FE, fp, S.Initialised);
      } else if (other === S.Connected && mine === S.Initialised) xenbusSwitchState(ctx, xs, FE, fp, S.Connected);
      else if (other === S.Closing && mine === S.Closing) xenbusSwitchState(ctx, xs, FE, fp, S.Closed);
    };
    const backend = () => {
      if (!be.peer) {
        const f = read(BE, 'backend/vif/1/0/frontend');
        if (!f) return;
        be.peer = f;
        xsWatch(ctx, xs, BE, `${f}/state`, 'be-peer');
      }
      const mine = state(BE, bp);
      const other = state(BE, be.peer);
      if (mine === S.Initialising) {
        xsWrite(ctx, xs, BE, 'backend/vif/1/0/feature-rx-copy', '1');
        xenbusSwitchState(ctx, xs, BE, bp, S.InitWait);
      } else if (other === S.Initialised && mine === S.InitWait) {
        expect(read(BE, `${be.peer}/event-channel`)).toBe('5');
        xenbusSwitchState(ctx, xs, BE, bp, S.Connected);
      } else if (other === S.Closing && mine === S.Connected) xenbusSwitchState(ctx, xs, BE, bp, S.Closing);
      else if (other === S.Closed && mine === S.Closing) xenbusSwitchState(ctx, xs, BE, bp, S.Closed);
    };
    const deliver = (wd: World) => {
      for (let i = 0; i < 200; i++) {
        const evs = xsTakeWatchEvents(wd.xs);
        if (evs.length === 0) return;
        for (const e of evs) (e.dom === FE ? frontend : backend)();
      }
      throw new Error('watch storm');
    };
    xsWatch(ctx, xs, FE, 'device', 'fe-probe');
    xsWatch(ctx, xs, BE, 'backend', 'be-probe');
    xenbusCreateDevice(ctx, xs, 0, FE, BE, 'vif', 0);
    deliver(w);
    expect([xenbusReadState(xs, fp), xenbusReadState(xs, bp)]).toEqual([S.Connected, S.Connected]);
    xenbusSwitchState(ctx, xs, FE, fp, S.Closing); // the frontend unplugs
    deliver(w);
    expect([xenbusReadState(xs, fp), xenbusReadState(xs, bp)]).toEqual([S.Closed, S.Closed]);
    const seen = trace.events
      .flatMap((e) => (e.kind === 'xenbus' && e.src !== 0 ? [`${e.src === FE ? 'fe' : 'be'}:${e.detail.name}`] : []));
    expect(seen).toEqual([
      'be:InitWait', 'fe:Initialised', 'be:Connected', 'fe:Connected', 'fe:Closing', 'be:Closing', 'fe:Closed', 'be:Closed',
    ]);
    expect(xenbusRemoveDevice(ctx, xs, 0, FE, BE, 'vif', 0).ok).toBe(true);
    expect(xenbusReadState(xs, fp)).toBe(S.Unknown);
    expect(xenbusSwitchState(ctx, xs, FE, fp, S.Initialising)).toEqual({ ok: false, err: 'ENOENT' });
    expect(xs.nodes.get(`${fp}/state`)).toBeUndefined();
    expect(xsCheck(xs)).toEqual([]);
  });
});
