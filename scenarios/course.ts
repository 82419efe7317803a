/**
 * The gallery as a course: the presets in five steps, then the exercises
 * (scenarios/exerciseIndex.ts). Each preset has one line saying what you will see.
 * catalog.test.ts checks that every preset is here exactly once.
 */
export interface CourseItem { id: string; see: string }
export interface CourseGroup { id: string; title: string; items: readonly CourseItem[] }

export const COURSE: readonly CourseGroup[] = [
  { id: 'basics', title: 'Basics', items: [
    { id: 'allowed-connection', see: 'A broker sets up the rings, then steps out of the data path.' },
    { id: 'no-listener', see: 'Allowed, but nobody listens: refused by the other guest.' },
    { id: 'special-cids', see: 'Two addresses that need no domain id: myself and the backend.' },
    { id: 'shared-ring', see: 'A second connection to the same peer reuses its rings.' },
  ] },
  { id: 'policy', title: 'Policy', items: [
    { id: 'denied-by-default', see: 'Nothing is allowed until the toolstack says so.' },
    { id: 'policy-changed', see: 'A policy change applies to the next connection, not open ones.' },
  ] },
  { id: 'isolation', title: 'Isolation', items: [
    { id: 'flood-isolation', see: 'A flood fills only the flooder\'s own ring.' },
    { id: 'shed-flooder', see: 'A guest cuts off one peer and keeps the others.' },
    { id: 'peer-crash', see: 'A crash resets its peers\' connections and frees its grants.' },
    { id: 'migrate-reconnect', see: 'Migration resets every connection; the guest reconnects.' },
    { id: 'bypass-without-xsm', see: 'Two co-operating guests go around the broker.' },
    { id: 'bypass-with-xsm', see: 'XSM makes the hypervisor refuse the bypass.' },
  ] },
  { id: 'scale', title: 'Scale', items: [
    { id: 'connect-flood', see: 'A flood of connection requests queues at the broker.' },
    { id: 'grant-exhaustion-override', see: 'A small grant table runs out at the third peer.' },
    { id: 'grant-exhaustion-default', see: 'Even the default table runs out, with hundreds of peers.' },
  ] },
  { id: 'alternatives', title: 'Alternatives', items: [
    { id: 'xenstore-broker', see: 'The same exchange through xenstore nodes and watches.' },
    { id: 'xenstore-permissions', see: 'A guest pokes xenstored itself: EACCES, ENOENT, a 4.3 EAGAIN.' },
    { id: 'v4v-wakeup-storm', see: 'One shared V4V ring: wake-ups that find no room.' },
    { id: 'v4v-no-grants', see: 'V4V needs no grants: the hypervisor copies every byte.' },
    { id: 'v4v-guest-cannot-change-rules', see: 'On V4V only the privileged toolstack sets the rules.' },
  ] },
];
