/**
 * Issue 10 item 6 (R-18.2b): the Center's list of every agency's focal officers — those that have named none
 * included — as JSON, CSV (UTF-8 with BOM) and xlsx, for the roles that keep the list or follow the agencies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { testApp } from '../../../test/context.ts';
import { signedInStaff } from '../../../test/factories.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';

const URL = '/api/v1/oversight/focal-officers';

test('R-18.2b the focal officers of every agency, with the gaps, as JSON, CSV and xlsx; for the Center, the administrator and the city overseer; an agency head its own', async () => {
  const { app, ctx, clock } = await testApp();
  clock.set(vietnamTime(2026, 10, 5, 9, 0));
  const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  const syt = (await findAgency(ctx.db, { code: 'so-y-te' }))!;
  const operator = await signedInStaff(app, center.id, 'center_operator');
  const officers = [
    { name: 'Nguyễn Văn Đầu Mối', position: 'Phó Chánh Văn phòng', phone: '0243 825 1234', email: 'daumoi@xaydung.hanoi.gov.vn' },
    { name: 'Trần Thị Liên Lạc', position: 'Chuyên viên', phone: '+84 24 3825 5678', email: null },
  ];
  const e164 = ['+842438251234', '+842438255678']; // as the list stores them
  const put = await app.inject({ method: 'PUT', url: `/api/v1/agencies/${sxd.id}/focal-officers`, headers: operator.h, payload: { officers } });
  assert.equal(put.statusCode, 200, put.body);

  for (const role of ['center_operator', 'administrator', 'city_overseer'] as const) {
    const h = role === 'center_operator' ? operator.h : (await signedInStaff(app, center.id, role)).h;
    const res = await app.inject({ url: URL, headers: h });
    assert.equal(res.statusCode, 200, `${role}: ${res.body}`);
    const body = res.json();
    assert.equal(body.generatedAt, '2026-10-05T09:00:00+07:00');
    const mine = body.agencies.find((a: { agencyId: string }) => a.agencyId === sxd.id);
    assert.deepEqual(
      mine.officers.map((o: { name: string; phone: string | null }) => [o.name, o.phone]),
      officers.map((o, i) => [o.name, e164[i]]),
    );
    assert.deepEqual(body.agencies.find((a: { agencyId: string }) => a.agencyId === syt.id).officers, [], 'an agency without focal officers is listed');
    assert.equal(body.agencies[0].level, 'city', 'city level first');
  }

  const csv = await app.inject({ url: `${URL}.csv`, headers: operator.h });
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8; header=present');
  assert.match(String(csv.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${encodeURIComponent('Danh sách cán bộ đầu mối 2026-10-05.csv')}$`));
  assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = parse(csv.rawPayload, { bom: true }) as string[][];
  assert.deepEqual(rows[0], ['Cơ quan', 'Cấp', 'Họ và tên', 'Chức vụ', 'Điện thoại', 'E-mail', 'Cập nhật lúc']);
  assert.deepEqual(rows.filter((r) => r[0] === sxd.name), [
    // A number starting with "+" would run as a formula in a spreadsheet: kept as text (as the open data does).
    [sxd.name, 'Thành phố', officers[0]!.name, officers[0]!.position, `'${e164[0]}`, officers[0]!.email, '09:00 ngày 05/10/2026'],
    [sxd.name, 'Thành phố', officers[1]!.name, officers[1]!.position, `'${e164[1]}`, '', '09:00 ngày 05/10/2026'],
  ]);
  assert.deepEqual(rows.find((r) => r[0] === syt.name)?.slice(2, 4), ['Chưa có', '']);

  const xlsx = await app.inject({ url: `${URL}.xlsx`, headers: operator.h });
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
  const sheet = book.getWorksheet('Cán bộ đầu mối')!;
  assert.equal(sheet.rowCount, 3 + rows.length - 1);
  const found = sheet.getColumn(3).values.filter((v) => v === officers[1]!.name);
  assert.equal(found.length, 1);

  assert.equal((await app.inject({ url: URL })).statusCode, 401);
  const officer = (await signedInStaff(app, sxd.id, 'processing_officer')).h;
  for (const url of [URL, `${URL}.csv`, `${URL}.xlsx`]) assert.equal((await app.inject({ url, headers: officer })).statusCode, 403, `processing_officer ${url}`);
  // an agency head (oversight figures of its own agency) sees its own agency's focal officers only.
  const own = await app.inject({ url: URL, headers: (await signedInStaff(app, sxd.id, 'agency_head')).h });
  assert.equal(own.statusCode, 200);
  assert.deepEqual(own.json().agencies.map((a: { agencyId: string }) => a.agencyId), [sxd.id]);
  assert.equal((await app.inject({ url: `${URL}.pdf`, headers: operator.h })).statusCode, 400);
});
