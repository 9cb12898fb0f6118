/** Open data (issue 8 item 3, R-18.5 / R-20): published reports as GeoJSON and CSV, daily figures — no personal data. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { testApp } from '../../../test/context.ts';
import { parseCsv } from '../../../test/csv.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { fieldReportBody, reportActionOk } from '../../../test/reports.ts';

async function scenario() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(app, agencyId, role);
  const operator = await staff(center.id, 'center_operator');
  const head = await staff(sxd.id, 'agency_head');
  const officer = await staff(sxd.id, 'processing_officer');
  const c = await createCitizen(app, { verified: true });
  const citizenH = await signInHeaders(app, c.phone);
  const submit = async (over: Record<string, unknown> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizenH, payload: fieldReportBody(over) });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; code: string };
  };
  // Tue 3 March 06:00 in Hà Nội (still Mon 2 March in UTC): a confidential report, published at 10:00 and rated.
  clock.set(vietnamTime(2026, 3, 3, 6, 0));
  const published = await submit({ confidential: true, title: '=HYPERLINK("http://x") ổ gà, "sâu"', occurredAt: '2026-03-03T05:30:00+07:00' });
  const waiting = await submit({ occurredAt: '2026-03-03T05:30:00+07:00' });
  clock.set(vietnamTime(2026, 3, 3, 10, 0));
  await reportActionOk(app, operator.h, published.id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  await reportActionOk(app, head.h, published.id, { action: 'take' });
  await reportActionOk(app, head.h, published.id, { action: 'assign', assigneeId: officer.id });
  await reportActionOk(app, officer.h, published.id, { action: 'draftResult', resultText: 'Đã vá ổ gà.', proofs: [{ kind: 'site_photo', title: 'Ảnh sau khi sửa' }] });
  await reportActionOk(app, head.h, published.id, { action: 'approve' });
  await reportActionOk(app, citizenH, published.id, { action: 'rate', rating: 'satisfied', comment: 'Nhanh.' });
  clock.set(vietnamTime(2026, 3, 5, 12, 0));
  return { ...t, citizen: c, published, waiting };
}

const identityOf = (c: Awaited<ReturnType<typeof createCitizen>>) => [c.id, c.fullName, c.phone, c.email, c.cccd];

test('R-20 R-5.7 published reports as GeoJSON with a licence: no reporter anywhere, not even a confidential one’s', async () => {
  const t = await scenario();
  const res = await t.app.inject({ url: '/api/v1/open-data/reports.geojson?from=2026-03-01&to=2026-03-31' });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
  assert.match(String(res.headers['cache-control']), /public, max-age=\d+/);
  assert.match(String(res.headers.link), /creativecommons\.org\/licenses\/by\/4\.0\/>; rel="license"/);
  const body = res.json();
  assert.equal(body.type, 'FeatureCollection');
  assert.equal(body.licence.name, 'CC BY 4.0');
  assert.equal(body.features.length, 1, 'only reports whose result was published');
  assert.equal(body.next, null, 'one page holds them');
  const f = body.features[0];
  assert.equal(f.id, t.published.code);
  assert.deepEqual(f.geometry, { type: 'Point', coordinates: [105.8524, 21.0287] });
  assert.equal(f.properties.publishedAt, '2026-03-03T10:00:00+07:00');
  assert.equal(f.properties.rating, 'satisfied');
  for (const x of [...identityOf(t.citizen), 'reporter', 'description', 'Phố Đinh Tiên Hoàng, gần Tháp Rùa']) assert.ok(!res.body.includes(x), `no ${x}`);
  const none = await t.app.inject({ url: '/api/v1/open-data/reports.geojson?from=2026-04-01&to=2026-04-30' });
  assert.equal(none.json().features.length, 0);
  assert.equal((await t.app.inject({ url: '/api/v1/open-data/reports.geojson?from=2026-02-30' })).statusCode, 400);
  const inBox = await t.app.inject({ url: '/api/v1/open-data/reports.geojson?from=2026-03-01&to=2026-03-31&bbox=105.85,21.02,105.86,21.03' });
  assert.equal(inBox.json().features.length, 1, 'the map frame around Hoàn Kiếm lake holds it');
  assert.equal((await t.app.inject({ url: '/api/v1/open-data/reports.geojson?from=2026-03-01&to=2026-03-31&bbox=105.70,20.90,105.75,20.95' })).json().features.length, 0, 'another frame does not');
  const badBox = await t.app.inject({ url: '/api/v1/open-data/reports.geojson?bbox=106,21,105,20' });
  assert.equal(badBox.statusCode, 400);
  assert.equal(badBox.json().errors[0].field, 'querystring.bbox');
});

test('R-20 published reports as CSV: UTF-8 with a BOM, a licence header, and it parses back', async () => {
  const t = await scenario();
  const res = await t.app.inject({ url: '/api/v1/open-data/reports.csv?category=hu-hong-mat-duong' });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.ok(res.body.startsWith('\uFEFF'), 'BOM for Excel');
  assert.match(decodeURI(String(res.headers['x-licence'])), /CC BY 4\.0/);
  const [header, ...rows] = parseCsv(res.body.slice(1));
  assert.equal(rows.length, 1);
  const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
  assert.equal(row.code, t.published.code);
  assert.equal(row.title, `'=HYPERLINK("http://x") ổ gà, "sâu"`, 'quotes and commas survive; a formula is shown as text');
  assert.equal(row.published_at, '2026-03-03T10:00:00+07:00');
  for (const x of identityOf(t.citizen)) assert.ok(!res.body.includes(x));
});

test('R-20 daily figures per commune and category, by day in Asia/Ho_Chi_Minh: received, published, rated — JSON and CSV agree', async () => {
  const t = await scenario();
  const res = await t.app.inject({ url: '/api/v1/open-data/stats/daily.json?from=2026-03-01&to=2026-03-05' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.licence.name, 'CC BY 4.0');
  assert.deepEqual(body.period, { from: '2026-03-01', to: '2026-03-05' });
  assert.equal(body.days.length, 1, 'submitted at 06:00 on 3 March in Hà Nội is 3 March, not 2 March (UTC)');
  const d = body.days[0];
  assert.equal(d.date, '2026-03-03');
  assert.equal(d.category.code, 'hu-hong-mat-duong');
  assert.ok(d.unit?.name, 'the commune, by name');
  assert.deepEqual([d.received, d.published, d.rated], [2, 1, 1]);
  const csv = await t.app.inject({ url: '/api/v1/open-data/stats/daily.csv?from=2026-03-01&to=2026-03-05' });
  assert.ok(csv.body.startsWith('\uFEFF'));
  const [header, ...rows] = parseCsv(csv.body.slice(1));
  assert.deepEqual(header, ['date', 'unit_version', 'unit_code', 'unit_name', 'category_code', 'category_name', 'received', 'published', 'rated']);
  assert.deepEqual(rows.map((r) => [r[0], r[6], r[7], r[8]]), [['2026-03-03', '2', '1', '1']]);
  for (const x of identityOf(t.citizen)) assert.ok(!csv.body.includes(x) && !res.body.includes(x));
  // Default: the last 30 days up to today (5 March).
  assert.deepEqual((await t.app.inject({ url: '/api/v1/open-data/stats/daily.json' })).json().period, { from: '2026-02-04', to: '2026-03-05' });
  assert.equal((await t.app.inject({ url: '/api/v1/open-data/stats/daily.json?from=2025-01-01&to=2026-03-05' })).statusCode, 400, 'at most 366 days');
});
