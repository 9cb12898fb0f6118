import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency, listAgencies } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { findCategory, listRoutingRules } from '../../db/repos/catalogue.repo.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';

const { app, ctx } = await testApp();
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
const agencyId = async (code: string) => (await findAgency(ctx.db, { code }))!.id;
const center = await agencyId('trung-tam-phuc-vu-hanh-chinh-cong');

/** Signs in a new staff member holding `role` at the agency `at` (the Center by default). */
async function staff(role: Parameters<typeof createStaff>[1][number]['role'], at = center) {
  const s = await createStaff(ctx, [{ agencyId: at, role }]);
  return { id: s.id, headers: await signInHeaders(app, s.username) };
}
const admin = await staff('administrator');
const officer = await staff('processing_officer', await agencyId('ubnd-phuong-hoan-kiem'));

const HOAN_KIEM = { lat: 21.0287, lng: 105.8524 };
const BA_DINH = { lat: 21.0368, lng: 105.8347 };

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload: payload as object, headers });
const preview = (q: Record<string, string | number>, headers = officer.headers) =>
  get(`/api/v1/routing/preview?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`, headers);

interface RuleView {
  priority: number;
  kind: string | null;
  categoryCode: string | null;
  field: string | null;
  unit: { version: string; code: string } | null;
  target: string;
  agencyId: string | null;
  note: string;
}
const asInput = (r: RuleView) => ({
  priority: r.priority,
  kind: r.kind,
  categoryCode: r.categoryCode,
  field: r.field,
  unit: r.unit,
  target: r.target,
  agencyId: r.agencyId,
  note: r.note,
});

test('R-1.2 anyone reads the active catalogue, by report kind, with Vietnamese names and the field of competence', async () => {
  const res = await get('/api/v1/categories');
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as { code: string; name: string; kinds: string[]; field: string; fieldName: string; active: boolean }[];
  assert.ok(items.length >= 20 && items.every((c) => c.active));
  const pothole = items.find((c) => c.code === 'hu-hong-mat-duong');
  assert.deepEqual(pothole && [pothole.name, pothole.field, pothole.fieldName, pothole.kinds], ['Hư hỏng mặt đường, ổ gà', 'ha_tang_do_thi', 'Hạ tầng đô thị', ['field_report']]);

  const waste = (await get('/api/v1/categories?kind=waste_report')).json().items as { kinds: string[]; name: string }[];
  assert.ok(waste.length >= 3 && waste.every((c) => c.kinds.includes('waste_report') && /lãng phí/i.test(c.name)), 'R-10 wasteful behaviour');

  const one = await get('/api/v1/categories/van-hoa-cong-so');
  assert.equal(one.statusCode, 200);
  assert.deepEqual(one.json().kinds, ['field_report', 'regulation_feedback']);
  assert.equal((await get('/api/v1/categories/khong-co')).statusCode, 404);
  for (const [url, field] of [
    ['/api/v1/categories?kind=complaint', 'querystring.kind'],
    ['/api/v1/categories?secret=1', 'querystring.secret'],
    ['/api/v1/categories/%E1%BB%94-ga', 'params.code'],
  ] as const) {
    const bad = await get(url);
    assert.equal(bad.statusCode, 400, url);
    assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(fields(bad.json()), [field], url);
  }
});

