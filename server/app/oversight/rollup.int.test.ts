/**
 * Issue 9 (ADR 0011): the overseer's rollup gives, at each refresh, exactly the figures of a direct count of the
 * reports and their deadlines at that instant. The direct count here is an oracle written independently in
 * TypeScript from the raw rows (the module comment of oversight.repo.ts: handling agency, Vietnam month of
 * submission, late = a deadline not superseded that was stopped after its due instant or is open past it).
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { generateSynthetic } from '../../../seed/synthetic/index.ts';
import { freshDatabase, freshPostgresUrl, makeContext } from '../../../test/context.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { reportActionOk, submitFieldReport } from '../../../test/reports.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { openPostgres } from '../../db/client.ts';
import { countsByState, handlingByAgencyMonth, ratingCounts, type OversightFilter } from '../../db/repos/oversight.repo.ts';
import { civilDate, formatVietnamTime, vietnamTime } from '../../domain/calendar/index.ts';
import { buildApp, type App } from '../../http/app.ts';
import { sweepDeadlines } from '../../jobs/deadline-sweep.ts';
import type { AppContext } from '../context.ts';
import { FixedClock } from '../ports.ts';
import { refreshOneMonth, refreshOversightRollup } from './rollup.ts';
import type { OversightSummary } from './summary.ts';

const NOW = vietnamTime(2026, 3, 2, 9, 0);
const clock = new FixedClock(NOW);
const url = await freshPostgresUrl();
const database = url ? openPostgres(url, 4) : await freshDatabase();
if (url) after(() => database.close());
const ctx: AppContext = makeContext(database, { clock });
const app: App = await buildApp(ctx, { logStream: new Writable({ write: (_c, _e, cb) => cb() }) });
after(() => app.close());
await generateSynthetic(ctx, { reports: 3_000, accounts: 800, seed: 11, chunkSize: 3_000, ...(url ? { databaseUrl: url } : {}), progress: () => undefined });

interface Cell {
  month: string;
  agency: string;
  category: string;
  kind: string;
  state: string;
  rating: string | null;
  reports: number;
  published: number;
  late: number;
}
const keyOf = (c: Omit<Cell, 'reports' | 'published' | 'late'>) => [c.month, c.agency, c.category, c.kind, c.state, c.rating ?? '-'].join('|');

/** The oracle: every report and deadline read as they are, counted in TypeScript, lateness judged at `now`. */
async function directCells(now: Date): Promise<Map<string, Cell>> {
  const reports = (
    await sql<{ id: string; submitted_at: Date; agency: string; category_code: string; kind: string; state: string; rating: string | null; published: boolean }>`
      SELECT id, submitted_at, COALESCE(dispatched_agency_id, processing_agency_id, receiving_agency_id) AS agency, category_code, kind, state, rating,
             result_published_at IS NOT NULL AS published
      FROM reports`.execute(ctx.db)
  ).rows;
  const deadlines = (
    await sql<{ id: string; subject_id: string; clock: string; started_at: Date; due_at: Date; stopped_at: Date | null }>`
      SELECT id, subject_id, clock, started_at, due_at, stopped_at FROM deadlines WHERE subject_type = 'report'`.execute(ctx.db)
  ).rows;
  // The newest deadline of a (report, clock, start) supersedes the others (an extension, R-8.5); uuid order is text order.
  const newest = new Map<string, string>();
  for (const d of deadlines) {
    const k = `${d.subject_id}|${d.clock}|${d.started_at.getTime()}`;
    if ((newest.get(k) ?? '') < d.id) newest.set(k, d.id);
  }
  const late = new Set<string>();
  for (const d of deadlines) {
    if (newest.get(`${d.subject_id}|${d.clock}|${d.started_at.getTime()}`) !== d.id) continue;
    if (d.stopped_at ? d.stopped_at > d.due_at : d.due_at < now) late.add(d.subject_id);
  }
  const cells = new Map<string, Cell>();
  for (const r of reports) {
    const c = { month: civilDate(r.submitted_at).slice(0, 7), agency: r.agency, category: r.category_code, kind: r.kind, state: r.state, rating: r.rating };
    const cell = cells.get(keyOf(c)) ?? { ...c, reports: 0, published: 0, late: 0 };
    cell.reports++;
    if (r.published) cell.published++;
    if (late.has(r.id)) cell.late++;
    cells.set(keyOf(c), cell);
  }
  return cells;
}

interface FacetRow {
  facet: string;
  month: string;
  agency: string;
  category: string;
  kind: string;
  value: string | null;
  reports: number;
  published: number;
  late: number;
}
const facetKey = (r: Omit<FacetRow, 'reports' | 'published' | 'late'>) => [r.facet, r.month, r.agency, r.category, r.kind, r.value ?? '-'].join('|');

