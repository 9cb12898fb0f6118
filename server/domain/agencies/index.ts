export * from './agency.ts';
export * from './fields.ts';
