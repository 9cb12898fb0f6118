// The reports module's pure surface.
export * from './submission.ts';
export * from './participation.ts';
