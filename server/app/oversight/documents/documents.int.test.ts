/**
 * Issue 10 item 4: the Center's reports as documents (R-18.3b, R-18.4, R-25.4), from a small October 2026 fixture
 * submitted and handled through the API, read back with independent readers — exceljs (cells, formulas and their
 * results), pdfjs-dist (pages, Vietnamese headings, charts drawn), csv-parse (BOM, header, rows) — and compared with
 * the dashboard's own figures (GET /api/v1/oversight/summary, /reprimand-flags) at the same instant.
 * The R-18.4(2) lateness of Sở Y tế is written as deadlines through the repo, as in reprimand.int.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { testApp } from '../../../../test/context.ts';
import { signInHeaders, signedInStaff } from '../../../../test/factories.ts';
import { agencyByCode, oversightCast } from '../../../../test/oversight.ts';
import { reportActionOk, submitFieldReport } from '../../../../test/reports.ts';
import { insertDeadline, latestCalendarVersionId } from '../../../db/repos/calendar.repo.ts';
import { vietnamTime } from '../../../domain/calendar/index.ts';
import { generatePeriodReports } from '../../../jobs/period-reports.ts';
import type { OversightSummary } from '../summary.ts';

const PROOF = [{ kind: 'inspection_record', title: 'Biên bản kiểm tra hiện trường số 12/BB' }];
const SECTIONS = ['overview', 'agencies', 'units', 'stages', 'states', 'rejections', 'ratings', 'alerts', 'reprimand-agencies', 'reprimand-matters'];
const HEADINGS = [
  'Tổng hợp',
  'Tình hình xử lý theo cơ quan',
  'Tình hình xử lý theo xã, phường',
  'Thời hạn và thời gian xử lý theo giai đoạn',
  'Phản ánh theo trạng thái',
  'Không tiếp nhận theo lý do (Điều 6.2)',
  'Đánh giá của người phản ánh',
  'Hoạt động thông tin, cảnh báo',
  'Đề xuất kiểm điểm: cơ quan trễ hạn trên 30% phản ánh',
  'Đề xuất kiểm điểm: vụ việc chưa được giải quyết dứt điểm',
];
const SHEETS = ['Thông tin chung', 'Tổng hợp', 'Tình hình xử lý theo cơ quan', 'Tình hình xử lý theo xã, phường', 'Theo giai đoạn', 'Phản ánh theo trạng thái', 'Không tiếp nhận theo lý do', 'Đánh giá của người phản ánh', 'Thông tin, cảnh báo', 'Kiểm điểm - cơ quan trễ hạn', 'Kiểm điểm - vụ việc'];
const page = (section: string) => SECTIONS.indexOf(section);

/**
 * October 2026: four pothole reports submitted Mon 5 October 09:00. A is accepted, handled by Sở Xây dựng, published
 * and rated "Hài lòng"; B is turned away; C and D stay with the receiving agency, past their receiving deadline by
 * the month's end (so it is flagged too). Sở Y tế owes two assign deadlines due in October, one stopped late: 50 %
 * (> 30 %, R-18.4).
 */
