/** Reports: the only SQL of the reports module. */
import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Classification } from '../../domain/calendar/index.ts';
import type { AwaitingClause } from '../../domain/reports/index.ts';
import { PREPARED } from '../client.ts';
import { coalesce, eachAloneOnFailure } from '../coalesce.ts';
import { recordsetInsert, type ColumnTypes } from '../recordset-insert.ts';
import type { DB } from '../schema.ts';
import type { DeadlinesTable } from '../schema/calendar.ts';
import type { AuditEventsTable } from '../schema/core.ts';
import type { ReportsTable } from '../schema/reports.ts';
import type { ReportTextSignaturesTable } from '../schema/similarity.ts';
import type { ReportMediaTable } from '../schema/uploads.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type ReportRow = Selectable<ReportsTable>;

/** `PA-2026-000123`: the year of submission and the next number of a sequence (no lock held until commit). */
// Report numbers are taken from the sequence a block at a time: one query per block instead of per report.
// Numbers of a block a server did not use before it stopped are skipped (a sequence has gaps anyway).
const CODE_BLOCK = 50;
const codeBlocks = new WeakMap<Kysely<DB>, { free: number[]; refill: Promise<void> | null }>();

/** The next human code `PA-2026-000123` (R-5.1). Outside a transaction: it takes the pool's connection. */
export async function nextReportCode(db: Kysely<DB>, year: number): Promise<string> {
  let block = codeBlocks.get(db);
  if (!block) codeBlocks.set(db, (block = { free: [], refill: null }));
  const b = block;
  const refill = () =>
    (b.refill ??= sql<{ n: string | number }>`SELECT nextval('report_code_seq') AS n FROM generate_series(1, ${CODE_BLOCK})`
      .execute(db)
      .then(({ rows }) => void b.free.push(...rows.map((r) => Number(r.n)).sort((x, y) => x - y)))
      .finally(() => (b.refill = null)));
  while (b.free.length === 0) await refill();
  const n = b.free.shift() as number;
  // The next block is asked for while half of this one is left, so that a busy server does not wait for it.
  // Its numbers are greater than those left (one sequence), so the order holds. A failure here is met again,
  // and answered, by the call that finds no number left.
  if (b.free.length < CODE_BLOCK / 2) refill().catch(() => undefined);
  return `PA-${year}-${String(n).padStart(6, '0')}`;
}

export interface NewReportParts {
  /** Every column, as stored: nothing is read back. */
  report: ReportRow;
  deadlines: readonly Insertable<DeadlinesTable>[];
  event: Insertable<AuditEventsTable>;
  media: readonly Insertable<ReportMediaTable>[];
  /** The text's near-duplicate signature (ADR 0006): `textSignatureRows` of app/integrity/similar-text.ts. */
  textSignature?: readonly Insertable<ReportTextSignaturesTable>[];
}

const REPORT_COLUMNS: ColumnTypes<ReportRow> = {
  id: 'uuid', code: 'text', kind: 'text', category_code: 'text', title: 'text', description: 'text', reporter_id: 'uuid', confidential: 'boolean',
  lat: 'float8', lng: 'float8', address: 'text', unit_version: 'text', unit_code: 'text', occurred_at: 'timestamptz', state: 'text',
  classification: 'text', receiving_agency_id: 'uuid', processing_agency_id: 'uuid', dispatched_agency_id: 'uuid', assignee_id: 'uuid',
  routing_note: 'text', result_text: 'text', result_proofs: 'jsonb', decision: 'text', result_published_at: 'timestamptz', rating: 'text',
  rating_comment: 'text', reject_reason: 'text', extended_to_days: 'integer', version: 'integer', integrity_checked_at: 'timestamptz',
  submitted_at: 'timestamptz', updated_at: 'timestamptz', idempotency_key: 'text', idempotency_hash: 'text',
};
const EVENT_COLUMNS: ColumnTypes<Insertable<AuditEventsTable>> = {
  id: 'uuid', occurred_at: 'timestamptz', actor_id: 'uuid', actor_role: 'text', actor_agency_id: 'uuid', action: 'text', subject_type: 'text',
  subject_id: 'text', from_state: 'text', to_state: 'text', payload: 'jsonb', prev_hash: 'text', hash: 'text',
};
const DEADLINE_COLUMNS: ColumnTypes<Insertable<DeadlinesTable>> = {
  id: 'uuid', subject_type: 'text', subject_id: 'text', clock: 'text', started_at: 'timestamptz', amount_unit: 'text', amount: 'integer',
  due_at: 'timestamptz', calendar_version: 'integer', stopped_at: 'timestamptz', agency_id: 'uuid', overdue_at: 'timestamptz', worked_minutes: 'integer',
};
const MEDIA_COLUMNS: ColumnTypes<Insertable<ReportMediaTable>> = { report_id: 'uuid', upload_id: 'uuid', role: 'text', position: 'integer' };
const SIGNATURE_COLUMNS: ColumnTypes<Insertable<ReportTextSignaturesTable>> = { report_id: 'uuid', minhash: 'bytea', bands: 'integer[]' };

