import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { sweep } from '../../jobs/deadline-sweep.ts';
import { phoneJpeg, minimalVideo } from '../../adapters/media/fixtures/images.ts';
import { integrityTestApp } from '../../../test/integrity.ts';
import { createStaff, signInHeaders } from '../../../test/factories.ts';
import { fieldReportBody } from '../../../test/reports.ts';
import { scenePhoto } from '../../../test/fixtures/photo-variants.ts';
import sharp from 'sharp';
import { checkReport } from './check-report.ts';

test('R-6.2b a photo whose metadata names Photoshop is flagged to the receiving officer, beside reason (b); the reporter and the public never see findings', async () => {
  const t = await integrityTestApp();
  const c = await t.citizen();
  const photo = await t.uploadOne(c.h, 'anh.jpg', await phoneJpeg({ software: 'Adobe Photoshop 25.0 (Windows)', dateTimeOriginal: '2026:03:02 08:30:00', gps: true }));
  const r = await t.submit(c.h, { media: [photo] });
  assert.equal(await checkReport(t.ctx, r.id), true);
  const findings = await t.findingsSeenByOfficer(r.id);
  const edited = findings.find((f) => f.check === 'edited_photo');
  assert.ok(edited, JSON.stringify(findings));
  assert.equal(edited.supportsReason?.code, 'b');
  assert.equal(edited.uploadId, photo);
  assert.match(edited.summary, /Adobe Photoshop/);
  assert.deepEqual(findings.map((f) => f.check), ['edited_photo'], 'nothing else: taken at the place, an hour before');
  // The queue shows it at a glance.
  const queue = (await t.app.inject({ url: '/api/v1/staff/reports', headers: t.officerH })).json();
  assert.deepEqual(queue.items.find((i: { code: string }) => i.code === r.code).findings, [{ check: 'edited_photo', label: 'Dấu hiệu ảnh đã qua phần mềm chỉnh sửa' }]);

  const own = (await t.app.inject({ url: `/api/v1/reports/${r.id}`, headers: c.h })).json();
  assert.equal(own.findings, undefined);
  const pub = (await t.app.inject({ url: `/api/v1/public/reports/${r.code}` })).json();
  assert.equal(pub.findings, undefined);
  assert.ok(!JSON.stringify(pub.timeline).includes('integrity'), 'the checks are not in the public timeline');
});

test('R-6.2c a video whose frames are not sampled yet is marked "not compared" — never a silent pass', async () => {
  const t = await integrityTestApp();
  const c = await t.citizen();
  const video = await t.uploadOne(c.h, 'clip.mp4', minimalVideo());
  const r = await t.submit(c.h, { media: [video] });
  await checkReport(t.ctx, r.id);
  const f = (await t.findingsSeenByOfficer(r.id)).find((x) => x.check === 'video_not_checked');
  assert.equal(f?.uploadId, video);
  assert.deepEqual(f?.evidence, { reason: 'pending' });
  assert.match(f?.summary ?? '', /đang trích khung hình/);
});

test('R-6.2c a same-category report still being handled within 250 m is shown to the officer with its code and distance', async () => {
  const t = await integrityTestApp();
  const first = await t.submit((await t.citizen()).h);
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  // About 110 m north of the first pin (fieldReportBody puts it at Hoàn Kiếm lake).
  const body = fieldReportBody();
  const place = body.place as { lat: number; lng: number };
  const near = await t.submit((await t.citizen()).h, { place: { ...place, lat: place.lat + 0.001 } });
  const far = await t.submit((await t.citizen()).h, { place: { ...place, lat: place.lat + 0.01 } });
  const other = await t.submit((await t.citizen()).h, { categoryCode: 'dien-chieu-sang', place: { ...place, lat: place.lat + 0.0005 } });
  for (const r of [near, far, other]) await checkReport(t.ctx, r.id);
  const nearby = (await t.findingsSeenByOfficer(near.id)).filter((f) => f.check === 'nearby_report');
  assert.deepEqual(nearby.map((f) => f.matchedReport?.code), [first.code]);
  assert.ok((nearby[0]!.evidence.meters as number) > 100 && (nearby[0]!.evidence.meters as number) < 120);
  assert.deepEqual((await t.findingsSeenByOfficer(far.id)).filter((f) => f.check === 'nearby_report'), [], '1.1 km away');
  assert.deepEqual((await t.findingsSeenByOfficer(other.id)).filter((f) => f.check === 'nearby_report'), [], 'another category');
});

