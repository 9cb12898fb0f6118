/**
 * The synthetic data generator (issue 9): `ihanoi seed --synthetic` at 20,000 reports (quick) or 1,000,000
 * (full), with 1.5 accounts per report, against a same-run baseline: the bare `INSERT … SELECT generate_series`
 * of as many minimal report rows (one statement per chunk of 50,000, no deadlines, events, photos or accounts),
 * on a database of its own. PGlite runs on disk in a temporary folder (a million reports do not fit in its
 * in-memory file system).
 *
 *   node --import tsx bench/seed/synthetic.bench.ts [--quick]                  embedded PGlite (on disk)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/seed/synthetic.bench.ts   a PostgreSQL server
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { insertStaffUser } from '../../server/db/repos/accounts.repo.ts';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import { generateSynthetic } from '../../seed/synthetic/index.ts';
import { benchContext, openSeededBenchDatabase } from '../database.ts';
import { runWhenMain } from '../standalone.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const CHUNK = 50_000;

/** The baseline: minimal report rows (one reporter, one agency and commune), one INSERT … SELECT per chunk. */
async function bareInserts(total: number): Promise<number> {
  const { database, drop } = await openSeededBenchDatabase('ihanoi_bench_seed_base');
  try {
    const reporter = uuidv7();
    await insertStaffUser(database.db, { id: reporter, username: `bench-seed-${process.pid}`, displayName: 'bench', passwordHash: 'bench', now: new Date() });
    const agency = (await findAgency(database.db, { code: 'ubnd-phuong-hoan-kiem' }))!;
    const unit = agency.jurisdiction[0]!.code;
    const started = performance.now();
    for (let start = 0; start < total; start += CHUNK) {
      const end = Math.min(total, start + CHUNK) - 1;
      await sql`INSERT INTO reports (id, code, kind, category_code, title, description, reporter_id, confidential, state, receiving_agency_id, unit_version, unit_code, lat, lng, submitted_at, updated_at)
        SELECT gen_random_uuid(), 'BL-' || i, 'field_report', 'trat-tu-do-thi', 'Phản ánh ' || i, 'Mô tả ' || i, ${reporter}, false, 'submitted', ${agency.id}, '2025-07', ${unit},
               21.0 + (i % 1000) * 0.0001, 105.8 + (i % 997) * 0.0001, now() - (i || ' seconds')::interval, now()
        FROM generate_series(${start}::int, ${end}::int) AS i`.execute(database.db);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await database.close();
    await drop();
  }
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const reports = Number(process.env.BENCH_SEED_REPORTS ?? (opts.quick ? 20_000 : 1_000_000));
  const accounts = Math.round(reports * 1.5);
  const { database, url, label, drop } = await openSeededBenchDatabase('ihanoi_bench_seed');
  let result;
  try {
    result = await generateSynthetic(benchContext(database), { reports, accounts, seed: 1, chunkSize: CHUNK, ...(url ? { databaseUrl: url } : {}), progress: () => undefined });
  } finally {
    await database.close();
    await drop();
  }
  const baseSeconds = await bareInserts(reports);
  const baseRate = reports / baseSeconds;
  return {
    name: `seed: synthetic Hanoi data, ${n(reports)} reports and ${n(accounts)} accounts — ${label}`,
    lines: [
      `generator: ${n(result.rows)} rows (${n(result.accounts)} accounts, ${n(result.reports)} reports, ${n(result.uploads)} photos, ${n(result.deadlines)} deadlines, ${n(result.events)} events, ${n(result.alerts)} alerts)`,
      `           in ${result.seconds.toFixed(1)} s: ${n(result.rowsPerSecond).padStart(8)} rows/s, ${n(result.reports / result.seconds).padStart(7)} reports/s`,
      `baseline:  ${n(reports)} minimal report rows by INSERT … SELECT generate_series in ${baseSeconds.toFixed(1)} s: ${n(baseRate).padStart(8)} rows/s`,
      `generator rows/s = ${((result.rowsPerSecond / baseRate) * 100).toFixed(0)} % of the baseline's; reports/s = ${((result.reports / result.seconds / baseRate) * 100).toFixed(1)} %`,
    ],
  };
}

await runWhenMain(import.meta.url, run);
