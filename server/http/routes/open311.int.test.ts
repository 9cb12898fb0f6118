import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { convert } from 'xmlbuilder2';
import { currentCalendar } from '../../app/reference/reference-data.ts';
import { PUBLISHED_OPEN311_DEMO_API_KEY } from '../../config.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { addWorkingTime, formatVietnamTime, vietnamTime } from '../../domain/calendar/index.ts';
import type { App } from '../app.ts';
import { seedDemo } from '../../../seed/demo.seed.ts';
import { testApp, type TestApp } from '../../../test/context.ts';
import { citizenIdentity, createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';
import { updateUser } from '../../db/repos/accounts.repo.ts';
import { scenePhoto } from '../../../test/fixtures/photo-variants.ts';
import { reportActionOk } from '../../../test/reports.ts';

type Json = Record<string, unknown>;

/** A tiny media server on 127.0.0.1: two photos, a page that is not an image, a 404. */
const photos: Record<string, Buffer> = { '/a.jpg': await scenePhoto(11), '/b.jpg': await scenePhoto(12) };
const media: Server = createServer((req, res) => {
  const photo = photos[req.url ?? ''];
  if (photo) return res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo);
  if (req.url === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
const mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
after(() => new Promise<void>((resolve) => media.close(() => resolve())));

const form = (fields: Record<string, string | string[] | number>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, String(one));
  return p.toString();
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const xml = (text: string) => convert(text, { format: 'object' }) as Record<string, Json>;
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface World extends TestApp {
  citizen: Awaited<ReturnType<typeof createCitizen>>;
  citizenH: Record<string, string>;
  adminH: Record<string, string>;
  operatorH: Record<string, string>;
  apiKey: string;
  keyId: string;
  post(format: 'xml' | 'json', fields: Record<string, string | string[] | number>): Promise<Awaited<ReturnType<App['inject']>>>;
  fields(over?: Record<string, string | string[] | number>): Record<string, string | string[] | number>;
}

async function world(): Promise<World> {
  const t = await testApp({ config: { open311MediaFetchAllowPrivate: true, open311MediaFetchTimeoutMs: 5000 } });
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const center = (await findAgency(t.ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const admin = await createStaff(t.ctx, [{ agencyId: center.id, role: 'administrator' }]);
  const operator = await createStaff(t.ctx, [{ agencyId: center.id, role: 'center_operator' }]);
  const adminH = await signInHeaders(t.app, admin.username);
  const citizen = await createCitizen(t.app, { verified: true });
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: adminH, payload: { name: 'Ứng dụng phản ánh thử', accountId: citizen.id } });
  assert.equal(created.statusCode, 201, created.body);
  const fields = (over: Record<string, string | string[] | number> = {}) => ({
    api_key: created.json().key as string,
    service_code: 'field_report.hu-hong-mat-duong',
    lat: 21.0287,
    long: 105.8524,
    address_string: 'Phố Đinh Tiên Hoàng, gần Tháp Rùa',
    description: 'Mặt đường bị sụt thành ổ gà sâu khoảng 20 cm, xe máy đi qua rất nguy hiểm vào buổi tối.',
    'attribute[occurred_at]': '2026-03-02T07:30:00+07:00',
    first_name: 'Thử Nghiệm',
    last_name: 'Nguyễn Thị',
    email: citizen.email,
    phone: citizen.phone,
    ...over,
  });
  return {
    ...t,
    citizen,
    citizenH: await signInHeaders(t.app, citizen.phone),
    adminH,
    operatorH: await signInHeaders(t.app, operator.username),
    apiKey: created.json().key as string,
    keyId: created.json().id as string,
    fields,
    post: (format, f) => t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: FORM, payload: form(f) }),
  };
}

// One world for the file (each test makes its own reports); tests run in order.
const w = await world();

test('R-18.5 R-20 discovery, the service list and a service definition, in XML and in JSON', async () => {
  const d = await w.app.inject({ url: '/open311/v2/discovery.json' });
  assert.equal(d.statusCode, 200, d.body);
  assert.equal(d.json().endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.deepEqual(d.json().endpoints[0].formats, ['text/xml', 'application/json']);
  const dx = await w.app.inject({ url: '/open311/v2/discovery.xml' });
  assert.match(dx.headers['content-type'] as string, /^text\/xml/);
  assert.equal(asList((xml(dx.body).discovery!.endpoints as Json).endpoint as Json).length, 1);

  const sj = (await w.app.inject({ url: '/open311/v2/services.json' })).json() as Json[];
  const pothole = sj.find((s) => s.service_code === 'field_report.hu-hong-mat-duong')!;
  assert.ok(pothole, 'one service per category and kind');
  assert.equal(pothole.metadata, true);
  assert.equal(pothole.type, 'realtime');
  assert.equal(typeof pothole.group, 'string');
  assert.match(pothole.keywords as string, /Phản ánh hiện trường/);
  assert.ok(!sj.some((s) => String(s.service_code).startsWith('initiative.')), 'initiatives are not service requests');
  const sx = xml((await w.app.inject({ url: '/open311/v2/services.xml?jurisdiction_id=hanoi.gov.vn' })).body);
  const services = asList((sx.services as Json).service as Json[]);
  assert.equal(services.length, sj.length, 'the same list in both formats');
  assert.equal(services.find((s) => s.service_code === pothole.service_code)?.metadata, 'true');

  const def = (await w.app.inject({ url: '/open311/v2/services/field_report.hu-hong-mat-duong.json' })).json() as { service_code: string; attributes: Json[] };
  assert.equal(def.service_code, 'field_report.hu-hong-mat-duong');
  const attr = (code: string) => def.attributes.find((a) => a.code === code)!;
  assert.equal(attr('occurred_at').required, true, 'R-5.2 a field report carries its time');
  assert.equal(attr('occurred_at').datatype, 'datetime');
  assert.deepEqual((attr('confidential').values as Json[]).map((v) => v.key), ['true', 'false'], 'R-5.7');
  const defX = xml((await w.app.inject({ url: '/open311/v2/services/waste_report.lang-phi-tai-san-cong.xml' })).body);
  const wasteAttrs = asList(((defX.service_definition as Json).attributes as Json).attribute as Json[]);
  assert.equal(wasteAttrs.find((a) => a.code === 'occurred_at')?.required, 'false');
});

test('R-18.5 R-5.5 R-8.5 a form-encoded POST is a submission by the bound account; expected_datetime is the stage deadline on the calendar', async () => {
  const res = await w.post('json', w.fields());
  assert.equal(res.statusCode, 201, res.body);
  const [created] = res.json() as Json[];
  assert.match(created!.service_request_id as string, /^PA-2026-\d{6}$/);
  assert.equal(created!.service_notice, 'Tiếp nhận trong 08 giờ làm việc; xử lý trong 07 ngày làm việc');

  // The citizen sees it as their own report, confidential by default.
  const mine = (await w.app.inject({ url: '/api/v1/me/reports', headers: w.citizenH })).json();
  const own = mine.items.find((i: Json) => i.code === created!.service_request_id);
  assert.ok(own, 'the report belongs to the account bound to the key');
  assert.equal(own.confidential, true);

  const one = await w.app.inject({ url: `/open311/v2/requests/${created!.service_request_id as string}.json` });
  assert.equal(one.statusCode, 200, one.body);
  const [r] = one.json() as Json[];
  const submitted = vietnamTime(2026, 3, 2, 9, 0);
  const { calendar } = await currentCalendar(w.ctx);
  assert.equal(r!.expected_datetime, formatVietnamTime(addWorkingTime(calendar, submitted, { hours: 8 })), 'R-7.2d receiving within 08 working hours');
  assert.equal(r!.expected_datetime, '2026-03-03T09:00:00+07:00');
  assert.equal(r!.status, 'open');
  assert.match(r!.status_notes as string, /\(submitted\)$/);
  assert.equal(r!.requested_datetime, '2026-03-02T09:00:00+07:00');
  assert.equal(r!.agency_responsible, 'Ủy ban nhân dân Phường Hoàn Kiếm', 'the receiving agency leads until one is chosen');
  assert.equal(r!.address, 'Phố Đinh Tiên Hoàng, gần Tháp Rùa');
  assert.deepEqual([r!.lat, r!.long, r!.zipcode, r!.media_url], [21.0287, 105.8524, null, null]);
  assert.equal(typeof r!.service_request_id, 'string');

  const x = xml((await w.app.inject({ url: `/open311/v2/requests/${created!.service_request_id as string}.xml` })).body);
  const rx = (x.service_requests as Json).request as Json;
  assert.equal(rx.expected_datetime, r!.expected_datetime);
  assert.equal(rx.service_notice, created!.service_notice);

  const token = (await w.app.inject({ url: `/open311/v2/tokens/${created!.service_request_id as string}.json` })).json() as Json[];
  assert.deepEqual(token, [{ service_request_id: created!.service_request_id, token: created!.service_request_id }]);
  const tokenX = xml((await w.app.inject({ url: `/open311/v2/tokens/${created!.service_request_id as string}.xml` })).body);
  assert.equal(((tokenX.service_requests as Json).request as Json).service_request_id, created!.service_request_id);

  // Once taken on and classified urgent, the next stage's deadline follows (R-8.5: the head assigns within 04 working hours).
  const id = own.id as string;
  w.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  const sxd = (await findAgency(w.ctx.db, { code: 'so-xay-dung' }))!;
  await reportActionOk(w.app, w.operatorH, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'urgent' });
  const [accepted] = (await w.app.inject({ url: `/open311/v2/requests/${created!.service_request_id as string}.json` })).json() as Json[];
  assert.equal(accepted!.expected_datetime, formatVietnamTime(addWorkingTime(calendar, vietnamTime(2026, 3, 2, 10, 0), { hours: 4 })));
  assert.equal(accepted!.service_notice, 'Tiếp nhận trong 08 giờ làm việc; xử lý trong 04 giờ làm việc');
  assert.equal(accepted!.agency_responsible, 'Sở Xây dựng', 'the lead agency');
  w.clock.set(vietnamTime(2026, 3, 2, 9, 0));
});

test('R-18.5 R-5.2 a FixMyStreet-style POST: form-encoded, deviceid, attribute[fixmystreet_id], two media_url fetched and checked; a retry files nothing twice', async () => {
  const fms = w.fields({
    'attribute[fixmystreet_id]': '4711',
    'attribute[title]': 'Ổ gà trước số 12 Đinh Tiên Hoàng',
    'attribute[confidential]': 'false',
    deviceid: 'fms-device-42',
    media_url: [`${mediaBase}/a.jpg`, `${mediaBase}/b.jpg`],
    jurisdiction_id: 'hanoi.gov.vn',
  });
  const res = await w.post('xml', fms);
  assert.equal(res.statusCode, 201, res.body);
  const request = (xml(res.body).service_requests as Json).request as Json;
  const code = request.service_request_id as string;
  assert.match(code, /^PA-2026-\d{6}$/);

  const report = await w.ctx.db.selectFrom('reports').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  assert.equal(report.title, 'Ổ gà trước số 12 Đinh Tiên Hoàng');
  assert.equal(report.confidential, false);
  const detail = (await w.app.inject({ url: `/api/v1/reports/${report.id}`, headers: w.citizenH })).json();
  assert.equal(detail.media.length, 2, 'both media_url became the report’s photos, checked like uploads');
  const submission = await w.ctx.db.selectFrom('open311_submissions').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow();
  assert.equal(submission.device_id, 'fms-device-42');
  assert.deepEqual(submission.attributes, { fixmystreet_id: '4711' });
  assert.equal(submission.contact_enc, null, 'a citizen’s own key: the identity is the account’s');

  const again = await w.post('xml', fms);
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(((xml(again.body).service_requests as Json).request as Json).service_request_id, code, 'the same fixmystreet_id answers with the same report');
  assert.equal((await w.ctx.db.selectFrom('open311_submissions').select('report_id').where('key_id', '=', w.keyId).execute()).filter((s) => s.report_id === report.id).length, 1);

  const [listed] = (await w.app.inject({ url: `/open311/v2/requests/${code}.json` })).json() as Json[];
  assert.match(listed!.media_url as string, /^http:\/\/localhost(:\d+)?\/api\/v1\/media\/[0-9a-f]{64}$/, 'the public copy, absolute');
});

test('R-18.5 errors in the spec’s format: 403 without or with a bad or revoked api_key, 400 naming what is missing (R-5.5), 404 for what is not there', async () => {
  const noKey = await w.post('xml', { ...w.fields(), api_key: '' });
  assert.equal(noKey.statusCode, 403);
  const errs = asList(((xml(noKey.body).errors as Json).error) as Json[]);
  assert.equal(errs[0]!.code, '403');
  assert.match(errs[0]!.description as string, /api_key/);

  const badKey = await w.post('json', w.fields({ api_key: 'ihk_not-a-key' }));
  assert.equal(badKey.statusCode, 403);
  assert.deepEqual(Object.keys((badKey.json() as Json[])[0]!), ['code', 'description']);
  assert.equal((badKey.json() as Json[])[0]!.code, '403');

  const missing = await w.post('json', w.fields({ email: '', phone: '', first_name: '', last_name: '' }));
  assert.equal(missing.statusCode, 400);
  const lines = (missing.json() as Json[]).map((e) => e.description as string);
  assert.ok(lines.some((l) => l.startsWith('email:')) && lines.some((l) => l.startsWith('phone:')) && lines.some((l) => l.startsWith('first_name:')), lines.join('\n'));
  assert.ok(lines.every((l) => /R-5\.5/.test(l)));

  const other = await w.post('json', w.fields({ email: 'nguoi.khac@example.vn' }));
  assert.equal(other.statusCode, 400);
  assert.match((other.json() as Json[])[0]!.description as string, /^email: .*R-26\.3/);

  const nowhere = await w.post('json', w.fields({ lat: '', long: '', address_string: '' }));
  assert.equal(nowhere.statusCode, 400);
  assert.match((nowhere.json() as Json[]).map((e) => e.description).join('\n'), /lat: /);
  const noTime = await w.post('json', w.fields({ 'attribute[occurred_at]': '' }));
  assert.match((noTime.json() as Json[]).map((e) => e.description).join('\n'), /attribute\[occurred_at\]: .*R-5\.2/);
  const outside = await w.post('json', w.fields({ lat: 10.7769, long: 106.7009 }));
  assert.equal(outside.statusCode, 400);
  assert.match((outside.json() as Json[])[0]!.description as string, /^lat: .*Hà Nội/);
  const tooLong = await w.post('json', w.fields({ description: 'Mặt đường hư hỏng nặng. '.repeat(200) }));
  assert.match((tooLong.json() as Json[])[0]!.description as string, /^description: .*4000/);
  const unknownService = await w.post('json', w.fields({ service_code: 'field_report.khong-co' }));
  assert.equal(unknownService.statusCode, 400);
  assert.match((unknownService.json() as Json[])[0]!.description as string, /^service_code: /);
  const unknownAttr = await w.post('json', w.fields({ 'attribute[mau_sac]': 'đỏ' }));
  assert.match((unknownAttr.json() as Json[])[0]!.description as string, /^attribute\[mau_sac\]: /);
  const unknownField = await w.post('json', w.fields({ colour: 'red' }));
  assert.equal(unknownField.statusCode, 400);

  const notImage = await w.post('json', w.fields({ media_url: [`${mediaBase}/page.html`, `${mediaBase}/missing.jpg`, 'file:///etc/passwd'] }));
  assert.equal(notImage.statusCode, 400);
  const fetchLines = (notImage.json() as Json[]).map((e) => e.description as string);
  assert.deepEqual(fetchLines.map((l) => l.split(':')[0]), ['media_url.0', 'media_url.1', 'media_url.2']);
  assert.match(fetchLines.join('\n'), /text\/html[\s\S]*HTTP 404[\s\S]*http hoặc https/);

  const json = await w.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: w.fields() });
  assert.equal(json.statusCode, 400, 'JSON bodies are not Open311');
  assert.equal((json.json() as Json[])[0]!.code, '400');
  assert.match((json.json() as Json[])[0]!.description as string, /x-www-form-urlencoded/);

  for (const url of ['/open311/v2/requests/PA-2026-999999.json', '/open311/v2/tokens/PA-2026-999999.json', '/open311/v2/services/field_report.khong-co.json', '/open311/v2/nothing.json']) {
    const r = await w.app.inject({ url });
    assert.equal(r.statusCode, 404, url);
    assert.equal((r.json() as Json[])[0]!.code, '404', url);
  }
  const x404 = await w.app.inject({ url: '/open311/v2/requests/PA-2026-999999.xml' });
  assert.equal(String(asList((xml(x404.body).errors as Json).error as Json[])[0]!.code), '404');
  assert.equal((await w.app.inject({ url: '/open311/v2/services.json?jurisdiction_id=hcm.gov.vn' })).statusCode, 404);

  const wide = await w.app.inject({ url: '/open311/v2/requests.json?start_date=2025-10-01T00:00:00%2B07:00&end_date=2026-03-01T00:00:00%2B07:00' });
  assert.equal(wide.statusCode, 400);
  assert.match((wide.json() as Json[])[0]!.description as string, /^end_date: .*90/);

  // A revoked key is refused from then on.
  const extra = await w.app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: w.adminH, payload: { name: 'Khóa sẽ thu hồi', accountId: w.citizen.id } });
  assert.equal((await w.app.inject({ method: 'POST', url: `/api/v1/admin/integration-keys/${extra.json().id as string}/revoke`, headers: w.adminH })).statusCode, 204);
  assert.equal((await w.post('json', w.fields({ api_key: extra.json().key as string }))).statusCode, 403);
});