// The tables a new report is written to, each from one JSON parameter.
const NEW_REPORT = {
  report: recordsetInsert('reports', REPORT_COLUMNS),
  event: recordsetInsert('audit_events', EVENT_COLUMNS),
  deadlines: recordsetInsert('deadlines', DEADLINE_COLUMNS),
  media: recordsetInsert('report_media', MEDIA_COLUMNS),
  signatures: recordsetInsert('report_text_signatures', SIGNATURE_COLUMNS),
};
// The reports' INSERT is the statement itself (no rows come back); the others are its data-modifying CTEs.
const NEW_REPORTS_SQL = `${PREPARED}WITH e AS (${NEW_REPORT.event.text(2)}), d AS (${NEW_REPORT.deadlines.text(3)}), m AS (${NEW_REPORT.media.text(4)}), s AS (${NEW_REPORT.signatures.text(5)}) ${NEW_REPORT.report.text(1)}`;

/**
 * New reports with everything that comes with each — first deadlines, first audit event, media, text
 * signature — in one statement: one round trip, atomic like a transaction. Its text is the same for any number
 * of reports, so it is prepared (ADR 0013).
 */
async function insertNewReportsNow(db: Kysely<DB>, all: readonly NewReportParts[]): Promise<void> {
  await db.executeQuery(
    CompiledQuery.raw(NEW_REPORTS_SQL, [
      NEW_REPORT.report.value(all.map((x) => x.report)),
      NEW_REPORT.event.value(all.map((x) => x.event)),
      NEW_REPORT.deadlines.value(all.flatMap((x) => x.deadlines)),
      NEW_REPORT.media.value(all.flatMap((x) => x.media)),
      NEW_REPORT.signatures.value(all.flatMap((x) => x.textSignature ?? [])),
    ]),
  );
}

// Submissions arriving while the database is busy go out together (group commit, ADR 0007).
const writers = new WeakMap<Kysely<DB>, (parts: NewReportParts) => Promise<void>>();

/**
 * Stores a new report (see `insertNewReportsNow`), gathered with other submissions made at the same moment
 * into one statement; resolves once the statement carrying it has committed.
 */
export function insertNewReport(db: Kysely<DB>, parts: NewReportParts): Promise<void> {
  let write = writers.get(db);
  if (!write) {
    write = coalesce(
      eachAloneOnFailure(
        async (keys: readonly NewReportParts[]) => {
          await insertNewReportsNow(db, keys);
          return keys.map(() => undefined);
        },
        (p: NewReportParts) => insertNewReportsNow(db, [p]),
      ),
      { inFlight: 1, maxBatch: 64 },
    );
    writers.set(db, write);
  }
  return write(parts);
}

export async function findReport(q: Q, by: { id: string } | { code: string }): Promise<ReportRow | undefined> {
  const query = q.selectFrom('reports').selectAll();
  return ('id' in by ? query.where('id', '=', by.id) : query.where('code', '=', by.code)).executeTakeFirst();
}

