/** Recognises "the database cannot be reached" (as opposed to a bad query) on both engines. */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// SQLSTATE class 08 (connection exception) and 57P01–57P03 (server shutting down / not yet accepting).
const UNAVAILABLE_SQLSTATE = /^(08\d{3}|57P0[123])$/;
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'PGlite is closed',
  'the database system is starting up',
];

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string' && (UNAVAILABLE_NODE_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  // node's AggregateError (IPv4 + IPv6 connection attempts both refused)
  return Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable);
}

/** SQLSTATE 23505: a unique constraint refused the row (e.g. two retries racing with one idempotency key). */
export function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === '23505';
}
