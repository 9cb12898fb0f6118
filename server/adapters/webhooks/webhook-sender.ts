/**
 * Sending one webhook (issue 8 item 2): a POST of the JSON body, signed with the endpoint's secret —
 * `X-IHanoi-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>` with the Unix time in
 * `X-IHanoi-Timestamp` — through fetch with a timeout and no redirects (a redirect is a failure: the body is never
 * sent anywhere the administrator did not register). Any 2xx is delivered; anything else is retried by the queue.
 */
import { createHmac } from 'node:crypto';
import { retryAfterMs } from '../retry.ts';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** The exact bytes signed and sent. */
  body: string;
  /** Unix seconds, signed with the body. */
  timestamp: number;
  event: string;
  eventId: string;
  deliveryId: string;
}

export type WebhookOutcome = { kind: 'delivered'; status: number } | { kind: 'failed'; status: number | null; retryAfterMs: number | null; detail: string };

export interface WebhookSender {
  send(req: WebhookRequest): Promise<WebhookOutcome>;
}

/** `sha256=` and the hex HMAC-SHA256 of `timestamp.body` under the secret. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly opts: { timeoutMs: number } = { timeoutMs: 10_000 }) {}

  async send(req: WebhookRequest): Promise<WebhookOutcome> {
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'iHanoi-Webhooks/1',
          'x-ihanoi-event': req.event,
          'x-ihanoi-event-id': req.eventId,
          'x-ihanoi-delivery': req.deliveryId,
          'x-ihanoi-timestamp': String(req.timestamp),
          'x-ihanoi-signature': webhookSignature(req.secret, req.timestamp, req.body),
        },
        body: req.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return { kind: 'failed', status: null, retryAfterMs: null, detail: `${err instanceof Error ? err.message : String(err)}${cause}`.slice(0, 300) };
    }
    // The answer's body is not read (a receiver may send anything): only its status counts.
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { kind: 'delivered', status: res.status };
    return { kind: 'failed', status: res.status, retryAfterMs: retryAfterMs(res.headers.get('retry-after')), detail: `HTTP ${res.status}` };
  }
}