export async function findReportByIdempotencyKey(q: Q, reporterId: string, key: string): Promise<ReportRow | undefined> {
  return q.selectFrom('reports').selectAll().where('reporter_id', '=', reporterId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** Applies `changes` only if the report is still at `expectedVersion`; false when another action won. */
export async function updateReportIfVersion(tx: Q, id: string, expectedVersion: number, changes: Updateable<ReportsTable>): Promise<boolean> {
  const res = await tx
    .updateTable('reports')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface ReportFilter {
  reporterId?: string;
  /** Staff scope: reports received, processed or dispatched at these agencies; 'all' for city-wide roles. */
  agencies?: readonly string[] | 'all';
  states?: readonly string[];
  kind?: string;
  categoryCode?: string;
  unit?: { version: string; code: string };
  submittedFrom?: Date;
  submittedTo?: Date;
  /** Only reports assigned to this officer. */
  assigneeId?: string;
  /** Only reports with an open deadline due before this instant (overdue now, when given now). */
  overdueAt?: Date;
  /** Only reports with a finding of this integrity check (issue 5), e.g. urgent_suggested. */
  findingCheck?: string;
  classification?: string;
  /** Only reports whose code is this one, or whose title contains this text (case-insensitive). */
  text?: string;
  /** Only reports on which one of these agencies has an open cooperation request (R-8.2). */
  cooperatingAgencies?: readonly string[];
  /** Only reports waiting for one of these roles (any clause matching); none means nothing waits. */
  awaiting?: readonly AwaitingClause[];
  /** Only reports of one of these kinds. */
  kinds?: readonly string[];
  /** Only reports with one of these codes (Open311 `service_request_id`). */
  codes?: readonly string[];
  /** Only reports pinned inside this box (Open311 `bbox`): west, south, east, north in degrees. */
  bbox?: { west: number; south: number; east: number; north: number };
  /** `submitted`: newest first (the default). `due`: nearest open deadline first, then newest; none last. */
  sort?: 'submitted' | 'due';
  limit: number;
  offset: number;
}

/** The open deadlines of the report in the current row of `reports` (deadlines name their subject as text). */
const openDeadlines = sql`deadlines d WHERE d.subject_type = 'report' AND d.subject_id = reports.id::text AND d.stopped_at IS NULL`;

/** The reports a filter selects (unordered, no columns yet), or null when it can select none. */
function selectReports(q: Q, f: ReportFilter) {
  let query = q.selectFrom('reports');
  if (f.reporterId) query = query.where('reporter_id', '=', f.reporterId);
  const agencies = f.agencies;
  if (agencies && agencies !== 'all') {
    if (agencies.length === 0) return null;
    query = query.where((eb) =>
      eb.or([eb('receiving_agency_id', 'in', agencies), eb('processing_agency_id', 'in', agencies), eb('dispatched_agency_id', 'in', agencies)]),
    );
  }
  if (f.states?.length) query = query.where('state', 'in', f.states);
  if (f.kinds) {
    if (f.kinds.length === 0) return null;
    query = query.where('kind', 'in', [...f.kinds]);
  }
  if (f.codes) {
    if (f.codes.length === 0) return null;
    query = query.where('code', 'in', [...f.codes]);
  }
  if (f.bbox) {
    const b = f.bbox;
    query = query.where('lat', '>=', b.south).where('lat', '<=', b.north).where('lng', '>=', b.west).where('lng', '<=', b.east);
  }
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.categoryCode) query = query.where('category_code', '=', f.categoryCode);
  if (f.unit) query = query.where('unit_version', '=', f.unit.version).where('unit_code', '=', f.unit.code);
  if (f.classification) query = query.where('classification', '=', f.classification as Classification);
  if (f.text) {
    const text = f.text;
    query = /^PA-\d{4}-\d{6,}$/i.test(text)
      ? query.where('code', '=', text.toUpperCase())
      : query.where('title', 'ilike', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (f.cooperatingAgencies) {
    const cooperating = f.cooperatingAgencies;
    if (cooperating.length === 0) return null;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('report_cooperations as c')
          .select('c.id')
          .whereRef('c.report_id', '=', 'reports.id')
          .where('c.agency_id', 'in', [...cooperating])
          .where('c.state', '=', 'open'),
      ),
    );
  }
  if (f.submittedFrom) query = query.where('submitted_at', '>=', f.submittedFrom);
  if (f.submittedTo) query = query.where('submitted_at', '<', f.submittedTo);
  if (f.assigneeId) query = query.where('assignee_id', '=', f.assigneeId);
  if (f.overdueAt) query = query.where(sql<boolean>`EXISTS (SELECT 1 FROM ${openDeadlines} AND d.due_at < ${f.overdueAt})`);
  if (f.findingCheck) query = query.where(sql<boolean>`EXISTS (SELECT 1 FROM report_findings rf WHERE rf.report_id = reports.id AND rf.check_kind = ${f.findingCheck})`);
  if (f.awaiting) {
    const clauses = f.awaiting;
    if (clauses.length === 0) return null;
    query = query.where((eb) =>
      eb.or(
        clauses.map((c) =>
          eb.and([
            eb.or(Object.entries(c.states).map(([kind, states]) => eb.and([eb('kind', '=', kind), eb('state', 'in', [...states])]))),
            ...(c.at === 'anywhere'
              ? []
              : 'receivingAgencyIds' in c.at
                ? [eb('receiving_agency_id', 'in', [...c.at.receivingAgencyIds])]
                : [eb.or([eb('processing_agency_id', 'in', [...c.at.handlingAgencyIds]), eb('dispatched_agency_id', 'in', [...c.at.handlingAgencyIds])])]),
            ...(c.assigneeId ? [eb('assignee_id', '=', c.assigneeId)] : []),
          ]),
        ),
      ),
    );
  }
  return query;
}

/** `limit` rows of the selection from `offset`, in the filter's order. */
function pageOf(query: NonNullable<ReturnType<typeof selectReports>>, f: ReportFilter, limit: number): Promise<ReportRow[]> {
  let ordered = query.selectAll();
  if (f.sort === 'due') ordered = ordered.orderBy(sql`(SELECT min(d.due_at) FROM ${openDeadlines}) ASC NULLS LAST`);
  return ordered.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(limit).offset(f.offset).execute();
}

/** A page of the reports a filter selects, and how many it selects in all (for pagers that show a count). */
export async function listReports(q: Q, f: ReportFilter): Promise<{ rows: ReportRow[]; total: number }> {
  const query = selectReports(q, f);
  if (!query) return { rows: [], total: 0 };
  const total = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows: await pageOf(query, f, f.limit), total: Number(total.n) };
}

/**
 * A page without the count, for public feeds read at high rates (Open311): counting every matching row costs
 * more than the page itself; one row beyond the page tells whether another follows.
 */
export async function pageReports(q: Q, f: ReportFilter): Promise<{ rows: ReportRow[]; more: boolean }> {
  const query = selectReports(q, f);
  if (!query) return { rows: [], more: false };
  const rows = await pageOf(query, f, f.limit + 1);
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}

/**
 * Reports of these kinds in `state` whose result was published before `publishedBefore`, by id after `afterId`
 * (keyset paging: a caller that skips some still moves on). For the platform's own steps (R-13 closing).
 */
export async function reportsWithResultBefore(
  q: Q,
  f: { kinds: readonly string[]; state: string; publishedBefore: Date; afterId: string | null; limit: number },
): Promise<ReportRow[]> {
  if (f.kinds.length === 0) return [];
  let query = q.selectFrom('reports').selectAll().where('state', '=', f.state).where('kind', 'in', f.kinds).where('result_published_at', '<', f.publishedBefore);
  if (f.afterId) query = query.where('id', '>', f.afterId);
  return query.orderBy('id').limit(f.limit).execute();
}

export async function insertCooperation(
  tx: Q,
  c: { id: string; reportId: string; agencyId: string; requestedAt: Date; requestedBy: string },
): Promise<void> {
  await tx
    .insertInto('report_cooperations')
    .values({ id: c.id, report_id: c.reportId, agency_id: c.agencyId, requested_at: c.requestedAt, requested_by: c.requestedBy, state: 'open', result_text: null, closed_reason: null, closed_at: null })
    .execute();
}

export async function cooperationsOf(q: Q, reportId: string) {
  return q.selectFrom('report_cooperations').selectAll().where('report_id', '=', reportId).orderBy('requested_at').execute();
}

export async function openCooperationCount(q: Q, reportId: string): Promise<number> {
  const r = await q.selectFrom('report_cooperations').select(sql<number>`count(*)::int`.as('n')).where('report_id', '=', reportId).where('state', '=', 'open').executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function finishCooperation(
  tx: Q,
  reportId: string,
  agencyId: string,
  change: { state: 'returned'; resultText: string; at: Date } | { state: 'closed'; reason: string; at: Date },
): Promise<boolean> {
  const res = await tx
    .updateTable('report_cooperations')
    .set(change.state === 'returned' ? { state: 'returned', result_text: change.resultText, closed_at: change.at } : { state: 'closed', closed_reason: change.reason, closed_at: change.at })
    .where('report_id', '=', reportId)
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
