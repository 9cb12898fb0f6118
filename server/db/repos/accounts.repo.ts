/** Accounts, memberships and sessions. Identity fields arrive here already encrypted and indexed. */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Membership } from '../../domain/access/index.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { PREPARED } from '../client.ts';
import { coalesce } from '../coalesce.ts';
import type { DB } from '../schema.ts';
import type { SessionsTable, UsersTable } from '../schema/accounts.ts';
import type { Insertable, Selectable } from 'kysely';

type Q = Kysely<DB> | Transaction<DB>;
export type UserRow = Selectable<UsersTable>;

export async function insertUser(tx: Q, row: Insertable<UsersTable>): Promise<void> {
  await tx.insertInto('users').values(row).execute();
}

/** A staff account row: a username and a display name, no personal identity fields. */
export async function insertStaffUser(
  tx: Q,
  a: { id: string; username: string; displayName: string; passwordHash: string; now: Date },
): Promise<void> {
  await insertUser(tx, {
    id: a.id,
    kind: 'staff',
    username: a.username,
    display_name: a.displayName,
    password_hash: a.passwordHash,
    full_name_enc: null,
    cccd_enc: null,
    cccd_idx: null,
    phone_enc: null,
    phone_idx: null,
    email_enc: null,
    email_idx: null,
    date_of_birth: null,
    organisation_name: null,
    organisation_tax_code: null,
    residence_structure_version: null,
    residence_unit_code: null,
    identity_verified_at: null,
    identity_verification_ref: null,
    locked_until: null,
    created_at: a.now,
    updated_at: a.now,
  });
}

export async function findUserById(q: Q, id: string): Promise<UserRow | undefined> {
  return q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of the blind indexes are already taken (for "already registered" answers naming the field). */
export async function takenIdentityIndexes(
  q: Q,
  idx: { cccd: string; phone: string; email: string },
): Promise<{ cccd: boolean; phone: boolean; email: boolean }> {
  const rows = await q
    .selectFrom('users')
    .select(['cccd_idx', 'phone_idx', 'email_idx'])
    .where((eb) => eb.or([eb('cccd_idx', '=', idx.cccd), eb('phone_idx', '=', idx.phone), eb('email_idx', '=', idx.email)]))
    .execute();
  return {
    cccd: rows.some((r) => r.cccd_idx === idx.cccd),
    phone: rows.some((r) => r.phone_idx === idx.phone),
    email: rows.some((r) => r.email_idx === idx.email),
  };
}

export async function findUserByLogin(
  q: Q,
  by: { username?: string; cccdIdx?: string; phoneIdx?: string; emailIdx?: string },
): Promise<UserRow | undefined> {
  return q
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(by.username ? [eb('username', '=', by.username)] : []),
        ...(by.cccdIdx ? [eb('cccd_idx', '=', by.cccdIdx)] : []),
        ...(by.phoneIdx ? [eb('phone_idx', '=', by.phoneIdx)] : []),
        ...(by.emailIdx ? [eb('email_idx', '=', by.emailIdx)] : []),
      ]),
    )
    .executeTakeFirst();
}

export async function updateUser(tx: Q, id: string, changes: Partial<Insertable<UsersTable>>): Promise<void> {
  await tx.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function membershipsOf(q: Q, userId: string): Promise<Membership[]> {
  const rows = await q.selectFrom('memberships').select(['agency_id', 'role']).where('user_id', '=', userId).execute();
  return rows.map((r) => ({ agencyId: r.agency_id, role: r.role as StaffRole }));
}

export async function insertMemberships(tx: Q, userId: string, memberships: Membership[], at: Date): Promise<void> {
  if (memberships.length === 0) return;
  await tx
    .insertInto('memberships')
    .values(memberships.map((m) => ({ user_id: userId, agency_id: m.agencyId, role: m.role, created_at: at })))
    .execute();
}

/** Staff of the given agencies ('all' for city-wide readers) — the scope filter is applied here, in SQL. */
export async function listMembers(q: Q, agencyId: string, scope: 'all' | string[]) {
  if (scope !== 'all' && !scope.includes(agencyId)) return [];
  return q
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'memberships.role', 'users.status'])
    .where('memberships.agency_id', '=', agencyId)
    .where((eb) => (scope === 'all' ? eb.lit(true) : eb('memberships.agency_id', 'in', scope)))
    .orderBy('users.display_name')
    .execute();
}

export async function insertSession(
  tx: Q,
  row: { tokenHash: string; userId: string; kind: 'cookie' | 'bearer'; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({ token_hash: row.tokenHash, user_id: row.userId, kind: row.kind, created_at: row.createdAt, expires_at: row.expiresAt })
    .execute();
}

type SessionRow = Pick<Selectable<SessionsTable>, 'token_hash' | 'expires_at' | 'user_id'> &
  Pick<UserRow, 'kind' | 'identity_verified_at' | 'status' | 'locked_until'> & { sanctioned_until: Date | null };

/**
 * Live sessions among `tokenHashes` at `now` (and later), with the facts an Actor is made of and the end of a
 * sanction in force at `now` (R-27.3; null when none). Every authenticated request runs it: prepared (ADR 0013).
 */
const LIVE_SESSIONS_SQL = `${PREPARED}SELECT s.token_hash, s.expires_at, s.user_id, u.kind, u.identity_verified_at, u.status, u.locked_until,
    (SELECT max(x.ends_at) FROM sanctions x WHERE x.user_id = u.id AND x.lifted_at IS NULL AND x.ends_at > $2) AS sanctioned_until
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > $2`;

async function liveSessionsNow(db: Kysely<DB>, tokenHashes: readonly string[], now: Date): Promise<SessionRow[]> {
  return (await db.executeQuery<SessionRow>(CompiledQuery.raw(LIVE_SESSIONS_SQL, [tokenHashes, now]))).rows;
}

type SessionLookup = { tokenHash: string; now: Date };
type LiveSession = Omit<SessionRow, 'token_hash' | 'expires_at'>;

// Every authenticated request looks its session up: look-ups made at the same moment share one query (ADR 0007).
const sessionLookups = new WeakMap<Kysely<DB>, (key: SessionLookup) => Promise<LiveSession | undefined>>();

/** The live session of a token hash at `now`: not revoked, not expired; with the account's current sanction. */
export function findLiveSession(db: Kysely<DB>, tokenHash: string, now: Date): Promise<LiveSession | undefined> {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = coalesce(
      async (keys: readonly SessionLookup[]) => {
        // One query at the earliest instant asked about; each look-up then applies its own instant.
        const earliest = new Date(Math.min(...keys.map((k) => k.now.getTime())));
        const rows = await liveSessionsNow(db, [...new Set(keys.map((k) => k.tokenHash))], earliest);
        const byHash = new Map(rows.map((r) => [r.token_hash, r]));
        return keys.map(({ tokenHash, now }) => {
          const row = byHash.get(tokenHash);
          if (!row || row.expires_at <= now) return undefined;
          const { token_hash: _hash, expires_at: _expires, sanctioned_until, ...live } = row;
          // The latest end among sanctions ending after `earliest` is the latest among those ending after `now`, if any.
          return { ...live, sanctioned_until: sanctioned_until !== null && sanctioned_until > now ? sanctioned_until : null };
        });
      },
      { inFlight: 2, maxBatch: 64 },
    );
    sessionLookups.set(db, lookup);
  }
  return lookup({ tokenHash, now });
}

export async function revokeSession(tx: Q, tokenHash: string, at: Date): Promise<void> {
  await tx.updateTable('sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}
