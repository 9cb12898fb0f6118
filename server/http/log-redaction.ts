/**
 * Identity fields and credentials never reach the logs, in any environment.
 * Paths are pino redact paths; request bodies are not logged at all, these guard what code logs explicitly.
 */
const IDENTITY_KEYS = ['cccd', 'phone', 'email', 'password', 'fullName', 'token', 'idNumber', 'address'];

export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...IDENTITY_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];
