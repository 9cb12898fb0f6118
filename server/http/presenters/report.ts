/**
 * Reports by audience (DESIGN: presenters from allow-lists). The public presenter is given no reporter at all;
 * the reporter sees their report with what was asked of them; staff see the internal timeline. CCCD, phone and
 * e-mail are never in any of them (staff reach a reporter through the platform, not by reading identity here).
 */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { FINDING_CHECKS, FINDING_REASON } from '../../domain/integrity/findings.ts';
import { REJECT_REASONS, WORKFLOWS, type Workflow } from '../../domain/workflow/index.ts';
import type { ReportBundle, ReportNames, StaffQueueItem, TimelineEvent } from '../../app/reports/read-reports.ts';
import type { ReportTime } from '../../app/reports/report-time.ts';
import type { ReportRow } from '../../db/repos/reports.repo.ts';
import type { DeadlineRow } from '../../db/repos/calendar.repo.ts';

const time = (d: Date | null) => (d ? formatVietnamTime(d) : null);

const workflowOf = (r: ReportRow): Workflow => WORKFLOWS[r.kind as keyof typeof WORKFLOWS];

/** What anyone may see of a report. No reporter field exists here, so none can leak. */
export function presentPublicSummary(r: ReportRow, names: ReportNames) {
  const wf = workflowOf(r);
  return {
    code: r.code,
    kind: r.kind,
    category: { code: r.category_code, name: names.category(r.category_code) },
    title: r.title,
    state: r.state,
    stateLabel: wf.stateLabels[r.state] ?? r.state,
    commune: names.unit(r.unit_version, r.unit_code),
    // The map pin of the public list and map; the address text is on the report's own page.
    place: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    submittedAt: time(r.submitted_at),
    handlingAgency: names.agency(r.dispatched_agency_id ?? r.processing_agency_id ?? r.receiving_agency_id),
  };
}

export function actionLabel(wf: Workflow, action: string, from: string | null): string {
  const a = action.replace(/^report\./, '');
  if (a === 'submit') return 'Gửi phản ánh';
  if (action === 'deadline.recomputed') return 'Tính lại thời hạn theo lịch làm việc mới';
  if (action === 'deadline.overdue') return 'Quá hạn xử lý';
  // One action may carry different labels by state (a head's "assign" vs a commune leader's, R-8.1 steps 2–3).
  return (wf.transitions.find((t) => t.action === a && t.from === from) ?? wf.transitions.find((t) => t.action === a))?.label ?? a;
}

/** Public timeline: what happened and which agency did it — never who, never what was said internally. */
function publicEvent(wf: Workflow, e: TimelineEvent, names: ReportNames) {
  return {
    at: time(e.at),
    action: e.action.replace(/^report\./, ''),
    label: actionLabel(wf, e.action, e.fromState),
    state: e.toState,
    stateLabel: e.toState ? (wf.stateLabels[e.toState] ?? e.toState) : null,
    agency: e.actorRole === 'citizen' ? null : names.agency(e.actorAgencyId),
  };
}

/**
 * The proofs of a result: kind, title and — for a photo — its metadata-free public copy to look at
 * (never the original with its EXIF, nor who uploaded it).
 */
function proofsOf(r: ReportRow) {
  return r.result_proofs.map((p) => ({ kind: p.kind, title: p.title, url: p.publicSha256 ? `/api/v1/media/${p.publicSha256}` : null }));
}

/** A report's published result as anyone may read it; null before it is published. */
export function presentPublicResult(r: ReportRow) {
  if (!r.result_published_at) return null;
  return {
    text: r.result_text,
    decision: r.decision,
    publishedAt: time(r.result_published_at),
    proofs: proofsOf(r),
  };
}

export function presentPublicReport(b: ReportBundle, names: ReportNames) {
  const r = b.report;
  const wf = workflowOf(r);
  return {
    ...presentPublicSummary(r, names),
    description: r.description,
    place: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng, address: r.address } : null,
    occurredAt: time(r.occurred_at),
    // Only re-encoded public copies (no EXIF, no GPS — ); videos wait for a metadata-free copy.
    media: b.media.filter((m) => m.public_sha256).map((m) => ({ role: m.role, kind: m.kind, url: `/api/v1/media/${m.public_sha256 as string}` })),
    result: presentPublicResult(r),
    rating: r.rating,
    timeline: b.timeline.map((e) => publicEvent(wf, e, names)),
  };
}

function presentDeadline(d: DeadlineRow, at: ReportTime) {
  const open = d.stoppedAt === null;
  return {
    stage: d.clock,
    startedAt: time(d.startedAt),
    amount: d.amount,
    due: time(d.dueAt),
    stoppedAt: time(d.stoppedAt),
    overdue: open ? at.now > d.dueAt : (d.stoppedAt as Date) > d.dueAt,
    /** For a running deadline: working minutes left (negative: overdue by), for colouring queues by working time. */
    workingMinutesLeft: open ? at.workingMinutesLeft(d.dueAt) : null,
    calendarVersion: d.calendarVersion,
  };
}

