-- 0024 — the Center's reports as documents (issue 10 item 4; R-18.3b monthly, quarterly, yearly and ad-hoc reports,
-- R-25.4 each agency's own figures, R-18.4 the month's reprimand flags; ADR 0012). A document is generated once and
-- never changes: its row says for which period (whole Vietnam civil months [first_month, last_month]) and scope
-- (agency_id NULL = the whole city), when, by whom (NULL = the scheduled job) and what its figures were as of; its
-- files (xlsx, pdf, one csv per section) are stored beside it as bytea, in the same transaction.

CREATE TABLE oversight_documents (
  id uuid PRIMARY KEY,
  period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year', 'custom')),
  first_month text NOT NULL CHECK (first_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  last_month text NOT NULL CHECK (last_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND last_month >= first_month),
  agency_id uuid REFERENCES agencies (id),
  title text NOT NULL,
  generated_at timestamptz NOT NULL,
  generated_by uuid REFERENCES users (id),
  as_of timestamptz NOT NULL
);
CREATE INDEX oversight_documents_listing_idx ON oversight_documents (generated_at DESC, id DESC);
-- The scheduled job generates each period's document once per scope, whichever server runs it first (the others'
-- INSERT … ON CONFLICT DO NOTHING stores nothing). NULLS NOT DISTINCT: the city's documents (agency_id NULL) too.
CREATE UNIQUE INDEX oversight_documents_scheduled_key ON oversight_documents (period_kind, first_month, last_month, agency_id)
  NULLS NOT DISTINCT WHERE generated_by IS NULL;

CREATE TABLE oversight_document_files (
  document_id uuid NOT NULL REFERENCES oversight_documents (id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('xlsx', 'pdf', 'csv')),
  -- The section of a CSV file (one per table); '' for the whole-document formats.
  section text NOT NULL DEFAULT '',
  size integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (document_id, format, section)
);
