import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../server/app/context.ts';
import type { OversightSummary } from '../../server/app/oversight/summary.ts';
import { FixedClock } from '../../server/app/ports.ts';
import { geoIndex } from '../../server/app/units/geo-index.ts';
import { openPostgres } from '../../server/db/client.ts';
import { REPORT_KINDS, civilYearOf, vietnamTime } from '../../server/domain/calendar/index.ts';
import { WORKFLOWS, explore } from '../../server/domain/workflow/index.ts';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import { buildApp, type App } from '../../server/http/app.ts';
import { freshDatabase, freshPostgresUrl, makeContext } from '../../test/context.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../test/factories.ts';
import { fieldReportBody } from '../../test/reports.ts';
import { CURRENT } from '../units.seed.ts';
import { generateSynthetic, SYNTHETIC_PASSWORD, type SyntheticResult } from './index.ts';

const REPORTS = 3_000;
const ACCOUNTS = 1_500;
const NOW = vietnamTime(2026, 3, 2, 9, 0);

const progress: string[] = [];
const url = await freshPostgresUrl();
const database = url ? openPostgres(url, 4) : await freshDatabase();
if (url) after(() => database.close());
const ctx: AppContext = makeContext(database, { clock: new FixedClock(NOW) });
const app: App = await buildApp(ctx, { logStream: new Writable({ write: (_c, _e, cb) => cb() }) });
after(() => app.close());
const generated: SyntheticResult = await generateSynthetic(ctx, { reports: REPORTS, accounts: ACCOUNTS, seed: 7, chunkSize: 1_000, ...(url ? { databaseUrl: url } : {}), progress: (l) => progress.push(l) });

const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(ctx.db)).rows;

test('issue 9: the requested numbers of accounts and reports, in chunks, with progress and the final rate', async () => {
  assert.equal(generated.reports, REPORTS);
  assert.equal(generated.accounts, ACCOUNTS);
  const [counts] = await rows(sql<{ reports: number; citizens: number; events: number; deadlines: number }>`
    SELECT (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM users WHERE kind <> 'staff')::int AS citizens,
           (SELECT count(*) FROM audit_events WHERE subject_type = 'report')::int AS events, (SELECT count(*) FROM deadlines)::int AS deadlines`);
  assert.deepEqual([counts!.reports, counts!.citizens], [REPORTS, ACCOUNTS]);
  assert.ok(counts!.events > REPORTS * 3, `a trail for each report (${counts!.events} events)`);
  assert.ok(counts!.deadlines > REPORTS, `deadlines for the stages (${counts!.deadlines})`);
  assert.equal(progress.filter((l) => l.startsWith('synthetic: reports')).length, 3, 'one progress line per chunk of 1,000');
  assert.match(progress.at(-1) ?? '', /done — 3,000 reports, 1,500 accounts, .* rows\/s/);
});

test('R-2 every report is in a commune of the 2-level structure, its pin in or next to that commune, denser in the wards', async () => {
  const geo = await geoIndex(ctx.db, CURRENT);
  const all = await rows(sql<{ unit_version: string; unit_code: string; lat: number; lng: number; level: string; type: string }>`
    SELECT r.unit_version, r.unit_code, r.lat, r.lng, u.level, u.type FROM reports r JOIN units u ON u.structure_version = r.unit_version AND u.code = r.unit_code`);
  assert.equal(all.length, REPORTS);
  assert.ok(all.every((r) => r.unit_version === '2025-07' && r.level === 'commune'));
  const inside = all.filter((r) => {
    const at = geo.locate(r.lat, r.lng);
    return at.inHanoi && at.code === r.unit_code;
  }).length;
  assert.ok(inside / REPORTS > 0.97, `${inside} of ${REPORTS} pins inside their commune`);
  const wards = all.filter((r) => r.type === 'phuong').length;
  // 51 wards of 126 units, weighted 3–4 against 1: about 70 % of reports.
  assert.ok(wards / REPORTS > 0.6, `${wards} reports in wards`);
});

