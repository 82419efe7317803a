export * from './types';
export * from './grant';
export * from './map';
export * from './query';
