/**
 * Typed configuration, read once at start from the environment (and `.env` when present). Every problem is
 * listed at once. Operating data (calendar, units, deadlines) lives in the database, not here.
 * `.env.example` documents every key of CONFIG_KEYS; a test keeps the two in step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT_URL } from './paths.ts';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Unset: embedded PGlite under `pgliteDir`. Set: a PostgreSQL server. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  pgliteDir: string;
  /** Content-addressed store of uploaded media (originals and public copies). Default: `dataDir/media`. */
  mediaDir: string;
  /** 32-byte key for AES-256-GCM of personal data; hex or base64. Generated into dataDir in development. */
  piiKey: string | undefined;
  logLevel: string;
  seedDemo: boolean;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /**
   * How long a server keeps the answers of the public feeds (Open311 requests, open data) to serve them again
   * (a micro-cache: a storm of identical reads costs one query). 0 turns it off.
   */
  publicCacheSeconds: number;
  loginAttemptsPerWindow: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  /** How often the deadline sweep marks overdue deadlines (R-8.5). */
  deadlineSweepSeconds: number;
  /**
   * How long a server trusts its in-memory copy of the reference data (units, agencies, categories, routing
   * rules, calendar) before it asks whether another server changed it (ADR 0005). Changes made through this
   * server take effect at once.
   */
  referenceRefreshMs: number;
  /** Run the intake integrity checks right after each submission (issue 5); the sweep catches what is missed. */
  integrityCheckOnSubmit: boolean;
  /** The ffmpeg program that samples video frames (issue 5); when it cannot be run, videos are marked not compared. */
  ffmpegPath: string;
  /** R-16.2, R-17.2: a lower level may not re-send what a higher level sent to the same residents within this many days. */
  alertResendWindowDays: number;
  /** How often a server looks for newly sent alerts to push to open streams (only while someone is connected). */
  alertStreamPollMs: number;
  /** Web push VAPID keys (both or neither; without them a pair is made on first start and kept in the database). */
  vapidPublicKey: string | undefined;
  vapidPrivateKey: string | undefined;
  /** The contact push services see: mailto: or https:. */
  vapidSubject: string;
  /** How often the push delivery runner looks for due jobs. */
  pushWorkerSeconds: number;
  /**
   * How often a server checks whether the city's report documents of the month, quarter and year that ended last
   * are stored, and generates those missing (R-18.3b); 0: this server never generates them.
   */
  periodReportsSeconds: number;
  /** How often the webhook runner turns new events into deliveries and sends those due (issue 8). */
  webhookWorkerSeconds: number;
  /** R-5.4: booking a reception session closes this many hours before it starts (stored per session when published or moved). */
  receptionBookingClosesHours: number;
  /** R-5.4: an accepted booking's citizen gets a reminder in their inbox this many hours before the session. */
  receptionReminderHours: number;
  /** A webhook delivery failing for this long since its first attempt is given up (marked failed). */
  webhookGiveUpHours: number;
  /** The built web app (issue 7) served at `/`; when its index.html is missing the API runs alone. */
  webDir: string;
  /** Optional map tile server, `{z}/{x}/{y}` template; without it maps draw only our own GeoJSON (no internet needed). */
  mapTileUrl: string | undefined;
  /** The tile server's required attribution, shown on every map. */
  mapTileAttribution: string;
  /** The Open311 integration key the demo seed creates for the demo citizen (issue 8); never the published value in production. */
  open311DemoApiKey: string | undefined;
  /** Let Open311 `media_url` fetch from private and loopback addresses (tests only: it opens the server to SSRF). */
  open311MediaFetchAllowPrivate: boolean;
  /** How long fetching one Open311 `media_url` may take, body included. */
  open311MediaFetchTimeoutMs: number;
}

/** The demo Open311 key printed in .env.example and the README: anyone may know it, so production refuses it. */
export const PUBLISHED_OPEN311_DEMO_API_KEY = 'ihanoi-open311-demo-key';

type Parser<T> = (raw: string) => T | { error: string };

const int =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max
      ? n
      : { error: `must be an integer from ${min} to ${max}` };
  };
const bool: Parser<boolean> = (raw) =>
  ['1', 'true', 'yes'].includes(raw.toLowerCase())
    ? true
    : ['0', 'false', 'no'].includes(raw.toLowerCase())
      ? false
      : { error: 'must be true or false' };
const text: Parser<string> = (raw) => (raw.trim() === '' ? { error: 'must not be empty' } : raw.trim());
const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw) =>
    (values as string[]).includes(raw) ? (raw as T) : { error: `must be one of ${values.join(', ')}` };
