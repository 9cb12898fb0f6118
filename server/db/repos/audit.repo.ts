import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { AuditEventsTable } from '../schema/core.ts';

export interface AuditEventInput {
  actor: { id: string | null; role: string; agencyId: string | null };
  occurredAt: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  fromState?: string | null;
  toState?: string | null;
  /** Never put identity fields (CCCD, phone, e-mail) here: the trail is read by staff and exported. */
  payload?: Record<string, unknown>;
}

/**
 * The stored row of an event chained to `prevHash` (the hash of the subject's previous event; null for its
 * first). The hash covers everything shown in the trail (tamper evidence).
 */
export function auditEventRow(e: AuditEventInput, prevHash: string | null): Insertable<AuditEventsTable> {
  const id = uuidv7();
  const body = {
    id,
    occurredAt: e.occurredAt.toISOString(),
    actor: e.actor,
    action: e.action,
    subject: `${e.subjectType}:${e.subjectId}`,
    from: e.fromState ?? null,
    to: e.toState ?? null,
    payload: e.payload ?? {},
    prev: prevHash,
  };
  return {
    id,
    occurred_at: e.occurredAt,
    actor_id: e.actor.id,
    actor_role: e.actor.role,
    actor_agency_id: e.actor.agencyId,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    from_state: e.fromState ?? null,
    to_state: e.toState ?? null,
    payload: JSON.stringify(e.payload ?? {}),
    prev_hash: prevHash,
    hash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
  };
}

/** Appends an event chained to the previous event of the same subject. */
export async function appendAuditEvent(tx: Transaction<DB>, e: AuditEventInput): Promise<string> {
  const prev = await tx
    .selectFrom('audit_events')
    .select('hash')
    .where('subject_type', '=', e.subjectType)
    .where('subject_id', '=', e.subjectId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = auditEventRow(e, prev?.hash ?? null);
  await tx.insertInto('audit_events').values(row).execute();
  return row.id;
}

export async function listAuditEvents(db: Kysely<DB>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** An audit event as the background runners read it (push notices, webhooks). */
export interface AuditEventRef {
  id: string;
  occurredAt: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Audit events since `since` with one of `actions` that no row of `handledIn` (a table keyed by `event_id`) records
 * yet, oldest first: what a runner has still to turn into push notices or webhook events. Each runner records the
 * events it handled in its own table, in the transaction that handles them.
 */
export async function unhandledEvents(
  q: Kysely<DB> | Transaction<DB>,
  f: { since: Date; actions: readonly string[]; handledIn: 'notification_pushes' | 'webhook_sources'; limit: number },
): Promise<AuditEventRef[]> {
  if (f.actions.length === 0) return [];
  const rows = await q
    .selectFrom('audit_events as e')
    .select(['e.id', 'e.occurred_at', 'e.action', 'e.subject_type', 'e.subject_id', 'e.from_state', 'e.to_state', 'e.actor_id', 'e.payload'])
    .where('e.occurred_at', '>=', f.since)
    .where('e.action', 'in', [...f.actions])
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM ${sql.table(f.handledIn)} h WHERE h.event_id = e.id)`)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    fromState: r.from_state,
    toState: r.to_state,
    actorId: r.actor_id,
    payload: r.payload as Record<string, unknown>,
  }));
}
