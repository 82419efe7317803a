/**
 * The preset gallery: every scenario document in this folder, in the order a guided
 * tour should show them. The documents are plain JSON (the same format people export,
 * import and share); this list only orders them.
 *
 * This module bundles every document: it is for Node (tests, scripts). The app uses
 * catalog.ts, which fetches each document on first use.
 */
import type { Preset } from './catalog';
import allowedConnection from './allowed-connection.json';
import deniedByDefault from './denied-by-default.json';
import policyChanged from './policy-changed.json';
import noListener from './no-listener.json';
import specialCids from './special-cids.json';
import sharedRing from './shared-ring.json';
import floodIsolation from './flood-isolation.json';
import shedFlooder from './shed-flooder.json';
import connectFlood from './connect-flood.json';
import grantExhaustionOverride from './grant-exhaustion-override.json';
import grantExhaustionDefault from './grant-exhaustion-default.json';
import migrateReconnect from './migrate-reconnect.json';
import peerCrash from './peer-crash.json';
import xenstoreBroker from './xenstore-broker.json';
import xenstorePermissions from './xenstore-permissions.json';
import bypassWithoutXsm from './bypass-without-xsm.json';
import bypassWithXsm from './bypass-with-xsm.json';
import v4vWakeupStorm from './v4v-wakeup-storm.json';
import v4vNoGrants from './v4v-no-grants.json';
import v4vGuestCannotChangeRules from './v4v-guest-cannot-change-rules.json';

export type { Preset };

export const PRESETS: readonly Preset[] = [
  { id: 'allowed-connection', doc: allowedConnection },
  { id: 'denied-by-default', doc: deniedByDefault },
  { id: 'policy-changed', doc: policyChanged },
  { id: 'no-listener', doc: noListener },
  { id: 'special-cids', doc: specialCids },
  { id: 'shared-ring', doc: sharedRing },
  { id: 'flood-isolation', doc: floodIsolation },
  { id: 'shed-flooder', doc: shedFlooder },
  { id: 'connect-flood', doc: connectFlood },
  { id: 'grant-exhaustion-override', doc: grantExhaustionOverride },
  { id: 'grant-exhaustion-default', doc: grantExhaustionDefault },
  { id: 'migrate-reconnect', doc: migrateReconnect },
  { id: 'peer-crash', doc: peerCrash },
  { id: 'xenstore-broker', doc: xenstoreBroker },
  { id: 'xenstore-permissions', doc: xenstorePermissions },
  { id: 'bypass-without-xsm', doc: bypassWithoutXsm },
  { id: 'bypass-with-xsm', doc: bypassWithXsm },
  { id: 'v4v-wakeup-storm', doc: v4vWakeupStorm },
  { id: 'v4v-no-grants', doc: v4vNoGrants },
  { id: 'v4v-guest-cannot-change-rules', doc: v4vGuestCannotChangeRules },
];
