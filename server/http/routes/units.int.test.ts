import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../../test/context.ts';

const { app } = await testApp();
const get = (url: string) => app.inject({ url });
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

test('R-28.1 structure versions: the two-level structure is in force, with 126 communes; 526 and 579 before', async () => {
  const res = await get('/api/v1/units/structure-versions');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.current, '2025-07');
  const byVersion = Object.fromEntries(body.items.map((v: { version: string; counts: unknown }) => [v.version, v]));
  assert.deepEqual(byVersion['2025-07'].counts, { city: 1, district: 0, commune: 126 });
  assert.deepEqual(byVersion['2025-01'].counts, { city: 1, district: 30, commune: 526 });
  assert.deepEqual(byVersion['2024'].counts, { city: 1, district: 30, commune: 579 });
  assert.equal(byVersion['2025-01'].validTo, '2025-06-30');
  assert.equal(byVersion['2025-07'].validTo, null);
});

test('R-28.1 units are listed per structure version, by level and parent (default: the version in force)', async () => {
  const current = (await get('/api/v1/units?level=commune')).json();
  assert.equal(current.version, '2025-07');
  assert.equal(current.items.length, 126);
  assert.deepEqual(Object.keys(current.items[0]).sort(), ['code', 'fullName', 'level', 'name', 'nameEn', 'nameVariants', 'parentCode', 'type', 'version']);
  assert.equal((await get('/api/v1/units?version=2025-01&level=district')).json().items.length, 30);
  assert.equal((await get('/api/v1/units?version=2025-01&level=commune')).json().items.length, 526);
  assert.equal((await get('/api/v1/units?version=2024&level=commune')).json().items.length, 579);
  const baDinh = (await get('/api/v1/units?version=2025-01&parent=001')).json().items;
  assert.ok(baDinh.length > 10 && baDinh.every((u: { parentCode: string; level: string }) => u.parentCode === '001' && u.level === 'commune'));
  const sonTay = (await get('/api/v1/units?version=2025-01&level=district')).json().items.find((u: { code: string }) => u.code === '269');
  assert.equal(sonTay.type, 'thi_xa');
});

test('R-28.1 a bad unit query answers 400 naming the field', async () => {
  for (const [url, field] of [
    ['/api/v1/units?version=2019', 'querystring.version'],
    ['/api/v1/units?version=abc', 'querystring.version'],
    ['/api/v1/units?level=province', 'querystring.level'],
    ['/api/v1/units?parent=99999', 'querystring.parent'],
    ['/api/v1/units?colour=red', 'querystring.colour'],
  ] as const) {
    const res = await get(url);
    assert.equal(res.statusCode, 400, url);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(fields(res.json()), [field], url);
  }
});

