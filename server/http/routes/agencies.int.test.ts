import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { setFocalOfficers } from '../../app/agencies/set-focal-officers.ts';
import { SYSTEM_ACTOR } from '../../app/unit-of-work.ts';
import { testApp } from '../../../test/context.ts';

const { app, ctx } = await testApp();
const get = (url: string) => app.inject({ url });
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
type Item = { id: string; code: string; name: string; level: string; kind: string; active: boolean; fields: string[]; jurisdiction: { version: string; code: string }[] };

test('R-2 the agency list holds the Center, the city departments and the 126 commune committees (active by default)', async () => {
  const res = await get('/api/v1/agencies');
  assert.equal(res.statusCode, 200);
  const items: Item[] = res.json().items;
  assert.equal(items[0]?.kind, 'center', 'city level first, the Center first among them');
  assert.equal(items.filter((a) => a.kind === 'commune_committee').length, 126);
  assert.ok(items.every((a) => a.active));
  assert.ok(items.some((a) => a.name === 'Công an Thành phố Hà Nội' && a.kind === 'police'));
  assert.deepEqual(Object.keys(items[0]!).sort(), ['active', 'code', 'fields', 'id', 'jurisdiction', 'kind', 'level', 'name', 'shortName', 'validFrom', 'validTo']);
});

test('R-28.1 former district committees are listed only on request', async () => {
  const inactive: Item[] = (await get('/api/v1/agencies?status=inactive')).json().items;
  assert.equal(inactive.length, 30);
  assert.ok(inactive.every((a) => a.level === 'district'));
  assert.equal((await get('/api/v1/agencies?level=district')).json().items.length, 0);
  assert.equal((await get('/api/v1/agencies?level=district&status=all')).json().items.length, 30);
});

test('R-5.9 R-5.10 agencies by field and by unit: the ward committee and the city-wide agencies cover a ward', async () => {
  const traffic: Item[] = (await get('/api/v1/agencies?field=giao_thong&unit=00070')).json().items;
  const names = traffic.map((a) => a.name);
  assert.ok(names.includes('Ủy ban nhân dân Phường Hoàn Kiếm'));
  assert.ok(names.includes('Sở Xây dựng') && names.includes('Công an Thành phố Hà Nội'));
  assert.ok(!names.includes('Ủy ban nhân dân Phường Ba Đình'), 'another ward’s committee does not cover it');
  assert.ok(traffic.every((a) => a.fields.includes('giao_thong')));

  const water: Item[] = (await get('/api/v1/agencies?field=nuoc&level=city')).json().items;
  assert.ok(water.some((a) => a.code === 'nuoc-sach-ha-noi'));

  const history: Item[] = (await get('/api/v1/agencies?unit=00070&version=2025-01&status=all')).json().items;
  assert.deepEqual(history.map((a) => a.code), ['ubnd-quan-hoan-kiem'], 'Hàng Trống (00070 in 2025-01) was in Hoàn Kiếm district');
});

test('R-28.1 a bad agency query answers 400 naming the field', async () => {
  for (const [url, field] of [
    ['/api/v1/agencies?field=bay_lung_tung', 'querystring.field'],
    ['/api/v1/agencies?level=province', 'querystring.level'],
    ['/api/v1/agencies?unit=99999', 'querystring.unit'],
    ['/api/v1/agencies?unit=abc', 'querystring.unit'],
    ['/api/v1/agencies?unit=00070&version=1999', 'querystring.version'],
    ['/api/v1/agencies?status=gone', 'querystring.status'],
    ['/api/v1/agencies?secret=1', 'querystring.secret'],
  ] as const) {
    const res = await get(url);
    assert.equal(res.statusCode, 400, url);
    assert.deepEqual(fields(res.json()), [field], url);
  }
});

test('R-18.2b one agency with its jurisdiction, fields and focal officers, by id or by code', async () => {
  const list: Item[] = (await get('/api/v1/agencies?unit=00070&level=commune')).json().items;
  const id = list[0]!.id;
  await setFocalOfficers(ctx, SYSTEM_ACTOR, id, [{ name: 'Nguyễn Thị Hoa', position: 'Chánh Văn phòng', phone: '024 3825 3536', email: 'vp@hoankiem.hanoi.gov.vn' }]);
  const res = await get(`/api/v1/agencies/${id}`);
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.name, 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.deepEqual(body.jurisdiction.map((u: { version: string; code: string; fullName: string }) => `${u.version}/${u.code} ${u.fullName}`), ['2025-07/00070 Phường Hoàn Kiếm']);
  assert.ok(body.fields.some((f: { code: string; name: string }) => f.code === 'trat_tu_do_thi' && f.name === 'Trật tự đô thị'));
  assert.deepEqual(body.focalOfficers.map((o: { name: string; phone: string; email: string }) => [o.name, o.phone, o.email]), [
    ['Nguyễn Thị Hoa', '+842438253536', 'vp@hoankiem.hanoi.gov.vn'],
  ]);
  assert.equal((await get('/api/v1/agencies/ubnd-phuong-hoan-kiem')).json().id, id);
  const center = (await get('/api/v1/agencies/trung-tam-phuc-vu-hanh-chinh-cong')).json();
  assert.equal(center.kind, 'center');
  assert.deepEqual(center.jurisdiction.map((u: { fullName: string }) => u.fullName), ['Thành phố Hà Nội']);
});

test('R-18.2b an unknown agency answers 404; a malformed id 400 naming the field', async () => {
  assert.equal((await get(`/api/v1/agencies/${uuidv7()}`)).statusCode, 404);
  assert.equal((await get('/api/v1/agencies/khong-co-co-quan-nay')).statusCode, 404);
  const bad = await get('/api/v1/agencies/Bad%20Id!');
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fields(bad.json()), ['params.id']);
});

test('R-5.10 the fields of competence are published, and agency routes are documented in OpenAPI', async () => {
  const fieldsList = (await get('/api/v1/agency-fields')).json().items;
  assert.ok(fieldsList.some((f: { code: string; local: boolean }) => f.code === 've_sinh_moi_truong' && f.local));
  const doc = (await get('/openapi.json')).json();
  for (const path of ['/api/v1/agencies', '/api/v1/agencies/{id}', '/api/v1/agency-fields']) {
    const op = doc.paths[path]?.get;
    assert.ok(op?.summary && op.tags.includes('agencies'), path);
  }
});

test('R-4.3 R-28.1 agencies change only through the audited, permission-checked edit route', async () => {
  const id = (await get('/api/v1/agencies')).json().items[0].id;
  const before = (await get(`/api/v1/agencies/${id}`)).json();
  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    const res = await app.inject({ method, url: `/api/v1/agencies/${id}`, payload: { name: 'Đổi tên' } });
    assert.ok([404, 405].includes(res.statusCode), `${method}: ${res.statusCode}`);
  }
  const anonymous = await app.inject({ method: 'PATCH', url: `/api/v1/agencies/${id}`, payload: { name: 'Đổi tên' } });
  assert.equal(anonymous.statusCode, 401, 'PATCH needs a signed-in administrator (agencies-edit.int.test.ts)');
  assert.deepEqual((await get(`/api/v1/agencies/${id}`)).json(), before);
});
