-- 0003 — accounts, staff memberships, sessions (R-3.9, R-5.5, R-5.8, R-26.3).
-- Identity fields of citizens are stored only encrypted (AES-256-GCM, *_enc) with an HMAC blind index
-- (*_idx) for look-ups and uniqueness; plain values never reach the database.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('individual', 'organisation', 'staff')),
  -- staff sign in with a user name; citizens with their phone, e-mail or CCCD
  username text UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  full_name_enc text,
  cccd_enc text,
  cccd_idx text UNIQUE,
  phone_enc text,
  phone_idx text UNIQUE,
  email_enc text,
  email_idx text UNIQUE,
  date_of_birth date,
  organisation_name text,
  organisation_tax_code text,
  residence_structure_version text,
  residence_unit_code text,
  identity_verified_at timestamptz,
  identity_verification_ref text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'disabled')),
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (kind = 'staff' OR (cccd_idx IS NOT NULL AND phone_idx IS NOT NULL AND email_idx IS NOT NULL)),
  CHECK (kind <> 'staff' OR username IS NOT NULL)
);
CREATE INDEX users_residence_idx ON users (residence_structure_version, residence_unit_code);

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  role text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, agency_id, role)
);
CREATE INDEX memberships_agency_idx ON memberships (agency_id, role);

-- Opaque session tokens; only their SHA-256 is stored, so a database leak yields no usable session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
