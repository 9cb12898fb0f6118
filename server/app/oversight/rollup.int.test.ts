/**
 * Issues 9–10 (ADR 0011): the overseer's rollup gives, at each refresh, exactly the figures of a direct count of
 * the reports, their deadlines and timelines at that instant. The direct count here is an oracle written
 * independently in TypeScript from the raw rows (the module comment of oversight.repo.ts: handling agency, unit of
 * today, Vietnam month of submission, late = a deadline not superseded that was stopped after its due instant or
 * is open past it; per stage, the owing agency and the bucket of the working time taken).
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { generateSynthetic } from '../../../seed/synthetic/index.ts';
import { freshDatabase, freshPostgresUrl, makeContext } from '../../../test/context.ts';
import { signInHeaders } from '../../../test/factories.ts';
import { oversightCast } from '../../../test/oversight.ts';
import { reportActionOk, submitFieldReport } from '../../../test/reports.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { openPostgres } from '../../db/client.ts';
import { facetCounts, handlingByAgencyMonth, rollupState, type OversightFilter } from '../../db/repos/oversight.repo.ts';
import { workingTimeBucket } from '../../domain/oversight/working-time.ts';
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

const COUNTS = ['reports', 'published', 'late', 'accepted', 'rejected', 'transferred', 'in_progress'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;
const noCounts = (): Counts => ({ reports: 0, published: 0, late: 0, accepted: 0, rejected: 0, transferred: 0, in_progress: 0 });

interface Cell extends Counts {
  month: string;
  agency: string;
  unit: string | null;
  category: string;
  kind: string;
  state: string;
  rating: string | null;
  reason: string | null;
  decision: string | null;
}
/** The grains of the rollup (migration 0023): agency × kind, + unit (1), + category (2), + both (3). */
const GRAINS = [0, 1, 2, 3];
const grained = (grain: number, c: { unit: string | null; category: string }) => ({ unit: grain & 1 ? c.unit : null, category: grain & 2 ? c.category : null });
const keyOf = (c: Omit<Cell, keyof Counts>) => [c.month, c.agency, c.unit ?? '-', c.category, c.kind, c.state, c.rating ?? '-', c.reason ?? '-', c.decision ?? '-'].join('|');

interface StageCell {
  month: string;
  grain: number;
  agency: string | null;
  unit: string | null;
  category: string | null;
  kind: string;
  stage: string;
  bucket: number | null;
  deadlines: number;
  late: number;
}
const stageKey = (c: Omit<StageCell, 'deadlines' | 'late'>) => [c.month, c.grain, c.agency ?? '-', c.unit ?? '-', c.category, c.kind, c.stage, c.bucket ?? '-'].join('|');

