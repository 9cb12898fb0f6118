-- 0016 — web push (issue 6 item 5): subscriptions of browsers and apps, the platform's VAPID keys, and a job
-- queue on PostgreSQL that delivers alerts in batches with retries.

-- Settings the platform makes for itself on first start and every server shares (the VAPID key pair; its
-- private half encrypted with the PII key).
CREATE TABLE platform_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL
);

-- One row per browser or app that agreed to receive notifications (the Push API's PushSubscription).
CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  endpoint text NOT NULL UNIQUE,
  p256dh text NOT NULL,
  auth text NOT NULL,
  created_at timestamptz NOT NULL,
  last_sent_at timestamptz,
  -- Set when the push service says the subscription is gone (404/410) or the user removed it.
  removed_at timestamptz,
  removed_reason text
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id) WHERE removed_at IS NULL;

-- alert_fanout: find the subscriptions an alert reaches and split them into batches (written in the transaction
-- that sends the alert: publishing stays one row whatever the audience); alert_batch: push to up to 500
-- subscriptions. A batch's transient failures become a new batch, `generation` + 1, later (backoff).
CREATE TABLE push_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('alert_fanout', 'alert_batch')),
  alert_id uuid NOT NULL REFERENCES alerts (id),
  subscription_ids uuid[],
  generation integer NOT NULL DEFAULT 0,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done')),
  attempts integer NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL,
  locked_until timestamptz,
  sent integer NOT NULL DEFAULT 0,
  gone integer NOT NULL DEFAULT 0,
  -- Given up after the last generation, or refused for good (400/413).
  failed integer NOT NULL DEFAULT 0,
  -- Not sent because the alert was cancelled or had expired before the batch ran.
  skipped integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  CHECK ((kind = 'alert_batch') = (subscription_ids IS NOT NULL))
);
CREATE INDEX push_jobs_due_idx ON push_jobs (run_at) WHERE state <> 'done';
CREATE INDEX push_jobs_alert_idx ON push_jobs (alert_id);