test('R-28.1 R-4.3 an administrator adds and edits a category; each edit is audited with its actor', async () => {
  const created = await send(
    'POST',
    '/api/v1/categories',
    { code: 'o-nhiem-tieng-on', name: '  Ô nhiễm   tiếng ồn ', description: 'Tiếng ồn từ công trình, quán karaoke ban đêm.', kinds: ['field_report'], field: 've_sinh_moi_truong', sortOrder: 55 },
    admin.headers,
  );
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual(created.json(), {
    code: 'o-nhiem-tieng-on',
    name: 'Ô nhiễm tiếng ồn',
    description: 'Tiếng ồn từ công trình, quán karaoke ban đêm.',
    kinds: ['field_report'],
    field: 've_sinh_moi_truong',
    fieldName: 'Vệ sinh môi trường',
    active: true,
    sortOrder: 55,
  });
  assert.deepEqual((await get('/api/v1/categories/o-nhiem-tieng-on')).json(), created.json());

  const again = await send('POST', '/api/v1/categories', { code: 'o-nhiem-tieng-on', name: 'Lặp', kinds: ['field_report'], field: 'van_hoa' }, admin.headers);
  assert.equal(again.statusCode, 409);
  assert.deepEqual(fields(again.json()), ['body.code']);

  const edited = await send('PATCH', '/api/v1/categories/o-nhiem-tieng-on', { active: false, kinds: ['field_report', 'waste_report'] }, admin.headers);
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().active, false);
  assert.deepEqual(edited.json().kinds, ['field_report', 'waste_report']);
  const visible = (await get('/api/v1/categories')).json().items.map((c: { code: string }) => c.code);
  assert.ok(!visible.includes('o-nhiem-tieng-on'), 'an inactive category leaves the public list');
  const all = await get('/api/v1/categories?includeInactive=true', admin.headers);
  assert.ok(all.json().items.some((c: { code: string; active: boolean }) => c.code === 'o-nhiem-tieng-on' && !c.active), 'administrators see it');
  const retired = await preview({ kind: 'field_report', category: 'o-nhiem-tieng-on', ...HOAN_KIEM });
  assert.equal(retired.statusCode, 400, 'a retired category cannot route a new report');
  assert.deepEqual(fields(retired.json()), ['querystring.category']);

  const events = await listAuditEvents(ctx.db, 'category', 'o-nhiem-tieng-on');
  assert.deepEqual(events.map((e) => e.action), ['category.create', 'category.update']);
  assert.ok(events.every((e) => e.actor_id === admin.id && e.actor_role === 'administrator'));
  assert.deepEqual([events[1]?.from_state, events[1]?.to_state], ['active', 'inactive']);
  assert.deepEqual((events[1]?.payload as { changed: object }).changed, {
    kinds: { from: ['field_report'], to: ['field_report', 'waste_report'] },
    active: { from: true, to: false },
  });
  assert.equal(events[1]?.prev_hash, events[0]?.hash, 'events of one category are chained');
});

test('R-28.1 only administrators edit categories: anonymous 401, staff and citizens 403; nothing changes', async () => {
  const body = { code: 'thu-nghiem', name: 'Thử nghiệm', kinds: ['field_report'], field: 'giao_thong' };
  const anonymous = await send('POST', '/api/v1/categories', body);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'UNAUTHENTICATED');
  assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
  assert.equal((await send('PATCH', '/api/v1/categories/giao-thong', { name: 'Đổi tên' })).statusCode, 401);
  assert.equal((await get('/api/v1/categories?includeInactive=true')).statusCode, 401);

  const operator = await staff('center_operator');
  const citizen = await createCitizen(app, { verified: true });
  for (const headers of [officer.headers, operator.headers, await signInHeaders(app, citizen.phone)]) {
    const forbidden = await send('POST', '/api/v1/categories', body, headers);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().code, 'FORBIDDEN');
    assert.equal((await send('PATCH', '/api/v1/categories/giao-thong', { name: 'Đổi tên' }, headers)).statusCode, 403);
    assert.equal((await get('/api/v1/categories?includeInactive=true', headers)).statusCode, 403);
  }
  assert.equal(await findCategory(ctx.db, 'thu-nghiem'), undefined);
  assert.equal((await findCategory(ctx.db, 'giao-thong'))?.name, 'Giao thông');
  assert.deepEqual(await listAuditEvents(ctx.db, 'category', 'giao-thong'), []);
});

