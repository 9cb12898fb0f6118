// Open data (issue 8 item 3): the module's public surface.
export * from './csv.ts';
export * from './licence.ts';
export * from './open-data.ts';