/** The oracle's cells summed into the rollup's facets: 'all', per 'state', per 'rating' (migration 0022). */
function facetRows(cells: Map<string, Cell>): Map<string, FacetRow> {
  const out = new Map<string, FacetRow>();
  for (const c of cells.values())
    for (const [facet, value] of [['all', null], ['state', c.state], ['rating', c.rating]] as const) {
      const k = { facet, month: c.month, agency: c.agency, category: c.category, kind: c.kind, value };
      const row = out.get(facetKey(k)) ?? { ...k, reports: 0, published: 0, late: 0 };
      row.reports += c.reports;
      row.published += c.published;
      row.late += c.late;
      out.set(facetKey(k), row);
    }
  return out;
}

async function rollupRows(): Promise<Map<string, FacetRow>> {
  const rows = await ctx.db.selectFrom('oversight_rollup').selectAll().execute();
  const out = new Map<string, FacetRow>();
  for (const r of rows) {
    const row: FacetRow = { facet: r.facet, month: r.month, agency: r.agency_id, category: r.category_code, kind: r.kind, value: r.value, reports: r.reports, published: r.published, late: r.late };
    assert.ok(!out.has(facetKey(row)), `one row per cell: ${facetKey(row)}`);
    out.set(facetKey(row), row);
  }
  return out;
}

const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

async function assertRollupIsDirect(now: Date, why: string) {
  const direct = facetRows(await directCells(now));
  const rollup = await rollupRows();
  assert.deepEqual(sorted(rollup), sorted(direct), why);
}

/** What the three figures of a filter must be, summed from the oracle's cells. */
function expected(cells: Map<string, Cell>, f: OversightFilter) {
  const inside = [...cells.values()].filter(
    (c) =>
      c.month >= f.fromMonth &&
      c.month <= f.toMonth &&
      (f.agencies === 'all' || f.agencies.includes(c.agency)) &&
      (!f.agencyId || c.agency === f.agencyId) &&
      (!f.categoryCode || c.category === f.categoryCode) &&
      (!f.kind || c.kind === f.kind),
  );
  const sum = <K extends string>(key: (c: Cell) => K | null, v: (c: Cell) => number) => {
    const m = new Map<K, number>();
    for (const c of inside) {
      const k = key(c);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + v(c));
    }
    return m;
  };
  const states = [...sum((c) => c.state, (c) => c.reports)].map(([state, count]) => ({ state, count }));
  const ratings = [...sum((c) => c.rating, (c) => c.reports)].map(([rating, count]) => ({ rating, count }));
  const am = new Map<string, { agencyId: string; month: string; received: number; published: number; late: number }>();
  for (const c of inside) {
    const k = `${c.agency}|${c.month}`;
    const row = am.get(k) ?? { agencyId: c.agency, month: c.month, received: 0, published: 0, late: 0 };
    row.received += c.reports;
    row.published += c.published;
    row.late += c.late;
    am.set(k, row);
  }
  return { states, ratings, table: [...am.values()] };
}

const byText = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;

test('R-18.3b issue 9: the first refresh rebuilds every month, and the rollup equals the direct count of reports and deadlines', async () => {
  const first = await refreshOversightRollup(ctx);
  assert.equal(first.full, true, 'a bulk load invalidates the rollup');
  assert.equal(first.months[0], '2025-01');
  assert.equal(first.months.at(-1), '2026-03');
  await assertRollupIsDirect(NOW, 'after the full rebuild');
  const again = await refreshOversightRollup(ctx);
  assert.equal(again.full, false);
  assert.deepEqual(again.months, [], 'nothing changed since: nothing recomputed');
});

test('R-18.3b R-22 property: for any period and filter, states, the month × agency table and ratings from the rollup equal the direct count', async () => {
  await refreshOversightRollup(ctx);
  const cells = await directCells(NOW);
  const months = [...new Set([...cells.values()].map((c) => c.month))].sort();
  const agencies = [...new Set([...cells.values()].map((c) => c.agency))].sort();
  const categories = [...new Set([...cells.values()].map((c) => c.category))].sort();
  const kinds = [...new Set([...cells.values()].map((c) => c.kind))].sort();
  const filter = fc
    .record({
      a: fc.integer({ min: 0, max: months.length - 1 }),
      b: fc.integer({ min: 0, max: months.length - 1 }),
      scope: fc.option(fc.subarray(agencies, { minLength: 0, maxLength: 8 }), { nil: undefined }),
      agencyId: fc.option(fc.constantFrom(...agencies), { nil: undefined }),
      categoryCode: fc.option(fc.constantFrom(...categories), { nil: undefined }),
      kind: fc.option(fc.constantFrom(...kinds), { nil: undefined }),
    })
    .map(
      (r): OversightFilter => ({
        fromMonth: months[Math.min(r.a, r.b)]!,
        toMonth: months[Math.max(r.a, r.b)]!,
        agencies: r.scope ?? 'all',
        agencyId: r.agencyId,
        categoryCode: r.categoryCode,
        kind: r.kind,
      }),
    );
  await fc.assert(
    fc.asyncProperty(filter, async (f) => {
      const want = expected(cells, f);
      assert.deepEqual((await countsByState(ctx.db, f)).sort(byText((x) => x.state)), want.states.sort(byText((x) => x.state)));
      assert.deepEqual((await ratingCounts(ctx.db, f)).sort(byText((x) => x.rating)), want.ratings.sort(byText((x) => x.rating)));
      const key = (x: { agencyId: string; month: string }) => `${x.agencyId}|${x.month}`;
      assert.deepEqual((await handlingByAgencyMonth(ctx.db, f)).sort(byText(key)), want.table.sort(byText(key)));
    }),
    { numRuns: 40, seed: 9 },
  );
});