test('R-5.7 R-8.3 GET requests lists public reports with paging and bbox, never with the reporter’s identity', async () => {
  // Three reports at one spot far from the others, to page through with bbox.
  const spot = { lat: 21.0405, long: 105.8345 };
  const codes: string[] = [];
  for (let i = 0; i < 3; i++) {
    w.clock.set(vietnamTime(2026, 3, 2, 11, i));
    const res = await w.post('json', w.fields({ ...spot, address_string: `Phố Phan Đình Phùng số ${i + 1}`, 'attribute[confidential]': 'false' }));
    assert.equal(res.statusCode, 201, res.body);
    codes.push((res.json() as Json[])[0]!.service_request_id as string);
  }
  w.clock.set(vietnamTime(2026, 3, 2, 12, 0));
  const bbox = 'bbox=105.834,21.040,105.835,21.041';
  const p1 = await w.app.inject({ url: `/open311/v2/requests.json?${bbox}&page_size=2&page=1` });
  const p2 = await w.app.inject({ url: `/open311/v2/requests.json?${bbox}&page_size=2&page=2` });
  assert.equal(decodeURIComponent(String(p1.headers.link)), `</open311/v2/requests.json?${bbox}&page_size=2&page=2>; rel="next"`, 'a page that is not the last links to the next one');
  assert.equal(p2.headers.link, undefined, 'the last page links nowhere');
  assert.deepEqual([...(p1.json() as Json[]), ...(p2.json() as Json[])].map((r) => r.service_request_id), [...codes].reverse(), 'newest first, page by page');
  const px = xml((await w.app.inject({ url: `/open311/v2/requests.xml?${bbox}&page_size=2&page=2` })).body);
  assert.equal(asList((px.service_requests as Json).request as Json[]).length, 1);

  const byIds = (await w.app.inject({ url: `/open311/v2/requests.json?service_request_id=${codes[0]},${codes[2]}` })).json() as Json[];
  assert.deepEqual(byIds.map((r) => r.service_request_id).sort(), [codes[0], codes[2]].sort());
  assert.equal(((await w.app.inject({ url: `/open311/v2/requests.json?${bbox}&status=closed` })).json() as Json[]).length, 0);
  assert.equal(((await w.app.inject({ url: `/open311/v2/requests.json?${bbox}&status=open&service_code=field_report.hu-hong-mat-duong` })).json() as Json[]).length, 3);
  assert.equal(((await w.app.inject({ url: `/open311/v2/requests.json?${bbox}&end_date=2026-03-02T11:01:00%2B07:00` })).json() as Json[]).length, 1, 'end_date is exclusive');
  assert.equal((await w.app.inject({ url: '/open311/v2/requests.json?bbox=1,2,3' })).statusCode, 400);

  // Nothing of the reporter anywhere in what Open311 answers, even for reports that are not confidential.
  const c = w.citizen;
  for (const url of [`/open311/v2/requests.json?${bbox}`, `/open311/v2/requests.xml?${bbox}`, '/open311/v2/servicerequestupdates.json', '/open311/v2/servicerequestupdates.xml', `/open311/v2/requests/${codes[0]}.xml`]) {
    const body = (await w.app.inject({ url })).body;
    for (const secret of [c.id, c.email, c.phone, c.cccd, c.fullName, 'Thử Nghiệm', 'Nguyễn Thị']) assert.ok(!body.includes(secret), `${url} leaks ${secret}`);
  }
});