async function fixture() {
  const t = await testApp();
  const { app, ctx, clock } = t;
  clock.set(vietnamTime(2026, 10, 5, 9, 0));
  const { center, sxd, operator, overseer, head, officer, citizen, citizenH } = await oversightCast(app);
  const syt = await agencyByCode(app, 'so-y-te');
  const submit = () => submitFieldReport(app, citizenH, { occurredAt: '2026-10-05T07:30:00+07:00' });
  const [a, b, c, d] = [await submit(), await submit(), await submit(), await submit()];

  clock.set(vietnamTime(2026, 10, 5, 10, 0));
  await reportActionOk(app, operator.h, a!, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  await reportActionOk(app, head.h, a!, { action: 'take' });
  await reportActionOk(app, head.h, a!, { action: 'assign', assigneeId: officer.id });
  await reportActionOk(app, officer.h, a!, { action: 'draftResult', resultText: 'Đã vá ổ gà, hoàn trả mặt đường.', proofs: PROOF });
  await reportActionOk(app, head.h, a!, { action: 'approve' });
  await reportActionOk(app, citizenH, a!, { action: 'rate', rating: 'satisfied', comment: 'Xử lý nhanh.' });
  await reportActionOk(app, operator.h, b!, { action: 'reject', rejectReason: 'c', explanation: 'Trùng với phản ánh đã có về cùng ổ gà.' });

  const calendarVersion = (await latestCalendarVersionId(ctx.db))!;
  for (const [reportId, late] of [[c!, true], [d!, false]] as const) {
    const id = uuidv7();
    await insertDeadline(ctx.db, { id, subjectType: 'report', subjectId: reportId, clock: 'assign', startedAt: vietnamTime(2026, 10, 6, 8, 0), amount: { hours: 4 }, dueAt: vietnamTime(2026, 10, 6, 12, 0), calendarVersion, agencyId: syt.id });
    await ctx.db.updateTable('deadlines').set({ stopped_at: late ? vietnamTime(2026, 10, 7, 9, 0) : vietnamTime(2026, 10, 6, 11, 0) }).where('id', '=', id).execute();
  }

  // Sunday 1 November 2026, 00:05 in Hà Nội (still 31 October in UTC): October has ended.
  clock.set(vietnamTime(2026, 11, 1, 0, 5));
  const sign = async <S extends { username: string }>(s: S) => ({ ...s, h: await signInHeaders(app, s.username) }); // the October sessions have expired
  return { ...t, center, sxd, syt, citizen, overseer: await sign(overseer), operator: await sign(operator), officer: await sign(officer), codes: { c: (await ctx.db.selectFrom('reports').select('code').where('id', '=', c!).executeTakeFirstOrThrow()).code } };
}

const pdfPages = async (bytes: Buffer) => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
  const pages: { text: string; paths: number }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const text = (await page.getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join('').replace(/\s+/g, '');
    pages.push({ text, paths: (await page.getOperatorList()).fnArray.filter((f) => f === pdfjs.OPS.constructPath).length });
  }
  return pages;
};
const squeeze = (s: string) => s.replace(/\s+/g, '');

