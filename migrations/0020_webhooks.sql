-- 0020 — webhooks for integrators such as the city's LGSP (issue 8 item 2, R-18.5 / R-20): endpoints registered by
-- an administrator, the events taken from the audit trail, and a delivery queue with retries that sends each
-- endpoint a report's events once and in order (ADR 0010).

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY,
  url text NOT NULL,
  description text,
  -- The signing secret, encrypted with the PII key: the server needs it in clear to sign; shown once at creation.
  secret_enc text NOT NULL,
  events text[] NOT NULL,
  -- paused: events are still queued and go out, in order, once it is active again; deleted: nothing more is sent.
  state text NOT NULL CHECK (state IN ('active', 'paused', 'deleted')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Audit events the webhook runner has turned into webhook events (once, whichever server got there first).
CREATE TABLE webhook_sources (
  event_id uuid PRIMARY KEY REFERENCES audit_events (id),
  events integer NOT NULL,
  handled_at timestamptz NOT NULL
);

-- One event as integrators receive it; its body is fixed when queued, so every attempt sends the same bytes.
CREATE TABLE webhook_events (
  id uuid PRIMARY KEY,
  -- The order of events: given in the (serialised) fan-out, oldest audit event first.
  seq bigserial NOT NULL UNIQUE,
  source_event_id uuid NOT NULL REFERENCES audit_events (id),
  type text NOT NULL,
  -- report:<id> or alert:<id>: an endpoint receives one subject's events in order.
  subject_key text NOT NULL,
  occurred_at timestamptz NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (source_event_id, type)
);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
  event_id uuid NOT NULL REFERENCES webhook_events (id),
  subject_key text NOT NULL,
  seq bigint NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'running', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,
  first_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_status integer,
  last_error text,
  finished_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state IN ('pending', 'running');
-- The earlier undelivered event of the same subject at the same endpoint (the order check of every claim).
CREATE INDEX webhook_deliveries_chain_idx ON webhook_deliveries (endpoint_id, subject_key, seq) WHERE state IN ('pending', 'running');
CREATE INDEX webhook_deliveries_history_idx ON webhook_deliveries (endpoint_id, created_at DESC);
