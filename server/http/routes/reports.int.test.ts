import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { testApp } from '../../../test/context.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { createCitizen, createStaff, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { fieldReportBody, reportAction } from '../../../test/reports.ts';
import { upload } from '../../../test/uploads.ts';
import { scenePhoto } from '../../../test/fixtures/photo-variants.ts';

async function setup() {
  // Mon 2 March 2026, 09:00 in Hà Nội.
  const t = await testApp();
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const { app, ctx } = t;
  const agency = async (code: string) => (await findAgency(ctx.db, { code }))!;
  const center = await agency('trung-tam-phuc-vu-hanh-chinh-cong');
  const sxd = await agency('so-xay-dung');
  const hoanKiem = await agency('ubnd-phuong-hoan-kiem');
  const staff = (agencyId: string, role: StaffRole) => signedInStaff(app, agencyId, role);
  const citizen = await createCitizen(app, { verified: true });
  return {
    ...t,
    center,
    sxd,
    hoanKiem,
    staff,
    citizen: { ...citizen, h: await signInHeaders(app, citizen.phone) },
  };
}

test('R-5 R-6.1 a verified citizen submits a field report: a human code, the commune resolved, routed, the receiving deadline stored', async () => {
  const { app, citizen } = await setup();
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...citizen.h, 'idempotency-key': 'gui-lan-1-abcdef' }, payload: fieldReportBody() });
  assert.equal(res.statusCode, 201, res.body);
  const r = res.json();
  assert.match(r.code, /^PA-2026-\d{6}$/);
  assert.equal(r.commune, 'Phường Hoàn Kiếm');
  assert.equal(r.state, 'submitted');
  assert.equal(r.stateLabel, 'Chờ tiếp nhận');
  // R-7.2d: receiving within 8 working hours of submission (Mon 09:00 → Tue 09:00).
  assert.deepEqual(r.deadlines.map((d: { stage: string; due: string }) => [d.stage, d.due]), [['receive', '2026-03-03T09:00:00+07:00']]);
  assert.equal(r.deadlines[0].workingMinutesLeft, 8 * 60, 'R-8.5 the time left is counted in working time (8 WH), not the 24 clock hours');
  assert.equal(r.timeline[0].action, 'submit');

  // Idempotency: the same submission with the same key is the same report, not a second one.
  const again = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...citizen.h, 'idempotency-key': 'gui-lan-1-abcdef' }, payload: fieldReportBody() });
  assert.equal(again.statusCode, 200);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(again.json().id, r.id);
  const other = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...citizen.h, 'idempotency-key': 'gui-lan-1-abcdef' }, payload: fieldReportBody({ title: 'Một phản ánh khác hẳn' }) });
  assert.equal(other.statusCode, 409);
  assert.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED');
  const mine = (await app.inject({ url: '/api/v1/me/reports', headers: citizen.h })).json();
  assert.equal(mine.total, 1);
  assert.equal((await app.inject({ url: '/api/v1/me/reports?kind=field_report', headers: citizen.h })).json().total, 1);
  assert.equal((await app.inject({ url: '/api/v1/me/reports?kind=initiative', headers: citizen.h })).json().total, 0, 'the initiatives page lists initiatives only');
  const listed = (await app.inject({ url: '/api/v1/public/reports' })).json().items.find((i: { code: string }) => i.code === r.code);
  assert.deepEqual(listed.place, { lat: fieldReportBody().place.lat, lng: fieldReportBody().place.lng }, 'R-8.3 the public list carries the map pin, not the address');
});

test('R-5 the answer to a submission is the report as stored: the same as reading it back', async () => {
  const { app, citizen } = await setup();
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...citizen.h, 'idempotency-key': 'doc-lai-1-abcdef' }, payload: fieldReportBody() });
  assert.equal(res.statusCode, 201, res.body);
  const read = await app.inject({ url: `/api/v1/reports/${res.json().id}`, headers: citizen.h });
  assert.deepEqual(res.json(), read.json());
});

test('R-5 retries racing with one Idempotency-Key: one report, one event, one deadline; every retry gets that report', async () => {
  const { app, ctx, citizen } = await setup();
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...citizen.h, 'idempotency-key': 'dua-nhau-1-abcdef' }, payload: fieldReportBody() })),
  );
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 200, 200, 200, 200, 201]);
  const ids = new Set(answers.map((a) => a.json().id));
  assert.equal(ids.size, 1);
  const [id] = [...ids] as [string];
  assert.equal((await ctx.db.selectFrom('reports').select('id').where('reporter_id', '=', citizen.id).execute()).length, 1);
  assert.equal((await ctx.db.selectFrom('audit_events').select('id').where('subject_id', '=', id).execute()).length, 1);
  assert.equal((await ctx.db.selectFrom('deadlines').select('id').where('subject_id', '=', id).execute()).length, 1);
});