/** The oracle: every report, deadline and transfer read as they are, counted in TypeScript, lateness judged at `now`. */
async function direct(now: Date): Promise<{ cells: Map<string, Cell>; stages: Map<string, StageCell> }> {
  const { rows: [{ version } = { version: '' }] } = await sql<{ version: string }>`SELECT structure_version AS version FROM oversight_rollup_state`.execute(ctx.db);
  const reports = (
    await sql<{
      id: string; submitted_at: Date; agency: string; unit_version: string | null; unit_code: string | null; mapped: string | null; category_code: string; kind: string;
      state: string; rating: string | null; reject_reason: string | null; decision: string | null; published: boolean; processing: string | null;
    }>`
      SELECT r.id, r.submitted_at, COALESCE(r.dispatched_agency_id, r.processing_agency_id, r.receiving_agency_id) AS agency, r.unit_version, r.unit_code,
             t.unit_code AS mapped, r.category_code, r.kind, r.state, r.rating, r.reject_reason, r.decision,
             r.result_published_at IS NOT NULL AS published, r.processing_agency_id AS processing
      FROM reports r LEFT JOIN report_units_today t ON t.report_id = r.id AND t.structure_version = ${version}`.execute(ctx.db)
  ).rows;
  const deadlines = (
    await sql<{ id: string; subject_id: string; clock: string; started_at: Date; due_at: Date; stopped_at: Date | null; agency_id: string | null; worked_minutes: number | null }>`
      SELECT id, subject_id, clock, started_at, due_at, stopped_at, agency_id, worked_minutes FROM deadlines WHERE subject_type = 'report'`.execute(ctx.db)
  ).rows;
  const transferred = new Set(
    (await sql<{ id: string }>`SELECT DISTINCT subject_id AS id FROM audit_events WHERE subject_type = 'report' AND action = 'report.transfer'`.execute(ctx.db)).rows.map((r) => r.id),
  );
  // The newest deadline of a (report, clock, start) supersedes the others (an extension, R-8.5); uuid order is text order.
  const newest = new Map<string, string>();
  for (const d of deadlines) {
    const k = `${d.subject_id}|${d.clock}|${d.started_at.getTime()}`;
    if ((newest.get(k) ?? '') < d.id) newest.set(k, d.id);
  }
  const inForce = deadlines.filter((d) => newest.get(`${d.subject_id}|${d.clock}|${d.started_at.getTime()}`) === d.id);
  const isLate = (d: (typeof deadlines)[number]) => (d.stopped_at ? d.stopped_at > d.due_at : d.due_at < now);
  const late = new Set(inForce.filter(isLate).map((d) => d.subject_id));
  const cells = new Map<string, Cell>();
  const byId = new Map<string, Omit<Cell, keyof Counts>>();
  for (const r of reports) {
    const c = {
      month: civilDate(r.submitted_at).slice(0, 7),
      agency: r.agency,
      unit: r.unit_version === version ? r.unit_code : r.mapped,
      category: r.category_code,
      kind: r.kind,
      state: r.state,
      rating: r.rating,
      reason: r.state === 'rejected' ? r.reject_reason : null,
      decision: r.decision,
    };
    byId.set(r.id, c);
    const cell = cells.get(keyOf(c)) ?? { ...c, ...noCounts() };
    cell.reports++;
    if (r.published) cell.published++;
    if (late.has(r.id)) cell.late++;
    if (r.processing !== null) cell.accepted++;
    if (r.state === 'rejected') cell.rejected++;
    if (transferred.has(r.id)) cell.transferred++;
    if (r.state !== 'rejected' && !r.published && r.decision === null) cell.in_progress++;
    cells.set(keyOf(c), cell);
  }
  const stages = new Map<string, StageCell>();
  for (const d of inForce) {
    const r = byId.get(d.subject_id)!;
    for (const grain of GRAINS) {
      const bucket = d.worked_minutes === null ? null : workingTimeBucket(d.worked_minutes);
      const k = { month: r.month, grain, agency: d.agency_id, ...grained(grain, r), kind: r.kind, stage: d.clock, bucket };
      const cell = stages.get(stageKey(k)) ?? { ...k, deadlines: 0, late: 0 };
      cell.deadlines++;
      if (isLate(d)) cell.late++;
      stages.set(stageKey(k), cell);
    }
  }
  return { cells, stages };
}

interface FacetRow extends Counts {
  facet: string;
  month: string;
  grain: number;
  agency: string;
  unit: string | null;
  category: string | null;
  kind: string;
  value: string | null;
}
const facetKey = (r: Omit<FacetRow, keyof Counts>) => [r.facet, r.month, r.grain, r.agency, r.unit ?? '-', r.category, r.kind, r.value ?? '-'].join('|');

/** The oracle's cells summed into the rollup's facets ('all', per 'state', per 'rating', per 'reason' and 'decision' when set), at the four grains. */
function facetRows(cells: Map<string, Cell>): Map<string, FacetRow> {
  const out = new Map<string, FacetRow>();
  for (const c of cells.values()) {
    const facets: [string, string | null][] = [['all', null], ['state', c.state], ['rating', c.rating]];
    if (c.reason !== null) facets.push(['reason', c.reason]);
    if (c.decision !== null) facets.push(['decision', c.decision]);
    for (const [facet, value] of facets)
      for (const grain of GRAINS) {
        const k = { facet, month: c.month, grain, agency: c.agency, ...grained(grain, c), kind: c.kind, value };
        const row = out.get(facetKey(k)) ?? { ...k, ...noCounts() };
        for (const n of COUNTS) row[n] += c[n];
        out.set(facetKey(k), row);
      }
  }
  return out;
}