test('R-1.2 R-5.10 a bad category answers 400 naming each bad field, and records nothing', async () => {
  for (const [method, url, payload, expected, why] of [
    ['POST', '/api/v1/categories', { code: 'Ổ Gà', name: 'Ổ gà', kinds: ['field_report'], field: 'giao_thong' }, ['body.code'], 'a code with capitals and diacritics'],
    ['POST', '/api/v1/categories', { code: 'o-ga', name: 'Ổ gà', kinds: ['field_report'], field: 'bay_lung_tung' }, ['body.field'], 'an unknown field'],
    ['POST', '/api/v1/categories', { code: 'o-ga', name: 'Ổ gà', kinds: [], field: 'giao_thong' }, ['body.kinds'], 'no kind'],
    ['POST', '/api/v1/categories', { code: 'o-ga', name: 'Ổ gà', kinds: ['complaint'], field: 'giao_thong' }, ['body.kinds.0'], 'complaints are out of scope (R-1.3)'],
    ['POST', '/api/v1/categories', { code: 'o-ga', name: 'Ổ gà', kinds: ['field_report', 'field_report'], field: 'giao_thong' }, ['body.kinds.1'], 'a repeated kind'],
    ['POST', '/api/v1/categories', { code: 'o-ga', kinds: ['field_report'], field: 'giao_thong' }, ['body.name'], 'no name'],
    ['POST', '/api/v1/categories', { code: 'o-ga', name: 'Ổ gà', kinds: ['field_report'], field: 'giao_thong', secret: 1 }, ['body.secret'], 'an unknown property'],
    ['PATCH', '/api/v1/categories/giao-thong', {}, ['body'], 'no change'],
    ['PATCH', '/api/v1/categories/giao-thong', { code: 'giao-thong-moi' }, ['body.code'], 'the code is stable'],
    ['PATCH', '/api/v1/categories/giao-thong', { name: 'G', field: 'khong_co' }, ['body.name', 'body.field'], 'every bad field'],
  ] as const) {
    const res = await send(method, url, payload, admin.headers);
    assert.equal(res.statusCode, 400, `${why}: ${res.body}`);
    assert.equal(res.json().code, 'VALIDATION_FAILED', why);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, why);
    assert.deepEqual(fields(res.json()), expected, why);
  }
  assert.equal((await send('PATCH', '/api/v1/categories/khong-co', { name: 'Không có' }, admin.headers)).statusCode, 404);
  assert.equal(await findCategory(ctx.db, 'o-ga'), undefined);
  assert.deepEqual(await listAuditEvents(ctx.db, 'category', 'giao-thong'), []);
});

test('R-5.9 R-6 a pothole at Hồ Hoàn Kiếm is routed to Ủy ban nhân dân Phường Hoàn Kiếm, citing the rule', async () => {
  const res = await preview({ kind: 'field_report', category: 'hu-hong-mat-duong', ...HOAN_KIEM });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.agencyName, 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.equal(body.agencyId, await agencyId('ubnd-phuong-hoan-kiem'));
  assert.equal(body.place.unit.code, '00070');
  assert.equal(body.place.unit.fullName, 'Phường Hoàn Kiếm');
  assert.deepEqual(body.category, { code: 'hu-hong-mat-duong', name: 'Hư hỏng mặt đường, ổ gà', field: 'ha_tang_do_thi' });
  assert.match(body.rule, /^Quy tắc #\d+ \(ưu tiên 10\): lĩnh vực: Hạ tầng đô thị → UBND cấp xã nơi xảy ra \(Ủy ban nhân dân Phường Hoàn Kiếm\)/);
  const rules = await listRoutingRules(ctx.db);
  assert.equal(rules.find((r) => r.id === body.ruleId)?.field, 'ha_tang_do_thi', 'ruleId names the stored rule');
  const baDinh = (await preview({ kind: 'field_report', category: 'hu-hong-mat-duong', ...BA_DINH })).json();
  assert.equal(baDinh.agencyName, 'Ủy ban nhân dân Phường Ba Đình', 'the commune of the place, not a fixed one');
});

test('R-5.10 a category of a city field is routed to the city department with that field', async () => {
  for (const [category, field] of [
    ['thi-truong-hang-hoa', 'cong_thuong'],
    ['dien-chieu-sang', 'dien'],
    ['cap-nuoc', 'nuoc'],
    ['du-lich', 'du_lich'],
  ] as const) {
    const [department] = await listAgencies(ctx.db, { field, kind: 'department', active: true });
    const res = await preview({ kind: 'field_report', category, ...HOAN_KIEM });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().agencyId, department?.id, `${category}: ${res.json().agencyName}`);
    assert.match(res.json().rule, /Sở, ngành chủ trì/);
  }
  const investor = (await preview({ kind: 'investor_feedback', category: 'thu-tuc-dau-tu' })).json();
  assert.equal(investor.agencyName, 'Sở Tài chính', 'R-11 investors: no place needed');
  assert.equal(investor.place, null);
});

