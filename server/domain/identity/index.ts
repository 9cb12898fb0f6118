export * from './cccd.ts';
export * from './contact.ts';
export * from './registration.ts';
