import type { Generated } from 'kysely';
import type { Timestamp } from './core.ts';

export interface UsersTable {
  id: string;
  kind: 'individual' | 'organisation' | 'staff';
  username: string | null;
  display_name: string;
  password_hash: string;
  full_name_enc: string | null;
  cccd_enc: string | null;
  cccd_idx: string | null;
  phone_enc: string | null;
  phone_idx: string | null;
  email_enc: string | null;
  email_idx: string | null;
  date_of_birth: string | null;
  organisation_name: string | null;
  organisation_tax_code: string | null;
  residence_structure_version: string | null;
  residence_unit_code: string | null;
  identity_verified_at: Timestamp | null;
  identity_verification_ref: string | null;
  status: Generated<'active' | 'locked' | 'disabled'>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  agency_id: string;
  role: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  kind: 'cookie' | 'bearer';
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AccountsTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
}