test('R-18.3b R-18.4 the month\'s report of the city: xlsx totals as SUM formulas with their results, a PDF page per section with its Vietnamese heading and charts, a CSV per table', async () => {
  const t = await fixture();
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oversight/documents', headers: t.overseer.h, payload: { kind: 'month', period: '2026-10' } });
  assert.equal(res.statusCode, 201, res.body);
  const doc = res.json();
  assert.equal(doc.title, 'Báo cáo tháng 10/2026');
  assert.deepEqual([doc.periodKind, doc.firstMonth, doc.lastMonth, doc.agency, doc.scheduled], ['month', '2026-10', '2026-10', null, false]);
  assert.equal(doc.generatedAt, '2026-11-01T00:05:00+07:00');
  assert.equal(doc.generatedBy.id, t.overseer.id);
  assert.deepEqual(doc.files.map((f: { format: string; section: string | null }) => f.section ?? f.format), ['xlsx', 'pdf', ...[...SECTIONS].sort()]);
  assert.ok(doc.files.every((f: { size: number; sha256: string }) => f.size > 0 && /^[0-9a-f]{64}$/.test(f.sha256)));

  const summary = (await t.app.inject({ url: '/api/v1/oversight/summary?from=2026-10&to=2026-10', headers: t.overseer.h })).json() as OversightSummary;
  assert.equal(summary.totals.received, 4);
  assert.equal(summary.totals.published, 1);
  const get = async (url: string) => {
    const r = await t.app.inject({ url, headers: t.overseer.h });
    assert.equal(r.statusCode, 200, r.body);
    return r;
  };

  // xlsx: a sheet per section; the agencies' totals are formulas over the column, stored with their results.
  const xlsx = await get(`/api/v1/oversight/documents/${doc.id}/xlsx`);
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(xlsx.headers['content-disposition'], `attachment; filename="Bao-cao-thang-10-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('Báo cáo tháng 10-2026.xlsx')}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
  assert.deepEqual(book.worksheets.map((s) => s.name), SHEETS);
  const sheet = book.worksheets[2]!;
  const n = summary.byAgency.length;
  const totalRow = 4 + n;
  assert.deepEqual(
    Array.from({ length: n }, (_, i) => [sheet.getCell(4 + i, 1).value, sheet.getCell(4 + i, 2).value, sheet.getCell(4 + i, 4).value, sheet.getCell(4 + i, 9).value]),
    summary.byAgency.map((a) => [a.agencyName, a.received, a.rejected, a.late]),
  );
  // Columns: B received, C accepted, D rejected, E transferred, F in progress, G published, H on time, I late, J–L rates.
  assert.equal(sheet.getCell(totalRow, 1).value, 'Tổng cộng');
  assert.deepEqual(sheet.getCell(totalRow, 2).value, { formula: `SUM(B4:B${totalRow - 1})`, result: 4 });
  assert.deepEqual(sheet.getCell(totalRow, 4).value, { formula: `SUM(D4:D${totalRow - 1})`, result: 1 });
  assert.deepEqual(sheet.getCell(totalRow, 7).value, { formula: `SUM(G4:G${totalRow - 1})`, result: 1 });
  assert.deepEqual(sheet.getCell(totalRow, 9).value, { formula: `SUM(I4:I${totalRow - 1})`, result: summary.totals.late });
  assert.deepEqual(sheet.getCell(totalRow, 10).value, { formula: `IF(B${totalRow}=0,0,ROUND(G${totalRow}*100/B${totalRow},1)/100)`, result: 0.25 });
  assert.equal(sheet.getCell(totalRow, 12).numFmt, '0.0%');

  // PDF: the title page holds the overview; then one page per section, its heading on it; charts drawn as vectors.
  const pdf = await get(`/api/v1/oversight/documents/${doc.id}/pdf`);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const pages = await pdfPages(pdf.rawPayload);
  assert.equal(pages.length, SECTIONS.length);
  assert.ok(pages[0]!.text.includes(squeeze('Báo cáo tháng 10/2026')));
  HEADINGS.forEach((h, i) => assert.ok(pages[i]!.text.includes(squeeze(h)), `page ${i + 1}: ${h}`));
  assert.ok(pages[1]!.text.includes(squeeze('Đúng hạn và trễ hạn')) && pages[1]!.paths > 20, 'the agencies\' bar chart');
  const ratingsPage = pages[page('ratings')]!;
  assert.ok(ratingsPage.text.includes(squeeze('Tỷ lệ hài lòng')) && ratingsPage.text.includes(squeeze('Hài lòng: 1')), 'the ratings\' pie chart');
  const flagsPage = pages[page('reprimand-agencies')]!;
  assert.ok(flagsPage.text.includes(squeeze(t.syt.name)) && flagsPage.text.includes(t.codes.c), 'R-18.4: Sở Y tế flagged with its late report');
  assert.ok(pages[page('stages')]!.text.includes(squeeze('Tiếp nhận')) && pages[page('stages')]!.paths > 5, 'the stages\' table and chart');

  // CSV: one per table, UTF-8 with BOM, the headings and the rows.
  for (const key of SECTIONS) {
    const csv = await get(`/api/v1/oversight/documents/${doc.id}/csv/${key}`);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8; header=present');
    assert.match(String(csv.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${encodeURIComponent(`Báo cáo tháng 10-2026 - ${key}.csv`)}$`));
    assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], key);
  }
  const agencies = parse((await get(`/api/v1/oversight/documents/${doc.id}/csv/agencies`)).rawPayload, { bom: true }) as string[][];
  assert.deepEqual(agencies[0], ['Cơ quan', 'Tiếp nhận', 'Đã tiếp nhận xử lý', 'Không tiếp nhận', 'Đã chuyển', 'Đang xử lý', 'Có kết quả', 'Đúng hạn', 'Trễ hạn', 'Tỷ lệ có kết quả (%)', 'Tỷ lệ đúng hạn (%)', 'Tỷ lệ trễ hạn (%)']);
  assert.deepEqual(
    agencies.slice(1),
    summary.byAgency.map((a) => [a.agencyName, a.received, a.accepted, a.rejected, a.transferred, a.inProgress, a.published, a.onTime, a.late, a.publishedPercent, a.onTimePercent, a.latePercent].map(String)),
  );
  const stages = parse((await get(`/api/v1/oversight/documents/${doc.id}/csv/stages`)).rawPayload, { bom: true }) as string[][];
  assert.deepEqual(stages[0], ['Giai đoạn', 'Số thời hạn', 'Đúng hạn', 'Trễ hạn', 'Tỷ lệ trễ hạn (%)', 'Đã kết thúc', '50% kết thúc', '90% kết thúc']);
  assert.deepEqual(stages[1]?.slice(0, 2), ['Tiếp nhận', String(summary.stages.find((x) => x.stage === 'receive')!.deadlines)]);
  const flagged = parse((await get(`/api/v1/oversight/documents/${doc.id}/csv/reprimand-agencies`)).rawPayload, { bom: true }) as string[][];
  const flags = (await get('/api/v1/oversight/reprimand-flags?month=2026-10')).json() as { agencies: { agencyName: string; reports: number; late: number; lateCodes: string[] }[] };
  assert.deepEqual(flagged[0], ['Cơ quan', 'Phản ánh đến hạn', 'Trễ hạn', 'Tỷ lệ trễ hạn (%)', 'Mã phản ánh trễ hạn']);
  assert.deepEqual(flagged.slice(1), flags.agencies.map((a) => [a.agencyName, String(a.reports), String(a.late), String(Math.round((a.late * 1000) / a.reports) / 10), a.lateCodes.join(', ')]));
  assert.deepEqual(flagged[1], [t.syt.name, '2', '1', '50', t.codes.c], 'Sở Y tế: 1 of 2 late (also the receiving agency, with C and D open past due)');
  const ratings = parse((await get(`/api/v1/oversight/documents/${doc.id}/csv/ratings`)).rawPayload, { bom: true }) as string[][];
  assert.deepEqual(ratings, [['Mức đánh giá', 'Số lượt', 'Tỷ lệ (%)'], ['Hài lòng', '1', '100'], ['Chấp nhận được', '0', '0'], ['Chưa hài lòng', '0', '0']]);

  // R-5.7: no reporter identity in any file.
  const texts = [...pages.map((p) => p.text), ...(await Promise.all(SECTIONS.map(async (k) => (await get(`/api/v1/oversight/documents/${doc.id}/csv/${k}`)).body)))];
  for (const secret of [t.citizen.fullName, t.citizen.phone, t.citizen.email, t.citizen.cccd]) assert.ok(texts.every((x) => !x.includes(squeeze(secret)) && !x.includes(secret)), secret);

  // Every generation is audited.
  const events = await t.ctx.db.selectFrom('audit_events').select(['actor_id', 'subject_id']).where('action', '=', 'oversight.document.generate').execute();
  assert.deepEqual(events, [{ actor_id: t.overseer.id, subject_id: doc.id }]);
});