async function rollupRows(): Promise<Map<string, FacetRow>> {
  const rows = await ctx.db.selectFrom('oversight_rollup').selectAll().execute();
  const out = new Map<string, FacetRow>();
  for (const r of rows) {
    const row: FacetRow = { facet: r.facet, month: r.month, grain: r.grain, agency: r.agency_id, unit: r.unit_code, category: r.category_code, kind: r.kind, value: r.value, ...noCounts() };
    for (const n of COUNTS) row[n] = r[n];
    assert.ok(!out.has(facetKey(row)), `one row per cell: ${facetKey(row)}`);
    out.set(facetKey(row), row);
  }
  return out;
}

async function stageRollupRows(): Promise<Map<string, StageCell>> {
  const rows = await ctx.db.selectFrom('oversight_stage_rollup').selectAll().execute();
  const out = new Map<string, StageCell>();
  for (const r of rows) {
    const row: StageCell = { month: r.month, grain: r.grain, agency: r.agency_id, unit: r.unit_code, category: r.category_code, kind: r.kind, stage: r.stage, bucket: r.bucket, deadlines: r.deadlines, late: r.late };
    assert.ok(!out.has(stageKey(row)), `one row per stage cell: ${stageKey(row)}`);
    out.set(stageKey(row), row);
  }
  return out;
}

const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

async function assertRollupIsDirect(now: Date, why: string) {
  const oracle = await direct(now);
  assert.deepEqual(sorted(await rollupRows()), sorted(facetRows(oracle.cells)), why);
  assert.deepEqual(sorted(await stageRollupRows()), sorted(oracle.stages), `${why} (stages)`);
}

