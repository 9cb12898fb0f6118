/** Intake integrity findings, reports near a place, and followers (issue 5, migration 0012). */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Finding, FindingCheck } from '../../domain/integrity/findings.ts';
import type { DB } from '../schema.ts';
import type { ReportFindingsTable } from '../schema/reports.ts';
import type { ReportRow } from './reports.repo.ts';

type Q = Kysely<DB> | Transaction<DB>;

export type StoredFinding = Finding & { id: string; createdAt: Date };

function toFinding(r: Selectable<ReportFindingsTable>): StoredFinding {
  return {
    id: r.id,
    check: r.check_kind as FindingCheck,
    confidence: r.confidence,
    summary: r.summary,
    evidence: r.evidence,
    matchedReportId: r.matched_report_id,
    uploadId: r.upload_id,
    createdAt: r.created_at,
  };
}

/** Replaces the report's findings as a whole and records when the checks ran. */
/** Replaces the report's findings; returns the checks of the findings it had before. */
export async function replaceFindings(tx: Transaction<DB>, reportId: string, findings: readonly Finding[], at: Date): Promise<string[]> {
  const before = await tx.deleteFrom('report_findings').where('report_id', '=', reportId).returning('check_kind').execute();
  if (findings.length)
    await tx
      .insertInto('report_findings')
      .values(
        findings.map((f) => ({
          id: uuidv7(),
          report_id: reportId,
          check_kind: f.check,
          confidence: f.confidence,
          summary: f.summary,
          evidence: JSON.stringify(f.evidence),
          matched_report_id: f.matchedReportId ?? null,
          upload_id: f.uploadId ?? null,
          created_at: at,
        })),
      )
      .execute();
  await tx.updateTable('reports').set({ integrity_checked_at: at }).where('id', '=', reportId).execute();
  return before.map((r) => r.check_kind);
}

/** Most confident first, with the human code of the report each one matches. */
export async function findingsOf(q: Q, reportId: string): Promise<(StoredFinding & { matchedReportCode: string | null })[]> {
  const rows = await q
    .selectFrom('report_findings as f')
    .leftJoin('reports as m', 'm.id', 'f.matched_report_id')
    .selectAll('f')
    .select('m.code as matched_code')
    .where('f.report_id', '=', reportId)
    .orderBy('f.confidence', 'desc')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ ...toFinding(r), matchedReportCode: r.matched_code }));
}

/** The checks that found something on each of these reports, most confident first. */
export async function findingChecksOf(q: Q, reportIds: readonly string[]): Promise<Map<string, FindingCheck[]>> {
  const out = new Map<string, FindingCheck[]>();
  if (reportIds.length === 0) return out;
  const rows = await q
    .selectFrom('report_findings')
    .select(['report_id', 'check_kind', sql<number>`max(confidence)`.as('confidence')])
    .where('report_id', 'in', [...reportIds])
    .groupBy(['report_id', 'check_kind'])
    .orderBy('report_id')
    .orderBy(sql`max(confidence)`, 'desc')
    .orderBy('check_kind')
    .execute();
  for (const r of rows) out.set(r.report_id, [...(out.get(r.report_id) ?? []), r.check_kind as FindingCheck]);
  return out;
}

/** Who sent these reports and when (to tell someone else's earlier report from one's own follow-up). */
export async function reportHeads(q: Q, ids: readonly string[]): Promise<Map<string, { code: string; reporterId: string; submittedAt: Date }>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('reports').select(['id', 'code', 'reporter_id', 'submitted_at']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, reporterId: r.reporter_id, submittedAt: r.submitted_at }]));
}

/** Reports the checks have not run on, submitted before `before`, oldest first. */
export async function uncheckedReportIds(q: Q, before: Date, limit: number): Promise<string[]> {
  const rows = await q.selectFrom('reports').select('id').where('integrity_checked_at', 'is', null).where('submitted_at', '<', before).orderBy('submitted_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

export interface NearbyQuery {
  categoryCode: string;
  lat: number;
  lng: number;
  meters: number;
  since: Date;
  states: readonly string[];
  excludeReportId?: string | undefined;
  limit: number;
}

/**
 * Reports of the category in these states submitted since `since` whose pin is inside the box around the
 * point (the caller measures the exact distance). The box: `meters` north-south and east-west at Hanoi's
 * latitude.
 */
export async function reportsInBox(q: Q, n: NearbyQuery): Promise<ReportRow[]> {
  if (n.states.length === 0) return [];
  const dLat = n.meters / 111_320;
  const dLng = n.meters / (111_320 * Math.cos((n.lat * Math.PI) / 180));
  let query = q
    .selectFrom('reports')
    .selectAll()
    .where('category_code', '=', n.categoryCode)
    .where('state', 'in', [...n.states])
    .where('submitted_at', '>=', n.since)
    .where('lat', '>=', n.lat - dLat)
    .where('lat', '<=', n.lat + dLat)
    .where('lng', '>=', n.lng - dLng)
    .where('lng', '<=', n.lng + dLng);
  if (n.excludeReportId) query = query.where('id', '<>', n.excludeReportId);
  return query.orderBy('submitted_at', 'desc').limit(n.limit).execute();
}

export async function follow(q: Q, reportId: string, userId: string, at: Date): Promise<boolean> {
  const r = await q.insertInto('report_followers').values({ report_id: reportId, user_id: userId, followed_at: at }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function unfollow(q: Q, reportId: string, userId: string): Promise<boolean> {
  const r = await q.deleteFrom('report_followers').where('report_id', '=', reportId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function followerCount(q: Q, reportId: string): Promise<number> {
  const row = await q.selectFrom('report_followers').select(sql<number>`count(*)::int`.as('n')).where('report_id', '=', reportId).executeTakeFirstOrThrow();
  return row.n;
}

export async function isFollowing(q: Q, reportId: string, userId: string): Promise<boolean> {
  return (await q.selectFrom('report_followers').select('report_id').where('report_id', '=', reportId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

/** Marks for a new run of the checks every report holding `uploadId` as evidence; returns their ids. */
export async function markReportsWithUploadUnchecked(tx: Q, uploadId: string): Promise<string[]> {
  const rows = await tx
    .updateTable('reports')
    .set({ integrity_checked_at: null })
    .where('id', 'in', (eb) => eb.selectFrom('report_media').select('report_id').where('upload_id', '=', uploadId).where('role', '=', 'evidence'))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
