/**
 * The engine's public entry for the headless runner, scripts and tests: the whole API
 * (engine/api.ts) with the V4V transport installed, plus the invariant checks.
 */
import './v4v/install';
import './vsock/xsbroker-install';

export * from './api';
export { checkInvariants } from './invariants';
