/**
 * once the reporter's window to ask for clarification has ended, a published report is closed by the
 * platform (`published --close--> closed`, actor `system`). The workflow tables decide, with the same facts a
 * person's action is decided with (`reportFacts`): a report that was rated, or whose clarification request is
 * still unanswered, is not in `published` and is never closed. Each report is closed in its own unit of work
 * with its audited event — which is also the reporter's inbox notification (`report.close`) — and only if its
 * version is unchanged: a report the reporter rated or asked about in the meantime is skipped, not an error.
 * Runs from the background sweep (server/jobs/deadline-sweep.ts).
 */
import { CLARIFICATION_WINDOW_DAYS, clarificationWindow, formatVietnamTime } from '../../domain/calendar/index.ts';
import { WORKFLOWS, decide, type Workflow } from '../../domain/workflow/index.ts';
import { reportsWithResultBefore, updateReportIfVersion, type ReportRow } from '../../db/repos/reports.repo.ts';
import type { CurrentCalendar } from '../calendar/current-calendar.ts';
import type { AppContext } from '../context.ts';
import { currentCalendar } from '../reference/reference-data.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../unit-of-work.ts';
import { reportFacts } from './act-on-report.ts';
import { REPORT_SUBJECT, applyClocks } from './clocks.ts';

const CLOSE = 'close';

/** Reports looked at per query: each is then closed in its own short transaction. */
const BATCH = 200;

/**
 * The window ends at 24:00 of its last day, at least the second day after receipt (Civil Code Art. 147–148):
 * always more than this long after the result was published. Only older results are worth asking the tables.
 */
const WINDOW_AT_LEAST_MS = CLARIFICATION_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export type CloseContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** The states from which the tables let the platform close, with the kinds that have such a transition. */
function systemCloses(): Map<string, string[]> {
  const kindsByState = new Map<string, string[]>();
  for (const wf of Object.values(WORKFLOWS) as Workflow[])
    for (const t of wf.transitions)
      if (t.action === CLOSE && t.by.includes('system')) kindsByState.set(t.from, [...new Set([...(kindsByState.get(t.from) ?? []), wf.kind])]);
  return kindsByState;
}

/**
 * Closes every report whose clarification window has ended. A report that cannot be closed for an unexpected
 * reason does not stop the others: the run goes on and then throws, naming how many failed (the sweep logs it
 * and the next run tries again).
 */
export async function closeAfterClarificationWindow(ctx: CloseContext, opts: { batchSize?: number } = {}): Promise<{ closed: number }> {
  const batch = opts.batchSize ?? BATCH;
  const now = ctx.clock.now();
  const cal = await currentCalendar(ctx);
  const publishedBefore = new Date(now.getTime() - WINDOW_AT_LEAST_MS);
  let closed = 0;
  const failures: unknown[] = [];
  for (const [state, kinds] of systemCloses()) {
    let afterId: string | null = null;
    for (;;) {
      const rows: ReportRow[] = await reportsWithResultBefore(ctx.db, { kinds, state, publishedBefore, afterId, limit: batch });
      for (const report of rows) {
        try {
          if (await closeOne(ctx, cal, report, now)) closed++;
        } catch (err) {
          failures.push(err);
        }
      }
      if (rows.length < batch) break;
      afterId = (rows[rows.length - 1] as ReportRow).id;
    }
  }
  if (failures.length) throw new Error(`R-13 closing: ${failures.length} report(s) could not be closed (${closed} closed)`, { cause: failures[0] });
  return { closed };
}

/** True when this run closed the report; false when the tables say not yet, or someone changed it meanwhile. */
async function closeOne(ctx: CloseContext, cal: CurrentCalendar, report: ReportRow, now: Date): Promise<boolean> {
  const wf = WORKFLOWS[report.kind as keyof typeof WORKFLOWS];
  const decision = decide(wf, report.state, CLOSE, ['system'], {}, await reportFacts(ctx.db, cal, report, now));
  if (!decision.ok) return false; // the window is still open: a later sweep looks again
  const t = decision.transition;
  return unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    // Version check: a rating or a clarification request that came first wins, and the report stays with it.
    if (!(await updateReportIfVersion(w.tx, report.id, report.version, { state: t.to, updated_at: w.now }))) return false;
    await applyClocks(cal, w, report, { ...(t.starts ? { starts: t.starts } : {}), ...(t.stops ? { stops: t.stops } : {}) });
    await w.audit({
      action: `report.${t.action}`,
      subjectType: REPORT_SUBJECT,
      subjectId: report.id,
      fromState: report.state,
      toState: t.to,
      payload: {
        action: t.action,
        rule: t.rule,
        clarificationWindowClosedAt: formatVietnamTime(clarificationWindow(cal.calendar, report.result_published_at as Date)),
      },
    });
    return true;
  });
}