test('R-18.3b scheduled: a run after the month\'s end stores the month, the quarter and the year that ended, once — a second run and two servers at once store nothing more', async () => {
  const t = await fixture();
  const scheduled = () => t.ctx.db.selectFrom('oversight_documents').select(['period_kind', 'first_month', 'last_month']).where('generated_by', 'is', null).orderBy('first_month').execute();
  const first = await generatePeriodReports(t.ctx);
  assert.deepEqual(first.generated.map((p) => `${p.kind} ${p.firstMonth}..${p.lastMonth}`), ['month 2026-10..2026-10', 'quarter 2026-07..2026-09', 'year 2025-01..2025-12']);
  assert.deepEqual((await generatePeriodReports(t.ctx)).generated, []);
  assert.equal((await scheduled()).length, 3);

  // The new year: December, Q4 and 2026, by two runs racing (two servers); each stored once.
  t.clock.set(vietnamTime(2027, 1, 1, 0, 10));
  const [x, y] = await Promise.all([generatePeriodReports(t.ctx), generatePeriodReports(t.ctx)]);
  assert.equal(x.generated.length + y.generated.length, 3);
  assert.deepEqual((await scheduled()).map((d) => `${d.period_kind} ${d.first_month}`), ['year 2025-01', 'year 2026-01', 'quarter 2026-07', 'month 2026-10', 'quarter 2026-10', 'month 2026-12']);
  assert.equal(Number((await t.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'oversight.document.generate').where('actor_role', '=', 'system').executeTakeFirstOrThrow()).n), 6);

  // Listed newest first with paging; scheduled ones name no generator.
  const h = await signInHeaders(t.app, t.overseer.username);
  const page = (await t.app.inject({ url: '/api/v1/oversight/documents?limit=4', headers: h })).json();
  assert.equal(page.items.length, 4);
  assert.ok(page.items.every((d: { scheduled: boolean; generatedBy: unknown }) => d.scheduled && d.generatedBy === null));
  assert.deepEqual(page.items.map((d: { generatedAt: string }) => d.generatedAt), [...page.items.map((d: { generatedAt: string }) => d.generatedAt)].sort().reverse());
  assert.equal(page.items[0].generatedAt, '2027-01-01T00:10:00+07:00');
  assert.equal(page.next, '/api/v1/oversight/documents?limit=4&offset=4');
  const rest = (await t.app.inject({ url: page.next, headers: h })).json();
  assert.equal(rest.items.length, 2);
  assert.equal(rest.next, null);
  const years = (await t.app.inject({ url: '/api/v1/oversight/documents?periodKind=year', headers: h })).json();
  assert.deepEqual(years.items.map((d: { title: string }) => d.title), ['Báo cáo năm 2026', 'Báo cáo năm 2025']);
});

