-- 0026 — citizen reception booking with the City's Citizen Reception Board (R-3.8, R-5.4; Quyết định 12/QĐ-UBND).
-- Sessions are published by the Board (an agency); citizens book a seat. `booked` counts the bookings holding a
-- seat and is moved only by a conditional UPDATE (booked < capacity), so that concurrent bookings never exceed
-- the capacity (the row lock serialises them on PostgreSQL; PGlite runs one transaction at a time).

CREATE SEQUENCE reception_session_code_seq;
CREATE SEQUENCE reception_booking_code_seq;

CREATE TABLE reception_sessions (
  id uuid PRIMARY KEY,
  -- TD-2026-000012 (buổi tiếp dân), from reception_session_code_seq.
  code text NOT NULL UNIQUE,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  place text NOT NULL,
  receiver text NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
  topics text[] NOT NULL DEFAULT '{}',
  kind text NOT NULL CHECK (kind IN ('regular', 'extra')),
  state text NOT NULL CHECK (state IN ('scheduled', 'cancelled', 'needs_rescheduling')),
  -- Computed from RECEPTION_BOOKING_CLOSES_HOURS when the session is published or moved.
  booking_closes_at timestamptz NOT NULL,
  cancel_reason text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX reception_sessions_starts_idx ON reception_sessions (starts_at);

CREATE TABLE reception_bookings (
  id uuid PRIMARY KEY,
  -- LH-2026-000123 (lịch hẹn), from reception_booking_code_seq.
  code text NOT NULL UNIQUE,
  session_id uuid NOT NULL REFERENCES reception_sessions (id),
  citizen_id uuid NOT NULL REFERENCES users (id),
  -- Who comes: { kind: individual | organisation | group, organisation?: { name, position }, representatives: [...] }.
  applicant jsonb NOT NULL,
  summary text NOT NULL,
  category text NOT NULL,
  -- The citizen's matter (domain/reception matterKey): one open booking per (citizen, matter).
  matter_key text NOT NULL,
  handled_elsewhere boolean NOT NULL,
  earlier_decision jsonb,
  attachments uuid[] NOT NULL DEFAULT '{}',
  state text NOT NULL CHECK (state IN ('requested', 'info_requested', 'accepted', 'declined', 'cancelled', 'checked_in', 'completed', 'no_show')),
  info_request text,
  info_answer text,
  decline_reason text CHECK (decline_reason IN ('complaint_procedure', 'not_city_authority', 'already_resolved', 'other')),
  decline_explanation text,
  decline_where_to_go text,
  checked_in_at timestamptz,
  -- { received, answeredBy, dueWorkingDays, dueAt, calendarVersion }
  outcome jsonb,
  reminded_at timestamptz,
  idempotency_key text,
  idempotency_hash text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (citizen_id, idempotency_key)
);
CREATE UNIQUE INDEX reception_bookings_open_matter_idx ON reception_bookings (citizen_id, matter_key)
  WHERE state IN ('requested', 'info_requested', 'accepted', 'checked_in');
CREATE INDEX reception_bookings_session_idx ON reception_bookings (session_id, state);
CREATE INDEX reception_bookings_citizen_idx ON reception_bookings (citizen_id, created_at DESC);
-- The reminder job: accepted bookings not yet reminded.
CREATE INDEX reception_bookings_remind_idx ON reception_bookings (session_id) WHERE state = 'accepted' AND reminded_at IS NULL;
