import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { vietnamTime } from '../../domain/calendar/index.ts';
import type { StaffRole } from '../../domain/access/index.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, createStaff, signInHeaders } from '../../../test/factories.ts';
import { reportAction, reportActionOk } from '../../../test/reports.ts';

async function setup() {
  const t = await testApp();
  // Mon 2 March 2026, 09:00 in Hà Nội.
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const { app, ctx } = t;
  const agency = async (code: string) => (await findAgency(ctx.db, { code }))!;
  const staff = async (code: string, role: StaffRole) => {
    const a = await agency(code);
    const s = await createStaff(ctx, [{ agencyId: a.id, role }]);
    return { ...s, agencyId: a.id, h: await signInHeaders(app, s.username) };
  };
  const citizen = await createCitizen(app, { verified: true });
  const ch = await signInHeaders(app, citizen.phone);
  const submit = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: ch, payload: { confidential: false, ...body } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; code: string };
  };
  const act = (h: Record<string, string>, id: string, body: Record<string, unknown>) => reportAction(app, h, id, body);
  const ok = async (h: Record<string, string>, id: string, body: Record<string, unknown>) => (await reportActionOk(app, h, id, body)).json();
  const detail = async (h: Record<string, string>, id: string) => (await app.inject({ url: `/api/v1/reports/${id}`, headers: h })).json();
  const dispatcher = await staff('trung-tam-phuc-vu-hanh-chinh-cong', 'center_operator');
  return { ...t, agency, staff, submit, act, ok, detail, dispatcher, ch };
}

const due = (d: { deadlines: { stage: string; due: string; stoppedAt: string | null }[] }, stage: string) =>
  d.deadlines.filter((x) => x.stage === stage).at(-1)?.due;

const PROOF = [{ kind: 'reply_letter', title: 'Công văn trả lời số 123/SXD' }];

