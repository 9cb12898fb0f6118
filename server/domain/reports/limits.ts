/**
 * The limits of a submission's text. Import-free, so that the web app's counters and hints read
 * the very numbers the server checks (the web bundles this file; nothing else of the server).
 */
export const SUBMISSION_LIMITS = {
  titleMin: 5,
  titleMax: 200,
  descriptionMin: 20,
  descriptionMax: 5000,
  addressMax: 300,
  /** How far back an event may be reported; older matters are out of the channel's purpose. */
  occurredMaxAgeDays: 365,
  idempotencyKeyMax: 128,
} as const;
