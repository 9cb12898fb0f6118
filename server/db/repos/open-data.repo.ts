/**
 * Open data (issue 8 item 3, R-20): published reports and daily figures — the only SQL of open data. Columns are
 * chosen here from an allow-list: the reporter (and the description, the address, media) never leave the database
 * through these queries (R-5.7).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { VIETNAM_OFFSET_MINUTES } from '../../domain/calendar/index.ts';
import type { DB } from '../schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface OpenDataFilter {
  from: Date;
  to: Date;
  unit?: { version: string; code: string };
  categoryCode?: string;
  bbox?: { west: number; south: number; east: number; north: number };
}

const OPEN_REPORT_COLUMNS = [
  'code',
  'kind',
  'category_code',
  'title',
  'state',
  'unit_version',
  'unit_code',
  'lat',
  'lng',
  'submitted_at',
  'result_published_at',
  'rating',
  'receiving_agency_id',
  'processing_agency_id',
  'dispatched_agency_id',
] as const;

/**
 * Reports whose result was published within [from, to), oldest publication first, and whether more follow (one
 * row beyond the page; no count of every match: the feed is read at high rates). A map frame is searched through
 * the GiST index on the published reports' pins (migration 0021).
 */
export async function openReports(q: Q, f: OpenDataFilter & { limit: number; offset: number }) {
  let query = q.selectFrom('reports').where('result_published_at', 'is not', null).where('result_published_at', '>=', f.from).where('result_published_at', '<', f.to);
  if (f.unit) query = query.where('unit_version', '=', f.unit.version).where('unit_code', '=', f.unit.code);
  if (f.categoryCode) query = query.where('category_code', '=', f.categoryCode);
  if (f.bbox) query = query.where(sql<boolean>`point(lng, lat) <@ box(point(${f.bbox.west}, ${f.bbox.south}), point(${f.bbox.east}, ${f.bbox.north}))`);
  const rows = await query.select(OPEN_REPORT_COLUMNS).orderBy('result_published_at').orderBy('code').limit(f.limit + 1).offset(f.offset).execute();
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit };
}
export type OpenReportRow = Awaited<ReturnType<typeof openReports>>['rows'][number];

/** The Vietnam civil day of an instant, `YYYY-MM-DD` (fixed +07:00: the database's zone plays no part). */
const day = (column: string) => sql<string>`to_char((${sql.ref(column)} AT TIME ZONE 'UTC') + ${sql.raw(`interval '${VIETNAM_OFFSET_MINUTES} minutes'`)}, 'YYYY-MM-DD')`;

export interface DailyRow {
  day: string;
  unit_version: string | null;
  unit_code: string | null;
  category_code: string;
  received: number;
  published: number;
  rated: number;
}

/**
 * Per Vietnam day, commune and category: reports received (submitted), results published (`report.approve` →
 * published, R-12.2) and ratings given (`report.rate`, R-13) within [from, to).
 */
export async function dailyFigures(q: Q, f: OpenDataFilter): Promise<DailyRow[]> {
  const unit = f.unit ? sql`AND r.unit_version = ${f.unit.version} AND r.unit_code = ${f.unit.code}` : sql``;
  const category = f.categoryCode ? sql`AND r.category_code = ${f.categoryCode}` : sql``;
  const { rows } = await sql<DailyRow>`
    SELECT day, unit_version, unit_code, category_code, sum(received)::int AS received, sum(published)::int AS published, sum(rated)::int AS rated
    FROM (
      SELECT ${day('r.submitted_at')} AS day, r.unit_version, r.unit_code, r.category_code, 1 AS received, 0 AS published, 0 AS rated
      FROM reports r
      WHERE r.submitted_at >= ${f.from} AND r.submitted_at < ${f.to} ${unit} ${category}
      UNION ALL
      SELECT ${day('e.occurred_at')}, r.unit_version, r.unit_code, r.category_code, 0,
        (e.action = 'report.approve' AND e.to_state = 'published')::int, (e.action = 'report.rate')::int
      FROM audit_events e JOIN reports r ON e.subject_type = 'report' AND r.id::text = e.subject_id
      WHERE e.occurred_at >= ${f.from} AND e.occurred_at < ${f.to} AND e.action IN ('report.approve', 'report.rate') ${unit} ${category}
    ) x
    GROUP BY day, unit_version, unit_code, category_code
    ORDER BY day, unit_version NULLS LAST, unit_code NULLS LAST, category_code`.execute(q);
  return rows.map((r) => ({ ...r, received: Number(r.received), published: Number(r.published), rated: Number(r.rated) }));
}
