/** Shared-ring mechanisms: io/ring.h request/response rings and libxenvchan byte streams. */
export * from './ioring';
export * from './bytering';
export * from './vchan';
export * from './vchancheck';