test('R-18.5 servicerequestupdates follows progress FixMyStreet-style: update_id, service_request_id, status, description, updated_datetime', async () => {
  w.clock.set(vietnamTime(2026, 3, 4, 9, 0));
  const res = await w.post('json', w.fields({ description: 'Nắp hố ga bị vỡ, trẻ em đi học qua đây rất dễ bị ngã xuống, đề nghị xử lý sớm.' }));
  const code = (res.json() as Json[])[0]!.service_request_id as string;
  const id = (await w.ctx.db.selectFrom('reports').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  w.clock.set(vietnamTime(2026, 3, 4, 9, 30));
  await reportActionOk(w.app, w.operatorH, id, { action: 'startVerification', question: 'Xin cho biết số nhà gần nhất?' });

  const window = 'start_date=2026-03-04T00:00:00%2B07:00&end_date=2026-03-05T00:00:00%2B07:00';
  const updates = (await w.app.inject({ url: `/open311/v2/servicerequestupdates.json?${window}` })).json() as Json[];
  const mine = updates.filter((u) => u.service_request_id === code);
  assert.deepEqual(
    mine.map((u) => [u.status, u.external_status_code, u.updated_datetime]),
    [
      ['open', 'submitted', '2026-03-04T09:00:00+07:00'],
      ['open', 'verifying', '2026-03-04T09:30:00+07:00'],
    ],
  );
  assert.equal(mine[0]!.description, 'Gửi phản ánh');
  assert.equal(typeof mine[0]!.update_id, 'string');
  const x = xml((await w.app.inject({ url: `/open311/v2/servicerequestupdates.xml?${window}&page_size=1&page=2` })).body);
  const one = asList((x.service_requests_updates as Json).request_update as Json[]);
  assert.equal(one.length, 1);
  assert.deepEqual(Object.keys(one[0]!).slice(0, 5), ['update_id', 'service_request_id', 'status', 'external_status_code', 'description']);
});

test('R-18.5 integration keys: only administrators create, list and revoke them; the key is shown once and stored hashed', async () => {
  assert.equal((await w.app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: w.citizenH, payload: { name: 'Tự cấp', accountId: w.citizen.id } })).statusCode, 403);
  assert.equal((await w.app.inject({ url: '/api/v1/admin/integration-keys', headers: w.operatorH })).statusCode, 403);
  assert.equal((await w.app.inject({ url: '/api/v1/admin/integration-keys' })).statusCode, 401);
  const list = await w.app.inject({ url: '/api/v1/admin/integration-keys', headers: w.adminH });
  assert.equal(list.statusCode, 200);
  assert.ok(list.json().items.some((k: Json) => k.id === w.keyId && (k.account as Json).id === w.citizen.id));
  assert.ok(!list.body.includes(w.apiKey), 'the key is never shown again');
  const stored = await w.ctx.db.selectFrom('integration_keys').select('key_hash').where('id', '=', w.keyId).executeTakeFirstOrThrow();
  assert.notEqual(stored.key_hash, w.apiKey);
  const staff = await w.ctx.db.selectFrom('users').select('id').where('kind', '=', 'staff').executeTakeFirstOrThrow();
  assert.equal((await w.app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: w.adminH, payload: { name: 'Khóa cán bộ', accountId: staff.id } })).statusCode, 400);
  assert.equal((await w.app.inject({ method: 'POST', url: `/api/v1/admin/integration-keys/${w.keyId}/revoke`, headers: w.citizenH })).statusCode, 403);
  // The form parser lives in the Open311 plugin only: our own API still refuses forms (no cross-site form posts).
  const formToApi = await w.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...w.citizenH, ...FORM }, payload: form({ kind: 'field_report' }) });
  assert.equal(formToApi.statusCode, 415);
  assert.equal(formToApi.json().code, 'UNSUPPORTED_MEDIA_TYPE');
});