test('R-8.3 R-8.5 R-18.3b a publication through the API and deadlines passing with the clock are followed by the next refresh, which recomputes only the months touched', async () => {
  await refreshOversightRollup(ctx);
  const operator = await signedInStaff(app, center.id, 'center_operator');
  const overseer = await signedInStaff(app, center.id, 'city_overseer');
  const head = await signedInStaff(app, sxd.id, 'agency_head');
  const officer = await signedInStaff(app, sxd.id, 'processing_officer');
  const citizen = await createCitizen(app, { verified: true });
  const citizenH = await signInHeaders(app, citizen.phone);
  const submit = () => submitFieldReport(app, citizenH);
  const summary = async (h: Record<string, string>) => {
    const res = await app.inject({ url: '/api/v1/oversight/summary?from=2026-03&to=2026-03', headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as OversightSummary;
  };
  const before = await summary(overseer.h);
  assert.equal(before.asOf, formatVietnamTime(NOW));

  // A is published now (March); B is left unreceived.
  const [a, b] = [await submit(), await submit()];
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(app, operator.h, a, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  await reportActionOk(app, head.h, a, { action: 'take' });
  await reportActionOk(app, head.h, a, { action: 'assign', assigneeId: officer.id });
  await reportActionOk(app, officer.h, a, { action: 'draftResult', resultText: 'Đã vá ổ gà, hoàn trả mặt đường.', proofs: [{ kind: 'inspection_record', title: 'Biên bản số 3/BB' }] });
  await reportActionOk(app, head.h, a, { action: 'approve' });
  const published = await refreshOversightRollup(ctx);
  assert.equal(published.full, false);
  // March for A and B; at most a month or two more, of synthetic reports changed or falling due in the look-back.
  assert.ok(published.months.includes('2026-03') && published.months.length <= 3, published.months.join(' '));
  await assertRollupIsDirect(clock.now(), 'after the publication');
  // The reader's figures are at most twice the timer's period old: the last refresh is an hour old, so it refreshes.
  const afterPublication = await summary(overseer.h);
  assert.equal(afterPublication.total, before.total + 2);
  assert.equal(afterPublication.totals.published, before.totals.published + 1);
  assert.equal(afterPublication.asOf, formatVietnamTime(clock.now()));

  // Thu 5 March, noon: B's receiving deadline (Tue 09:00) passed while open, as did synthetic reports' deadlines.
  clock.set(vietnamTime(2026, 3, 5, 12, 0));
  const swept = await sweepDeadlines(ctx);
  assert.ok(swept.newlyOverdue > 0);
  const passed = await refreshOversightRollup(ctx);
  assert.equal(passed.full, false);
  assert.ok(passed.months.includes('2026-03') && passed.months.length < 15, passed.months.join(' '));
  await assertRollupIsDirect(clock.now(), 'after deadlines fell due');
  const later = await summary(await signInHeaders(app, overseer.username));
  assert.equal(later.asOf, '2026-03-05T12:00:00+07:00');
  assert.ok(later.totals.late > afterPublication.totals.late, `${later.totals.late} late now, ${afterPublication.totals.late} before`);
  const lateB = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM deadlines WHERE subject_id = ${b} AND stopped_at IS NULL AND due_at < ${clock.now()}`.execute(ctx.db);
  assert.equal(lateB.rows[0]!.n, 1, 'B is late by its open receiving deadline');
});

test('R-18.3b issue 9: two refreshes of one month at once (two servers) never count it twice', async () => {
  clock.set(vietnamTime(2026, 3, 6, 9, 0));
  await refreshOversightRollup(ctx);
  const now = clock.now();
  await Promise.all([refreshOneMonth(ctx, '2026-02', now), refreshOneMonth(ctx, '2026-02', now), refreshOneMonth(ctx, '2026-01', now)]);
  await assertRollupIsDirect(now, 'after concurrent refreshes');
});

test('R-8.5 issue 9: a new calendar version (open deadlines recomputed) rebuilds every month', async () => {
  await refreshOversightRollup(ctx);
  await sql`INSERT INTO calendar_versions (id, definition, note, created_at)
    SELECT id + 1, definition, 'test: same definition, new version', ${clock.now()} FROM calendar_versions ORDER BY id DESC LIMIT 1`.execute(ctx.db);
  const r = await refreshOversightRollup(ctx);
  assert.equal(r.full, true);
  await assertRollupIsDirect(clock.now(), 'after the rebuild');
});
