// Open311 GeoReport v2 as pure rules (issue 8).
export * from './open311.ts';
