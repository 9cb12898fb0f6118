/**
 * Runs the intake integrity checks on a report (issue 5: R-6.1, R-6.2, R-5.1, R-5.2, R-1.3, R-8.4) and stores
 * their findings for the receiving officer — findings, not verdicts. Started right after a submission is
 * stored (`checkReportSoon`; the citizen does not wait for it), and by the background sweep for any report the
 * first run missed (a crash, a restart). A re-run replaces the findings as a whole.
 */
import { readFileSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Finding } from '../../domain/integrity/findings.ts';
import { distanceMeters, photoFindings } from '../../domain/integrity/photo-signs.ts';
import { textFindings } from '../../domain/integrity/text/index.ts';
import { WORKFLOWS, type Workflow } from '../../domain/workflow/index.ts';
import { replaceFindings, reportHeads, reportsInBox, uncheckedReportIds } from '../../db/repos/findings.repo.ts';
import { knownImagesInReport } from '../../db/repos/known-images.repo.ts';
import { findReport, type ReportRow } from '../../db/repos/reports.repo.ts';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { referenceData, type ReferenceData } from '../reference/reference-data.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../unit-of-work.ts';
import { mediaOfReport, type ReportMediaItem } from '../uploads/index.ts';
import { SIMILAR_PHOTO_MAX_DISTANCE, similarUploads } from './similar-media.ts';
import { similarReportsByText } from './similar-text.ts';
import { loadTextLists } from './text-lists.ts';
import { PROJECT_ROOT_URL } from '../../paths.ts';

export type IntegrityContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Where the checks' audit events go: not the report's own timeline, which the public reads. */
export const INTEGRITY_SUBJECT = 'report_integrity';
/** The event that alerts the officers receiving a report newly suggested as urgent (R-8.4). */
export const URGENT_ALERT = 'integrity.urgent';

/** FixMyStreet's radius: same-category reports still being handled within 250 m in the last 30 days. */
export const NEARBY_METERS = 250;
export const NEARBY_DAYS = 30;

const EDITORS: readonly string[] = (JSON.parse(readFileSync(new URL('data/integrity/photo-editors.json', PROJECT_ROOT_URL), 'utf8')) as { editors: string[] }).editors;

/** States in which a report is still being handled: worth following instead of reporting again. */
export const HANDLING_STATES: readonly string[] = [
  ...new Set((Object.values(WORKFLOWS) as Workflow[]).flatMap((wf) => wf.states.filter((s) => !wf.terminal.includes(s) && s !== 'closed' && s !== 'published'))),
];

export interface NearbyReport {
  report: ReportRow;
  meters: number;
}

/** Same-category reports still being handled within NEARBY_METERS of the point, submitted in the last NEARBY_DAYS. */
export async function nearbyReports(
  q: Kysely<DB>,
  at: { categoryCode: string; lat: number; lng: number; now: Date; excludeReportId?: string | undefined },
  limit = 10,
): Promise<NearbyReport[]> {
  const rows = await reportsInBox(q, {
    categoryCode: at.categoryCode,
    lat: at.lat,
    lng: at.lng,
    meters: NEARBY_METERS,
    since: new Date(at.now.getTime() - NEARBY_DAYS * 24 * 3_600_000),
    states: HANDLING_STATES,
    excludeReportId: at.excludeReportId,
    limit: limit * 4,
  });
  return rows
    .filter((r) => r.lat !== null && r.lng !== null)
    .map((report) => ({ report, meters: Math.round(distanceMeters({ lat: at.lat, lng: at.lng }, { lat: report.lat as number, lng: report.lng as number })) }))
    .filter((n) => n.meters <= NEARBY_METERS)
    .sort((a, b) => a.meters - b.meters)
    .slice(0, limit);
}

/** Why a video was not compared, as the officer reads it. */
const VIDEO_NOT_COMPARED = {
  pending: 'đang trích khung hình, kết quả sẽ được cập nhật',
  unreadable: 'không giải mã được video',
  no_ffmpeg: 'máy chủ không có ffmpeg',
  flat: 'các khung hình không có chi tiết để so',
} as const;

