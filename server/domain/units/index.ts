export * from './geo-index.ts';
export * from './names.ts';
export * from './search.ts';
export * from './succession.ts';
export * from './units.ts';
export * from './outline.ts';