test('R-6.2 issue 5 the checks run after the answer when a report is submitted, and the sweep runs those that were missed', async () => {
  const eager = await integrityTestApp({ integrityCheckOnSubmit: true });
  const r = await eager.submit((await eager.citizen()).h);
  let checkedAt: Date | null = null;
  for (let i = 0; i < 100 && !checkedAt; i++) {
    checkedAt = (await eager.ctx.db.selectFrom('reports').select('integrity_checked_at').where('id', '=', r.id).executeTakeFirstOrThrow()).integrity_checked_at;
    if (!checkedAt) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(checkedAt, 'checked shortly after the submission');

  const lazy = await integrityTestApp();
  const missed = await lazy.submit((await lazy.citizen()).h);
  assert.equal((await sweep(lazy.ctx)).checked, 0, 'not within its first minute: the submission may still be checking it');
  lazy.clock.set(vietnamTime(2026, 3, 2, 9, 2));
  assert.equal((await sweep(lazy.ctx)).checked, 1);
  assert.equal((await sweep(lazy.ctx)).checked, 0);
  const events = await lazy.ctx.db.selectFrom('audit_events').selectAll().where('subject_type', '=', 'report_integrity').where('subject_id', '=', missed.id).execute();
  assert.deepEqual(events.map((e) => [e.action, e.actor_role]), [['integrity.checked', 'system']]);
});

test('R-6.2c before submitting, a citizen sees the same problem already reported nearby, and follows it instead of sending it again', async () => {
  const t = await integrityTestApp();
  const first = await t.submit((await t.citizen()).h);
  const other = await t.citizen();
  const draft = fieldReportBody({ title: 'Ổ gà', description: 'Có ổ gà' });
  const place = draft.place as { lat: number; lng: number };
  const similar = await t.app.inject({ method: 'POST', url: '/api/v1/reports/similar', headers: other.h, payload: { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: { lat: place.lat + 0.0005, lng: place.lng } } });
  assert.equal(similar.statusCode, 200, similar.body);
  const items = similar.json().items as { code: string; title: string; meters: number; followers: number; stateLabel: string }[];
  assert.deepEqual(items.map((i) => [i.code, i.followers]), [[first.code, 0]]);
  assert.ok(items[0]!.meters > 40 && items[0]!.meters < 70);
  assert.ok(!JSON.stringify(items).includes(other.phone), 'public fields only');

  const followed = await t.app.inject({ method: 'POST', url: `/api/v1/public/reports/${first.code}/follow`, headers: other.h });
  assert.equal(followed.statusCode, 200, followed.body);
  assert.deepEqual(followed.json(), { following: true, followers: 1 });
  assert.deepEqual((await t.app.inject({ method: 'POST', url: `/api/v1/public/reports/${first.code}/follow`, headers: other.h })).json(), { following: true, followers: 1 }, 'twice is once');
  assert.equal((await t.app.inject({ url: `/api/v1/public/reports/${first.code}` })).json().followers, 1);
  assert.equal((await t.app.inject({ url: `/api/v1/public/reports/${first.code}`, headers: other.h })).json().following, true, 'the page knows I follow it');
  assert.equal((await t.app.inject({ url: `/api/v1/public/reports/${first.code}` })).json().following, false);
  assert.deepEqual((await t.app.inject({ method: 'DELETE', url: `/api/v1/public/reports/${first.code}/follow`, headers: other.h })).json(), { following: false, followers: 0 });

  // Not elsewhere, not another category, not without signing in; a bad body is a 400 naming the field.
  const away = await t.app.inject({ method: 'POST', url: '/api/v1/reports/similar', headers: other.h, payload: { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: { lat: place.lat + 0.01, lng: place.lng } } });
  assert.deepEqual(away.json().items, []);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/reports/similar', payload: { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place } })).statusCode, 401);
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/reports/similar', headers: other.h, payload: { kind: 'field_report', categoryCode: 'khong-co', place } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.categoryCode');
});

