/**
 * Public reads at 100,000 reports (issue 8): `GET /open311/v2/requests.json` and the open-data GeoJSON of a map
 * frame (bbox), end to end in one process (Fastify inject: routing, validation, the queries, the presenters,
 * serialisation — no network), against a bare Fastify route returning a fixed body of similar size in the same
 * run. Target: ≥ 30 % of the bare route's requests/s. Each read runs as deployed (the public feeds' micro-cache,
 * PUBLIC_CACHE_SECONDS=5, over 60 distinct feed pages and 70 distinct map frames) and with the cache off (every
 * request queries the database).
 *
 *   node --import tsx bench/reads/reads.bench.ts [--quick]                  embedded PGlite (in memory)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/reads/reads.bench.ts   a PostgreSQL server
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { migrate } from '../../server/db/migrate.ts';
import { insertStaffUser } from '../../server/db/repos/accounts.repo.ts';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import { civilDate } from '../../server/domain/calendar/index.ts';
import { buildApp } from '../../server/http/app.ts';
import { seedReference } from '../../seed/index.ts';
import { benchConfig, benchContext, openBenchDatabase } from '../database.ts';
import { runWhenMain } from '../standalone.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

type Answer = { statusCode: number; body: string; headers: Record<string, unknown> };

async function rate(call: (i: number) => Promise<Answer>, budgetMs: number): Promise<{ perSecond: number; bytes: number; hits: number }> {
  let count = 0;
  let bytes = 0;
  let hits = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    const res = await call(count);
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body.slice(0, 200)}`);
    bytes += res.body.length;
    if (res.headers['x-cache'] === 'hit') hits++;
    count++;
    elapsed = performance.now() - started;
  } while (elapsed < budgetMs);
  return { perSecond: (count / elapsed) * 1000, bytes: bytes / count, hits: hits / count };
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const total = Number(process.env.BENCH_READS_ROWS ?? 100_000);
  const { database, label, drop } = await openBenchDatabase({ prefix: 'ihanoi_bench_reads', poolSize: 8 });
  try {
    await migrate(database);
    const ctx = benchContext(database, benchConfig({ RATE_LIMIT_PER_MINUTE: '1000000' }));
    await seedReference(ctx);
    const reporter = uuidv7();
    await insertStaffUser(database.db, { id: reporter, username: `bench-reads-${process.pid}`, displayName: 'bench', passwordHash: 'bench', now: new Date() });
    const agency = (await findAgency(database.db, { code: 'ubnd-phuong-hoan-kiem' }))!;
    const { code: unitCode } = agency.jurisdiction[0]!;

    // Published reports over the last 80 days, pinned across inner Hanoi (21.00–21.06 N, 105.80–105.87 E).
    const loadStarted = performance.now();
    const batch = 20_000;
    for (let start = 0; start < total; start += batch) {
      const end = Math.min(total, start + batch) - 1;
      await sql`INSERT INTO reports (id, code, kind, category_code, title, description, reporter_id, confidential, state, receiving_agency_id,
                                     processing_agency_id, unit_version, unit_code, lat, lng, address, submitted_at, updated_at, result_text, result_published_at)
        SELECT ('0190c1d2-0003-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'PA-2026-' || lpad(i::text, 6, '0'), 'field_report', 'hu-hong-mat-duong',
               'Ổ gà trên phố số ' || i, 'Mô tả phản ánh số ' || i, ${reporter}, false, 'published', ${agency.id}, ${agency.id}, '2025-07', ${unitCode},
               21.00 + (i % 600) * 0.0001, 105.80 + ((i * 7) % 700) * 0.0001, 'Địa chỉ ' || i,
               now() - ((i % 80) || ' days')::interval - interval '2 days', now() - ((i % 80) || ' days')::interval,
               'Đã xử lý xong.', now() - ((i % 80) || ' days')::interval
        FROM generate_series(${start}::int, ${end}::int) AS i`.execute(database.db);
    }
    await sql`ANALYZE reports`.execute(database.db);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const cached = await buildApp(ctx, { logStream: { write: () => true } as never });
    const uncached = await buildApp({ ...ctx, config: { ...ctx.config, publicCacheSeconds: 0 } }, { logStream: { write: () => true } as never });
    const today = civilDate(new Date());
    const from = civilDate(new Date(Date.now() - 30 * 86_400_000));
    const statuses = ['', '&status=open', '&status=closed'];
    const open311 = (i: number) => `/open311/v2/requests.json?page=${1 + (i % 20)}&page_size=50${statuses[Math.floor(i / 20) % 3]}`;
    const frame = (i: number) => {
      const west = 105.80 + (i % 10) * 0.005;
      const south = 21.00 + (Math.floor(i / 10) % 7) * 0.005;
      return `/api/v1/open-data/reports.geojson?from=${from}&to=${today}&bbox=${west.toFixed(3)},${south.toFixed(3)},${(west + 0.01).toFixed(3)},${(south + 0.01).toFixed(3)}&limit=50`;
    };
    const check = await uncached.inject({ url: open311(0) });
    const items = (JSON.parse(check.body) as unknown[]).length;
    const inFrame = (JSON.parse((await uncached.inject({ url: frame(0) })).body) as { features: unknown[] }).features.length;

    const budget = opts.quick ? 2000 : 6000;
    const measure = async (app: typeof cached, url: (i: number) => string) => {
      await rate((i) => app.inject({ url: url(i) }), 300);
      return rate((i) => app.inject({ url: url(i) }), budget);
    };
    const requests = { cached: await measure(cached, open311), uncached: await measure(uncached, open311) };
    const geojson = { cached: await measure(cached, frame), uncached: await measure(uncached, frame) };

    // The baseline: bare Fastify answering a fixed body the size of a page of requests.
    const body = check.body;
    const bare = Fastify();
    bare.get('/fixed', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
    await bare.ready();
    await rate(() => bare.inject({ url: '/fixed' }), 300);
    const baseline = await rate(() => bare.inject({ url: '/fixed' }), budget);
    await bare.close();
    await cached.close();
    await uncached.close();

    const pct = (x: number) => `${((x / baseline.perSecond) * 100).toFixed(1)} %`;
    const met = (x: number) => (x / baseline.perSecond >= 0.3 ? 'met' : 'NOT met');
    const row = (label: string, r: { perSecond: number; bytes: number; hits: number }) =>
      `${label.padEnd(58)} ${n(r.perSecond).padStart(7)} req/s   ${pct(r.perSecond).padStart(7)} of bare   (${n(r.bytes)} B, ${Math.round(r.hits * 100)} % from the cache)`;
    return {
      name: `reads: Open311 requests and open-data map frames at ${n(total)} reports — ${label}`,
      lines: [
        `${n(total)} published reports loaded in ${loadSeconds.toFixed(1)} s`,
        row(`GET /open311/v2/requests.json (pages of ${items}), as deployed`, requests.cached),
        row('  the same, micro-cache off', requests.uncached),
        row(`GET /api/v1/open-data/reports.geojson?bbox (${inFrame} per frame), as deployed`, geojson.cached),
        row('  the same, micro-cache off', geojson.uncached),
        `${'bare Fastify, fixed body of the same size'.padEnd(58)} ${n(baseline.perSecond).padStart(7)} req/s`,
        `target ≥ 30 % of bare, as deployed: Open311 ${met(requests.cached.perSecond)}, GeoJSON ${met(geojson.cached.perSecond)}`,
      ],
    };
  } finally {
    await database.close();
    await drop();
  }
}

await runWhenMain(import.meta.url, run);