test('R-8.2 R-8.5 a complex report with two cooperating agencies and an extension: no publication while a request is open', async () => {
  const { app, submit, ok, act, staff, dispatcher, detail, agency } = await setup();
  const r = await submit({
    kind: 'field_report',
    categoryCode: 'dat-dai-xay-dung',
    title: 'Công trình xây dựng lấn chiếm vỉa hè, đổ vật liệu ra lòng đường',
    description: 'Công trình tại số 10 phố Hàng Bài xây dựng vượt tầng, đổ vật liệu chiếm lòng đường nhiều ngày.',
    place: { lat: 21.0245, lng: 105.8522 },
    occurredAt: '2026-03-01T10:00:00+07:00',
  });
  const sxd = await agency('so-xay-dung');
  const yte = await agency('so-y-te');
  const cong = await agency('so-cong-thuong');
  const head = await staff('so-xay-dung', 'agency_head');
  const officer = await staff('so-xay-dung', 'processing_officer');
  const yteHead = await staff('so-y-te', 'agency_head');

  await ok(dispatcher.h, r.id, { action: 'accept', targetAgencyId: sxd.id, classification: 'complex' });
  await ok(head.h, r.id, { action: 'take' });
  await ok(head.h, r.id, { action: 'requestCooperation', targetAgencyId: yte.id });
  await ok(head.h, r.id, { action: 'requestCooperation', targetAgencyId: cong.id });
  await ok(head.h, r.id, { action: 'assign', assigneeId: officer.id });
  // complex: 15 WD after assignment (Mon 2/3 09:00 → Mon 23/3 09:00), extendable to at most 30 WD.
  assert.equal(due(await detail(head.h, r.id), 'process'), '2026-03-23T09:00:00+07:00');
  assert.equal((await act(head.h, r.id, { action: 'extend', extendTo: 31, explanation: 'Cần trưng cầu giám định' })).statusCode, 400);
  assert.equal((await act(head.h, r.id, { action: 'extend', extendTo: 25 })).statusCode, 400, 'an extension needs a reason');
  const extended = await ok(head.h, r.id, { action: 'extend', extendTo: 25, explanation: 'Cần trưng cầu giám định chất lượng công trình' });
  assert.equal(due(extended, 'process'), '2026-04-06T09:00:00+07:00', '25 WD after the assignment, from the same start');
  assert.equal(extended.extendedToDays, 25);

  await ok(officer.h, r.id, { action: 'draftResult', resultText: 'Đã lập biên bản, đình chỉ thi công, yêu cầu tháo dỡ phần vượt tầng.', proofs: PROOF });
  const blocked = await act(head.h, r.id, { action: 'approve' });
  assert.equal(blocked.statusCode, 409);
  assert.equal(blocked.json().code, 'TRANSITION_NOT_ALLOWED');
  assert.match(blocked.json().detail, /phối hợp/);

  // The cooperating agency returns its part — only its own head may; the lead closes the other with a reason.
  const url = (agencyId: string, what: string) => `/api/v1/reports/${r.id}/cooperations/${agencyId}/${what}`;
  assert.equal((await app.inject({ method: 'POST', url: url(yte.id, 'return'), headers: head.h, payload: { resultText: 'Không phát hiện vấn đề y tế.' } })).statusCode, 403);
  assert.equal((await app.inject({ method: 'POST', url: url(yte.id, 'return'), headers: yteHead.h, payload: { resultText: 'Không phát hiện ảnh hưởng đến vệ sinh, an toàn thực phẩm.' } })).statusCode, 204);
  const seenByCooperator = await app.inject({ url: `/api/v1/reports/${r.id}`, headers: yteHead.h });
  assert.equal(seenByCooperator.statusCode, 200, 'a cooperating agency reads the report it works on');
  assert.equal((await act(head.h, r.id, { action: 'approve' })).statusCode, 409, 'one request is still open');
  assert.equal((await app.inject({ method: 'POST', url: url(cong.id, 'close'), headers: head.h, payload: { reason: 'Nội dung không còn liên quan đến thị trường hàng hóa.' } })).statusCode, 204);
  assert.equal((await app.inject({ method: 'POST', url: url(cong.id, 'close'), headers: head.h, payload: { reason: 'Đóng lại lần nữa.' } })).statusCode, 409);
  const published = await ok(head.h, r.id, { action: 'approve' });
  assert.equal(published.state, 'published');
  assert.deepEqual(published.cooperations.map((c: { state: string }) => c.state).sort(), ['closed', 'returned']);
});

test('R-7.2c a report outside the receiving agency\'s authority is transferred up; the first agency no longer sees it', async () => {
  const { app, submit, ok, staff, agency, detail, dispatcher } = await setup();
  const r = await submit({
    kind: 'field_report',
    categoryCode: 'hu-hong-mat-duong',
    title: 'Ổ gà trên phố Tràng Tiền',
    description: 'Ổ gà sâu trên phố Tràng Tiền gây nguy hiểm cho người đi xe máy buổi tối.',
    place: { lat: 21.0245, lng: 105.8556 },
    occurredAt: '2026-03-02T06:00:00+07:00',
  });
  const receiving = (await detail(dispatcher.h, r.id)).receivingAgency;
  const code = (await findAgency(app.ctx.db, { id: receiving.id }))!.code;
  const officer = await staff(code, 'receiving_officer');
  const center = await agency('trung-tam-phuc-vu-hanh-chinh-cong');
  const moved = await ok(officer.h, r.id, { action: 'transfer', targetAgencyId: center.id, explanation: 'Tuyến phố do Thành phố quản lý, vượt thẩm quyền của phường' });
  assert.equal(moved.state, 'submitted');
  assert.equal((await app.inject({ url: `/api/v1/reports/${r.id}`, headers: officer.h })).statusCode, 404);
  const atCenter = await detail(dispatcher.h, r.id);
  assert.equal(atCenter.receivingAgency.id, center.id);
  assert.ok(atCenter.timeline.some((e: { action: string }) => e.action === 'transfer'));
  // the receiving clock keeps running from submission, now on the Center's account.
  const clocks = await app.ctx.db.selectFrom('deadlines').select(['clock', 'agency_id', 'stopped_at']).where('subject_id', '=', r.id).execute();
  assert.deepEqual(clocks, [{ clock: 'receive', agency_id: center.id, stopped_at: null }]);
});