function mediaFindings(report: ReportRow, media: readonly ReportMediaItem[]): Finding[] {
  const out: Finding[] = [];
  const facts = { occurredAt: report.occurred_at ?? report.submitted_at, place: report.lat !== null && report.lng !== null ? { lat: report.lat, lng: report.lng } : null };
  for (const m of media) {
    out.push(
      ...photoFindings(
        {
          id: m.id,
          kind: m.kind,
          mime: m.mime,
          width: m.width,
          height: m.height,
          takenAt: m.taken_at,
          gps: m.gps_lat !== null && m.gps_lng !== null ? { lat: m.gps_lat, lng: m.gps_lng } : null,
          camera: m.camera,
          editTools: m.edit_tools,
        },
        facts,
        EDITORS,
      ),
    );
    // A video is compared through its sampled frames (video-frames.ts); until then, or when it cannot be, the
    // officer is told so — never a silent pass. Its exact copies are found by SHA-256 whatever happens.
    if (m.kind === 'video' && (m.frames_state !== 'done' || m.frames_sampled === 0)) {
      const reason = m.frames_state === 'done' ? 'flat' : m.frames_state === 'failed' ? 'unreadable' : m.frames_state === 'unavailable' ? 'no_ffmpeg' : 'pending';
      out.push({
        check: 'video_not_checked',
        confidence: 1,
        summary: `Video chưa được so khớp khung hình với các phản ánh khác (${VIDEO_NOT_COMPARED[reason]}); chỉ bản sao y hệt được phát hiện`,
        evidence: { reason },
        uploadId: m.id,
      });
    }
  }
  return out;
}

/**
 * R-6.2c: the same bytes or a near copy of a photo in another report, a listed public image, a near copy of
 * another report's text. Someone else's earlier report supports rejection (c); the reporter's own earlier
 * report is a follow-up, said as such.
 */
async function duplicateFindings(db: Kysely<DB>, report: ReportRow, evidence: readonly ReportMediaItem[]): Promise<Finding[]> {
  const out: Finding[] = [];
  const isVideo = (uploadId: string) => evidence.some((m) => m.id === uploadId && m.kind === 'video');
  const media = await similarUploads(db, { uploadIds: evidence.map((m) => m.id), excludeReportId: report.id });
  const texts = await similarReportsByText(db, { title: report.title, description: report.description, excludeReportId: report.id, limit: 5 });
  const heads = await reportHeads(db, [...media.map((m) => m.matchReportId), ...texts.map((t) => t.reportId)]);
  const seen = new Set<string>();
  for (const m of media) {
    const head = heads.get(m.matchReportId);
    if (!head || head.submittedAt >= report.submitted_at || seen.has(`${m.uploadId}/${m.matchReportId}`)) continue;
    seen.add(`${m.uploadId}/${m.matchReportId}`);
    const evidenceOf = { distance: m.distance, exact: m.exact, code: head.code };
    if (head.reporterId === report.reporter_id)
      out.push({ check: 'own_media_again', confidence: 1, summary: `Người phản ánh đã gửi ảnh/video này trong phản ánh ${head.code} (phản ánh tiếp)`, evidence: evidenceOf, matchedReportId: m.matchReportId, uploadId: m.uploadId });
    else if (m.exact)
      out.push({ check: 'duplicate_media_exact', confidence: 1, summary: `Ảnh/video y hệt (cùng SHA-256) trong phản ánh ${head.code} của người khác, gửi trước`, evidence: evidenceOf, matchedReportId: m.matchReportId, uploadId: m.uploadId });
    else
      out.push({
        check: 'duplicate_media_near',
        // Within 8 bits; different photos were never closer than 12 (ADR 0006).
        confidence: Math.round((1 - m.distance / (2 * (SIMILAR_PHOTO_MAX_DISTANCE + 1))) * 100) / 100,
        summary: `${isVideo(m.uploadId) ? 'Khung hình video' : 'Ảnh'} gần giống (khác ${m.distance}/64 bit) ảnh/khung hình trong phản ánh ${head.code} của người khác, gửi trước`,
        evidence: evidenceOf,
        matchedReportId: m.matchReportId,
        uploadId: m.uploadId,
      });
  }
  for (const k of await knownImagesInReport(db, report.id, SIMILAR_PHOTO_MAX_DISTANCE))
    out.push({
      check: 'known_public_image',
      confidence: Math.round((1 - k.distance / (2 * (SIMILAR_PHOTO_MAX_DISTANCE + 1))) * 100) / 100,
      summary: `${isVideo(k.uploadId) ? 'Video có khung hình là' : 'Ảnh là'} bản sao của ảnh công khai đã biết: ${k.label}${k.source ? ` (${k.source})` : ''}`,
      evidence: { label: k.label, source: k.source, distance: k.distance },
      uploadId: k.uploadId,
    });
  for (const t of texts) {
    const head = heads.get(t.reportId);
    // The reporter's own earlier text is theirs to repeat.
    if (!head || head.submittedAt >= report.submitted_at || head.reporterId === report.reporter_id) continue;
    out.push({
      check: 'duplicate_text',
      confidence: Math.round(t.similarity * 100) / 100,
      summary: `Nội dung giống ${Math.round(t.similarity * 100)}% phản ánh ${head.code} của người khác, gửi trước`,
      evidence: { similarity: t.similarity, code: head.code },
      matchedReportId: t.reportId,
    });
  }
  return out;
}

