export * from './category.ts';
export * from './routing.ts';
