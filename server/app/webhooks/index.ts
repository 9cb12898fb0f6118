// Webhooks for integrators (issue 8 item 2): the module's public surface.
export * from './endpoints.ts';
export * from './events.ts';
export * from './runner.ts';