test('R-5 ADR 0007 submissions sent together share a statement, and a racing retry among them fails only itself', async () => {
  const { app, ctx, citizen } = await setup();
  const other = await createCitizen(app, { verified: true });
  const otherH = await signInHeaders(app, other.phone);
  // Nine at once, from two citizens: six distinct submissions and three retries of one more.
  const sends = [
    ...Array.from({ length: 3 }, (_, i) => ({ h: citizen.h, key: `cung-luc-a-${i}-abcdef`, title: `Đèn đường hỏng số ${i}` })),
    ...Array.from({ length: 3 }, (_, i) => ({ h: otherH, key: `cung-luc-b-${i}-abcdef`, title: `Cây đổ chắn lối số ${i}` })),
    ...Array.from({ length: 3 }, () => ({ h: citizen.h, key: 'cung-luc-lap-abcdef', title: 'Cống tràn nước thải' })),
  ];
  const answers = await Promise.all(
    sends.map((s) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...s.h, 'idempotency-key': s.key }, payload: fieldReportBody({ title: s.title }) })),
  );
  answers.forEach((a, i) => assert.ok([200, 201].includes(a.statusCode), `${i}: ${a.body}`));
  // Each answer is its own submission's report…
  answers.forEach((a, i) => assert.equal(a.json().title, sends[i]!.title));
  const distinct = answers.slice(0, 6).map((a) => a.json().id as string);
  assert.equal(new Set(distinct).size, 6);
  assert.deepEqual(answers.slice(0, 6).map((a) => a.statusCode), [201, 201, 201, 201, 201, 201]);
  // …and the three retries are one report: one of them created it, the others were answered with it.
  const retried = answers.slice(6);
  assert.equal(new Set(retried.map((a) => a.json().id)).size, 1);
  assert.deepEqual(retried.map((a) => a.statusCode).sort(), [200, 200, 201]);
  const stored = await ctx.db.selectFrom('reports').select(['id', 'reporter_id']).where('reporter_id', 'in', [citizen.id, other.id]).execute();
  assert.equal(stored.length, 7);
  assert.equal(stored.filter((r) => r.reporter_id === other.id).length, 3);
  for (const r of stored) {
    assert.equal((await ctx.db.selectFrom('audit_events').select('id').where('subject_id', '=', r.id).execute()).length, 1, 'one first event per report');
    assert.equal((await ctx.db.selectFrom('deadlines').select('id').where('subject_id', '=', r.id).execute()).length, 1, 'one first deadline per report');
  }
});

test('R-5.2 R-6.1c bad submissions get 400 naming every field; unverified citizens and staff cannot submit', async () => {
  const { app, ctx, citizen, sxd } = await setup();
  const bad = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: citizen.h,
    payload: fieldReportBody({ title: 'ổ', description: 'ngắn', place: { lat: 20.8449, lng: 106.6881 }, occurredAt: '2026-03-05T08:00:00+07:00', categoryCode: 'khong-co' }),
  });
  assert.equal(bad.statusCode, 400);
  const fields = bad.json().errors.map((e: { field: string }) => e.field).sort();
  assert.deepEqual(fields, ['body.categoryCode', 'body.description', 'body.occurredAt', 'body.place', 'body.title']);
  const noPlace = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: { ...fieldReportBody(), place: undefined } });
  assert.equal(noPlace.statusCode, 400);
  assert.ok(noPlace.json().errors.some((e: { field: string }) => e.field === 'body.place'));
  const unknown = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: { ...fieldReportBody(), priority: 'cao' } });
  assert.equal(unknown.statusCode, 400, 'unknown fields are refused, not dropped');

  const unverified = await createCitizen(app);
  const u = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: await signInHeaders(app, unverified.phone), payload: fieldReportBody() });
  assert.equal(u.statusCode, 403);
  assert.equal(u.json().code, 'IDENTITY_NOT_VERIFIED');
  const officer = await createStaff(ctx, [{ agencyId: sxd.id, role: 'processing_officer' }]);
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: await signInHeaders(app, officer.username), payload: fieldReportBody() })).statusCode, 403);
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: fieldReportBody() })).statusCode, 401);
});

