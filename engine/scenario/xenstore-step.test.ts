/** The `xenstore` step's fields (scenario-v1 "Additions in 1.1"): each problem in one line. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';
import { withSteps } from './fixtures';

const xs = (fields: Record<string, unknown>) => ({ at: 10, op: 'xenstore', dom: 1, ...fields });
const errorOf = (...steps: unknown[]) => {
  const r = parseScenario(withSteps(steps));
  return r.ok ? null : r.error;
};

describe('xenstore step fields', () => {
  it('accepts every action with its fields', () => {
    const r = parseScenario(withSteps([
      xs({ action: 'transaction-start', as: 't' }),
      xs({ action: 'write', path: 'data/a', value: 'v', tx: 't' }),
      xs({ action: 'read', path: 'data/a', tx: 't', as: 'r' }),
      xs({ action: 'mkdir', path: 'data/d' }),
      xs({ action: 'rm', path: 'data/d' }),
      xs({ action: 'get-perms', path: 'data' }),
      xs({ action: 'set-perms', path: 'data', perms: ['n1', 'r2', 'b0'] }),
      xs({ action: 'watch', path: 'data' }),
      xs({ action: 'unwatch', path: 'data', value: 'data' }),
      xs({ action: 'transaction-end', tx: 't', commit: true }),
    ]));
    expect(r.ok).toBe(true);
  });

  it.each([
    ['an unknown action', [xs({ action: 'delete', path: 'x' })], 'steps[0].action: expected "read" or "write" or "mkdir" or "rm" or "get-perms" or "set-perms" or "watch" or "unwatch" or "transaction-start" or "transaction-end", got "delete"'],
    ['a read without path', [xs({ action: 'read' })], 'steps[0].path: required for action "read"'],
    ['a path on transaction-start', [xs({ action: 'transaction-start', path: 'x', as: 't' })], 'steps[0].path: not used for action "transaction-start"'],
    ['a value on read', [xs({ action: 'read', path: 'x', value: 'v' })], 'steps[0].value: not used for action "read" (only write, watch, unwatch)'],
    ['set-perms without perms', [xs({ action: 'set-perms', path: 'x' })], 'steps[0].perms: required for action "set-perms" (e.g. ["n0", "r1"]: owner dom0, default none; dom1 may read)'],
    ['a bad permission', [xs({ action: 'set-perms', path: 'x', perms: ['n1', 'x2'] })], 'steps[0].perms[1]: expected a letter n, r, w or b and a domain id (e.g. "r1"), got "x2"'],
    ['no permission', [xs({ action: 'set-perms', path: 'x', perms: [] })], 'steps[0].perms: expected at least one permission (the first names the owner)'],
    ['an unknown transaction', [xs({ action: 'read', path: 'x', tx: 'nope' })], 'steps[0].tx: unknown transaction "nope" (name an earlier transaction-start by its "as")'],
    ['transaction-end without tx', [xs({ action: 'transaction-end' })], 'steps[0].tx: required for action "transaction-end" (the transaction-start\'s "as")'],
    ['an unnamed transaction-start', [xs({ action: 'transaction-start' })], 'steps[0].as: required for action "transaction-start" (later steps name the transaction by it)'],
    ['commit on write', [xs({ action: 'write', path: 'x', commit: false })], 'steps[0].commit: not used for action "write" (only transaction-end)'],
    ['a watch in a transaction', [xs({ action: 'transaction-start', as: 't' }), xs({ action: 'watch', path: 'x', tx: 't' })], 'steps[1].tx: not used for action "watch"'],
    ['a duplicate name', [xs({ action: 'read', path: 'x', as: 'a' }), xs({ action: 'read', path: 'y', as: 'a' })], 'steps[1].as: duplicate xenstore name "a" (steps[0] already defines it)'],
    ['an undeclared domain', [xs({ dom: 9, action: 'read', path: 'x' })], 'steps[0].dom: undeclared domain 9'],
    ['an unknown field', [xs({ action: 'read', path: 'x', token: 't' })], 'steps[0].token: unknown field for op "xenstore" (known: at, op, dom, action, path, value, perms, tx, commit, as, note)'],
  ])('rejects %s', (_label, steps, error) => {
    expect(errorOf(...steps)).toBe(error);
  });
});
