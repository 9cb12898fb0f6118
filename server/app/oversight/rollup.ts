/**
 * Keeping the overseer's rollup (issue 9, ADR 0011) in step with the reports: a refresh recomputes the months
 * whose figures may have moved since the last one — the months of reports changed since then, and of reports
 * whose open deadline fell due since then — each month in its own transaction (`refreshRollupMonth`), judging
 * running deadlines at one instant, the refresh's `now`, which the dashboard then shows as "figures as of".
 *
 * A full rebuild (every month from the first submission to the last, and every month the rollup held) happens
 * when the rollup has no state (a new database, or a bulk load that invalidated it), was built by an older
 * definition (`ROLLUP_VERSION`), with another working calendar (an edit of the calendar recomputes open
 * deadlines' due instants without touching their reports) or for another administrative structure (R-28.1: the
 * reports are then counted under the units of the structure in force, units-today.ts). Before it, stopped
 * deadlines whose working time was never measured (stopped before migration 0023) are measured.
 *
 * Who refreshes: every server on a timer (main.ts, every DEADLINE_SWEEP_SECONDS), and the summary itself when
 * the figures are older than `staleAfterMs` (a server whose timer is late, the CLI, the tests).
 */
import { latestCalendarVersionId } from '../../db/repos/calendar.repo.ts';
import {
  invalidateRollup,
  monthsChangedSince,
  refreshRollupMonth,
  rollupMonths,
  rollupState,
  saveRollupState,
  saveWorkedMinutes,
  submissionMonthRange,
  unmeasuredDeadlines,
  type RollupMonth,
  type RollupState,
} from '../../db/repos/oversight.repo.ts';
import { vietnamTime, workedMinutes } from '../../domain/calendar/index.ts';
import type { AppContext } from '../context.ts';
import { nextMonth, parseMonth } from '../lateness/rules.ts';
import { currentCalendar, referenceData } from '../reference/reference-data.ts';
import { versionInForceOf } from '../units/structure-versions.ts';
import { mapReportsToUnitsToday } from './units-today.ts';

/** The definition of the rollup's rows; raise it when the INSERT … SELECT changes, so every server rebuilds. */
export const ROLLUP_VERSION = 2;

/**
 * How far before the last refresh a refresh looks for changes. A change is found by its time (`updated_at`,
 * `due_at`), and a transaction may commit after a refresh although it was stamped before it; an overlap of
 * ten minutes covers any transaction of ours (they last milliseconds) and a slower server's refresh that
 * finished after a faster one's, at the cost of recomputing the months of the last ten minutes' changes again.
 */
export const LOOKBACK_MS = 10 * 60_000;

export interface RefreshResult {
  /** The months recomputed, in order. */
  months: string[];
  /** Whether every month was rebuilt (no state, another definition or calendar, or asked for). */
  full: boolean;
  /** The instant the figures hold at now. */
  refreshedAt: Date;
}

const monthText = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

export function rollupMonth(month: string): RollupMonth {
  const m = parseMonth(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const after = nextMonth(m);
  return { month, start: vietnamTime(m.year, m.month, 1), end: vietnamTime(after.year, after.month, 1) };
}

/** Every month from `first` to `last`, both included (YYYY-MM). */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = parseMonth(first); m && monthText(m) <= last; m = nextMonth(m)) out.push(monthText(m));
  return out;
}

/** Recomputes one month now (its own transaction), units mapped to `structureVersion`; the state is left as it is. */
export async function refreshOneMonth(ctx: Pick<AppContext, 'db'>, month: string, now: Date, structureVersion: string): Promise<void> {
  await ctx.db.transaction().execute((tx) => refreshRollupMonth(tx, rollupMonth(month), now, structureVersion));
}

/** The rollup's inputs now: the definition, the newest calendar, the structure in force. */
async function rollupInputs(ctx: AppContext, now: Date): Promise<Omit<RollupState, 'refreshedAt'>> {
  const calendarVersion = (await latestCalendarVersionId(ctx.db)) ?? 0;
  const structureVersion = versionInForceOf((await referenceData(ctx)).structureVersions, now);
  return { version: ROLLUP_VERSION, calendarVersion, structureVersion };
}

