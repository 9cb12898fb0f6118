/**
 * Retrying an outside HTTP service, shared by the delivery queues (web push, webhooks): how long to wait before
 * the next attempt — exponential backoff, or the service's own Retry-After when it gave one.
 */

/** `baseMs · 2^attempt` (attempt 0 waits `baseMs`), at most `maxMs`. */
export function backoffMs(attempt: number, opts: { baseMs: number; maxMs?: number }): number {
  const ms = opts.baseMs * 2 ** Math.max(0, attempt);
  return opts.maxMs === undefined ? ms : Math.min(opts.maxMs, ms);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `nowMs`; null when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