test('R-18.3b on demand: a quarter, a year and any range of months; bad input is a 400 problem+json naming the field; unknown documents and files 404; only the oversight roles', async () => {
  const t = await fixture();
  const post = (payload: Record<string, unknown>, h = t.overseer.h) => t.app.inject({ method: 'POST', url: '/api/v1/oversight/documents', headers: h, payload });
  const titles: string[] = [];
  for (const body of [{ kind: 'quarter', period: '2026-Q4' }, { kind: 'year', period: '2026' }, { kind: 'custom', from: '2026-08', to: '2026-10' }]) {
    const res = await post(body);
    assert.equal(res.statusCode, 201, res.body);
    titles.push(res.json().title);
  }
  assert.deepEqual(titles, ['Báo cáo quý IV/2026', 'Báo cáo năm 2026', 'Báo cáo từ tháng 08/2026 đến tháng 10/2026']);
  const custom = (await t.app.inject({ url: '/api/v1/oversight/documents?periodKind=custom', headers: t.overseer.h })).json().items[0];
  // A longer period has a table per month (months without reports included) and no reprimand flags (monthly only).
  assert.deepEqual(custom.files.filter((f: { format: string }) => f.format === 'csv').map((f: { section: string }) => f.section), ['agencies', 'alerts', 'months', 'overview', 'ratings', 'rejections', 'stages', 'states', 'units']);
  const months = parse((await t.app.inject({ url: `${custom.files.find((f: { section: string }) => f.section === 'months').url}`, headers: t.overseer.h })).rawPayload, { bom: true }) as string[][];
  assert.deepEqual(months.map((r) => r.slice(0, 2)), [['Tháng', 'Tiếp nhận'], ['08/2026', '0'], ['09/2026', '0'], ['10/2026', '4']]);

  const bad: [Record<string, unknown>, string, RegExp][] = [
    [{ kind: 'month', period: '2026-13' }, 'body.period', /2026-13/],
    [{ kind: 'week', period: '2026-10' }, 'body.kind', /month, quarter, year, custom/],
    [{ kind: 'custom', from: '2023-01', to: '2026-02' }, 'body.to', /36 tháng/],
    [{ kind: 'custom', from: '2026-05', to: '2026-02' }, 'body.from', /sau tháng kết thúc/],
    [{ kind: 'custom', from: '2026-05' }, 'body.to', /YYYY-MM/],
    [{ kind: 'quarter', period: '2026-Q5' }, 'body.period', /2026-Q5/],
    [{ kind: 'quarter', period: '2026-10' }, 'body.period', /YYYY-Qn/],
    [{ kind: 'month' }, 'body.period', /YYYY-MM/],
    [{ kind: 'month', period: '2026-10', extra: 1 }, 'body', /extra/],
  ];
  for (const [body, field, message] of bad) {
    const res = await post(body);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = res.json();
    const problem = p.errors.find((e: { field: string }) => e.field.startsWith(field));
    assert.ok(problem, `${JSON.stringify(body)}: ${res.body}`);
    assert.match(`${problem.field} ${problem.message}`, message, res.body);
  }

  const some = (await t.app.inject({ url: '/api/v1/oversight/documents', headers: t.overseer.h })).json().items[0];
  for (const url of [`/api/v1/oversight/documents/${uuidv7()}`, `/api/v1/oversight/documents/${uuidv7()}/pdf`, `/api/v1/oversight/documents/${some.id}/docx`, `/api/v1/oversight/documents/${some.id}/csv/nothing`, `/api/v1/oversight/documents/${some.id}/csv`]) {
    const res = await t.app.inject({ url, headers: t.overseer.h });
    assert.equal(res.statusCode, 404, url);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, url);
  }
  assert.equal((await post({ kind: 'month', period: '2026-10' }, {})).statusCode, 401);
  assert.equal((await post({ kind: 'month', period: '2026-10' }, t.officer.h)).statusCode, 403);
  assert.equal((await t.app.inject({ url: '/api/v1/oversight/documents', headers: t.officer.h })).statusCode, 403);
  // The Center's operator holds 'oversight.read' city-wide too.
  assert.equal((await post({ kind: 'month', period: '2026-09' }, t.operator.h)).statusCode, 201);
});