test('R-7 R-8.1 R-12 R-13 a field report accepted, dispatched to a commune, drafted, rejected back, redrafted with proof, approved, clarified and rated', async () => {
  const { app, ctx, clock, citizen, center, sxd, hoanKiem, staff } = await setup();
  const submitted = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody() });
  const id = submitted.json().id as string;

  const dispatcher = await staff(center.id, 'center_operator');
  const head = await staff(sxd.id, 'agency_head');
  const leader = await staff(hoanKiem.id, 'commune_leader');
  const officer = await staff(hoanKiem.id, 'processing_officer');
  const stranger = await staff(sxd.id, 'processing_officer');

  // Receiving (R-7.2b): the Center accepts and forwards to Sở Xây dựng as a normal report, one hour later.
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  assert.equal((await reportAction(app, citizen.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' })).statusCode, 403, 'the reporter cannot accept');
  const accepted = await reportAction(app, dispatcher.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().state, 'accepted');

  // Step 1–2: the head takes it and dispatches it to the ward, then the ward leader assigns an officer.
  assert.equal((await reportAction(app, head.h, id, { action: 'take' })).statusCode, 200);
  const dispatched = await reportAction(app, head.h, id, { action: 'dispatch', targetAgencyId: hoanKiem.id });
  assert.equal(dispatched.statusCode, 200, dispatched.body);
  const wrongAssignee = await reportAction(app, leader.h, id, { action: 'assign', assigneeId: stranger.id });
  assert.equal(wrongAssignee.statusCode, 400, 'an officer of another agency cannot be assigned');
  assert.equal((await reportAction(app, leader.h, id, { action: 'assign', assigneeId: officer.id })).statusCode, 200);
  const process = (await app.inject({ url: `/api/v1/reports/${id}`, headers: officer.h })).json().deadlines.find((d: { stage: string }) => d.stage === 'process');
  // normal: 7 working days after assignment (dispatch at Mon 10:00 → Wed 11/03 10:00).
  assert.equal(process.due, '2026-03-11T10:00:00+07:00');

  // Step 4–5: a draft without proof cannot be approved; the head sends it back (R-12.1: 1 WD to redo).
  assert.equal((await reportAction(app, officer.h, id, { action: 'draftResult', resultText: 'Đã kiểm tra, sẽ sửa.' })).statusCode, 200);
  const noProof = await reportAction(app, head.h, id, { action: 'approve' });
  assert.equal(noProof.statusCode, 400);
  assert.ok(noProof.json().errors.some((e: { field: string }) => e.field === 'body.proofs'));
  assert.match(noProof.json().detail, /R-12\.2/);
  const back = await reportAction(app, head.h, id, { action: 'rejectDraft', explanation: 'Cần biên bản kiểm tra hiện trường và thời gian hoàn thành.' });
  assert.equal(back.json().state, 'draftRejected');
  assert.ok(back.json().deadlines.some((d: { stage: string; stoppedAt: string | null }) => d.stage === 'redo' && d.stoppedAt === null));
  // a proof file must be one the drafting officer uploaded — not a made-up hash, not someone else's file.
  const citizenPhoto = (await upload(app, citizen.h, [{ name: 'o-ga.jpg', bytes: await scenePhoto(3) }])).json().items[0];
  const guessed = await reportAction(app, officer.h, id, {
    action: 'draftResult',
    resultText: 'Đã vá ổ gà.',
    proofs: [{ kind: 'other', title: 'Tệp không có', sha256: 'a'.repeat(64) }, { kind: 'site_photo', title: 'Ảnh của người khác', sha256: citizenPhoto.sha256 }],
  });
  assert.equal(guessed.statusCode, 400);
  assert.deepEqual(guessed.json().errors.map((e: { field: string }) => e.field), ['body.proofs.0.sha256', 'body.proofs.1.sha256']);
  const proofPhoto = (await upload(app, officer.h, [{ name: 'sau-khi-va.jpg', bytes: await scenePhoto(4) }])).json().items[0];
  const redraft = await reportAction(app, officer.h, id, {
    action: 'draftResult',
    resultText: 'Ngày 03/03/2026 đã vá ổ gà, thảm lại 4 m² mặt đường. Đề nghị người dân tiếp tục giám sát.',
    proofs: [{ kind: 'inspection_record', title: 'Biên bản kiểm tra hiện trường 03/03/2026' }, { kind: 'site_photo', title: 'Ảnh sau khi vá', sha256: proofPhoto.sha256 }],
  });
  assert.equal(redraft.statusCode, 200, redraft.body);
  const draftProofs = (await app.inject({ url: `/api/v1/reports/${id}`, headers: head.h })).json().draft.proofs;
  assert.equal(draftProofs[0].url, null, 'a proof without a file has nothing to open');
  assert.match(draftProofs[1].url, /^\/api\/v1\/media\/[0-9a-f]{64}$/, 'the approver can look at the proof photo (R-12.2)');
  assert.notEqual(draftProofs[1].url, `/api/v1/media/${proofPhoto.sha256}`, 'the metadata-free copy, not the original');
  const shown = await app.inject({ url: draftProofs[1].url });
  assert.equal(shown.statusCode, 200);
  assert.equal(shown.headers['content-type'], 'image/jpeg');

  // Concurrent actions on one version: exactly one wins.
  const version = (await app.inject({ url: `/api/v1/reports/${id}`, headers: head.h })).json().version;
  const [a, b] = await Promise.all([
    app.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions`, headers: head.h, payload: { version, action: 'approve' } }),
    app.inject({ method: 'POST', url: `/api/v1/reports/${id}/actions`, headers: leader.h, payload: { version, action: 'approve' } }),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  const published = (await app.inject({ url: `/api/v1/reports/${id}`, headers: citizen.h })).json();
  assert.equal(published.state, 'published');
  assert.equal(published.result.proofs[0].title, 'Biên bản kiểm tra hiện trường 03/03/2026');
  assert.equal(published.result.proofs[1].url, draftProofs[1].url, 'the published result shows its proof photo');

  // clarification within the window, answered; then the rating.
  assert.equal((await reportAction(app, citizen.h, id, { action: 'requestClarification', question: 'Khi nào thảm lại toàn bộ tuyến phố?' })).statusCode, 200);
  assert.equal((await reportAction(app, officer.h, id, { action: 'answerClarification', answer: 'Dự kiến trong quý II/2026.' })).statusCode, 200);
  const rated = await reportAction(app, citizen.h, id, { action: 'rate', rating: 'acceptable', comment: 'Đã sửa nhưng còn chậm.' });
  assert.equal(rated.statusCode, 200, rated.body);
  assert.equal(rated.json().state, 'rated');
  assert.equal((await reportAction(app, citizen.h, id, { action: 'rate', rating: 'satisfied' })).statusCode, 409, 'a terminal state has no exit');

  // Every action is an audited event with its actor, in order.
  const events = await ctx.db.selectFrom('audit_events').select(['action', 'actor_id', 'from_state', 'to_state']).where('subject_id', '=', id).orderBy('occurred_at').orderBy('id').execute();
  assert.deepEqual(
    events.map((e) => e.action.replace('report.', '')),
    ['submit', 'accept', 'take', 'dispatch', 'assign', 'draftResult', 'rejectDraft', 'draftResult', 'approve', 'requestClarification', 'answerClarification', 'rate'],
  );
  assert.equal(events.find((e) => e.action === 'report.dispatch')?.actor_id, head.id);
  const timeline = (await app.inject({ url: `/api/v1/public/reports/${submitted.json().code}` })).json().timeline as { action: string; label: string }[];
  assert.equal(timeline.find((e) => e.action === 'assign')?.label, 'Phân công cán bộ xử lý', 'the ward leader assigns (R-8.1 step 3), labelled as such');
  // No clock is left running in a terminal state.
  const open = await ctx.db.selectFrom('deadlines').select('clock').where('subject_id', '=', id).where('stopped_at', 'is', null).execute();
  assert.deepEqual(open, []);
});

test('R-6.2 a rejection carries an Art. 6.2 reason and an explanation, which the reporter sees; the public does not see the report', async () => {
  const { app, citizen, center, staff } = await setup();
  const id = (await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody() })).json().id;
  const dispatcher = await staff(center.id, 'center_operator');
  const noReason = await reportAction(app, dispatcher.h, id, { action: 'reject', explanation: 'Nội dung quảng cáo dịch vụ sửa chữa.' });
  assert.equal(noReason.statusCode, 400);
  assert.ok(noReason.json().errors.some((e: { field: string }) => e.field === 'body.rejectReason'));
  const rejected = await reportAction(app, dispatcher.h, id, { action: 'reject', rejectReason: 'e', explanation: 'Nội dung quảng cáo dịch vụ sửa chữa.' });
  assert.equal(rejected.statusCode, 200, rejected.body);
  const seen = (await app.inject({ url: `/api/v1/reports/${id}`, headers: citizen.h })).json();
  assert.equal(seen.state, 'rejected');
  assert.equal(seen.rejectReason, 'e');
  assert.equal(seen.timeline.at(-1).said.explanation, 'Nội dung quảng cáo dịch vụ sửa chữa.');
  assert.equal((await app.inject({ url: `/api/v1/public/reports/${seen.code}` })).statusCode, 404);
});

test('R-5.7 R-14 public endpoints and timelines never contain a reporter\'s name, CCCD, phone or e-mail', async () => {
  const { app, ctx, citizen, center, staff, logs } = await setup();
  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody({ confidential: true }) });
  const { id, code } = res.json();
  const dispatcher = await staff(center.id, 'center_operator');
  const sxd = (await findAgency(ctx.db, { code: 'so-xay-dung' }))!;
  await reportAction(app, dispatcher.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'urgent' });
  const bodies = [
    (await app.inject({ url: `/api/v1/public/reports/${code}` })).body,
    (await app.inject({ url: '/api/v1/public/reports' })).body,
    (await app.inject({ url: `/api/v1/reports/${id}`, headers: dispatcher.h })).body,
    logs(),
  ];
  for (const body of bodies) {
    for (const secret of [citizen.fullName, citizen.cccd, citizen.phone, citizen.email, citizen.phone.replace(/^0/, '+84')]) assert.ok(!body.includes(secret), `leaked ${secret}`);
  }
  const pub = JSON.parse(bodies[0]!);
  assert.equal(pub.code, code);
  assert.ok(pub.timeline.every((e: Record<string, unknown>) => !('actorId' in e) && !('payload' in e)));
  const staffView = JSON.parse(bodies[2]!);
  assert.deepEqual(staffView.reporter, { confidential: true, displayName: null });
});

test('R-4.3 staff see only reports of their agencies; the city-wide Center sees all', async () => {
  const { app, citizen, center, sxd, staff } = await setup();
  await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody() });
  const dispatcher = await staff(center.id, 'center_operator');
  const sxdOfficer = await staff(sxd.id, 'receiving_officer');
  const centerQueue = (await app.inject({ url: '/api/v1/staff/reports?state=submitted', headers: dispatcher.h })).json();
  assert.equal(centerQueue.total, 1);
  const own = (await app.inject({ url: '/api/v1/staff/reports', headers: sxdOfficer.h })).json();
  const id = centerQueue.items[0].id;
  const receivingHere = centerQueue.items[0].receivingAgencyId === sxd.id;
  assert.equal(own.total, receivingHere ? 1 : 0);
  if (!receivingHere) assert.equal((await app.inject({ url: `/api/v1/reports/${id}`, headers: sxdOfficer.h })).statusCode, 404, 'no hint that it exists');
  assert.equal((await app.inject({ url: '/api/v1/staff/reports', headers: citizen.h })).statusCode, 403);
});

test('R-5.2 R-5.7 photos uploaded first are attached to the report; the public sees only metadata-free copies, officers see where and when they were taken', async () => {
  const { app, citizen, center, staff } = await setup();
  const { phoneJpeg } = await import('../../adapters/media/fixtures/images.ts');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await phoneJpeg({ gps: true, dateTimeOriginal: '2026:03:02 07:25:00' }))]), 'o-ga.jpg');
  const body = new Response(form);
  const up = await app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...citizen.h, 'content-type': body.headers.get('content-type') ?? '' },
    payload: Buffer.from(await body.arrayBuffer()),
  });
  assert.equal(up.statusCode, 201, up.body);
  const uploadId = up.json().items[0].id as string;

  const someoneElse = await createCitizen(app, { verified: true });
  const stolen = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: await signInHeaders(app, someoneElse.phone), payload: fieldReportBody({ media: [uploadId] }) });
  assert.equal(stolen.statusCode, 400, 'another person\'s upload cannot be attached');
  assert.ok(stolen.json().errors.some((e: { field: string }) => e.field === 'body.media.0'));

  const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizen.h, payload: fieldReportBody({ media: [uploadId] }) });
  assert.equal(res.statusCode, 201, res.body);
  const { id, code, media } = res.json();
  assert.equal(media.length, 1);
  assert.match(media[0].url, /^\/api\/v1\/media\/[0-9a-f]{64}$/);
  const copy = await app.inject({ url: media[0].url });
  assert.equal(copy.statusCode, 200);
  assert.equal(copy.headers['content-type'], 'image/jpeg');

  const dispatcher = await staff(center.id, 'center_operator');
  const staffView = (await app.inject({ url: `/api/v1/reports/${id}`, headers: dispatcher.h })).json();
  assert.equal(staffView.evidence[0].takenAt, '2026-03-02T07:25:00+07:00');
  assert.ok(staffView.evidence[0].gps, 'the officer can compare the photo\'s position with the pin');
  const pub = (await app.inject({ url: `/api/v1/public/reports/${code}` })).json();
  assert.equal(pub.media[0].url, media[0].url);
  assert.ok(!JSON.stringify(pub).includes('gps') && !JSON.stringify(pub).includes(uploadId), 'no GPS or upload ids in public');
});
