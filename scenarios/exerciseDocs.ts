/** The exercise documents, unsolved, fetched together the first time one is opened (scenarios/exerciseIndex.ts). */
import grantExhaustion from './exercises/grant-exhaustion.json';
import migrateReconnect from './exercises/migrate-reconnect.json';
import noListener from './exercises/no-listener.json';
import shedFlooder from './exercises/shed-flooder.json';
import v4vSpuriousWakeups from './exercises/v4v-spurious-wakeups.json';
import webReachesDb from './exercises/web-reaches-db.json';
import xenstoreEacces from './exercises/xenstore-eacces.json';
import xsmBypass from './exercises/xsm-bypass.json';

export const EXERCISE_DOCS: Readonly<Record<string, unknown>> = {
  'grant-exhaustion': grantExhaustion,
  'migrate-reconnect': migrateReconnect,
  'no-listener': noListener,
  'shed-flooder': shedFlooder,
  'v4v-spurious-wakeups': v4vSpuriousWakeups,
  'web-reaches-db': webReachesDb,
  'xenstore-eacces': xenstoreEacces,
  'xsm-bypass': xsmBypass,
};
