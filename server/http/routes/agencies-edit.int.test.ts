import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
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

const patch = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'PATCH', url: `/api/v1/agencies/${id}`, payload: payload as object, headers });
const putOfficers = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'PUT', url: `/api/v1/agencies/${id}/focal-officers`, payload: payload as object, headers });

test('R-28.1 agencies are editable data: an administrator edits an agency, the answer is the new agency and GET shows it', async () => {
  const admin = await staff('administrator');
  const id = await agencyId('so-xay-dung');
  const res = await patch(
    id,
    { name: '  Sở Xây dựng   Hà Nội ', shortName: 'SXD', fields: ['giao_thong', 'ha_tang_do_thi'], jurisdiction: [{ version: '2025-07', code: '01' }] },
    admin.headers,
  );
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.name, 'Sở Xây dựng Hà Nội', 'the name is tidied');
  assert.equal(body.shortName, 'SXD');
  assert.deepEqual(body.fields.map((f: { code: string; name: string }) => `${f.code} ${f.name}`), ['giao_thong Giao thông', 'ha_tang_do_thi Hạ tầng đô thị']);
  assert.deepEqual(body.jurisdiction.map((u: { version: string; code: string }) => `${u.version}/${u.code}`), ['2025-07/01']);

  const got = await app.inject({ url: `/api/v1/agencies/${id}` });
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.json(), body, 'PATCH answers in the shape of GET /api/v1/agencies/:id');
  const listed = (await app.inject({ url: '/api/v1/agencies?field=giao_thong&level=city' })).json().items;
  assert.ok(listed.some((a: { id: string; name: string }) => a.id === id && a.name === 'Sở Xây dựng Hà Nội'));

  const cleared = await patch(id, { shortName: null }, admin.headers);
  assert.equal(cleared.statusCode, 200, cleared.body);
  assert.equal(cleared.json().shortName, null);
});

test('R-28.1 R-4.3 every edit of an agency is audited with the administrator who made it', async () => {
  const admin = await staff('administrator');
  const id = await agencyId('so-du-lich');
  const res = await patch(id, { active: false }, admin.headers);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().active, false);
  const events = await listAuditEvents(ctx.db, 'agency', id);
  assert.equal(events.length, 1);
  const [event] = events;
  assert.equal(event?.action, 'agency.update');
  assert.equal(event?.actor_id, admin.id);
  assert.equal(event?.actor_role, 'administrator');
  assert.equal(event?.from_state, 'active');
  assert.equal(event?.to_state, 'inactive');
  assert.deepEqual((event?.payload as { changed: Record<string, { from: unknown; to: unknown }> }).changed, { active: { from: true, to: false } });
  const active = (await app.inject({ url: '/api/v1/agencies' })).json().items;
  assert.ok(!active.some((a: { id: string }) => a.id === id), 'a deactivated agency leaves the default (active) list');
});

test('R-28.1 only administrators edit agencies: anonymous 401; a processing officer, a Center operator or a citizen 403; nothing changes', async () => {
  const id = await agencyId('so-y-te');
  const payload = { name: 'Sở Y tế mới' };
  const anonymous = await patch(id, payload);
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'UNAUTHENTICATED');
  assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);

  const officer = await staff('processing_officer', id);
  const forbidden = await patch(id, payload, officer.headers);
  assert.equal(forbidden.statusCode, 403, 'even at the agency itself');
  assert.equal(forbidden.json().code, 'FORBIDDEN');
  assert.match(String(forbidden.headers['content-type']), /^application\/problem\+json/);

  const operator = await staff('center_operator');
  assert.equal((await patch(id, payload, operator.headers)).statusCode, 403, 'the Center keeps focal officers, not agencies');
  const citizen = await createCitizen(app, { verified: true });
  assert.equal((await patch(id, payload, await signInHeaders(app, citizen.phone))).statusCode, 403);

  assert.equal((await findAgency(ctx.db, { id }))?.name, 'Sở Y tế');
  assert.deepEqual(await listAuditEvents(ctx.db, 'agency', id), []);
});

test('R-4.3 PATCH is the only way to change an agency over HTTP: no other method has a route', async () => {
  const admin = await staff('administrator');
  const id = await agencyId('so-noi-vu');
  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    const res = await app.inject({ method, url: `/api/v1/agencies/${id}`, payload: { name: 'Đổi tên' }, headers: admin.headers });
    assert.ok([404, 405].includes(res.statusCode), `${method}: ${res.statusCode}`);
  }
  assert.equal((await findAgency(ctx.db, { id }))?.name, 'Sở Nội vụ');
});

test('R-28.1 a bad edit answers 400 naming each bad field, changes nothing and records nothing', async () => {
  const admin = await staff('administrator');
  const id = await agencyId('so-tu-phap');
  for (const [payload, expected, why] of [
    [{ fields: ['giao_thong', 'bay_lung_tung'] }, ['body.fields.1'], 'an unknown field code'],
    [{ fields: ['giao_thong', 'giao_thong'] }, ['body.fields.1'], 'a repeated field code'],
    [{ jurisdiction: [{ version: '2025-07', code: '01' }, { version: '2025-07', code: '99999' }] }, ['body.jurisdiction.1'], 'an unknown unit'],
    [{ jurisdiction: [{ version: '2025-07', code: 'abc' }] }, ['body.jurisdiction.0.code'], 'a malformed unit code'],
    [{ jurisdiction: [] }, ['body.jurisdiction'], 'an active agency must cover some area'],
    [{ name: 'X' }, ['body.name'], 'a name too short'],
    [{ active: 'perhaps' }, ['body.active'], 'not a boolean'],
    [{ name: 'Sở Tư pháp Hà Nội', secret: 1 }, ['body.secret'], 'an unknown body property'],
    [{ jurisdiction: [{ version: '2025-07', code: '01', note: 'x' }] }, ['body.jurisdiction.0.note'], 'an unknown property of a unit'],
    [{}, ['body'], 'no change at all'],
  ] as const) {
    const res = await patch(id, payload, admin.headers);
    assert.equal(res.statusCode, 400, `${why}: ${res.body}`);
    assert.equal(res.json().code, 'VALIDATION_FAILED', why);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, why);
    assert.deepEqual(fields(res.json()), expected, why);
  }
  const unknownField = await patch(id, { fields: ['bay_lung_tung'] }, admin.headers);
  assert.match(unknownField.json().errors[0].message, /bay_lung_tung/, 'the message names the unknown code');
  assert.equal((await findAgency(ctx.db, { id }))?.name, 'Sở Tư pháp');
  assert.deepEqual(await listAuditEvents(ctx.db, 'agency', id), []);
});

