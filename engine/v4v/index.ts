/**
 * The v4v transport (`transport: "v4v"`): hypervisor-copied messages into rings the
 * receivers register, the alternative the vsock design is weighed against.
 */
export * from './types';
export { registerRing, unregisterRing, sendv, notify, findRing, pendingCap, opName, V4V_COST } from './hyper';
export type { SendArgs, SendResult, NotifyEntry, NotifyResult, RegisterOpts } from './hyper';
export { roundup16, msgBytes, ringSpace, ringUsed, maxMessage, fitsNow, checkRingSize, checkMsgSize, ringCheck } from './ring';
export { tablesAdd, tablesVerdict, rulesFor } from './tables';
export { v4vDispatch, txRun } from './tx';
export { kick } from './kick';
export { v4vBoot, v4vDomainUp, v4vDomainGone, v4vStep } from './lifecycle';
export { v4vTransport } from './module';
export { v4vCheck } from './check';
