export * from './alert.ts';
export * from './audience.ts';
