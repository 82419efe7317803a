export * from './types';
export * from './delivery';
export * from './ops';
export * from './query';