test('R-28.1 search ignores diacritics, tone-mark placement and Unicode form: "Yên Hoà", "Yên Hòa", "yen hoa" find Phường Yên Hòa first', async () => {
  const queries = ['Yên Hoà', 'Yên Hòa', 'yen hoa', 'YEN HOA', 'Yên Hòa'.normalize('NFD'), 'phường yên hoà'];
  for (const q of queries) {
    const res = await get(`/api/v1/units/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200, q);
    const [first] = res.json().items;
    assert.equal(first.code, '00175', q);
    assert.equal(first.fullName, 'Phường Yên Hòa');
    assert.equal(first.match, 'exact', q);
    assert.deepEqual(first.nameVariants, ['Yên Hoà']);
  }
});

test('R-28.1 search ranks exact before prefix before substring, within a structure version, limited', async () => {
  const res = (await get('/api/v1/units/search?q=hoa&limit=50')).json();
  const order = ['exact', 'prefix', 'substring'];
  const ranks = res.items.map((u: { match: string }) => order.indexOf(u.match));
  assert.deepEqual(ranks, [...ranks].sort((a: number, b: number) => a - b));
  assert.ok(ranks.includes(1) && ranks.includes(2), 'both prefix ("Hòa Lạc") and substring ("Yên Hòa") matches');
  const exact = (await get(`/api/v1/units/search?q=${encodeURIComponent('ha dong')}`)).json().items;
  assert.deepEqual([exact[0].fullName, exact[0].match], ['Phường Hà Đông', 'exact']);
  assert.equal((await get('/api/v1/units/search?q=a&limit=3')).json().items.length, 3);
  const old = (await get(`/api/v1/units/search?q=${encodeURIComponent('Trung Hòa')}&version=2025-01`)).json();
  assert.equal(old.version, '2025-01');
  assert.equal(old.items[0].fullName, 'Phường Trung Hoà', 'old spelling, found with the new one');
  assert.equal((await get(`/api/v1/units/search?q=${encodeURIComponent('hàng trống')}`)).json().items.length, 0, 'not a current name');
  assert.equal((await get(`/api/v1/units/search?q=${encodeURIComponent('hàng trống')}&version=2025-01`)).json().items[0].code, '00070');
});

test('R-28.1 a bad search answers 400 naming the field', async () => {
  for (const [url, field] of [
    ['/api/v1/units/search?q=', 'querystring.q'],
    ['/api/v1/units/search?q=%20--%20', 'querystring.q'],
    ['/api/v1/units/search', 'querystring.q'],
    ['/api/v1/units/search?q=x&limit=0', 'querystring.limit'],
    ['/api/v1/units/search?q=x&limit=51', 'querystring.limit'],
    ['/api/v1/units/search?q=x&version=1999', 'querystring.version'],
  ] as const) {
    const res = await get(url);
    assert.equal(res.statusCode, 400, url);
    assert.deepEqual(fields(res.json()), [field], url);
  }
});

test('R-6.1 the commune at a map point: landmarks of Hanoi', async () => {
  for (const [name, lat, lng, code] of [
    ['Hồ Hoàn Kiếm', 21.0287, 105.8524, '00070'],
    ['Quảng trường Ba Đình', 21.0368, 105.8347, '00004'],
    ['Sân bay Nội Bài', 21.2187, 105.8042, '00433'],
    ['Thành cổ Sơn Tây', 21.1395, 105.5055, '09574'],
    ['Chùa Hương', 20.6186, 105.7475, '10489'],
  ] as const) {
    const res = await get(`/api/v1/units/at?lat=${lat}&lng=${lng}`);
    assert.equal(res.statusCode, 200, name);
    const body = res.json();
    assert.equal(body.inHanoi, true, name);
    assert.equal(body.unit.code, code, name);
    assert.equal(body.version, '2025-07');
    assert.equal(body.approximate, false);
    assert.equal(body.parent.code, '01');
  }
  assert.equal((await get('/api/v1/units/at?lat=21.0287&lng=105.8524')).json().unit.fullName, 'Phường Hoàn Kiếm');
});

test('R-6.1 a point outside Hanoi answers 200 { inHanoi: false }', async () => {
  for (const [name, lat, lng] of [
    ['Hải Phòng', 20.8449, 106.6881],
    ['Biển Đông', 16.0, 112.0],
    ['xa', -33.86, 151.2],
  ] as const) {
    const res = await get(`/api/v1/units/at?lat=${lat}&lng=${lng}`);
    assert.equal(res.statusCode, 200, name);
    assert.deepEqual(res.json(), { inHanoi: false }, name);
  }
});

test('R-6.1 latitude or longitude out of range or not a number answers 400 naming the field', async () => {
  for (const [query, expected] of [
    ['lat=91&lng=105.8', ['querystring.lat']],
    ['lat=-90.5&lng=105.8', ['querystring.lat']],
    ['lat=21&lng=181', ['querystring.lng']],
    ['lat=abc&lng=105.8', ['querystring.lat']],
    ['lat=21', ['querystring.lng']],
    ['lat=100&lng=-200', ['querystring.lat', 'querystring.lng']],
    ['lat=21&lng=105&zoom=3', ['querystring.zoom']],
  ] as const) {
    const res = await get(`/api/v1/units/at?${query}`);
    assert.equal(res.statusCode, 400, query);
    assert.deepEqual(fields(res.json()).sort(), [...expected], query);
    assert.ok(res.json().errors.every((e: { message: string }) => e.message.length > 0));
  }
  const vi = (await get('/api/v1/units/at?lat=91&lng=105')).json();
  assert.equal(vi.errors[0].message, 'Phải nhỏ hơn hoặc bằng 90');
});

test('R-28.1 an old commune maps to its new unit: wholly absorbed (certain) — Phúc Xá → Hồng Hà', async () => {
  const res = await get('/api/v1/units/2025-01/00001');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.fullName, 'Phường Phúc Xá');
  assert.equal(body.parent.fullName, 'Quận Ba Đình');
  assert.deepEqual(body.mergedInto, [{ version: '2025-07', code: '00097', level: 'commune', name: 'Hồng Hà', fullName: 'Phường Hồng Hà', scope: 'full' }]);
  assert.equal(body.inForce.version, '2025-07');
  assert.equal(body.inForce.certain, true);
  assert.equal(body.boundaryUrl, null);
});

test('R-28.1 an old commune that was split maps to several new units, partially — Ngọc Hà → Ba Đình + Ngọc Hà', async () => {
  const body = (await get('/api/v1/units/2025-01/00016')).json();
  assert.deepEqual(
    body.mergedInto.map((m: { code: string; fullName: string; scope: string }) => `${m.code} ${m.fullName} ${m.scope}`),
    ['00004 Phường Ba Đình partial', '00008 Phường Ngọc Hà partial'],
  );
  assert.equal(body.inForce.certain, false, 'a split needs the map point or the citizen’s choice');
});

test('R-28.1 codes are reused: 00070 was Hàng Trống and is now Hoàn Kiếm; the new unit lists what went into it', async () => {
  const old = (await get('/api/v1/units/2025-01/00070')).json();
  const now = (await get('/api/v1/units/2025-07/00070')).json();
  assert.equal(old.fullName, 'Phường Hàng Trống');
  assert.equal(now.fullName, 'Phường Hoàn Kiếm');
  assert.equal(now.inForce, null);
  assert.equal(now.parent.code, '01');
  assert.equal(now.boundaryUrl, '/api/v1/units/2025-07/00070/boundary');
  const from = now.mergedFrom.map((m: { version: string; code: string; scope: string }) => `${m.version}/${m.code}:${m.scope}`);
  assert.ok(from.includes('2025-01/00070:partial') && from.includes('2025-01/00049:full'), from.join(' '));
});

test('R-28.1 579-era codes go 579 → 526 (same code, possibly renamed) → 2025; abolished ones have no known successor', async () => {
  const body = (await get('/api/v1/units/2024/00235')).json();
  assert.equal(body.fullName, 'Phường Ngã Tư Sở');
  assert.deepEqual(body.mergedInto.map((m: { version: string; fullName: string; scope: string }) => `${m.version} ${m.fullName} ${m.scope}`), [
    '2025-01 Phường Thịnh Quang code_kept',
  ]);
  assert.deepEqual(body.inForce.units.map((m: { code: string; fullName: string }) => `${m.code} ${m.fullName}`), ['00235 Phường Đống Đa']);
  const gone = (await get('/api/v1/units/2024/00010')).json();
  assert.deepEqual(gone.mergedInto, []);
  assert.deepEqual(gone.inForce, { version: '2025-07', certain: false, units: [] });
  const district = (await get('/api/v1/units/2024/002')).json();
  assert.equal(district.level, 'district');
  assert.deepEqual(district.mergedInto.map((m: { version: string; code: string }) => `${m.version}/${m.code}`), ['2025-01/002']);
});

test('R-28.1 an unknown unit answers 404; a malformed one 400 naming the field', async () => {
  const missing = await get('/api/v1/units/2025-07/00001');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'NOT_FOUND');
  assert.equal((await get('/api/v1/units/1999/00001')).statusCode, 404);
  const bad = await get('/api/v1/units/2025-07/abc');
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fields(bad.json()), ['params.code']);
});

test('R-28.1 boundaries of current communes are served as GeoJSON features', async () => {
  const res = await get('/api/v1/units/2025-07/00070/boundary');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /application\/geo\+json/);
  const f = res.json();
  assert.equal(f.type, 'Feature');
  assert.equal(f.id, '00070');
  assert.equal(f.geometry.type, 'MultiPolygon');
  assert.equal(f.properties.fullName, 'Phường Hoàn Kiếm');
  const [w, s, e, n] = f.bbox;
  assert.ok(w < 105.8524 && 105.8524 < e && s < 21.0287 && 21.0287 < n, 'the lake is inside the bbox');
  assert.equal((await get('/api/v1/units/2025-07/01/boundary')).json().properties.fullName, 'Thành phố Hà Nội');
  assert.equal((await get('/api/v1/units/2025-01/00001/boundary')).statusCode, 404);
});

test('R-28.1 unit routes are documented in OpenAPI with tags and summaries', async () => {
  const doc = (await get('/openapi.json')).json();
  for (const path of ['/api/v1/units', '/api/v1/units/structure-versions', '/api/v1/units/search', '/api/v1/units/at', '/api/v1/units/{version}/{code}', '/api/v1/units/{version}/{code}/boundary']) {
    const op = doc.paths[path]?.get;
    assert.ok(op, path);
    assert.deepEqual(op.tags, ['units'], path);
    assert.ok(op.summary, path);
  }
});