test('R-25.4 an agency\'s own document: its figures and its flags only; an agency-scoped reader generates and sees only its own agency\'s', async () => {
  const t = await fixture();
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oversight/documents', headers: t.overseer.h, payload: { kind: 'month', period: '2026-10', agencyId: t.sxd.id } });
  assert.equal(res.statusCode, 201, res.body);
  const doc = res.json();
  assert.deepEqual(doc.agency, { id: t.sxd.id, name: t.sxd.name });
  const csv = (key: string) => t.app.inject({ url: `/api/v1/oversight/documents/${doc.id}/csv/${key}`, headers: t.overseer.h });
  assert.deepEqual((parse((await csv('agencies')).rawPayload, { bom: true }) as string[][]).slice(1).map((r) => r.slice(0, 2)), [[t.sxd.name, '1']]);
  assert.deepEqual(parse((await csv('reprimand-agencies')).rawPayload, { bom: true }), [['Cơ quan', 'Phản ánh đến hạn', 'Trễ hạn', 'Tỷ lệ trễ hạn (%)', 'Mã phản ánh trễ hạn']], 'Sở Y tế\'s flag is not in Sở Xây dựng\'s report');
  const pages = await pdfPages((await t.app.inject({ url: `/api/v1/oversight/documents/${doc.id}/pdf`, headers: t.overseer.h })).rawPayload);
  assert.ok(pages[0]!.text.includes(squeeze(`Tình hình tiếp nhận, xử lý phản ánh, kiến nghị trên iHanoi — ${t.sxd.name}`)));
  const city = await t.app.inject({ method: 'POST', url: '/api/v1/oversight/documents', headers: t.overseer.h, payload: { kind: 'month', period: '2026-10' } });
  assert.equal(city.statusCode, 201);

  // The agency head holds 'oversight.read' within its agency (R-25.4).
  const head = await signedInStaff(t.app, t.sxd.id, 'agency_head');
  const own = await t.app.inject({ method: 'POST', url: '/api/v1/oversight/documents', headers: head.h, payload: { kind: 'month', period: '2026-10' } });
  assert.equal(own.statusCode, 201, own.body);
  assert.equal(own.json().agency.id, t.sxd.id, 'without agencyId: the head\'s own agency, never the city');
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/oversight/documents', headers: head.h, payload: { kind: 'month', period: '2026-10', agencyId: t.syt.id } })).statusCode, 403);
  const listed = (await t.app.inject({ url: '/api/v1/oversight/documents', headers: head.h })).json();
  assert.deepEqual(listed.items.map((d: { agency: { id: string } | null }) => d.agency?.id).sort(), [t.sxd.id, t.sxd.id]);
  assert.equal((await t.app.inject({ url: `/api/v1/oversight/documents/${city.json().id}/pdf`, headers: head.h })).statusCode, 404, 'the city\'s report is not the agency\'s');
  assert.equal((await t.app.inject({ url: `/api/v1/oversight/documents/${doc.id}/pdf`, headers: head.h })).statusCode, 200);
});