test('R-8.1, R-9 every state belongs to its kind; the trail starts with the submission and ends in the state; codes are unique and of the submission year', async () => {
  const reports = await rows(sql<{ id: string; code: string; kind: string; state: string; submitted_at: Date; updated_at: Date; result_published_at: Date | null; version: number }>`
    SELECT id, code, kind, state, submitted_at, updated_at, result_published_at, version FROM reports`);
  const events = await rows(sql<{ subject_id: string; action: string; to_state: string | null; occurred_at: Date; prev_hash: string | null; hash: string }>`
    SELECT subject_id, action, to_state, occurred_at, prev_hash, hash FROM audit_events WHERE subject_type = 'report' ORDER BY subject_id, occurred_at, id`);
  const trail = new Map<string, typeof events>();
  for (const e of events) trail.set(e.subject_id, [...(trail.get(e.subject_id) ?? []), e]);
  const codes = new Set<string>();
  for (const r of reports) {
    assert.ok((WORKFLOWS[r.kind as keyof typeof WORKFLOWS].states as readonly string[]).includes(r.state), `${r.code}: ${r.state} is a state of ${r.kind}`);
    assert.match(r.code, /^PA-\d{4}-\d{6}$/);
    assert.equal(Number(r.code.slice(3, 7)), civilYearOf(r.submitted_at.getTime()));
    codes.add(r.code);
    const t = trail.get(r.id) ?? [];
    assert.equal(t[0]?.action, 'report.submit');
    assert.equal(t[0]?.occurred_at.getTime(), r.submitted_at.getTime());
    const moves = t.filter((e) => e.to_state !== null);
    assert.equal(moves.at(-1)?.to_state, r.state, `${r.code}: the last step leads to the state`);
    assert.equal(r.version, moves.length, 'one version per stored step');
    t.forEach((e, i) => assert.equal(e.prev_hash, i === 0 ? null : t[i - 1]!.hash, 'each event chains to the previous one'));
    assert.ok(r.submitted_at <= r.updated_at && r.updated_at <= NOW);
    if (r.result_published_at) assert.ok(r.submitted_at < r.result_published_at && r.result_published_at <= r.updated_at);
  }
  assert.equal(codes.size, REPORTS);
  const states = new Set(reports.map((r) => r.state));
  for (const s of ['submitted', 'rejected', 'assigned', 'published', 'rated', 'closed', 'decided']) assert.ok(states.has(s), `some reports are ${s}`);
});

/** (state, running clocks) pairs the workflow tables can reach (engine `explore`): every report must stand in one. */
const reachable = new Set(REPORT_KINDS.flatMap((kind) => explore(WORKFLOWS[kind]).configurations.map((c) => `${kind}|${c.state}|${[...c.running].sort().join(',')}`)));

test('R-8.5 open stages have their stored deadline, computed with the calendar; some reports are late and the sweep saw them', async () => {
  const open = await rows(sql<{ kind: string; state: string; clocks: string[] | null }>`
    SELECT r.kind, r.state, array_agg(d.clock ORDER BY d.clock) FILTER (WHERE d.id IS NOT NULL) AS clocks
    FROM reports r LEFT JOIN deadlines d ON d.subject_type = 'report' AND d.subject_id = r.id::text AND d.stopped_at IS NULL
    GROUP BY r.id, r.kind, r.state`);
  for (const r of open) assert.ok(reachable.has(`${r.kind}|${r.state}|${(r.clocks ?? []).join(',')}`), `${r.kind} in ${r.state} with ${r.clocks?.join(',')}`);
  const [late] = await rows(sql<{ stopped_late: number; open_late: number; marked: number; events: number; early: number }>`
    SELECT (count(*) FILTER (WHERE stopped_at > due_at))::int AS stopped_late,
           (count(*) FILTER (WHERE stopped_at IS NULL AND due_at < ${NOW}))::int AS open_late,
           (count(*) FILTER (WHERE overdue_at IS NOT NULL))::int AS marked,
           (SELECT count(*) FROM audit_events WHERE action = 'deadline.overdue')::int AS events,
           (count(*) FILTER (WHERE due_at <= started_at))::int AS early
    FROM deadlines`);
  assert.ok(late!.stopped_late > 0 && late!.open_late > 0, JSON.stringify(late));
  assert.equal(late!.marked, late!.events, 'one deadline.overdue event per deadline the sweep marked');
  assert.equal(late!.early, 0);
});

test('R-13 ratings only on published results, results with their text and proof', async () => {
  const [r] = await rows(sql<{ bad_rating: number; rated: number; no_text: number; no_proof: number; published: number }>`
    SELECT (count(*) FILTER (WHERE rating IS NOT NULL AND (result_published_at IS NULL OR state <> 'rated')))::int AS bad_rating,
           (count(*) FILTER (WHERE rating IS NOT NULL))::int AS rated,
           (count(*) FILTER (WHERE result_published_at IS NOT NULL AND result_text IS NULL))::int AS no_text,
           (count(*) FILTER (WHERE result_published_at IS NOT NULL AND kind <> 'initiative' AND jsonb_array_length(result_proofs) = 0))::int AS no_proof,
           (count(*) FILTER (WHERE result_published_at IS NOT NULL))::int AS published
    FROM reports`);
  assert.deepEqual([r!.bad_rating, r!.no_text, r!.no_proof], [0, 0, 0]);
  assert.ok(r!.rated > 0 && r!.published > r!.rated * 2, JSON.stringify(r));
});