test('R-3.9 R-18.5 an unverified account’s key cannot post (403); the demo seed’s key posts at once as the demo citizen', async () => {
  const unverified = await createCitizen(w.app);
  const k = await w.app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: w.adminH, payload: { name: 'Chưa xác thực', accountId: unverified.id } });
  const res = await w.post('xml', w.fields({ api_key: k.json().key as string, email: unverified.email, phone: unverified.phone }));
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /<code>403<\/code>/);

  await seedDemo(w.ctx);
  assert.equal(w.ctx.config.open311DemoApiKey, PUBLISHED_OPEN311_DEMO_API_KEY);
  // The README's curl.
  const demo = await w.post('json', w.fields({ api_key: PUBLISHED_OPEN311_DEMO_API_KEY, email: 'binh.tran@example.vn', phone: '0912345678' }));
  assert.equal(demo.statusCode, 201, demo.body);
});

test('R-5.5 R-5.8 an organisation’s key posts as the organisation; the person who wrote it is kept encrypted, never shown', async () => {
  const identity = citizenIdentity();
  const reg = await w.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...identity, kind: 'organisation', organisation: { name: 'Công ty Môi trường Xanh', taxCode: '0101234567' } } });
  assert.equal(reg.statusCode, 201, reg.body);
  await updateUser(w.ctx.db, reg.json().id as string, { identity_verified_at: w.ctx.clock.now(), identity_verification_ref: 'test' });
  const k = await w.app.inject({ method: 'POST', url: '/api/v1/admin/integration-keys', headers: w.adminH, payload: { name: 'Phần mềm của Công ty Môi trường Xanh', accountId: reg.json().id } });
  const res = await w.post('json', w.fields({ api_key: k.json().key as string, first_name: 'Lan', last_name: 'Phạm', email: 'lan.pham@moitruongxanh.vn', phone: '0987654321', device_id: 'crm-7' }));
  assert.equal(res.statusCode, 201, res.body);
  const code = (res.json() as Json[])[0]!.service_request_id as string;
  const report = await w.ctx.db.selectFrom('reports').select(['id', 'reporter_id']).where('code', '=', code).executeTakeFirstOrThrow();
  assert.equal(report.reporter_id, reg.json().id, 'the organisation is the reporter');
  const kept = await w.ctx.db.selectFrom('open311_submissions').selectAll().where('report_id', '=', report.id).executeTakeFirstOrThrow();
  assert.ok(kept.contact_enc && !kept.contact_enc.includes('lan.pham'), 'encrypted at rest');
  assert.deepEqual(JSON.parse(w.ctx.pii.decrypt(kept.contact_enc)), { firstName: 'Lan', lastName: 'Phạm', email: 'lan.pham@moitruongxanh.vn', phone: '+84987654321' });
  const shown = (await w.app.inject({ url: `/open311/v2/requests/${code}.xml` })).body;
  for (const secret of ['Lan', 'lan.pham', '0987654321', 'Môi trường Xanh']) assert.ok(!shown.includes(secret), secret);
});