for (const c of [
  { kind: 'waste_report', category: 'lang-phi-tai-san-cong', agency: 'thanh-tra-thanh-pho', rule: 'R-10', days: 30, due: '2026-04-13T09:00:00+07:00' },
  { kind: 'investor_feedback', category: 'thu-tuc-dau-tu', agency: 'so-tai-chinh', rule: 'R-11', days: 30, due: '2026-04-13T09:00:00+07:00' },
  { kind: 'regulation_feedback', category: 'thu-tuc-hanh-chinh', agency: 'so-noi-vu', rule: 'R-5.3', days: 7, due: '2026-03-11T09:00:00+07:00' },
] as const) {
  test(`${c.rule} a ${c.kind} goes through the five steps with its own processing deadline (${c.days} WD normal)`, async () => {
    const { submit, ok, staff, agency, dispatcher, detail } = await setup();
    const r = await submit({
      kind: c.kind,
      categoryCode: c.category,
      title: 'Phản ánh thử nghiệm theo loại',
      description: 'Nội dung phản ánh đủ dài để kiểm tra quy trình xử lý của từng loại phản ánh.',
    });
    const target = await agency(c.agency);
    const head = await staff(c.agency, 'agency_head');
    const officer = await staff(c.agency, 'processing_officer');
    await ok(dispatcher.h, r.id, { action: 'accept', targetAgencyId: target.id, classification: 'normal' });
    await ok(head.h, r.id, { action: 'take' });
    await ok(head.h, r.id, { action: 'assign', assigneeId: officer.id });
    assert.equal(due(await detail(head.h, r.id), 'process'), c.due);
    await ok(officer.h, r.id, { action: 'draftResult', resultText: 'Kết quả xử lý có căn cứ và tài liệu kèm theo.', proofs: PROOF });
    const done = await ok(head.h, r.id, { action: 'approve' });
    assert.equal(done.state, 'published');
    assert.ok(done.timeline.some((e: { action: string }) => e.action === 'approve'));
  });
}

test('R-9 an initiative: the Center distributes it, the unit consults residents and answers within 30 working days', async () => {
  const { submit, ok, act, staff, agency, dispatcher, detail, ch } = await setup();
  const r = await submit({
    kind: 'initiative',
    categoryCode: 'sang-kien-chuyen-doi-so',
    title: 'Sáng kiến bản đồ số điểm sạc xe điện',
    description: 'Đề xuất xây dựng bản đồ số các điểm sạc xe điện công cộng trên toàn Thành phố, cập nhật theo thời gian thực.',
  });
  const initial = await detail(ch, r.id);
  assert.deepEqual(initial.deadlines, [], 'R-9 sets no receiving deadline for initiatives');
  const khcn = await agency('so-khoa-hoc-va-cong-nghe');
  const head = await staff('so-khoa-hoc-va-cong-nghe', 'agency_head');
  assert.equal((await act(head.h, r.id, { action: 'distribute', targetAgencyId: khcn.id })).statusCode, 404, 'not yet theirs');
  const distributed = await ok(dispatcher.h, r.id, { action: 'distribute', targetAgencyId: khcn.id });
  assert.equal(distributed.state, 'assigned');
  assert.equal(due(distributed, 'process'), '2026-04-13T09:00:00+07:00');
  await ok(head.h, r.id, { action: 'openConsultation', question: 'Người dân có cần bản đồ điểm sạc trên iHanoi không?' });
  await ok(head.h, r.id, { action: 'closeConsultation' });
  assert.equal((await act(head.h, r.id, { action: 'decide', decision: 'maybe', resultText: 'x' })).statusCode, 400);
  const decided = await ok(head.h, r.id, { action: 'decide', decision: 'adopt', resultText: 'Tiếp thu; giao Trung tâm chuyển đổi số xây dựng trong năm 2026.' });
  assert.equal(decided.state, 'decided');
  assert.equal(decided.result.decision, 'adopt');
  assert.ok(decided.deadlines.every((d: { stoppedAt: string | null }) => d.stoppedAt !== null));
});
