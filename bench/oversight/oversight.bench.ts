/**
 * The overseer's figures (issue 9, R-18): the month × agency on-time table (received, published, late per
 * handling agency and Vietnam month — `handlingByAgencyMonth`) and the whole city-wide summary the dashboard asks
 * for, over every report of the synthetic Hanoi data (2025-01 to now), against a same-run baseline: the bare
 * month × agency count of the same rows (one GROUP BY, no lateness). Target: the table in ≤ 200 ms at 1,000,000
 * reports (full size; quick: 50,000).
 *
 *   node --import tsx bench/oversight/oversight.bench.ts [--quick]                  embedded PGlite (on disk)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/oversight/oversight.bench.ts   a PostgreSQL server
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { oversightSummary } from '../../server/app/oversight/summary.ts';
import { uuidv7 } from 'uuidv7';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import { handlingByAgencyMonth } from '../../server/db/repos/oversight.repo.ts';
import type { Actor } from '../../server/domain/access/index.ts';
import { vietnamTime } from '../../server/domain/calendar/index.ts';
import { generateSynthetic } from '../../seed/synthetic/index.ts';
import { benchContext, openSeededBenchDatabase } from '../database.ts';

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

    const now = new Date();
    const filter = { from: vietnamTime(2025, 1, 1), to: now, now, agencies: 'all' as const };
    const rows = await handlingByAgencyMonth(database.db, filter);
    const runs = opts.quick ? 5 : 9;
    const table = await median(runs, () => handlingByAgencyMonth(database.db, filter));
    const center = (await findAgency(database.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
    const overseer: Actor = { kind: 'staff', userId: uuidv7(), memberships: [{ agencyId: center.id, role: 'city_overseer' }] };
    const summary = await median(runs, () => oversightSummary(ctx, overseer, { from: '2025-01' }));
    const baseline = await median(runs, () =>
      sql`SELECT COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id), date_trunc('month', r.submitted_at), count(*)
          FROM reports r WHERE r.submitted_at >= ${filter.from} AND r.submitted_at < ${filter.to} GROUP BY 1, 2`.execute(database.db),
    );
    const total = rows.reduce((s, r) => s + r.received, 0);
    const late = rows.reduce((s, r) => s + r.late, 0);
    return {
      name: `oversight: the month × agency on-time table over ${n(generated.reports)} synthetic reports — ${label}`,
      lines: [
        `${n(generated.reports)} reports (${n(generated.deadlines)} deadlines, ${n(generated.events)} events) generated in ${loadSeconds.toFixed(1)} s`,
        `month × agency table: ${n(rows.length)} cells, ${n(total)} reports, ${n(late)} late      median ${table.toFixed(0).padStart(6)} ms   (${(table / baseline).toFixed(1)} × the baseline)`,
        `the whole summary (states, table, ratings; GET /api/v1/oversight/summary)    median ${summary.toFixed(0).padStart(6)} ms`,
        `baseline: bare month × agency count of the same rows                          median ${baseline.toFixed(0).padStart(6)} ms`,
        `target table ≤ 200 ms at 1,000,000 reports: ${reports >= 1_000_000 ? (table <= 200 ? 'met' : 'NOT met') : 'full size only (--full)'}`,
      ],
    };
  } finally {
    await database.close();
    await drop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, lines } = await run({ quick: process.argv.includes('--quick') });
  console.log(`# ${name}`);
  for (const line of lines) console.log(line);
}
