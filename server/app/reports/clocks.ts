/**
 * Deadline clocks of a report (DESIGN: deadlines are stored). Entering a stage stores its due instant with the
 * calendar version; leaving it stops the clock. Amounts come from the policy table (domain/calendar/policies.ts),
 * anchors from the policy: the verification window runs from submission (R-6.2d), the others from the event.
 */
import { uuidv7 } from 'uuidv7';
import { addWorkingTime, deadlinePolicy, workedMinutes, type Classification, type DeadlineStage, type ReportKind } from '../../domain/calendar/index.ts';
import { insertDeadline, reassignOpenDeadlines, stopDeadlines, type NewDeadline } from '../../db/repos/calendar.repo.ts';
import type { ReportRow } from '../../db/repos/reports.repo.ts';
import type { Work } from '../unit-of-work.ts';
import type { CurrentCalendar } from '../calendar/current-calendar.ts';

export const REPORT_SUBJECT = 'report';

/** Whose clock a stage is: lateness is recorded against that agency. */
export function responsibleAgency(stage: DeadlineStage, r: Pick<ReportRow, 'receiving_agency_id' | 'processing_agency_id' | 'dispatched_agency_id'>): string | null {
  if (stage === 'verify' || stage === 'receive') return r.receiving_agency_id;
  if (stage === 'assign') return r.processing_agency_id;
  return r.dispatched_agency_id ?? r.processing_agency_id;
}

/** After a change of hands, running clocks follow the agency now responsible for them. */
export async function reassignRunningClocks(w: Work, report: Pick<ReportRow, 'id' | 'receiving_agency_id' | 'processing_agency_id' | 'dispatched_agency_id'>): Promise<void> {
  await reassignOpenDeadlines(w.tx, REPORT_SUBJECT, report.id, ['verify', 'receive'], report.receiving_agency_id);
}

export interface ClockChange {
  starts?: readonly DeadlineStage[];
  stops?: readonly DeadlineStage[];
  /** Restart the process clock with a longer amount from its original start (R-8.5 complex extension). */
  extend?: { stage: DeadlineStage; days: number };
}

type ClockSubject = Pick<ReportRow, 'id' | 'kind' | 'classification' | 'submitted_at' | 'receiving_agency_id' | 'processing_agency_id' | 'dispatched_agency_id'>;

/** The deadlines of the stages entered at `now`: amounts from the policy table, due instants from the calendar. */
export function startClocks(cal: CurrentCalendar, report: ClockSubject, stages: readonly DeadlineStage[], now: Date): NewDeadline[] {
  const started: NewDeadline[] = [];
  for (const stage of stages) {
    const policy =
      stage === 'process'
        ? deadlinePolicy(report.kind as ReportKind, 'process', (report.classification ?? 'normal') as Classification)
        : deadlinePolicy(report.kind as ReportKind, stage);
    if (!policy) continue; // the regulation sets no deadline for this stage of this kind
    const startedAt = policy.startsAt === 'submitted' ? report.submitted_at : now;
    started.push({
      id: uuidv7(),
      subjectType: REPORT_SUBJECT,
      subjectId: report.id,
      clock: stage,
      startedAt,
      amount: policy.amount,
      dueAt: addWorkingTime(cal.calendar, startedAt, policy.amount),
      calendarVersion: cal.version,
      agencyId: responsibleAgency(stage, report),
    });
  }
  return started;
}

/**
 * `cal` is read before the unit of work starts: a query on the pool from inside a transaction would wait for
 * the transaction's own connection on a single-connection database (PGlite).
 */
export async function applyClocks(cal: CurrentCalendar, w: Work, report: ClockSubject, change: ClockChange): Promise<void> {
  const stops = [...(change.stops ?? []), ...(change.extend ? [change.extend.stage] : [])];
  const stopped = await stopDeadlines(w.tx, REPORT_SUBJECT, report.id, stops, w.now, (startedAt) => workedMinutes(cal.calendar, startedAt, w.now));
  if (change.extend) {
    const { stage, days } = change.extend;
    const previous = stopped.find((d) => d.clock === stage);
    if (!previous) throw new Error(`extend: no running ${stage} clock on report ${report.id}`);
    const row = await w.tx.selectFrom('deadlines').select('started_at').where('id', '=', previous.id).executeTakeFirstOrThrow();
    await insertDeadline(w.tx, {
      id: uuidv7(),
      subjectType: REPORT_SUBJECT,
      subjectId: report.id,
      clock: stage,
      startedAt: row.started_at,
      amount: { days },
      dueAt: addWorkingTime(cal.calendar, row.started_at, { days }),
      calendarVersion: cal.version,
      agencyId: responsibleAgency(stage, report),
    });
  }
  for (const d of startClocks(cal, report, change.starts ?? [], w.now)) await insertDeadline(w.tx, d);
}
