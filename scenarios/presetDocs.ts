/** The small preset documents, fetched together the first time one is needed (scenarios/catalog.ts). */
import deniedByDefault from './denied-by-default.json';
import policyChanged from './policy-changed.json';
import noListener from './no-listener.json';
import specialCids from './special-cids.json';
import sharedRing from './shared-ring.json';
import floodIsolation from './flood-isolation.json';
import shedFlooder from './shed-flooder.json';
import connectFlood from './connect-flood.json';
import grantExhaustionOverride from './grant-exhaustion-override.json';
import migrateReconnect from './migrate-reconnect.json';
import peerCrash from './peer-crash.json';
import xenstoreBroker from './xenstore-broker.json';
import xenstorePermissions from './xenstore-permissions.json';
import bypassWithoutXsm from './bypass-without-xsm.json';
import bypassWithXsm from './bypass-with-xsm.json';
import v4vWakeupStorm from './v4v-wakeup-storm.json';
import v4vNoGrants from './v4v-no-grants.json';
import v4vGuestCannotChangeRules from './v4v-guest-cannot-change-rules.json';

export const PRESET_DOCS: Readonly<Record<string, unknown>> = {
  'denied-by-default': deniedByDefault,
  'policy-changed': policyChanged,
  'no-listener': noListener,
  'special-cids': specialCids,
  'shared-ring': sharedRing,
  'flood-isolation': floodIsolation,
  'shed-flooder': shedFlooder,
  'connect-flood': connectFlood,
  'grant-exhaustion-override': grantExhaustionOverride,
  'migrate-reconnect': migrateReconnect,
  'peer-crash': peerCrash,
  'xenstore-broker': xenstoreBroker,
  'xenstore-permissions': xenstorePermissions,
  'bypass-without-xsm': bypassWithoutXsm,
  'bypass-with-xsm': bypassWithXsm,
  'v4v-wakeup-storm': v4vWakeupStorm,
  'v4v-no-grants': v4vNoGrants,
  'v4v-guest-cannot-change-rules': v4vGuestCannotChangeRules,
};
