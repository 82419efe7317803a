/**
 * Cross-field checks of a `xenstore` step (scenario-v1 "Additions in 1.1"): which fields
 * each action takes, the permission strings, and transaction names (a `tx` names an
 * earlier `transaction-start`'s `as`, in file order).
 */
import { DOMID_MAX } from '../core/limits';
import { describe, fail, quote } from './errors';
import type { XenstoreAction, XenstoreStep } from './types';

const TX_ACTIONS: readonly XenstoreAction[] = ['transaction-start', 'transaction-end'];
/** Actions that may run inside a transaction (watches are not transactional). */
const IN_TX: readonly XenstoreAction[] = ['read', 'write', 'mkdir', 'rm', 'get-perms', 'set-perms', 'transaction-end'];
const VALUE: readonly XenstoreAction[] = ['write', 'watch', 'unwatch'];
/** One permission: a letter (n none, r read, w write, b both) and a domid. */
const PERM = /^[nrwb](0|[1-9][0-9]{0,4})$/;

/** The names xenstore steps defined so far (file order), and which of them are transactions. */
export interface XsNames { byName: Map<string, number>; txs: Set<string> }

export function checkXenstoreStep(step: XenstoreStep, p: string, stepPath: (i: number) => string, names: XsNames, index: number): void {
  const a = step.action;
  const what = `for action ${quote(a)}`;
  if (TX_ACTIONS.includes(a)) {
    if (step.path !== undefined) fail(`${p}.path`, `not used ${what}`);
  } else if (step.path === undefined) fail(`${p}.path`, `required ${what}`);
  if (step.value !== undefined && !VALUE.includes(a)) fail(`${p}.value`, `not used ${what} (only write, watch, unwatch)`);
  if (a === 'set-perms') checkPerms(step.perms, `${p}.perms`);
  else if (step.perms !== undefined) fail(`${p}.perms`, `not used ${what} (only set-perms)`);
  if (step.commit !== undefined && a !== 'transaction-end') fail(`${p}.commit`, `not used ${what} (only transaction-end)`);
  if (step.tx !== undefined) {
    if (!IN_TX.includes(a)) fail(`${p}.tx`, `not used ${what}`);
    if (!names.txs.has(step.tx)) {
      fail(`${p}.tx`, `unknown transaction ${quote(step.tx)} (name an earlier transaction-start by its "as")`);
    }
  } else if (a === 'transaction-end') fail(`${p}.tx`, `required ${what} (the transaction-start's "as")`);
  if (a === 'transaction-start' && step.as === undefined) fail(`${p}.as`, `required ${what} (later steps name the transaction by it)`);
  if (step.as !== undefined) {
    const before = names.byName.get(step.as);
    if (before !== undefined) fail(`${p}.as`, `duplicate xenstore name ${quote(step.as)} (${stepPath(before)} already defines it)`);
    names.byName.set(step.as, index);
    if (a === 'transaction-start') names.txs.add(step.as);
  }
}

function checkPerms(perms: string[] | undefined, p: string): void {
  if (perms === undefined) fail(p, 'required for action "set-perms" (e.g. ["n0", "r1"]: owner dom0, default none; dom1 may read)');
  if (perms.length === 0) fail(p, 'expected at least one permission (the first names the owner)');
  if (perms.length > 64) fail(p, `too many permissions: ${perms.length} (at most 64)`);
  perms.forEach((x, i) => {
    if (typeof x !== 'string' || !PERM.test(x) || Number(x.slice(1)) > DOMID_MAX) {
      fail(`${p}[${i}]`, `expected a letter n, r, w or b and a domain id (e.g. "r1"), got ${describe(x)}`);
    }
  });
}
