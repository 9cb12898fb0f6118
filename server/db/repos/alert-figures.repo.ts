/**
 * Alert activity (R-18.3b; R-15, R-16, R-17): the alerts sent in a period, with how many residents each reached
 * and how many of those read it, and the web pushes delivered — summed per issuing agency, level, Vietnam civil
 * month, kind and CAP severity. The only SQL of the alert figures.
 *
 * An alert counts when its `sent_at` falls in the period, whatever happened after: one cancelled after sending
 * was sent (and is counted as cancelled too); one cancelled before sending (never sent, `sent_at` null) is not.
 *
 * Reach is the set of residents whose inbox holds the alert: resident accounts (not staff) whose residence's
 * audience keys overlap the alert's — the keys come from the caller, made by the inbox's own rule
 * (`residentAudienceKeys`: the residence and its ancestors, and through the merge mapping its successors,
 * R-28.1). It is computed now, from today's residences and accounts, as the inbox is (ADR 0008).
 * Read is the inbox's `alertRead`, counted in its two disjoint parts: residents of the reach whose marker covers
 * the alert (`alertReadByMarker`, over residents grouped by residence and marker, so that a city alert costs its
 * residences and markers, not its 1.45 million accounts), plus single reads by residents of the reach whose
 * marker does not.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AlertKind, AlertSeverity, IssuingLevel } from '../../domain/alerts/index.ts';
import type { DB } from '../schema.ts';
import { alertReadByMarker } from './alerts.repo.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface AlertFigureFilter {
  /** The period's Vietnam civil months, `YYYY-MM` with their bounds [start, end), consecutive. */
  months: readonly { month: string; start: Date; end: Date }[];
  /** 'all', or only alerts issued by these agencies. */
  agencies: 'all' | readonly string[];
  agencyId?: string | undefined;
  level?: IssuingLevel | undefined;
  /** The audience keys of every residence (`version/code` keys, as the inbox derives them). */
  residences: readonly { version: string; code: string; keys: readonly string[] }[];
}

export interface AlertFigureRow {
  agencyId: string;
  level: IssuingLevel;
  month: string;
  kind: AlertKind;
  severity: AlertSeverity;
  sent: number;
  cancelled: number;
  reach: number;
  read: number;
  /** Web pushes the push services accepted (devices, not residents). */
  pushed: number;
}

export async function alertFigureRows(q: Q, f: AlertFigureFilter): Promise<AlertFigureRow[]> {
  if (f.months.length === 0 || (f.agencies !== 'all' && f.agencies.length === 0)) return [];
  const start = f.months[0]!.start;
  const end = f.months.at(-1)!.end;
  const keys = JSON.stringify(f.residences.flatMap((r) => r.keys.map((key) => ({ version: r.version, code: r.code, key }))));
  const { rows } = await sql<{ agency_id: string; level: IssuingLevel; month: string; kind: AlertKind; severity: AlertSeverity; sent: number; cancelled: number; reach: number; read: number; pushed: number }>`
    WITH p AS (
      SELECT * FROM unnest(${f.months.map((m) => m.month)}::text[], ${f.months.map((m) => m.start.toISOString())}::timestamptz[], ${f.months.map((m) => m.end.toISOString())}::timestamptz[]) AS p(month, start_at, end_at)
    ), a AS MATERIALIZED (
      SELECT a.id, a.issuing_agency_id, a.level, a.kind, a.severity, a.state, a.sent_at, a.audience_keys, p.month
      FROM alerts a JOIN p ON a.sent_at >= p.start_at AND a.sent_at < p.end_at
      WHERE a.sent_at >= ${start} AND a.sent_at < ${end}
        ${f.agencies === 'all' ? sql`` : sql`AND a.issuing_agency_id = ANY(${[...f.agencies]}::uuid[])`}
        ${f.agencyId === undefined ? sql`` : sql`AND a.issuing_agency_id = ${f.agencyId}::uuid`}
        ${f.level === undefined ? sql`` : sql`AND a.level = ${f.level}`}
    ), rk AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${keys}::jsonb) AS rk(version text, code text, key text)
    ), reached AS MATERIALIZED (
      -- The residences each alert reaches: one of their keys is one of its audience keys.
      SELECT DISTINCT a.id AS alert_id, rk.version, rk.code
      FROM a CROSS JOIN LATERAL unnest(a.audience_keys) AS k(key) JOIN rk ON rk.key = k.key
    ), m AS MATERIALIZED (
      -- Resident accounts per residence and read marker.
      SELECT u.residence_structure_version AS version, u.residence_unit_code AS code, mk.read_up_to, count(*) AS n
      FROM users u LEFT JOIN alert_read_marks mk ON mk.user_id = u.id
      WHERE u.kind <> 'staff' AND u.residence_structure_version IS NOT NULL AND u.residence_unit_code IS NOT NULL
      GROUP BY 1, 2, 3
    ), by_marker AS (
      SELECT a.id, sum(m.n) AS reach, coalesce(sum(m.n) FILTER (WHERE ${alertReadByMarker}), 0) AS read
      FROM a JOIN reached x ON x.alert_id = a.id JOIN m ON m.version = x.version AND m.code = x.code
      GROUP BY a.id
    ), singles AS (
      SELECT a.id, count(*) AS read
      FROM a JOIN alert_reads r ON r.alert_id = a.id
        JOIN users u ON u.id = r.user_id AND u.kind <> 'staff'
        JOIN reached x ON x.alert_id = a.id AND x.version = u.residence_structure_version AND x.code = u.residence_unit_code
        LEFT JOIN alert_read_marks m ON m.user_id = u.id
      WHERE NOT ${alertReadByMarker}
      GROUP BY a.id
    ), pushed AS (
      SELECT j.alert_id, sum(j.sent) AS sent FROM push_jobs j
      WHERE j.kind = 'alert_batch' AND j.alert_id IN (SELECT id FROM a)
      GROUP BY j.alert_id
    )
    SELECT a.issuing_agency_id AS agency_id, a.level, a.month, a.kind, a.severity,
      count(*)::int AS sent,
      (count(*) FILTER (WHERE a.state = 'cancelled'))::int AS cancelled,
      coalesce(sum(bm.reach), 0)::int AS reach,
      (coalesce(sum(bm.read), 0) + coalesce(sum(s.read), 0))::int AS read,
      coalesce(sum(pu.sent), 0)::int AS pushed
    FROM a
      LEFT JOIN by_marker bm ON bm.id = a.id
      LEFT JOIN singles s ON s.id = a.id
      LEFT JOIN pushed pu ON pu.alert_id = a.id
    GROUP BY 1, 2, 3, 4, 5`.execute(q);
  return rows.map((r) => ({
    agencyId: r.agency_id,
    level: r.level,
    month: r.month,
    kind: r.kind,
    severity: r.severity,
    sent: Number(r.sent),
    cancelled: Number(r.cancelled),
    reach: Number(r.reach),
    read: Number(r.read),
    pushed: Number(r.pushed),
  }));
}
