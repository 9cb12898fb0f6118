/**
 * The overseer's figures (issue 9, R-18): the month × agency on-time table (received, published, late per
 * handling agency and Vietnam month — `handlingByAgencyMonth`) and the whole city-wide summary the dashboard asks
 * for, over every report of the synthetic Hanoi data (2025-01 to now), read from the rollup (ADR 0011) after a
 * refresh; against same-run baselines: the direct aggregate of the reports with lateness that the summary ran on
 * every request before the rollup, and the bare month × agency count of the same rows (one GROUP BY, no
 * lateness). Also the cost of keeping the rollup: a full rebuild, the refresh of one month (the latest, the
 * biggest) and a refresh that finds nothing changed. Target: the table in ≤ 200 ms at 1,000,000 reports (full
 * size; quick: 50,000).
 *
 *   node --import tsx bench/oversight/oversight.bench.ts [--quick]                  embedded PGlite (on disk)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/oversight/oversight.bench.ts   a PostgreSQL server
 */
import { sql } from 'kysely';
import { oversightSummary } from '../../server/app/oversight/summary.ts';
import { uuidv7 } from 'uuidv7';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import { rebuildOversightRollup, refreshOneMonth, refreshOversightRollup } from '../../server/app/oversight/rollup.ts';
import { handlingByAgencyMonth, rollupState } from '../../server/db/repos/oversight.repo.ts';
import type { Actor } from '../../server/domain/access/index.ts';
import { civilDate, VIETNAM_OFFSET_MINUTES, vietnamTime } from '../../server/domain/calendar/index.ts';
import { generateSynthetic } from '../../seed/synthetic/index.ts';
import { benchContext, openSeededBenchDatabase } from '../database.ts';
import { runWhenMain } from '../standalone.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** Median of `runs` timed calls (after one warm-up), in ms. */
async function median(runs: number, call: () => Promise<unknown>): Promise<number> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const reports = Number(process.env.BENCH_OVERSIGHT_REPORTS ?? (opts.quick ? 50_000 : 1_000_000));
  const { database, url, label, drop } = await openSeededBenchDatabase('ihanoi_bench_oversight');
  try {
    const ctx = benchContext(database);
    const loadStarted = performance.now();
    const generated = await generateSynthetic(ctx, { reports, accounts: Math.max(1000, Math.round(reports / 10)), seed: 2, ...(url ? { databaseUrl: url } : {}), progress: () => undefined });
    await sql`ANALYZE`.execute(database.db);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const now = ctx.clock.now();
    const from = vietnamTime(2025, 1, 1);
    const runs = opts.quick ? 5 : 9;

    // Keeping the rollup: a full rebuild (once: as at start-up after a bulk load), one month, nothing changed.
    const rebuildStarted = performance.now();
    const rebuilt = await rebuildOversightRollup(ctx);
    const rebuild = performance.now() - rebuildStarted;
    await sql`ANALYZE oversight_rollup`.execute(database.db);
    const lastMonth = civilDate(now).slice(0, 7);
    const { structureVersion } = (await rollupState(database.db))!;
    const monthRefresh = await median(runs, () => refreshOneMonth(ctx, lastMonth, ctx.clock.now(), structureVersion));
    const idleRefresh = await median(runs, () => refreshOversightRollup(ctx));
    const [{ cells } = { cells: 0 }] = (await sql<{ cells: number }>`SELECT count(*)::int AS cells FROM oversight_rollup`.execute(database.db)).rows;

    const filter = { fromMonth: '2025-01', toMonth: lastMonth, agencies: 'all' as const };
    const rows = await handlingByAgencyMonth(database.db, filter);
    const table = await median(runs, () => handlingByAgencyMonth(database.db, filter));
    const center = (await findAgency(database.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
    const overseer: Actor = { kind: 'staff', userId: uuidv7(), memberships: [{ agencyId: center.id, role: 'city_overseer' }] };
    await refreshOversightRollup(ctx);
    const summary = await median(runs, () => oversightSummary(ctx, overseer, { from: '2025-01' }));
    // Before the rollup: the same table aggregated from the reports on every request, lateness by EXISTS.
    const direct = await median(Math.min(runs, 3), () =>
      sql`SELECT COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id),
            to_char((r.submitted_at AT TIME ZONE 'UTC') + ${sql.raw(`interval '${VIETNAM_OFFSET_MINUTES} minutes'`)}, 'YYYY-MM'),
            count(*), count(*) FILTER (WHERE r.result_published_at IS NOT NULL),
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM deadlines d WHERE d.subject_type = 'report' AND d.subject_id = r.id::text
                AND (d.stopped_at > d.due_at OR (d.stopped_at IS NULL AND d.due_at < ${now}))
                AND NOT EXISTS (SELECT 1 FROM deadlines s WHERE s.subject_type = d.subject_type AND s.subject_id = d.subject_id
                  AND s.clock = d.clock AND s.started_at = d.started_at AND s.id > d.id)))
          FROM reports r WHERE r.submitted_at >= ${from} AND r.submitted_at < ${now} GROUP BY 1, 2`.execute(database.db),
    );
    const baseline = await median(runs, () =>
      sql`SELECT COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id), date_trunc('month', r.submitted_at), count(*)
          FROM reports r WHERE r.submitted_at >= ${from} AND r.submitted_at < ${now} GROUP BY 1, 2`.execute(database.db),
    );
    const total = rows.reduce((s, r) => s + r.received, 0);
    const late = rows.reduce((s, r) => s + r.late, 0);
    return {
      name: `oversight: the month × agency on-time table over ${n(generated.reports)} synthetic reports — ${label}`,
      lines: [
        `${n(generated.reports)} reports (${n(generated.deadlines)} deadlines, ${n(generated.events)} events) generated in ${loadSeconds.toFixed(1)} s`,
        `month × agency table from the rollup: ${n(rows.length)} cells, ${n(total)} reports, ${n(late)} late   median ${table.toFixed(1).padStart(7)} ms   (${(table / baseline).toFixed(2)} × the bare count)`,
        `the whole summary over ${rebuilt.months.length} months from the rollup (states, agencies, units, stages, reasons, ratings, initiatives; GET /api/v1/oversight/summary)   median ${summary.toFixed(1).padStart(7)} ms`,
        `before the rollup: the table aggregated from reports + deadlines per request      median ${direct.toFixed(0).padStart(7)} ms`,
        `baseline: bare month × agency count of the same rows                              median ${baseline.toFixed(0).padStart(7)} ms`,
        `rollup: ${n(cells)} rows; full rebuild of ${rebuilt.months.length} months ${rebuild.toFixed(0)} ms; refresh of one month (${lastMonth}) median ${monthRefresh.toFixed(0)} ms; refresh with nothing changed median ${idleRefresh.toFixed(1)} ms`,
        `target table ≤ 200 ms at 1,000,000 reports: ${reports >= 1_000_000 ? (table <= 200 ? 'met' : 'NOT met') : 'full size only (--full)'}`,
      ],
    };
  } finally {
    await database.close();
    await drop();
  }
}

await runWhenMain(import.meta.url, run);