test('R-28.1 an unknown agency answers 404; a malformed id 400 naming the field', async () => {
  const admin = await staff('administrator');
  const missing = await patch(uuidv7(), { name: 'Không có' }, admin.headers);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'NOT_FOUND');
  const bad = await patch('so-xay-dung', { name: 'Sở Xây dựng' }, admin.headers);
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fields(bad.json()), ['params.id']);
});

test('R-18.2b a Center operator sets an agency’s focal officers; GET shows them; the change is audited', async () => {
  const operator = await staff('center_operator');
  const id = await agencyId('so-giao-duc-va-dao-tao');
  const res = await putOfficers(
    id,
    {
      officers: [
        { name: 'Trần Văn Bình', position: 'Chánh Văn phòng', phone: '024 3825 3536' },
        { name: 'Lê Thị Mai', position: 'Phó Chánh Văn phòng', email: 'Mai.LT@hanoi.gov.vn', phone: null },
      ],
    },
    operator.headers,
  );
  assert.equal(res.statusCode, 200, res.body);
  const officers = res.json().officers;
  assert.deepEqual(officers.map((o: { name: string; position: string; phone: string | null; email: string | null }) => [o.name, o.position, o.phone, o.email]), [
    ['Trần Văn Bình', 'Chánh Văn phòng', '+842438253536', null],
    ['Lê Thị Mai', 'Phó Chánh Văn phòng', null, 'mai.lt@hanoi.gov.vn'],
  ]);
  assert.deepEqual((await app.inject({ url: `/api/v1/agencies/${id}` })).json().focalOfficers, officers);

  const [event, ...more] = await listAuditEvents(ctx.db, 'agency', id);
  assert.equal(more.length, 0);
  assert.equal(event?.action, 'agency.focalOfficers.set');
  assert.equal(event?.actor_id, operator.id);
  assert.equal(event?.actor_role, 'center_operator');

  const admin = await staff('administrator');
  const emptied = await putOfficers(id, { officers: [] }, admin.headers);
  assert.equal(emptied.statusCode, 200, 'administrators may too; an empty list clears it');
  assert.deepEqual(emptied.json().officers, []);
  assert.equal((await listAuditEvents(ctx.db, 'agency', id)).length, 2);
});

test('R-18.2b focal officers: anonymous 401, a processing officer 403, an unknown agency 404, bad input 400 naming the field', async () => {
  const id = await agencyId('so-van-hoa-va-the-thao');
  const one = { officers: [{ name: 'Phạm Văn Hùng', position: 'Chánh Văn phòng', phone: '0912345678' }] };
  assert.equal((await putOfficers(id, one)).statusCode, 401);
  const officer = await staff('processing_officer', id);
  const forbidden = await putOfficers(id, one, officer.headers);
  assert.equal(forbidden.statusCode, 403);
  assert.equal(forbidden.json().code, 'FORBIDDEN');

  const operator = await staff('center_operator');
  assert.equal((await putOfficers(uuidv7(), one, operator.headers)).statusCode, 404);
  for (const [payload, expected, why] of [
    [{ officers: [{ name: 'Phạm Văn Hùng', position: 'Chánh Văn phòng', phone: '12' }] }, ['body.officers.0.phone'], 'a bad phone number'],
    [{ officers: [{ name: 'Phạm Văn Hùng', position: 'Chánh Văn phòng' }] }, ['body.officers.0'], 'no way to reach them'],
    [{ officers: [{ name: 'Phạm Văn Hùng', phone: '0912345678' }] }, ['body.officers.0.position'], 'a missing position'],
    [{ officers: [{ ...one.officers[0], nickname: 'Hùng' }] }, ['body.officers.0.nickname'], 'an unknown property of an officer'],
    [{ ...one, note: 'x' }, ['body.note'], 'an unknown body property'],
    [[], ['body'], 'not an object'],
  ] as const) {
    const res = await putOfficers(id, payload, operator.headers);
    assert.equal(res.statusCode, 400, `${why}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, why);
    assert.deepEqual(fields(res.json()), expected, why);
  }
  assert.deepEqual(await listAuditEvents(ctx.db, 'agency', id), []);
});

test('R-28.1 R-18.2b the edit routes are documented in OpenAPI, in Vietnamese, as needing a session', async () => {
  const doc = (await app.inject({ url: '/openapi.json' })).json();
  for (const op of [doc.paths['/api/v1/agencies/{id}']?.patch, doc.paths['/api/v1/agencies/{id}/focal-officers']?.put]) {
    assert.ok(op?.summary && op.tags.includes('agencies'));
    assert.match(op.summary, /[ảạốếđ]/u);
    assert.ok(op.security.some((s: Record<string, unknown>) => 'bearer' in s));
    assert.ok(op.requestBody);
  }
});
