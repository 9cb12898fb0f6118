/** Open311 (issue 8): integration keys, what integrations said about their reports, and the reports' updates. */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { IntegrationKeysTable, Open311SubmissionsTable } from '../schema/integrations.ts';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertIntegrationKey(tx: Q, row: Insertable<IntegrationKeysTable>): Promise<void> {
  await tx.insertInto('integration_keys').values(row).execute();
}

/** Every key with the account it is bound to (name and kind only), newest first. */
export async function listIntegrationKeys(q: Q) {
  return q
    .selectFrom('integration_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select(['k.id', 'k.name', 'k.user_id', 'k.created_at', 'k.created_by', 'k.revoked_at', 'k.revoked_by', 'u.kind as account_kind', 'u.display_name as account_name'])
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
}

export type IntegrationKeyListRow = Awaited<ReturnType<typeof listIntegrationKeys>>[number];

/** Revokes a live key; false when there is no such key or it was already revoked. */
export async function revokeIntegrationKey(tx: Q, id: string, by: string, at: Date): Promise<boolean> {
  const res = await tx.updateTable('integration_keys').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * The live key of a hash, with the facts its account acts with: kind, status, verification, the lockout and
 * the end of a sanction in force at `now` — one query, as for sessions.
 */
export async function findLiveIntegrationKey(q: Q, keyHash: string, now: Date) {
  return q
    .selectFrom('integration_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select(['k.id', 'k.name', 'k.user_id', 'u.kind', 'u.status', 'u.locked_until', 'u.identity_verified_at', 'u.phone_idx', 'u.email_idx'])
    .select((eb) =>
      eb
        .selectFrom('sanctions')
        .select((s) => s.fn.max('sanctions.ends_at').as('ends_at'))
        .whereRef('sanctions.user_id', '=', 'u.id')
        .where('sanctions.lifted_at', 'is', null)
        .where('sanctions.ends_at', '>', now)
        .as('sanctioned_until'),
    )
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

export type LiveIntegrationKey = NonNullable<Awaited<ReturnType<typeof findLiveIntegrationKey>>>;

/** Records what the integration sent with a report; a replayed post (same report) adds nothing. */
export async function insertOpen311Submission(tx: Q, row: Insertable<Open311SubmissionsTable>): Promise<void> {
  await tx.insertInto('open311_submissions').values(row).onConflict((oc) => oc.column('report_id').doNothing()).execute();
}

export async function findOpen311Submission(q: Q, reportId: string) {
  return q.selectFrom('open311_submissions').selectAll().where('report_id', '=', reportId).executeTakeFirst();
}

export interface UpdatesFilter {
  from: Date;
  to: Date;
  /** Reports of these kinds, in these states only (the public ones). */
  kinds: readonly string[];
  states: readonly string[];
  limit: number;
  offset: number;
}

/**
 * The workflow events (`report.*`) of reports in `states`, in [from, to), oldest first: the report's code and
 * state, the event's action and states, and the published result when the event published it. Never the actor.
 */
export async function reportUpdates(q: Q, f: UpdatesFilter) {
  if (f.states.length === 0 || f.kinds.length === 0) return [];
  return q
    .selectFrom('audit_events as e')
    .innerJoin('reports as r', (j) => j.on(sql<boolean>`r.id::text = e.subject_id`))
    .select(['e.id', 'e.occurred_at', 'e.action', 'e.from_state', 'e.to_state', 'r.code', 'r.kind', 'r.state', 'r.result_text', 'r.result_published_at'])
    .where('e.subject_type', '=', 'report')
    .where('e.action', 'like', 'report.%')
    .where('e.occurred_at', '>=', f.from)
    .where('e.occurred_at', '<', f.to)
    .where('r.state', 'in', [...f.states])
    .where('r.kind', 'in', [...f.kinds])
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export type ReportUpdateRow = Awaited<ReturnType<typeof reportUpdates>>[number];

/** The first public photo copy of each report (Open311 has one `media_url`), in one query for a page. */
export async function firstPublicMediaOf(q: Q, reportIds: readonly string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await q
    .selectFrom('report_media as m')
    .innerJoin('uploads as u', 'u.id', 'm.upload_id')
    .select(['m.report_id', 'u.public_sha256'])
    .where('m.report_id', 'in', [...reportIds])
    .where('m.role', '=', 'evidence')
    .where('u.public_sha256', 'is not', null)
    .orderBy('m.report_id')
    .orderBy('m.position')
    .execute();
  const first = new Map<string, string>();
  for (const r of rows) if (!first.has(r.report_id) && r.public_sha256) first.set(r.report_id, r.public_sha256);
  return first;
}
