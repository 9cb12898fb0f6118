export * from './actor.ts';
export * from './policy.ts';
export * from './roles.ts';
