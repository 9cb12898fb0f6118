/** CAP 1.2 feed (issue 6 item 6, R-18.5): every document validates against the OASIS schema (data/cap/CAP-v1.2.xsd). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { alertsTestApp } from '../../../test/alerts.ts';
import { upload } from '../../../test/uploads.ts';
import { minimalVideo, phoneJpeg } from '../../adapters/media/fixtures/images.ts';

const XSD = readFileSync(new URL('../../../data/cap/CAP-v1.2.xsd', import.meta.url), 'utf8');

async function assertValidCap(xml: string) {
  const r = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }] });
  assert.ok(r.valid, `${r.rawOutput}\n${xml}`);
}

test('R-18.5 sent alerts are CAP 1.2 documents that validate against the OASIS schema, with +07:00 times, the GSO code and the commune outline', async () => {
  const t = await alertsTestApp();
  const city = await t.send(t.cityEditor, t.cityApprover);
  const commune = await t.send(t.hkEditor, t.hkApprover, { kind: 'information', severity: 'Minor', urgency: 'Future', category: 'Infra', title: 'Lịch cắt nước phố Hàng Bạc', body: 'Ngày 5/3 cắt nước từ 8 giờ đến 16 giờ để sửa đường ống; các hộ dân chủ động trữ nước & nước sạch.' });
  for (const a of [city, commune]) {
    const res = await t.app.inject({ url: `/cap/alerts/${a.code}.xml` });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/cap\+xml/);
    await assertValidCap(res.body);
    assert.match(res.body, /<sent>2026-03-02T09:00:00\+07:00<\/sent>/);
    assert.match(res.body, /<msgType>Alert<\/msgType>/);
    assert.match(res.body, /<language>vi-VN<\/language>/);
    assert.match(res.body, /<polygon>(-?\d+\.\d+,-?\d+\.\d+ ){3,}-?\d+\.\d+,-?\d+\.\d+<\/polygon>/, 'the unit’s outline, simplified');
  }
  const doc = (await t.app.inject({ url: `/cap/alerts/${commune.code}.xml` })).body;
  assert.match(doc, new RegExp(`<valueName>GSO</valueName>\\s*<value>${t.hkUnit.code}</value>`));
  assert.match(doc, /<areaDesc>Phường Hoàn Kiếm<\/areaDesc>/);
  assert.match(doc, /trữ nước &amp; nước sạch/, 'text is escaped');
  assert.match(doc, new RegExp(`<senderName>${t.hoanKiem.name}</senderName>`));

  // A cancellation is a message of its own that references the original.
  t.clock.set(vietnamTime(2026, 3, 2, 11, 30));
  const current = (await t.app.inject({ url: `/api/v1/alerts/${commune.id}`, headers: t.hkApprover })).json();
  await t.post(t.hkApprover, `/api/v1/alerts/${commune.id}/actions`, { action: 'cancel', version: current.version }, 200);
  const cancel = (await t.app.inject({ url: `/cap/alerts/${commune.code}.xml` })).body;
  await assertValidCap(cancel);
  assert.match(cancel, /<msgType>Cancel<\/msgType>/);
  assert.match(cancel, new RegExp(`<references>ihanoi\\.hanoi\\.gov\\.vn,ihanoi\\.hanoi\\.gov\\.vn\\.${commune.code},2026-03-02T09:00:00\\+07:00</references>`));
  assert.match(cancel, new RegExp(`<identifier>ihanoi\\.hanoi\\.gov\\.vn\\.${commune.code}\\.cancel</identifier>`));
});

test('R-18.5 the Atom index lists the alerts in force with links to their CAP documents; drafts, scheduled and expired ones are not public', async () => {
  const t = await alertsTestApp();
  const city = await t.send(t.cityEditor, t.cityApprover);
  const scheduled = await t.send(t.hkEditor, t.hkApprover, { title: 'Thông báo hẹn giờ', body: 'Nội dung của một thông báo hẹn giờ gửi vào buổi chiều.', scheduledAt: '2026-03-02T17:00:00+07:00' });
  const draft = await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Bản nháp chưa gửi' }), 201);
  const feed = await t.app.inject({ url: '/cap/alerts.atom' });
  assert.equal(feed.statusCode, 200);
  assert.match(feed.headers['content-type'] as string, /^application\/atom\+xml/);
  assert.match(feed.body, new RegExp(`href="http://localhost(:\\d+)?/cap/alerts/${city.code}\\.xml"`));
  for (const hidden of [scheduled.code, draft.code]) {
    assert.ok(!feed.body.includes(hidden));
    assert.equal((await t.app.inject({ url: `/cap/alerts/${hidden}.xml` })).statusCode, 404);
  }
  t.clock.set(vietnamTime(2026, 3, 5, 9, 0)); // the city alert expired on the 4th at 18:00
  assert.ok(!(await t.app.inject({ url: '/cap/alerts.atom' })).body.includes(city.code));
  assert.equal((await t.app.inject({ url: '/cap/alerts/khong-co.xml' })).statusCode, 400);
});

test('R-18.5 an update of a sent alert is a CAP Update referencing it; only the issuing unit updates, and only what it sent', async () => {
  const t = await alertsTestApp();
  const city = await t.send(t.cityEditor, t.cityApprover);
  t.clock.set(vietnamTime(2026, 3, 2, 15, 0));
  const update = await t.send(t.cityEditor, t.cityApprover, { updates: city.id, title: 'Cập nhật: mưa lớn kéo dài đến sáng thứ Năm', body: 'Mưa to đến rất to kéo dài đến sáng thứ Năm; lượng mưa có nơi trên 200 mm. Người dân tiếp tục hạn chế ra đường.' });
  assert.equal(update.msgType, 'Update');
  const doc = (await t.app.inject({ url: `/cap/alerts/${update.code}.xml` })).body;
  await assertValidCap(doc);
  assert.match(doc, /<msgType>Update<\/msgType>/);
  assert.match(doc, new RegExp(`<references>ihanoi\\.hanoi\\.gov\\.vn,ihanoi\\.hanoi\\.gov\\.vn\\.${city.code},2026-03-02T09:00:00\\+07:00</references>`));
  const other = await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: t.hkEditor, payload: t.draft({ updates: city.id }) });
  assert.equal(other.statusCode, 404, 'another unit cannot update the city’s alert');
  const draft = await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Bản nháp của phường' }), 201);
  const notSent = await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: t.hkEditor, payload: t.draft({ updates: draft.id }) });
  assert.equal(notSent.statusCode, 409);
});

test('R-18.5 R-5.7 issue 6 an alert carries the editor’s photos: residents get their public copies, CAP lists them as resources; others’ uploads and videos are refused', async () => {
  const t = await alertsTestApp();
  const photo = await upload(t.app, t.hkEditor, [{ name: 'cay-do.jpg', bytes: await phoneJpeg({ gps: true }) }]);
  assert.equal(photo.statusCode, 201, photo.body);
  const photoId = photo.json().items[0].id as string;
  const a = await t.resident(t.hkUnit);
  const sent = await t.send(t.hkEditor, t.hkApprover, { attachments: [photoId] });
  const item = (await t.inbox(a.h)).items[0] as unknown as { attachments: { url: string }[] };
  assert.equal(item.attachments.length, 1);
  const image = await t.app.inject({ url: item.attachments[0]!.url });
  assert.equal(image.statusCode, 200);
  assert.equal(image.headers['content-type'], 'image/jpeg');
  const doc = (await t.app.inject({ url: `/cap/alerts/${sent.code}.xml` })).body;
  await assertValidCap(doc);
  assert.match(doc, /<resource>\s*<resourceDesc>Ảnh đính kèm 1<\/resourceDesc>\s*<mimeType>image\/jpeg<\/mimeType>\s*<uri>http:\/\/localhost(:\d+)?\/api\/v1\/media\/[0-9a-f]{64}<\/uri>/);

  const video = await upload(t.app, t.hkEditor, [{ name: 'clip.mp4', bytes: minimalVideo() }]);
  const videoId = video.json().items[0].id as string;
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: t.cityEditor, payload: t.draft({ attachments: [photoId, videoId] }) });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['body.attachments.0', 'body.attachments.1'], 'another editor’s photo; and any video');
});
