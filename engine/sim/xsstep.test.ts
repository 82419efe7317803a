/**
 * The `xenstore` step (scenario-v1 "Additions in 1.1"): a program in a domain pokes
 * xenstored with that domain's permissions; the answer is a trace event, named answers
 * are in the report.
 */
import { describe, expect, it } from 'vitest';
import { sim, type TestSim } from '../testing/testsim';

type Xs = Record<string, unknown> & { dom: number; action: string };
const xs = (s: TestSim, step: Xs) => s.step({ op: 'xenstore', ...step });
const guests = (xen: '4.3' | '4.19' = '4.3') => sim().xen(xen).domain(1, 'web').domain(2, 'db').domain(3, 'cache').at(10_000);
const answer = (s: TestSim, name: string) => s.report().xenstore.find((a) => a.name === name);

describe('xenstore step', () => {
  it('EACCES: a guest cannot write under its dom0-owned home, but may inside its own data subtree', () => {
    const s = guests();
    xs(s, { dom: 1, action: 'write', path: '/local/domain/1/evil', value: 'x', as: 'home' });
    xs(s, { dom: 1, action: 'write', path: 'data/ok', value: 'yes', as: 'data' });
    xs(s, { dom: 1, action: 'read', path: 'data/ok', as: 'back' });
    s.settle();
    expect(answer(s, 'home')).toEqual({ name: 'home', result: 'EACCES' });
    expect(answer(s, 'data')).toEqual({ name: 'data', result: 'OK' });
    expect(answer(s, 'back')).toEqual({ name: 'back', result: 'OK', value: 'yes' });
    expect(s.events('xenstore', 'XS_ERROR', { src: 1, type: 'XS_WRITE', err: 'EACCES' })).toHaveLength(1);
    expect(s.events('toolstack', 'xenstore-answer', { name: 'home' })[0]).toMatchObject({ src: 'xenstore', dst: 1, detail: { result: 'EACCES' } });
  });

  it('ENOENT: reading a missing node under a readable parent; EACCES when the parent hides it', () => {
    const s = guests();
    xs(s, { dom: 1, action: 'read', path: '/local/domain/1/nothing', as: 'missing' });
    xs(s, { dom: 1, action: 'read', path: '/local/domain/2/nothing', as: 'hidden' });
    s.settle();
    expect(answer(s, 'missing')?.result).toBe('ENOENT');
    expect(answer(s, 'hidden')?.result).toBe('EACCES');
  });

  it.each([['4.3', 'EAGAIN'], ['4.19', 'OK']] as const)(
    'EAGAIN: on %s an unrelated write elsewhere during a transaction makes its commit answer %s',
    (xen, want) => {
      const s = guests(xen);
      xs(s, { dom: 1, action: 'transaction-start', as: 't' });
      xs(s, { dom: 1, action: 'write', path: 'data/a', value: '1', tx: 't', as: 'in-tx' });
      xs(s, { dom: 2, action: 'write', path: 'data/b', value: '2', as: 'elsewhere' });
      xs(s, { dom: 1, action: 'transaction-end', tx: 't', as: 'commit' });
      xs(s, { dom: 1, action: 'read', path: 'data/a', as: 'after' });
      s.settle();
      expect(answer(s, 'in-tx')?.result).toBe('OK');
      expect(answer(s, 'elsewhere')?.result).toBe('OK');
      expect(answer(s, 'commit')?.result).toBe(want);
      expect(answer(s, 'after')).toMatchObject(want === 'OK' ? { result: 'OK', value: '1' } : { result: 'ENOENT' });
      expect(s.report().xen).toBe(xen);
    },
  );

  it('a transaction that is aborted (commit false) leaves nothing; ending it again is ENOENT', () => {
    const s = guests('4.19');
    xs(s, { dom: 1, action: 'transaction-start', as: 't' });
    xs(s, { dom: 1, action: 'write', path: 'data/a', value: '1', tx: 't' });
    xs(s, { dom: 1, action: 'transaction-end', tx: 't', commit: false, as: 'abort' });
    xs(s, { dom: 1, action: 'transaction-end', tx: 't', as: 'again' });
    xs(s, { dom: 1, action: 'read', path: 'data/a', as: 'after' });
    s.settle();
    expect(s.report().xenstore.map((a) => [a.name, a.result])).toEqual([['t', 'OK'], ['abort', 'OK'], ['again', 'ENOENT'], ['after', 'ENOENT']]);
  });

  it('get-perms / set-perms round trip: the owner lets one other guest read', () => {
    const s = guests();
    xs(s, { dom: 1, action: 'write', path: 'data/shared', value: 'hello' });
    xs(s, { dom: 1, action: 'get-perms', path: 'data/shared', as: 'before' });
    xs(s, { dom: 1, action: 'set-perms', path: 'data/shared', perms: ['n1', 'r2'], as: 'set' });
    xs(s, { dom: 1, action: 'get-perms', path: 'data/shared', as: 'after' });
    xs(s, { dom: 2, action: 'read', path: '/local/domain/1/data/shared', as: 'db-reads' });
    xs(s, { dom: 3, action: 'read', path: '/local/domain/1/data/shared', as: 'cache-reads' });
    xs(s, { dom: 2, action: 'set-perms', path: '/local/domain/1/data/shared', perms: ['n2'], as: 'steal' });
    s.settle();
    expect(answer(s, 'before')).toEqual({ name: 'before', result: 'OK', value: ['n1'] });
    expect(answer(s, 'set')?.result).toBe('OK');
    expect(answer(s, 'after')).toEqual({ name: 'after', result: 'OK', value: ['n1', 'r2'] });
    expect(answer(s, 'db-reads')).toEqual({ name: 'db-reads', result: 'OK', value: 'hello' });
    expect(answer(s, 'cache-reads')?.result).toBe('EACCES');
    expect(answer(s, 'steal')?.result).toBe('EACCES');
  });

  it('watch fires at once and on a change, to the watching domain; after unwatch nothing more', () => {
    const s = guests();
    xs(s, { dom: 1, action: 'watch', path: 'data', value: 'mine', as: 'w' });
    s.run(1000);
    xs(s, { dom: 1, action: 'write', path: 'data/x', value: '1' });
    s.run(1000);
    xs(s, { dom: 1, action: 'unwatch', path: 'data', value: 'mine', as: 'u' });
    s.run(1000);
    xs(s, { dom: 1, action: 'write', path: 'data/y', value: '2' });
    s.settle();
    const fired = s.events('xenstore', 'XS_WATCH_EVENT', { dst: 1, token: 'app:mine' });
    expect(fired.map((e) => e.detail.path)).toEqual(['data', 'data/x']);
    expect(answer(s, 'u')?.result).toBe('OK');
  });

  it('a step of a domain that is not running is an error event and answers not-run', () => {
    const s = guests().crash(3).run(10);
    xs(s, { dom: 3, action: 'read', path: 'name', as: 'dead' });
    s.settle();
    expect(answer(s, 'dead')?.result).toBe('not-run');
    expect(s.events('error', 'xenstore')).toHaveLength(1);
  });
});

describe('preset xenstore-permissions', () => {
  it('answers as its narration says, on 4.3 and (the commit) on 4.19', async () => {
    const { PRESETS } = await import('../../scenarios');
    const { parseScenario } = await import('../scenario');
    const { runScenario } = await import('../index');
    const doc = PRESETS.find((p) => p.id === 'xenstore-permissions')!.doc as Record<string, unknown>;
    const results = (xen: string) => {
      const p = parseScenario({ ...doc, xen });
      if (!p.ok) throw new Error(p.error);
      return Object.fromEntries(runScenario(p.doc).report.xenstore.map((a) => [a.name, a.result]));
    };
    const v43 = results('4.3');
    expect(v43).toMatchObject({
      'read-name': 'OK', 'write-home': 'EACCES', 'write-data': 'OK', 'db-before': 'EACCES', share: 'OK', 'db-after': 'OK',
      'cache-reads': 'EACCES', 'cache-probes': 'EACCES', 'web-probes': 'ENOENT', commit: 'EAGAIN', 'commit-retry': 'OK',
    });
    expect(results('4.19')).toEqual({ ...v43, commit: 'OK' });
  });
});
