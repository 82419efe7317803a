/**
 * The exercises (scenarios/exercises/<id>.json, each with <id>.solution.json), easiest
 * first: what the gallery shows before an exercise's document is fetched. Each teaches
 * one claim of the design; `see` is that claim in one line.
 */
export interface ExerciseInfo { id: string; title: string; level: 1 | 2 | 3; see: string }

export const EXERCISE_INDEX: readonly ExerciseInfo[] = [
  { id: 'web-reaches-db', title: 'Let web reach db, but not cache', level: 1, see: 'The broker lets in exactly the pairs the toolstack allows.' },
  { id: 'no-listener', title: 'Nobody is listening', level: 1, see: 'Permission is not enough: the other side must listen.' },
  { id: 'xenstore-eacces', title: 'Make xenstore say EACCES', level: 2, see: 'With xenstore as the broker, the policy is a node permission.' },
  { id: 'xsm-bypass', title: 'Stop two guests going around the broker', level: 2, see: 'Only the hypervisor (XSM) can keep co-operating guests apart.' },
  { id: 'migrate-reconnect', title: 'Come back after a migration', level: 2, see: 'Shared rings do not travel: the application must reconnect.' },
  { id: 'shed-flooder', title: 'Shed the flooding peer, keep the friendly one', level: 3, see: 'Per-peer rings let a guest cut off one peer alone.' },
  { id: 'grant-exhaustion', title: 'Run the grant table out', level: 3, see: 'Grant use grows with peers times ring size.' },
  { id: 'v4v-spurious-wakeups', title: 'When do wake-ups go to waste?', level: 3, see: 'One shared V4V ring wakes every writer; most find no room.' },
];
export const EXERCISE_IDS: readonly string[] = EXERCISE_INDEX.map((e) => e.id);

/** True when `id` names an exercise. */
export function isExerciseId(id: string): boolean {
  return EXERCISE_IDS.includes(id);
}

/** The exercise `id`'s document (unsolved), fetched on first use; undefined for an unknown id. */
export function loadExercise(id: string): Promise<unknown> {
  if (!isExerciseId(id)) return Promise.resolve(undefined);
  return import('./exerciseDocs').then((m) => m.EXERCISE_DOCS[id]);
}