test('R-6.2c a citizen cannot follow their own report, an unknown one, or one no longer being handled', async () => {
  const t = await integrityTestApp();
  const me = await t.citizen();
  const mine = await t.submit(me.h);
  const own = await t.app.inject({ method: 'POST', url: `/api/v1/public/reports/${mine.code}/follow`, headers: me.h });
  assert.equal(own.statusCode, 400);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/public/reports/PA-2026-999999/follow', headers: me.h })).statusCode, 404);
  const someone = await t.citizen();
  await t.ctx.db.updateTable('reports').set({ state: 'rejected' }).where('id', '=', mine.id).execute();
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/public/reports/${mine.code}/follow`, headers: someone.h })).statusCode, 404, 'a rejected report is not public');
});

test('R-6.2c a photo already used in another reporter\'s earlier report is shown to the officer with that report; the same reporter re-sending it is a follow-up', async () => {
  const t = await integrityTestApp();
  const photo = await scenePhoto(7);
  const a = await t.citizen();
  const first = await t.submit(a.h, { media: [await t.uploadOne(a.h, 'pho.jpg', photo)] });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  // Someone else sends the same bytes; a third person a resized, re-encoded copy.
  const b = await t.citizen();
  const copy = await t.submit(b.h, { media: [await t.uploadOne(b.h, 'copy.jpg', photo)] });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 30));
  const c = await t.citizen();
  const smaller = await sharp(photo).resize({ width: 300 }).jpeg({ quality: 70 }).toBuffer();
  const near = await t.submit(c.h, { media: [await t.uploadOne(c.h, 'nho.jpg', smaller)], place: { lat: 21.04, lng: 105.85 } });
  // The first reporter again, with their own photo.
  t.clock.set(vietnamTime(2026, 3, 2, 11, 0));
  const again = await t.submit(a.h, { media: [await t.uploadOne(a.h, 'pho.jpg', photo)], place: { lat: 21.045, lng: 105.85 } });
  // An unrelated photo finds nothing.
  const d = await t.citizen();
  const unrelated = await t.submit(d.h, { media: [await t.uploadOne(d.h, 'khac.jpg', await scenePhoto(99))], place: { lat: 21.05, lng: 105.85 }, title: 'Rác thải', description: 'Rác đổ trộm ven đường từ nhiều ngày nay, bốc mùi khó chịu.' });
  for (const r of [first, copy, near, again, unrelated]) await checkReport(t.ctx, r.id);

  const exact = (await t.findingsSeenByOfficer(copy.id)).find((f) => f.check === 'duplicate_media_exact');
  assert.equal(exact?.matchedReport?.code, first.code);
  assert.equal(exact?.supportsReason?.code, 'c');
  assert.equal(exact?.confidence, 1);
  const similar = (await t.findingsSeenByOfficer(near.id)).filter((f) => f.check === 'duplicate_media_near');
  assert.deepEqual([...new Set(similar.map((f) => f.matchedReport?.code))].sort(), [first.code, copy.code].sort());
  assert.ok((similar[0]!.evidence.distance as number) <= 8);
  const own = await t.findingsSeenByOfficer(again.id);
  assert.ok(own.some((f) => f.check === 'own_media_again' && f.matchedReport?.code === first.code && f.supportsReason === null));
  assert.ok(!own.some((f) => f.check === 'duplicate_media_exact' && f.matchedReport?.code === first.code), 'not a violation against their own report');
  assert.deepEqual((await t.findingsSeenByOfficer(first.id)).filter((f) => f.check.startsWith('duplicate_media')), [], 'the first is the original');
  assert.deepEqual((await t.findingsSeenByOfficer(unrelated.id)).filter((f) => f.check.startsWith('duplicate') || f.check === 'own_media_again'), []);
});

test('R-6.2c a reworded copy of another reporter\'s text is shown with the report it copies', async () => {
  const t = await integrityTestApp();
  const description = 'Đoạn đường trước số nhà 25 phố Hàng Bài bị sụt lún thành hố sâu khoảng 30 cm, nước đọng lâu ngày, xe máy đi qua rất dễ ngã, nhất là buổi tối khi trời tối.';
  const first = await t.submit((await t.citizen()).h, { title: 'Hố sâu trên phố Hàng Bài', description });
  t.clock.set(vietnamTime(2026, 3, 2, 10, 0));
  const copy = await t.submit((await t.citizen()).h, {
    title: 'Hố sâu ở phố Hàng Bài',
    description: description.replace('khoảng 30 cm', 'chừng 30 cm').replace('rất dễ ngã', 'dễ bị ngã'),
    place: { lat: 21.04, lng: 105.85 },
  });
  await checkReport(t.ctx, copy.id);
  const dup = (await t.findingsSeenByOfficer(copy.id)).find((f) => f.check === 'duplicate_text');
  assert.equal(dup?.matchedReport?.code, first.code);
  assert.ok(dup.confidence >= 0.5);
});

test('R-5.2 R-6.2c an administrator lists a known public image; a report re-sending it, even resized, is flagged with its source', async () => {
  const t = await integrityTestApp();
  const center = (await findAgency(t.ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const admin = await createStaff(t.ctx, [{ agencyId: center.id, role: 'administrator' }]);
  const adminH = await signInHeaders(t.app, admin.username);
  const press = await scenePhoto(42);
  const added = await t.app.inject({ method: 'POST', url: '/api/v1/admin/known-images', headers: adminH, payload: { image: press.toString('base64'), label: 'Ảnh ngập phố Hàng Bài năm 2024', source: 'báo điện tử X' } });
  assert.equal(added.statusCode, 201, added.body);
  assert.equal((await t.app.inject({ url: '/api/v1/admin/known-images', headers: adminH })).json().items.length, 1);
  // Only administrators; a bad picture is a 400 naming the field.
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/admin/known-images', headers: t.officerH, payload: { image: press.toString('base64'), label: 'x y z' } })).statusCode, 403);
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/admin/known-images', headers: adminH, payload: { image: Buffer.from('không phải ảnh').toString('base64'), label: 'Ảnh hỏng' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.image');

  const c = await t.citizen();
  const r = await t.submit(c.h, { media: [await t.uploadOne(c.h, 'ngap.jpg', await sharp(press).resize({ width: 320 }).jpeg({ quality: 75 }).toBuffer())] });
  await checkReport(t.ctx, r.id);
  const known = (await t.findingsSeenByOfficer(r.id)).find((f) => f.check === 'known_public_image');
  assert.match(known?.summary ?? '', /Ảnh ngập phố Hàng Bài năm 2024 \(báo điện tử X\)/);
  assert.equal(known?.supportsReason?.code, 'c');

  // Removed from the list: no longer flagged.
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/known-images/${added.json().id}`, headers: adminH })).statusCode, 204);
  await checkReport(t.ctx, r.id);
  assert.equal((await t.findingsSeenByOfficer(r.id)).find((f) => f.check === 'known_public_image'), undefined);
});

