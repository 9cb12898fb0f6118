/**
 * The public deadline endpoint end to end in one process (Fastify inject: routing, schema validation, the
 * stored-calendar version check, arithmetic, serialisation — no network), against a bare Fastify route that
 * returns a constant of the same shape, measured in the same run. The gap is what the platform adds per call.
 *
 *   node --import tsx bench/http/deadline.bench.ts [--quick]
 */
import Fastify from 'fastify';
import { openPglite } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { buildApp } from '../../server/http/app.ts';
import { seedReference } from '../../seed/index.ts';
import { benchConfig, benchContext } from '../database.ts';
import { runWhenMain } from '../standalone.ts';

type Inject = (url: string) => Promise<{ statusCode: number }>;

async function measure(inject: Inject, urls: string[], budgetMs: number): Promise<number> {
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    const res = await inject(urls[n % urls.length] as string);
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    n++;
    elapsed = performance.now() - started;
  } while (elapsed < budgetMs);
  return (n / elapsed) * 1000;
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const database = await openPglite(undefined);
  await migrate(database);
  const ctx = benchContext(database, benchConfig({ RATE_LIMIT_PER_MINUTE: '1000000' }));
  await seedReference(ctx);
  const app = await buildApp(ctx);
  const bare = Fastify();
  bare.get('/deadline', async () => ({ due: '2026-03-02T17:00:00+07:00', calendarVersion: 1, provisional: false }));
  await bare.ready();

  const urls = Array.from({ length: 200 }, (_, i) => {
    const day = String(2 + (i % 25)).padStart(2, '0');
    const hour = String(7 + (i % 11)).padStart(2, '0');
    return `/api/v1/calendar/deadline?from=2026-03-${day}T${hour}:15:00%2B07:00&${i % 2 ? `days=${1 + (i % 30)}` : `hours=${1 + (i % 8)}`}`;
  });
  const budget = opts.quick ? 1000 : 4000;
  await measure((u) => app.inject({ url: u }), urls, 200); // warm-up
  const platform = await measure((u) => app.inject({ url: u }), urls, budget);
  const baseline = await measure((u) => bare.inject({ url: '/deadline' + u.slice(u.indexOf('?')) }), urls, budget);
  await app.close();
  await bare.close();
  await database.close();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
  return {
    name: 'http: GET /api/v1/calendar/deadline (in-process inject, embedded PGlite)',
    lines: [
      `platform route   ${fmt(platform)} req/s   (${(1000 / platform).toFixed(3)} ms/req)`,
      `bare Fastify     ${fmt(baseline)} req/s   (${(1000 / baseline).toFixed(3)} ms/req)`,
      `platform cost    ${(platform / baseline * 100).toFixed(0)} % of bare throughput (validation, security headers, rate limiting, logging; the calendar from memory)`,
    ],
  };
}

await runWhenMain(import.meta.url, run);