const postgresUrl: Parser<string> = (raw) =>
  /^postgres(ql)?:\/\//.test(raw) ? raw : { error: 'must be a postgres:// or postgresql:// URL' };
const key32: Parser<string> = (raw) => {
  const bytes = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return bytes.length === 32 ? raw : { error: 'must be 32 bytes, as 64 hex digits or base64' };
};

const tileUrl: Parser<string> = (raw) =>
  /^https?:\/\/[^\s]+$/.test(raw) && ['{z}', '{x}', '{y}'].every((p) => raw.includes(p)) ? raw : { error: 'must be an http(s) URL with {z}, {x} and {y}' };

interface KeySpec<T> {
  parse: Parser<T>;
  default: T | undefined;
}
const spec = <T>(parse: Parser<T>, dflt?: T): KeySpec<T> => ({ parse, default: dflt });

/** Every environment variable the platform reads. */
export const CONFIG_KEYS = {
  NODE_ENV: spec(oneOf('development', 'production', 'test'), 'development'),
  HOST: spec(text, '0.0.0.0'),
  PORT: spec(int(0, 65535), 3000),
  DATABASE_URL: spec(postgresUrl),
  DATABASE_POOL_SIZE: spec(int(1, 200), 10),
  DATA_DIR: spec(text, './data'),
  PGLITE_DATA_DIR: spec(text),
  MEDIA_DIR: spec(text),
  PII_KEY: spec(key32),
  LOG_LEVEL: spec(oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'info'),
  SEED_DEMO: spec(bool),
  BODY_LIMIT_BYTES: spec(int(1024, 1024 * 1024 * 1024), 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: spec(int(1, 1_000_000), 600),
  PUBLIC_CACHE_SECONDS: spec(int(0, 300), 5),
  LOGIN_ATTEMPTS_PER_15_MIN: spec(int(1, 10_000), 10),
  COOKIE_SECURE: spec(bool),
  TRUST_PROXY: spec(bool, false),
  SESSION_TTL_HOURS: spec(int(1, 24 * 90), 24 * 7),
  DEADLINE_SWEEP_SECONDS: spec(int(1, 24 * 3600), 60),
  REFERENCE_REFRESH_MS: spec(int(0, 60_000), 1000),
  INTEGRITY_CHECK_ON_SUBMIT: spec(bool, true),
  FFMPEG_PATH: spec(text, 'ffmpeg'),
  ALERT_RESEND_WINDOW_DAYS: spec(int(1, 90), 7),
  ALERT_STREAM_POLL_MS: spec(int(10, 60_000), 1000),
  VAPID_PUBLIC_KEY: spec(text),
  VAPID_PRIVATE_KEY: spec(text),
  VAPID_SUBJECT: spec(text, 'mailto:ihanoi@hanoi.gov.vn'),
  PUSH_WORKER_SECONDS: spec(int(1, 3600), 2),
  WEBHOOK_WORKER_SECONDS: spec(int(1, 3600), 2),
  PERIOD_REPORTS_SECONDS: spec(int(0, 24 * 3600), 600),
  RECEPTION_BOOKING_CLOSES_HOURS: spec(int(0, 24 * 30), 24),
  RECEPTION_REMINDER_HOURS: spec(int(1, 24 * 14), 24),
  WEBHOOK_GIVE_UP_HOURS: spec(int(1, 24 * 30), 24),
  WEB_DIR: spec(text),
  MAP_TILE_URL: spec(tileUrl),
  MAP_TILE_ATTRIBUTION: spec(text, '© OpenStreetMap'),
  OPEN311_DEMO_API_KEY: spec(text),
  OPEN311_MEDIA_FETCH_ALLOW_PRIVATE: spec(bool, false),
  OPEN311_MEDIA_FETCH_TIMEOUT_MS: spec(int(100, 120_000), 15_000),
} satisfies Record<string, KeySpec<unknown>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `KEY=value` lines of a `.env` file; the real environment wins over it. */
function readDotEnv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && m[1] && m[2] !== undefined) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  dotEnvPath: string | undefined = resolve('.env'),
): Config {
  const source: Record<string, string | undefined> = {
    ...(dotEnvPath ? readDotEnv(dotEnvPath) : {}),
    ...env,
  };
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(CONFIG_KEYS) as [string, KeySpec<unknown>][]) {
    const raw = source[key];
    if (raw === undefined || raw === '') {
      values[key] = s.default;
      continue;
    }
    const parsed = s.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && 'error' in parsed) {
      problems.push(`${key} ${(parsed as { error: string }).error} (got "${key === 'PII_KEY' || key === 'DATABASE_URL' || key === 'VAPID_PRIVATE_KEY' ? '…' : raw}")`);
    } else values[key] = parsed;
  }
  if (Boolean(values.VAPID_PUBLIC_KEY) !== Boolean(values.VAPID_PRIVATE_KEY)) problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both, or neither (a pair is then made on first start)');
  if (problems.length) throw new ConfigError(problems);
  const v = values as {
    [K in keyof typeof CONFIG_KEYS]: (typeof CONFIG_KEYS)[K] extends KeySpec<infer T> ? T : never;
  };
  const env2 = v.NODE_ENV ?? 'development';
  // Demo accounts share a printed password: never in production.
  if (env2 === 'production' && v.SEED_DEMO === true) throw new ConfigError(['SEED_DEMO must not be on in production (demo accounts have a published password)']);
  if (env2 === 'production' && v.OPEN311_DEMO_API_KEY === PUBLISHED_OPEN311_DEMO_API_KEY)
    throw new ConfigError(['OPEN311_DEMO_API_KEY must not be the published demo value in production (anyone could post reports with it)']);
  const dataDir = resolve(v.DATA_DIR ?? './data');
  return {
    env: env2,
    host: v.HOST ?? '0.0.0.0',
    port: v.PORT ?? 3000,
    databaseUrl: v.DATABASE_URL,
    databasePoolSize: v.DATABASE_POOL_SIZE ?? 10,
    dataDir,
    pgliteDir: resolve(v.PGLITE_DATA_DIR ?? resolve(dataDir, 'db')),
    mediaDir: resolve(v.MEDIA_DIR ?? resolve(dataDir, 'media')),
    piiKey: v.PII_KEY,
    logLevel: v.LOG_LEVEL ?? 'info',
    seedDemo: v.SEED_DEMO ?? env2 !== 'production',
    bodyLimitBytes: v.BODY_LIMIT_BYTES ?? 1024 * 1024,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE ?? 600,
    publicCacheSeconds: v.PUBLIC_CACHE_SECONDS ?? 5,
    loginAttemptsPerWindow: v.LOGIN_ATTEMPTS_PER_15_MIN ?? 10,
    cookieSecure: v.COOKIE_SECURE ?? env2 === 'production',
    trustProxy: v.TRUST_PROXY ?? false,
    sessionTtlHours: v.SESSION_TTL_HOURS ?? 24 * 7,
    deadlineSweepSeconds: v.DEADLINE_SWEEP_SECONDS ?? 60,
    referenceRefreshMs: v.REFERENCE_REFRESH_MS ?? 1000,
    integrityCheckOnSubmit: v.INTEGRITY_CHECK_ON_SUBMIT ?? true,
    ffmpegPath: v.FFMPEG_PATH ?? 'ffmpeg',
    alertResendWindowDays: v.ALERT_RESEND_WINDOW_DAYS ?? 7,
    alertStreamPollMs: v.ALERT_STREAM_POLL_MS ?? 1000,
    vapidPublicKey: v.VAPID_PUBLIC_KEY,
    vapidPrivateKey: v.VAPID_PRIVATE_KEY,
    vapidSubject: v.VAPID_SUBJECT ?? 'mailto:ihanoi@hanoi.gov.vn',
    pushWorkerSeconds: v.PUSH_WORKER_SECONDS ?? 2,
    webhookWorkerSeconds: v.WEBHOOK_WORKER_SECONDS ?? 2,
    periodReportsSeconds: v.PERIOD_REPORTS_SECONDS ?? 600,
    receptionBookingClosesHours: v.RECEPTION_BOOKING_CLOSES_HOURS ?? 24,
    receptionReminderHours: v.RECEPTION_REMINDER_HOURS ?? 24,
    webhookGiveUpHours: v.WEBHOOK_GIVE_UP_HOURS ?? 24,
    webDir: resolve(v.WEB_DIR ?? fileURLToPath(new URL('web/dist', PROJECT_ROOT_URL))),
    mapTileUrl: v.MAP_TILE_URL,
    mapTileAttribution: v.MAP_TILE_ATTRIBUTION ?? '© OpenStreetMap',
    open311DemoApiKey: v.OPEN311_DEMO_API_KEY ?? (env2 === 'production' ? undefined : PUBLISHED_OPEN311_DEMO_API_KEY),
    open311MediaFetchAllowPrivate: v.OPEN311_MEDIA_FETCH_ALLOW_PRIVATE ?? false,
    open311MediaFetchTimeoutMs: v.OPEN311_MEDIA_FETCH_TIMEOUT_MS ?? 15_000,
  };
}