/**
 * R-8.4 "complex: several agencies": when the category's field is shared by several city agencies, the officer
 * is told which of them may have to cooperate (R-8.2). A suggestion, weakly held: many reports of such a field
 * are simple.
 */
function complexity(ref: ReferenceData, report: ReportRow): Finding[] {
  const field = ref.category(report.category_code)?.field;
  if (!field) return [];
  const sharing = ref.agencies.filter((a) => a.active && a.level === 'city' && a.kind !== 'center' && a.fields.includes(field));
  if (sharing.length < 2) return [];
  const others = sharing.filter((a) => a.id !== report.receiving_agency_id);
  return [
    {
      check: 'complex_suggested',
      confidence: 0.4,
      summary: `Lĩnh vực của phản ánh do nhiều cơ quan cùng phụ trách (${sharing.map((a) => a.shortName ?? a.name).join(', ')}): có thể cần phân loại phức tạp và đề nghị phối hợp`,
      evidence: { field, agencies: others.map((a) => ({ id: a.id, name: a.name })) },
    },
  ];
}

/** Runs every check on the report and stores its findings; false when there is no such report. */
export async function checkReport(ctx: IntegrityContext, reportId: string): Promise<boolean> {
  const report = await findReport(ctx.db, { id: reportId });
  if (!report) return false;
  const ref = await referenceData(ctx);
  const evidence = (await mediaOfReport(ctx.db, reportId)).filter((m) => m.role === 'evidence');
  const findings: Finding[] = [
    ...textFindings({ title: report.title, description: report.description }, loadTextLists()),
    ...complexity(ref, report),
    ...mediaFindings(report, evidence),
    ...(await duplicateFindings(ctx.db, report, evidence)),
  ];
  if (report.lat !== null && report.lng !== null) {
    const near = await nearbyReports(ctx.db, { categoryCode: report.category_code, lat: report.lat, lng: report.lng, now: report.submitted_at, excludeReportId: report.id }, 5);
    for (const n of near.filter((x) => x.report.submitted_at < report.submitted_at))
      findings.push({
        check: 'nearby_report',
        confidence: 0.5,
        summary: `Phản ánh ${n.report.code} cùng danh mục, cách ${n.meters} m, đang được xử lý`,
        evidence: { meters: n.meters, code: n.report.code, state: n.report.state },
        matchedReportId: n.report.id,
      });
  }
  await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    const before = await replaceFindings(w.tx, reportId, findings, w.now);
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.check] = (counts[f.check] ?? 0) + 1;
    await w.audit({ action: 'integrity.checked', subjectType: INTEGRITY_SUBJECT, subjectId: reportId, payload: { findings: counts } });
    // R-8.4: a report newly suggested as urgent alerts the officers on duty at its receiving agency (their inbox).
    const urgent = findings.find((f) => f.check === 'urgent_suggested');
    if (urgent && !before.includes('urgent_suggested'))
      await w.audit({ action: URGENT_ALERT, subjectType: INTEGRITY_SUBJECT, subjectId: reportId, payload: { summary: urgent.summary } });
  });
  return true;
}

/** Checks reports the first run missed (submitted more than a minute ago and never checked). */
export async function checkUncheckedReports(ctx: IntegrityContext, limit = 100): Promise<{ checked: number }> {
  const ids = await uncheckedReportIds(ctx.db, new Date(ctx.clock.now().getTime() - 60_000), limit);
  let checked = 0;
  for (const id of ids) if (await checkReport(ctx, id)) checked++;
  return { checked };
}

// One queue per database: checks run one after another, after the answer has gone, so a burst of
// submissions never competes with itself for the database. Background work yields: after a check the queue
// rests twice as long as the check took, so a burst of submissions keeps most of the machine. A queue longer
// than CHECK_QUEUE_MAX takes no more: those reports are left unchecked and the sweep checks them a minute on.
export const CHECK_QUEUE_MAX = 1000;
const queues = new WeakMap<Kysely<DB>, { tail: Promise<void>; waiting: number }>();

/** Queues the checks of a just-stored report; a failure, or a full queue, leaves it to the sweep. */
export function checkReportSoon(ctx: IntegrityContext, reportId: string, log: Pick<FastifyBaseLogger, 'warn'>): void {
  if (!ctx.config.integrityCheckOnSubmit) return;
  let queue = queues.get(ctx.db);
  if (!queue) queues.set(ctx.db, (queue = { tail: Promise.resolve(), waiting: 0 }));
  if (queue.waiting >= CHECK_QUEUE_MAX) return;
  const q = queue;
  q.waiting++;
  q.tail = q.tail.then(async () => {
    q.waiting--;
    const started = performance.now();
    await checkReport(ctx, reportId).catch((err: unknown) => log.warn({ err, reportId }, 'integrity checks failed; the sweep will run them again'));
    await new Promise((r) => setTimeout(r, 2 * (performance.now() - started)));
  });
}