test('R-9 an initiative is routed to the Center, wherever it is about', async () => {
  for (const q of [{ kind: 'initiative', category: 'sang-kien-quan-ly-do-thi', ...HOAN_KIEM }, { kind: 'initiative', category: 'sang-kien-chuyen-doi-so' }]) {
    const res = await preview(q);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().agencyId, center);
    assert.equal(res.json().agencyName, 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội');
    assert.match(res.json().rule, /Sáng kiến xây dựng Thủ đô.*\(R-9\)/);
  }
  const regulation = (await preview({ kind: 'regulation_feedback', category: 'thu-tuc-hanh-chinh' })).json();
  assert.equal(regulation.agencyId, center, 'R-7.2 no place for a commune matter: the Center dispatches');
});

test('R-6 R-7 an unknown kind or category, a category of another kind, a point outside Hanoi: 400 naming the field', async () => {
  for (const [q, expected, why] of [
    [{ kind: 'complaint', category: 'giao-thong' }, ['querystring.kind'], 'an unknown kind (R-1.3: complaints are out of scope)'],
    [{ kind: 'field_report', category: 'khong-co' }, ['querystring.category'], 'an unknown category'],
    [{ kind: 'initiative', category: 'hu-hong-mat-duong' }, ['querystring.category'], 'a category of another kind'],
    [{ kind: 'field_report' }, ['querystring.category'], 'no category'],
    [{ kind: 'field_report', category: 'giao-thong', lat: 10.7769, lng: 106.7009 }, ['querystring.lat'], 'Hồ Chí Minh City is outside Hanoi'],
    [{ kind: 'field_report', category: 'giao-thong', lat: 21.0287 }, ['querystring.lng'], 'a latitude without a longitude'],
    [{ kind: 'field_report', category: 'giao-thong', lat: 'ho-guom', lng: 105.8524 }, ['querystring.lat'], 'not a number'],
  ] as const) {
    const res = await preview(q as Record<string, string | number>);
    assert.equal(res.statusCode, 400, `${why}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, why);
    assert.deepEqual(fields(res.json()), expected, why);
  }
  const unknown = await preview({ kind: 'field_report', category: 'khong-co' });
  assert.match(unknown.json().errors[0].message, /khong-co/, 'the message names the unknown code');
});

test('R-7 rules and the preview are for staff: anonymous 401, citizens 403, any officer 200', async () => {
  assert.equal((await get('/api/v1/routing-rules')).statusCode, 401);
  assert.equal((await preview({ kind: 'field_report', category: 'giao-thong' }, {})).statusCode, 401);
  const citizen = await createCitizen(app, { verified: true });
  const citizenHeaders = await signInHeaders(app, citizen.phone);
  assert.equal((await get('/api/v1/routing-rules', citizenHeaders)).statusCode, 403);
  assert.equal((await preview({ kind: 'field_report', category: 'giao-thong' }, citizenHeaders)).statusCode, 403);

  const res = await get('/api/v1/routing-rules', officer.headers);
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items;
  assert.deepEqual(
    [items[0].kind, items[0].agency.name, items[0].description],
    ['initiative', 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội', 'Quy tắc #1 (ưu tiên 100): loại phản ánh: Sáng kiến xây dựng Thủ đô → Trung tâm Phục vụ hành chính công Thành phố Hà Nội — Trung tâm tiếp nhận sáng kiến và phân phối đến đơn vị của Thành phố (R-9)'],
  );
});

test('R-28.1 rule edits: anonymous 401, officers 403, bad rules 400 naming each field; nothing changes, nothing is recorded', async () => {
  const before = await listRoutingRules(ctx.db);
  const trail = (await listAuditEvents(ctx.db, 'routing_rules', 'routing-rules')).length;
  const one = { rules: [{ priority: 1, target: 'agency', agencyId: center }] };
  const anonymous = await send('PUT', '/api/v1/routing-rules', one);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'UNAUTHENTICATED');
  for (const who of [officer, await staff('center_operator'), await staff('agency_head')]) {
    const res = await send('PUT', '/api/v1/routing-rules', one, who.headers);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'FORBIDDEN');
  }
  const formerDistrict = await agencyId('ubnd-quan-hoan-kiem');
  const bad = await send(
    'PUT',
    '/api/v1/routing-rules',
    {
      rules: [
        { priority: 10, categoryCode: 'khong-co', target: 'commune_of_place' },
        { priority: 10, unit: { version: '2025-07', code: '99999' }, target: 'commune_of_place' },
        { priority: 10, kind: 'waste_report', target: 'agency', agencyId: formerDistrict },
        { priority: 10, field: 'dien', target: 'agency' },
        { priority: 10, categoryCode: 'hu-hong-mat-duong', field: 'dien', target: 'commune_of_place' },
        { priority: 5, field: 'giao_thong', target: 'commune_of_place', agencyId: center },
        { priority: 2000, target: 'agency', agencyId: center },
      ],
    },
    admin.headers,
  );
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal(bad.json().code, 'VALIDATION_FAILED');
  assert.deepEqual(fields(bad.json()), ['body.rules.6.priority'], 'the schema answers first');
  const res = await send(
    'PUT',
    '/api/v1/routing-rules',
    {
      rules: [
        { priority: 10, categoryCode: 'khong-co', target: 'commune_of_place' },
        { priority: 10, unit: { version: '2025-07', code: '99999' }, target: 'commune_of_place' },
        { priority: 10, kind: 'waste_report', target: 'agency', agencyId: formerDistrict },
        { priority: 10, field: 'dien', target: 'agency' },
        { priority: 10, categoryCode: 'hu-hong-mat-duong', field: 'dien', target: 'commune_of_place' },
        { priority: 5, field: 'giao_thong', target: 'commune_of_place', agencyId: center },
        { priority: 5, field: 'bay_lung_tung', target: 'commune_of_place' },
        { priority: 5, field: 'giao_thong', target: 'commune_of_place' },
        { priority: 9, field: 'giao_thong', target: 'commune_of_place' },
      ],
    },
    admin.headers,
  );
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual(fields(res.json()), [
    'body.rules.0.categoryCode',
    'body.rules.1.unit',
    'body.rules.2.agencyId',
    'body.rules.3.agencyId',
    'body.rules.4.field',
    'body.rules.5.agencyId',
    'body.rules.6.field',
    'body.rules.8',
  ]);
  assert.match(res.json().errors[2].message, /ngừng hoạt động/);
  assert.deepEqual(await listRoutingRules(ctx.db), before);
  assert.equal((await listAuditEvents(ctx.db, 'routing_rules', 'routing-rules')).length, trail);
});

test('R-28.1 R-6 an administrator’s rule for one commune overrides the default there only; the edit is audited with its actor', async () => {
  const urenco = await agencyId('urenco');
  const current = (await get('/api/v1/routing-rules', admin.headers)).json().items as RuleView[];
  const override = { priority: 10, field: 've_sinh_moi_truong', unit: { version: '2025-07', code: '00070' }, target: 'agency', agencyId: urenco, note: 'Phố cổ: URENCO thu gom trực tiếp' };
  const res = await send('PUT', '/api/v1/routing-rules', { rules: [...current.map(asInput), override] }, admin.headers);
  assert.equal(res.statusCode, 200, res.body);
  const saved = res.json().items as (RuleView & { position: number; description: string })[];
  assert.equal(saved.length, current.length + 1);
  const placed = saved.find((r) => r.agencyId === urenco);
  assert.ok(placed && placed.position < saved.find((r) => r.field === 've_sinh_moi_truong' && r.unit === null)!.position, 'equal priority: the more specific rule is tried first');
  assert.deepEqual((await get('/api/v1/routing-rules', officer.headers)).json().items, saved, 'PUT answers in the shape of GET');

  const hoanKiem = (await preview({ kind: 'field_report', category: 've-sinh-moi-truong', ...HOAN_KIEM })).json();
  assert.equal(hoanKiem.agencyName, 'Công ty TNHH MTV Môi trường đô thị Hà Nội');
  assert.match(hoanKiem.rule, new RegExp(`^Quy tắc #${placed.position} .*đơn vị hành chính: 2025-07/00070 → Công ty TNHH MTV Môi trường đô thị Hà Nội — Phố cổ: URENCO thu gom trực tiếp$`));
  const baDinh = (await preview({ kind: 'field_report', category: 've-sinh-moi-truong', ...BA_DINH })).json();
  assert.equal(baDinh.agencyName, 'Ủy ban nhân dân Phường Ba Đình');

  const events = await listAuditEvents(ctx.db, 'routing_rules', 'routing-rules');
  const event = events.at(-1);
  assert.equal(event?.action, 'routingRules.replace');
  assert.equal(event?.actor_id, admin.id);
  assert.equal(event?.actor_role, 'administrator');
  const payload = event?.payload as { count: { from: number; to: number }; to: { agencyId: string | null; note: string }[] };
  assert.deepEqual(payload.count, { from: current.length, to: current.length + 1 });
  assert.ok(payload.to.some((r) => r.agencyId === urenco && r.note === override.note));

  const conflicting = await send('PATCH', '/api/v1/categories/ve-sinh-moi-truong', { field: 'cay_xanh' }, admin.headers);
  assert.equal(conflicting.statusCode, 200, 'the rule names a field, not this category: the category may move');
  assert.equal((await preview({ kind: 'field_report', category: 've-sinh-moi-truong', ...HOAN_KIEM })).json().agencyName, 'Ủy ban nhân dân Phường Hoàn Kiếm');
});

test('R-7.2 R-9 with every rule removed, the regulation’s defaults still route every report', async () => {
  const emptied = await send('PUT', '/api/v1/routing-rules', { rules: [] }, admin.headers);
  assert.equal(emptied.statusCode, 200, emptied.body);
  assert.deepEqual(emptied.json().items, []);
  for (const [q, agency, fallback] of [
    [{ kind: 'field_report', category: 'hu-hong-mat-duong', ...HOAN_KIEM }, 'ubnd-phuong-hoan-kiem', 'local_field'],
    [{ kind: 'field_report', category: 'dien-chieu-sang', ...HOAN_KIEM }, 'so-cong-thuong', 'city_field'],
    [{ kind: 'initiative', category: 'sang-kien-cai-cach-hanh-chinh' }, 'trung-tam-phuc-vu-hanh-chinh-cong', 'initiative'],
    [{ kind: 'waste_report', category: 'lang-phi-tai-san-cong' }, 'trung-tam-phuc-vu-hanh-chinh-cong', 'center'],
  ] as const) {
    const res = await preview(q);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().agencyCode, agency, JSON.stringify(q));
    assert.equal(res.json().fallback, fallback);
    assert.equal(res.json().ruleId, null);
    assert.match(res.json().rule, /^Mặc định \(R-/);
  }
});

test('R-28.1 the catalogue and routing routes are documented in OpenAPI, in Vietnamese; edits need a session', async () => {
  const doc = (await app.inject({ url: '/openapi.json' })).json();
  for (const op of [
    doc.paths['/api/v1/categories']?.post,
    doc.paths['/api/v1/categories/{code}']?.patch,
    doc.paths['/api/v1/routing-rules']?.put,
    doc.paths['/api/v1/routing-rules']?.get,
    doc.paths['/api/v1/routing/preview']?.get,
  ]) {
    assert.ok(op?.summary);
    assert.match(op.summary, /[ảạốếđụơư]/u);
    assert.ok(op.security.some((s: Record<string, unknown>) => 'bearer' in s));
  }
  assert.equal(doc.paths['/api/v1/categories']?.get.security, undefined, 'the catalogue is public');
});
