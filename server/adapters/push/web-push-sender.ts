/**
 * Sending one Web Push message (RFC 8030, payload encrypted per RFC 8291, VAPID per RFC 8292). The `web-push`
 * library encrypts and signs (`generateRequestDetails`); the request itself goes out with fetch — one pooled
 * client, a timeout — and the push service's answer is turned into what the delivery queue needs to know: sent,
 * gone for good (404/410: remove the subscription), retry later (429 with its Retry-After, 5xx, network), or
 * refused (any other 4xx: the message will never be accepted).
 */
import webpush from 'web-push';
import { retryAfterMs } from '../retry.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** A contact for the push services: `mailto:` or an https URL. */
  subject: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushMessage {
  /** The JSON the service worker receives. */
  payload: Record<string, unknown>;
  /** Seconds the push service keeps the message for an offline device. */
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** Messages with the same topic replace each other while undelivered. */
  topic?: string;
}

export type PushOutcome =
  | { kind: 'sent' }
  | { kind: 'gone'; status: number }
  | { kind: 'retry'; status: number | null; retryAfterMs: number | null; detail: string }
  | { kind: 'refused'; status: number; detail: string };

const TIMEOUT_MS = 10_000;

export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

export class WebPushSender {
  constructor(private readonly vapid: VapidKeys) {}

  get publicKey(): string {
    return this.vapid.publicKey;
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(message.payload), {
        vapidDetails: this.vapid,
        TTL: message.ttlSeconds,
        urgency: message.urgency,
        ...(message.topic ? { topic: message.topic } : {}),
      });
    } catch {
      // Keys the browser gave that cannot encrypt: this subscription will never work.
      return { kind: 'gone', status: 0 };
    }
    let res: Response;
    try {
      res = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body ?? undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      return { kind: 'retry', status: null, retryAfterMs: null, detail: err instanceof Error ? err.message : String(err) };
    }
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { kind: 'sent' };
    if (res.status === 404 || res.status === 410) return { kind: 'gone', status: res.status };
    if (res.status === 429 || res.status >= 500) return { kind: 'retry', status: res.status, retryAfterMs: retryAfterMs(res.headers.get('retry-after')), detail: `HTTP ${res.status}` };
    return { kind: 'refused', status: res.status, detail: `HTTP ${res.status}` };
  }
}
