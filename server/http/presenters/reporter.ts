/** The account as its owner sees it: their own identity fields, decrypted. Never used for other audiences. */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import type { PiiCipher } from '../../adapters/pii-cipher.ts';
import type { UserRow } from '../../db/repos/accounts.repo.ts';
import type { Membership } from '../../domain/access/index.ts';

export function presentOwnAccount(user: UserRow, pii: PiiCipher, memberships: Membership[]) {
  const open = (v: string | null) => (v ? pii.decrypt(v) : null);
  return {
    id: user.id,
    kind: user.kind,
    displayName: user.display_name,
    username: user.username,
    fullName: open(user.full_name_enc),
    cccd: open(user.cccd_enc),
    phone: open(user.phone_enc),
    email: open(user.email_enc),
    dateOfBirth: user.date_of_birth,
    organisation: user.organisation_name ? { name: user.organisation_name, taxCode: user.organisation_tax_code } : null,
    residence: user.residence_unit_code ? { version: user.residence_structure_version, code: user.residence_unit_code } : null,
    identityVerified: user.identity_verified_at !== null,
    identityVerifiedAt: user.identity_verified_at ? formatVietnamTime(user.identity_verified_at) : null,
    memberships,
  };
}