const sameInputs = (state: RollupState, inputs: Omit<RollupState, 'refreshedAt'>) =>
  state.version === inputs.version && state.calendarVersion === inputs.calendarVersion && state.structureVersion === inputs.structureVersion;

const BATCH = 2_000;

/** Measures the working time of stopped deadlines that have none (stopped before migration 0023). */
async function measureStoppedDeadlines(ctx: AppContext): Promise<void> {
  const cal = await currentCalendar(ctx);
  for (;;) {
    const batch = await unmeasuredDeadlines(ctx.db, BATCH);
    if (batch.length === 0) return;
    await saveWorkedMinutes(ctx.db, batch.map((d) => ({ id: d.id, minutes: workedMinutes(cal.calendar, d.started_at, d.stopped_at!) })));
  }
}

async function runRefresh(ctx: AppContext, opts: { full?: boolean }): Promise<RefreshResult> {
  const now = ctx.clock.now();
  const state = await rollupState(ctx.db);
  const inputs = await rollupInputs(ctx, now);
  const full = opts.full === true || !state || !sameInputs(state, inputs);
  let months: string[];
  if (full) {
    await measureStoppedDeadlines(ctx);
    await mapReportsToUnitsToday(ctx, inputs.structureVersion);
    const range = await submissionMonthRange(ctx.db);
    months = [...new Set([...(range ? monthsBetween(range.first, range.last) : []), ...(await rollupMonths(ctx.db))])].sort();
  } else {
    months = await monthsChangedSince(ctx.db, new Date(state.refreshedAt.getTime() - LOOKBACK_MS), now);
  }
  for (const month of months) await refreshOneMonth(ctx, month, now, inputs.structureVersion);
  // Saved only when every month is done: a refresh that failed half-way is redone from the same point.
  await saveRollupState(ctx.db, { ...inputs, refreshedAt: now });
  return { months, full, refreshedAt: now };
}

/** One refresh at a time per database in this process; a call during a run waits for it and runs after. */
const running = new WeakMap<object, Promise<unknown>>();

export function refreshOversightRollup(ctx: AppContext, opts: { full?: boolean } = {}): Promise<RefreshResult> {
  const before = running.get(ctx.db) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(() => runRefresh(ctx, opts));
  running.set(ctx.db, run);
  return run;
}

/** Every month rebuilt from the reports (start-up of a bulk-loaded database, benchmarks). */
export function rebuildOversightRollup(ctx: AppContext): Promise<RefreshResult> {
  return refreshOversightRollup(ctx, { full: true });
}

/** After a bulk load that bypassed the use cases (COPY): the next refresh rebuilds every month. */
export async function invalidateOversightRollup(ctx: Pick<AppContext, 'db'>): Promise<void> {
  await invalidateRollup(ctx.db);
}

/** The figures are recomputed by the reader when older than this (twice the timer's period, at least a minute). */
export function staleAfterMs(ctx: AppContext): number {
  return Math.max(60_000, 2 * ctx.config.deadlineSweepSeconds * 1000);
}

/**
 * The rollup's state for a reader: refreshed first when it has none, is of another definition, calendar or
 * structure, or is older than `staleAfterMs` (or newer than the clock, which a clock set back makes meaningless).
 */
export async function freshRollupState(ctx: AppContext): Promise<RollupState> {
  const now = ctx.clock.now();
  const state = await rollupState(ctx.db);
  const age = state ? now.getTime() - state.refreshedAt.getTime() : Infinity;
  const inputs = await rollupInputs(ctx, now);
  if (state && sameInputs(state, inputs) && age >= 0 && age <= staleAfterMs(ctx)) return state;
  const done = await refreshOversightRollup(ctx);
  return (await rollupState(ctx.db)) ?? { ...inputs, refreshedAt: done.refreshedAt };
}