test('R-5.8, R-26.3 accounts are stored as registration stores them: encrypted identity, blind indexes, sign-in with the synthetic password', async () => {
  const user = (await rows(sql<{ id: string; phone_enc: string; phone_idx: string; cccd_enc: string; cccd_idx: string }>`
    SELECT id, phone_enc, phone_idx, cccd_enc, cccd_idx FROM users WHERE kind = 'individual' AND identity_verified_at IS NOT NULL ORDER BY created_at LIMIT 1`))[0]!;
  const phone = ctx.pii.decrypt(user.phone_enc);
  assert.match(phone, /^\+84\d{9}$/);
  assert.equal(ctx.pii.blindIndex('phone', phone), user.phone_idx);
  assert.equal(ctx.pii.blindIndex('cccd', ctx.pii.decrypt(user.cccd_enc)), user.cccd_idx);
  const h = await signInHeaders(app, phone, SYNTHETIC_PASSWORD);
  const mine = await app.inject({ url: '/api/v1/me/reports', headers: h });
  assert.equal(mine.statusCode, 200, mine.body);
  const [c] = await rows(sql<{ unverified_reporters: number; confidential: number }>`
    SELECT (count(*) FILTER (WHERE u.identity_verified_at IS NULL OR u.identity_verified_at > r.submitted_at))::int AS unverified_reporters,
           (count(*) FILTER (WHERE r.confidential))::int AS confidential
    FROM reports r JOIN users u ON u.id = r.reporter_id`);
  assert.equal(c!.unverified_reporters, 0, 'R-3.9 every reporter was verified before reporting');
  assert.ok(c!.confidential > 0);
});

test('R-6.2c photos carry perceptual hashes, some of them near-duplicates within the search radius', async () => {
  const [p] = await rows(sql<{ uploads: number; hashed: number; near: number }>`
    SELECT (SELECT count(*) FROM uploads)::int AS uploads, (SELECT count(*) FROM upload_photo_hashes)::int AS hashed,
           (SELECT count(*) FROM upload_photo_hashes a JOIN upload_photo_hashes b ON a.c0 = b.c0 AND a.upload_id < b.upload_id WHERE bit_count(a.phash # b.phash) <= 8)::int AS near`);
  assert.ok(p!.uploads > REPORTS / 2 && p!.hashed === p!.uploads, JSON.stringify(p));
  assert.ok(p!.near > 0, 'some photos are near copies of others');
});

test('R-15, R-16, R-17 alerts at city, district (before July 2025) and commune level, each with its audited steps', async () => {
  const levels = await rows(sql<{ level: string; n: number; sent: number; version: string }>`
    SELECT level, count(*)::int AS n, (count(*) FILTER (WHERE sent_at IS NOT NULL))::int AS sent, min(structure_version) AS version FROM alerts GROUP BY level ORDER BY level`);
  assert.deepEqual(levels.map((l) => l.level), ['city', 'commune', 'district']);
  assert.ok(levels.every((l) => l.sent > 0));
  assert.equal(levels.find((l) => l.level === 'district')!.version, '2025-01');
  const [e] = await rows(sql<{ unsent: number; codes: number; alerts: number }>`
    SELECT (SELECT count(*) FROM alerts a WHERE a.sent_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.subject_type = 'alert' AND e.subject_id = a.id::text AND e.action = 'alert.send'))::int AS unsent,
           (SELECT count(DISTINCT code) FROM alerts)::int AS codes, (SELECT count(*) FROM alerts)::int AS alerts`);
  assert.equal(e!.unsent, 0);
  assert.equal(e!.codes, e!.alerts);
});

test('R-5.1 a real submission afterwards gets a fresh code', async () => {
  const citizen = await createCitizen(app, { verified: true });
  const h = await signInHeaders(app, citizen.phone);
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody() });
  assert.equal(res.statusCode, 201, res.body);
  const code = res.json().code as string;
  const [clash] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM reports WHERE code = ${code}`);
  assert.equal(clash!.n, 1);
  assert.ok(Number(code.slice(8)) > Number(generated.lastCode!.slice(8)), `${code} after ${generated.lastCode}`);
});

test('R-18.3b, R-20 the overseer summary and the open-data daily figures are meaningful on generated data', async () => {
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const overseer = await signedInStaff(app, center.id, 'city_overseer');
  const res = await app.inject({ url: '/api/v1/oversight/summary?from=2025-07&to=2026-02', headers: overseer.h });
  assert.equal(res.statusCode, 200, res.body);
  const s = res.json() as OversightSummary;
  assert.ok(s.totals.received > 1_000, `received ${s.totals.received}`);
  assert.ok(s.totals.late > 0 && s.totals.onTime > s.totals.late, JSON.stringify(s.totals));
  assert.ok(s.totals.publishedPercent > 50 && s.totals.publishedPercent < 100, JSON.stringify(s.totals));
  assert.ok(s.byAgencyMonth.length > 50, `${s.byAgencyMonth.length} agency × month rows`);
  assert.ok(new Set(s.byAgency.map((a) => a.latePercent)).size > 5, 'agencies differ in lateness');
  assert.ok(s.ratings.rated > 0 && s.ratings.satisfied > s.ratings.unsatisfied);
  const daily = await app.inject({ url: '/api/v1/open-data/stats/daily.json?from=2026-01-01&to=2026-01-31' });
  assert.equal(daily.statusCode, 200, daily.body);
  const days = daily.json().days as { received: number; published: number; rated: number }[];
  const sum = (k: 'received' | 'published' | 'rated') => days.reduce((n, d) => n + d[k], 0);
  assert.ok(sum('received') > 100 && sum('published') > 50 && sum('rated') > 10, JSON.stringify([sum('received'), sum('published'), sum('rated')]));
});
