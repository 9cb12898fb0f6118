/**
 * The background sweep. First the scheduled alerts whose time came (issue 6; one that expired unsent is never
 * delivered). Then the deadlines (R-8.5 "late units answer for it", R-18.4): finds open deadlines
 * past their due instant, records when they were first seen overdue and writes one audit event per deadline on
 * its subject, naming the agency whose clock it is. Idempotent — a deadline is marked once — and safe with
 * several server processes (see `markOverdueDeadlines`). Then the reports whose clarification window has
 * ended are closed by the platform (R-13, app/reports/close-after-window.ts; the version check makes it safe
 * with several processes too), the frames of videos are sampled and the integrity checks run on reports they
 * missed (app/integrity).
 * `startDeadlineSweep` runs them on a timer from main.ts.
 */
import { formatVietnamTime } from '../domain/calendar/index.ts';
import { markOverdueDeadlines } from '../db/repos/lateness.repo.ts';
import { SYSTEM_ACTOR, unitOfWork, type UnitOfWorkContext } from '../app/unit-of-work.ts';
import { closeAfterClarificationWindow, type CloseContext } from '../app/reports/close-after-window.ts';
import { checkUncheckedReports } from '../app/integrity/check-report.ts';
import { samplePendingVideos, type FramesContext } from '../app/integrity/video-frames.ts';
import { sendDueAlerts } from '../app/alerts/alerts.ts';
import { startRepeating, type RepeatingTask } from './repeat.ts';

export const DEADLINE_OVERDUE = 'deadline.overdue';

/** Deadlines marked per transaction: keeps each transaction short however many fell due during an outage. */
const BATCH = 500;

export async function sweepDeadlines(ctx: UnitOfWorkContext, opts: { batchSize?: number } = {}): Promise<{ newlyOverdue: number }> {
  const batch = opts.batchSize ?? BATCH;
  let newlyOverdue = 0;
  for (;;) {
    const marked = await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
      const rows = await markOverdueDeadlines(w.tx, w.now, batch);
      for (const d of rows)
        await w.audit({
          action: DEADLINE_OVERDUE,
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          payload: { clock: d.clock, due: formatVietnamTime(d.dueAt), agencyId: d.agencyId },
        });
      return rows.length;
    });
    newlyOverdue += marked;
    // A short batch means nothing is left (or the rest is locked by another process: the next run takes it).
    if (marked < batch) return { newlyOverdue };
  }
}

export type SweepContext = CloseContext & FramesContext;

export interface SweepResult {
  /** Deadlines found overdue for the first time. */
  newlyOverdue: number;
  /** Reports closed because their clarification window ended. */
  closed: number;
  /** Videos whose frames were still to be sampled a minute after their upload, now sampled (issue 5). */
  sampled: number;
  /** Reports whose integrity checks (issue 5) had not run after submission, now checked. */
  checked: number;
  /** Scheduled alerts whose time came, now sent (issue 6). */
  alertsSent: number;
}

/**
 * One run of the background job: scheduled alerts whose time came (first: a warning should not wait), overdue deadlines, then reports whose clarification window ended, then videos
 * whose frames were not sampled, then reports the integrity checks missed (or that a sampled video changed).
 */
export async function sweep(ctx: SweepContext): Promise<SweepResult> {
  const { sent: alertsSent } = await sendDueAlerts(ctx);
  const { newlyOverdue } = await sweepDeadlines(ctx);
  const { closed } = await closeAfterClarificationWindow(ctx);
  const { sampled } = await samplePendingVideos(ctx);
  const { checked } = await checkUncheckedReports(ctx);
  return { newlyOverdue, closed, sampled, checked, alertsSent };
}

export type SweepTimer = RepeatingTask;

export interface SweepTimerOptions {
  everySeconds: number;
  onError(err: unknown): void;
  onSwept?(result: SweepResult): void;
  /** The sweep to run (tests replace it). */
  sweep?: (ctx: SweepContext) => Promise<SweepResult>;
}

/** Runs the sweep now and then every `everySeconds` after the previous run ended (see startRepeating). */
export function startDeadlineSweep(ctx: SweepContext, opts: SweepTimerOptions): SweepTimer {
  const runSweep = opts.sweep ?? sweep;
  return startRepeating(async () => {
    const result = await runSweep(ctx);
    opts.onSwept?.(result);
  }, opts);
}