/** What the three figures of a filter must be, summed from the oracle's cells. */
function expected(cells: Map<string, Cell>, f: OversightFilter) {
  const inside = [...cells.values()].filter(
    (c) =>
      c.month >= f.fromMonth &&
      c.month <= f.toMonth &&
      (f.agencies === 'all' || f.agencies.includes(c.agency)) &&
      (!f.agencyId || c.agency === f.agencyId) &&
      (!f.unitCode || c.unit === f.unitCode) &&
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
  const states = [...sum((c) => c.state, (c) => c.reports)].map(([value, count]) => ({ value, count }));
  // Unrated reports are a rating row too (value null).
  const ratingTotals = new Map<string | null, number>();
  for (const c of inside) ratingTotals.set(c.rating, (ratingTotals.get(c.rating) ?? 0) + c.reports);
  const ratings = [...ratingTotals].map(([value, count]) => ({ value, count }));
  const reasons = [...sum((c) => c.reason, (c) => c.reports)].map(([value, count]) => ({ value, count }));
  const am = new Map<string, { agencyId: string; month: string; received: number; accepted: number; rejected: number; transferred: number; inProgress: number; published: number; late: number }>();
  for (const c of inside) {
    const k = `${c.agency}|${c.month}`;
    const row = am.get(k) ?? { agencyId: c.agency, month: c.month, received: 0, accepted: 0, rejected: 0, transferred: 0, inProgress: 0, published: 0, late: 0 };
    row.received += c.reports;
    row.accepted += c.accepted;
    row.rejected += c.rejected;
    row.transferred += c.transferred;
    row.inProgress += c.in_progress;
    row.published += c.published;
    row.late += c.late;
    am.set(k, row);
  }
  return { states, ratings, reasons, table: [...am.values()] };
}

const byText = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;

test('R-18.3b issue 9: the first refresh rebuilds every month, and the rollup equals the direct count of reports and deadlines', async () => {
  const first = await refreshOversightRollup(ctx);
  assert.equal(first.full, true, 'a bulk load invalidates the rollup');
  assert.equal(first.months[0], '2025-01');
  assert.equal(first.months.at(-1), '2026-03');
  await assertRollupIsDirect(NOW, 'after the full rebuild');
  // The synthetic months exercise every count, facet and mapping compared (else the comparison proves little).
  const rows = [...(await rollupRows()).values()];
  // (The generator transfers nothing: transfers are counted in summary.int.test.ts's fixture.)
  for (const n of COUNTS.filter((c) => c !== 'transferred')) assert.ok(rows.some((r) => r.facet === 'all' && r[n] > 0), `some ${n}`);
  for (const facet of ['state', 'rating', 'reason', 'decision']) assert.ok(rows.some((r) => r.facet === facet && r.value !== null), `facet ${facet}`);
  const stages = [...(await stageRollupRows()).values()];
  assert.ok(new Set(stages.map((r) => r.bucket)).size > 5, 'several working-time buckets');
  assert.ok(stages.some((r) => r.bucket === null) && stages.some((r) => r.late > 0));
  const again = await refreshOversightRollup(ctx);
  assert.equal(again.full, false);
  assert.deepEqual(again.months, [], 'nothing changed since: nothing recomputed');
});

test('R-18.3b R-22 R-28.1 property: for any period and filter (unit of today included), states, ratings, rejection reasons and the month × agency table from the rollup equal the direct count', async () => {
  await refreshOversightRollup(ctx);
  const { cells } = await direct(NOW);
  const months = [...new Set([...cells.values()].map((c) => c.month))].sort();
  const agencies = [...new Set([...cells.values()].map((c) => c.agency))].sort();
  const categories = [...new Set([...cells.values()].map((c) => c.category))].sort();
  const kinds = [...new Set([...cells.values()].map((c) => c.kind))].sort();
  const units = [...new Set([...cells.values()].flatMap((c) => (c.unit ? [c.unit] : [])))].sort();
  const filter = fc
    .record({
      a: fc.integer({ min: 0, max: months.length - 1 }),
      b: fc.integer({ min: 0, max: months.length - 1 }),
      scope: fc.option(fc.subarray(agencies, { minLength: 0, maxLength: 8 }), { nil: undefined }),
      agencyId: fc.option(fc.constantFrom(...agencies), { nil: undefined }),
      unitCode: fc.option(fc.constantFrom(...units), { nil: undefined }),
      categoryCode: fc.option(fc.constantFrom(...categories), { nil: undefined }),
      kind: fc.option(fc.constantFrom(...kinds), { nil: undefined }),
    })
    .map(
      (r): OversightFilter => ({
        fromMonth: months[Math.min(r.a, r.b)]!,
        toMonth: months[Math.max(r.a, r.b)]!,
        agencies: r.scope ?? 'all',
        agencyId: r.agencyId,
        unitCode: r.unitCode,
        categoryCode: r.categoryCode,
        kind: r.kind,
      }),
    );
  await fc.assert(
    fc.asyncProperty(filter, async (f) => {
      const want = expected(cells, f);
      const value = (x: { value: string | null }) => x.value ?? '-';
      assert.deepEqual((await facetCounts(ctx.db, f, 'state')).sort(byText(value)), want.states.sort(byText(value)));
      assert.deepEqual((await facetCounts(ctx.db, f, 'rating')).sort(byText(value)), want.ratings.sort(byText(value)));
      assert.deepEqual((await facetCounts(ctx.db, f, 'reason')).sort(byText(value)), want.reasons.sort(byText(value)));
      const key = (x: { agencyId: string; month: string }) => `${x.agencyId}|${x.month}`;
      assert.deepEqual((await handlingByAgencyMonth(ctx.db, f)).sort(byText(key)), want.table.sort(byText(key)));
    }),
    { numRuns: 40, seed: 9 },
  );
});

test('R-8.3 R-8.5 R-18.3b a publication through the API and deadlines passing with the clock are followed by the next refresh, which recomputes only the months touched', async () => {
  await refreshOversightRollup(ctx);
  const { operator, overseer, head, officer, citizenH } = await oversightCast(app);
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
  const { structureVersion: v } = (await rollupState(ctx.db))!;
  await Promise.all([refreshOneMonth(ctx, '2026-02', now, v), refreshOneMonth(ctx, '2026-02', now, v), refreshOneMonth(ctx, '2026-01', now, v)]);
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