/** Payload fields a reporter may read: what was asked of them and what was answered to them. */
const REPORTER_PAYLOAD = ['question', 'answer', 'explanation', 'rejectReason', 'rating', 'comment', 'decision', 'rule'] as const;

export function presentReporterReport(b: ReportBundle, names: ReportNames, at: ReportTime) {
  const r = b.report;
  const wf = workflowOf(r);
  return {
    ...presentPublicReport(b, names),
    id: r.id,
    version: r.version,
    confidential: r.confidential,
    rejectReason: r.reject_reason,
    ratingComment: r.rating_comment,
    deadlines: b.deadlines.map((d) => presentDeadline(d, at)),
    actions: b.actions,
    timeline: b.timeline.map((e) => ({
      ...publicEvent(wf, e, names),
      said: Object.fromEntries(REPORTER_PAYLOAD.filter((k) => e.payload[k] !== undefined).map((k) => [k, e.payload[k]])),
    })),
  };
}

export function presentStaffReport(b: ReportBundle, names: ReportNames, at: ReportTime, reporterName: string | null) {
  const r = b.report;
  const wf = workflowOf(r);
  return {
    ...presentReporterReport(b, names, at),
    // a confidential reporter is not named to staff either; the platform relays questions to them.
    reporter: r.confidential ? { confidential: true, displayName: null } : { confidential: false, displayName: reporterName },
    classification: r.classification,
    receivingAgency: { id: r.receiving_agency_id, name: names.agency(r.receiving_agency_id) },
    processingAgency: r.processing_agency_id ? { id: r.processing_agency_id, name: names.agency(r.processing_agency_id) } : null,
    dispatchedAgency: r.dispatched_agency_id ? { id: r.dispatched_agency_id, name: names.agency(r.dispatched_agency_id) } : null,
    assigneeId: r.assignee_id,
    // For the officer's checks (R-6.1b, R-6.2b/c): the original, where and when the camera says it was taken.
    evidence: b.media.map((m) => ({ uploadId: m.id, original: `/api/v1/uploads/${m.id}/content`, role: m.role, kind: m.kind, mime: m.mime, size: m.size, takenAt: time(m.taken_at), gps: m.gps_lat !== null && m.gps_lng !== null ? { lat: m.gps_lat, lng: m.gps_lng } : null, software: m.software })),
    routing: r.routing_note,
    // Issue 5: what the integrity checks saw, beside the Art. 6.2 reason each supports; the officer decides.
    integrityCheckedAt: time(r.integrity_checked_at),
    findings: b.findings.map((f) => {
      const reason = FINDING_REASON[f.check];
      return {
        check: f.check,
        label: FINDING_CHECKS[f.check],
        confidence: f.confidence,
        summary: f.summary,
        evidence: f.evidence,
        supportsReason: reason ? { code: reason, label: REJECT_REASONS[reason] } : null,
        matchedReport: f.matchedReportId ? { id: f.matchedReportId, code: f.matchedReportCode } : null,
        uploadId: f.uploadId ?? null,
      };
    }),
    extendedToDays: r.extended_to_days,
    // The draft's proofs keep their file's hash for staff, so a redraft can keep the files.
    draft: r.result_text && !r.result_published_at ? { text: r.result_text, proofs: proofsOf(r).map((p, i) => ({ ...p, sha256: r.result_proofs[i]?.sha256 ?? null })) } : null,
    cooperations: b.cooperations.map((c) => ({ agencyId: c.agency_id, agency: names.agency(c.agency_id), state: c.state, requestedAt: time(c.requested_at), result: c.result_text, closedReason: c.closed_reason })),
    timeline: b.timeline.map((e) => ({
      ...publicEvent(wf, e, names),
      from: e.fromState,
      // the reporter's own steps (submit, clarify, rate) would give a confidential reporter's account id to
      // every officer who reads the report — an id that other lists (violations, sanctions) name.
      actorId: r.confidential && e.actorId === r.reporter_id ? null : e.actorId,
      actorRole: e.actorRole,
      payload: e.payload,
    })),
  };
}

/** A line of a staff queue: the summary, who holds it, and its running deadlines, nearest first. */
export function presentStaffQueueItem(item: StaffQueueItem, names: ReportNames, at: ReportTime) {
  const r = item.report;
  return {
    id: r.id,
    version: r.version,
    ...presentPublicSummary(r, names),
    classification: r.classification,
    receivingAgencyId: r.receiving_agency_id,
    processingAgencyId: r.processing_agency_id,
    dispatchedAgencyId: r.dispatched_agency_id,
    assigneeId: r.assignee_id,
    deadlines: item.openDeadlines.map((d) => ({ stage: d.clock, due: time(d.dueAt), overdue: at.now > d.dueAt, workingMinutesLeft: at.workingMinutesLeft(d.dueAt) })),
    findings: item.findingChecks.map((check) => ({ check, label: FINDING_CHECKS[check] })),
  };
}