test('R-6.2e R-1.3 an advertising text is flagged to the officer beside reason (e); a complaint draft is pointed to its proper channel before sending', async () => {
  const t = await integrityTestApp();
  const c = await t.citizen();
  const ad = await t.submit(c.h, {
    title: 'Dịch vụ thông tắc cống giá rẻ',
    description: 'Nhận thông tắc cống, hút bể phốt giá rẻ nhất Hà Nội, khuyến mãi giảm 20% cho khách mới. Liên hệ ngay 0912 345 678 hoặc zalo để được tư vấn miễn phí.',
  });
  await checkReport(t.ctx, ad.id);
  const f = (await t.findingsSeenByOfficer(ad.id)).find((x) => x.check === 'advertising');
  assert.equal(f?.supportsReason?.code, 'e');
  assert.ok(f.confidence >= 0.5);
  // A real report is not advertising.
  const real = await t.submit(c.h, { place: { lat: 21.04, lng: 105.85 } });
  await checkReport(t.ctx, real.id);
  assert.equal((await t.findingsSeenByOfficer(real.id)).find((x) => x.check === 'advertising'), undefined);

  const draft = fieldReportBody({ title: 'Khiếu nại quyết định xử phạt', description: 'Tôi làm đơn khiếu nại quyết định xử phạt hành chính số 123/QĐ-XPHC của UBND phường vì cho rằng quyết định này không đúng pháp luật.' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports/similar', headers: c.h, payload: { kind: draft.kind, categoryCode: draft.categoryCode, place: draft.place, title: draft.title, description: draft.description } });
  assert.equal(res.statusCode, 200, res.body);
  const warning = (res.json().warnings as { check: string; message: string }[]).find((w) => w.check === 'out_of_scope');
  assert.match(warning?.message ?? '', /Khiếu nại/i);
  const plain = await t.app.inject({ method: 'POST', url: '/api/v1/reports/similar', headers: c.h, payload: { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: draft.place, title: 'Ổ gà', description: 'Đề nghị phường xử lý ổ gà trước cửa nhà văn hóa.' } });
  assert.deepEqual(plain.json().warnings, []);
});

test('R-8.4 a report describing an accident or a fire is suggested as urgent, and the queue can show only those', async () => {
  const t = await integrityTestApp();
  const c = await t.citizen();
  const fire = await t.submit(c.h, { categoryCode: 'phong-chay-chua-chay', title: 'Cháy nhà dân', description: 'Đang có cháy lớn ở nhà dân trong ngõ, khói đen bốc cao, người dân đang dập lửa, đề nghị cử lực lượng đến ngay.' });
  const pothole = await t.submit(c.h, { place: { lat: 21.04, lng: 105.85 } });
  for (const r of [fire, pothole]) await checkReport(t.ctx, r.id);
  assert.ok((await t.findingsSeenByOfficer(fire.id)).some((f) => f.check === 'urgent_suggested'));
  const urgent = (await t.app.inject({ url: '/api/v1/staff/reports?finding=urgent_suggested', headers: t.officerH })).json();
  assert.deepEqual(urgent.items.map((i: { code: string }) => i.code), [fire.code]);
  assert.equal((await t.app.inject({ url: '/api/v1/staff/reports?finding=khong-co', headers: t.officerH })).statusCode, 400);
});

test('R-8.4 a report newly suggested as urgent alerts the officers receiving at its agency, once; other desks and citizens are not told', async () => {
  const t = await integrityTestApp();
  const c = await t.citizen();
  const fire = await t.submit(c.h, { categoryCode: 'phong-chay-chua-chay', title: 'Cháy nhà dân', description: 'Đang có cháy lớn ở nhà dân trong ngõ, khói đen bốc cao, người dân đang dập lửa, đề nghị cử lực lượng đến ngay.' });
  const pothole = await t.submit(c.h, { place: { lat: 21.04, lng: 105.85 } });
  const receiving = (await t.ctx.db.selectFrom('reports').select('receiving_agency_id').where('id', '=', fire.id).executeTakeFirstOrThrow()).receiving_agency_id;
  const sxd = (await findAgency(t.ctx.db, { code: 'so-xay-dung' }))!;
  assert.notEqual(receiving, sxd.id);
  const staffH = async (agencyId: string, role: Parameters<typeof createStaff>[1][number]['role']) => signInHeaders(t.app, (await createStaff(t.ctx, [{ agencyId, role }])).username);
  const onDuty = await staffH(receiving, 'receiving_officer');
  const elsewhere = await staffH(sxd.id, 'receiving_officer');
  const processing = await staffH(receiving, 'processing_officer');
  const inbox = async (h: Record<string, string>) => {
    const res = await t.app.inject({ url: '/api/v1/me/notifications', headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { unread: number; items: { id: string; action: string; title: string; reportCode: string; said: object }[] };
  };
  for (const r of [fire, pothole]) await checkReport(t.ctx, r.id);
  await checkReport(t.ctx, fire.id); // a second run of the checks does not alert again

  const duty = await inbox(onDuty);
  assert.deepEqual(
    duty.items.map((i) => [i.action, i.reportCode, i.title]),
    [['integrity.urgent', fire.code, `Phản ánh ${fire.code} có dấu hiệu khẩn cấp: đề nghị xem và tiếp nhận ngay (R-8.4)`]],
  );
  assert.equal(duty.unread, 1);
  assert.deepEqual((await inbox(t.officerH)).items.map((i) => i.reportCode), [fire.code], 'the Center’s operator receives city-wide');
  assert.deepEqual((await inbox(elsewhere)).items, [], 'another agency’s desk');
  assert.deepEqual((await inbox(processing)).items, [], 'not a receiving role');
  assert.ok(!(await inbox(c.h)).items.some((i) => i.action === 'integrity.urgent'), 'the reporter is not told of findings');
  const read = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: onDuty, payload: { ids: [duty.items[0]!.id] } });
  assert.equal(read.statusCode, 200, read.body);
  assert.equal((await inbox(onDuty)).unread, 0);
  assert.equal((await inbox(t.officerH)).unread, 1, 'each officer marks their own');
});

test('R-8.4 R-8.2 a report in a field several city agencies share is suggested as possibly complex, naming them; a single-agency field is not', async () => {
  const t = await integrityTestApp();
  const c = await t.citizen();
  const light = await t.submit(c.h, { categoryCode: 'dien-chieu-sang', title: 'Cột điện nghiêng', description: 'Cột điện trước số 12 bị nghiêng, dây điện võng thấp sát đầu người đi đường.' });
  const pothole = await t.submit(c.h, { place: { lat: 21.04, lng: 105.85 } });
  for (const r of [light, pothole]) await checkReport(t.ctx, r.id);
  const complex = (await t.findingsSeenByOfficer(light.id)).find((f) => f.check === 'complex_suggested');
  assert.match(complex?.summary ?? '', /Sở Công Thương/);
  assert.match(complex?.summary ?? '', /EVNHANOI/);
  assert.equal((await t.findingsSeenByOfficer(pothole.id)).find((f) => f.check === 'complex_suggested'), undefined);
});
