export * from './reception.ts';
