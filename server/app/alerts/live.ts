/**
 * Live delivery to residents with the app open (issue 6 item 4): a server-sent-events stream per connected
 * resident. One poller per database and process — not per resident — reads the alerts sent since it last looked
 * (every ALERT_STREAM_POLL_MS, only while someone is connected) and hands each to the residents whose audience
 * keys it shares, matched in memory. Alerts sent by any server process reach every process's streams. The poller
 * looks back a few seconds and remembers what it pushed, so an alert committed out of order is neither missed
 * nor pushed twice.
 */
import type { Kysely } from 'kysely';
import { alertsSentSince, type AlertRow } from '../../db/repos/alerts.repo.ts';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';

type LiveContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** How far back each poll reads: longer than any transaction that sends an alert. */
const LOOKBACK_MS = 10_000;

export interface LiveListener {
  keys: ReadonlySet<string>;
  deliver(alert: AlertRow): void;
}

interface Hub {
  listeners: Set<LiveListener>;
  timer: NodeJS.Timeout | null;
  /** Alerts pushed within the look-back, by id, with when they were sent. */
  pushed: Map<string, number>;
  since: Date | null;
}

const hubs = new WeakMap<Kysely<DB>, Hub>();

async function poll(ctx: LiveContext, hub: Hub): Promise<void> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const fresh = await alertsSentSince(ctx.db, since, 500);
  for (const alert of fresh) {
    if (hub.pushed.has(alert.id)) continue;
    hub.pushed.set(alert.id, alert.sent_at!.getTime());
    // Alerts sent before the first resident connected were in the inbox they loaded.
    if (hub.since && alert.sent_at! < hub.since) continue;
    for (const l of hub.listeners) if (alert.audience_keys.some((k) => l.keys.has(k))) l.deliver(alert);
  }
  // Older than the look-back: never read again.
  for (const [id, sentAt] of hub.pushed) if (sentAt < since.getTime()) hub.pushed.delete(id);
}

/** Starts listening; the returned function stops (the poller stops with the last listener). */
export function listenForAlerts(ctx: LiveContext, listener: LiveListener, onError: (err: unknown) => void): () => void {
  let hub = hubs.get(ctx.db);
  if (!hub) hubs.set(ctx.db, (hub = { listeners: new Set(), timer: null, pushed: new Map(), since: null }));
  const h = hub;
  h.listeners.add(listener);
  if (!h.timer) {
    h.since = ctx.clock.now();
    let running = false;
    h.timer = setInterval(() => {
      if (running) return;
      running = true;
      poll(ctx, h)
        .catch(onError)
        .finally(() => (running = false));
    }, ctx.config.alertStreamPollMs);
    h.timer.unref();
  }
  return () => {
    h.listeners.delete(listener);
    if (h.listeners.size === 0 && h.timer) {
      clearInterval(h.timer);
      h.timer = null;
      h.pushed.clear();
      h.since = null;
    }
  };
}
