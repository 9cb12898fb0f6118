import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { vietnamTime } from '../../domain/calendar/index.ts';
import { auditEventRow } from '../../db/repos/audit.repo.ts';
import { findReport, insertNewReport } from '../../db/repos/reports.repo.ts';
import { insertTextSignatures } from '../../db/repos/similarity.repo.ts';
import { testApp } from '../../../test/context.ts';
import { createCitizen, signInHeaders } from '../../../test/factories.ts';
import { fieldReportBody } from '../../../test/reports.ts';
import { SIMILAR_TEXT_THRESHOLD, similarReportsByText, textSignatureRows } from './similar-text.ts';

const GARBAGE = {
  title: 'Rác thải tồn đọng đầu ngõ 42 Trần Duy Hưng',
  description:
    'Đã ba ngày nay rác thải sinh hoạt không được thu gom, bốc mùi hôi thối ảnh hưởng đến các hộ dân trong ngõ. Mong công ty môi trường đô thị sớm xử lý.',
};
/** Someone else's copy of it, reworded: words changed, dropped and added, the title turned round. */
const REWORDED = {
  title: 'Rác tồn đọng ở đầu ngõ 42 Trần Duy Hưng',
  description: 'Ba ngày nay rác sinh hoạt không được thu gom, bốc mùi hôi thối ảnh hưởng các hộ dân trong ngõ. Đề nghị công ty môi trường đô thị xử lý sớm.',
};
/** A different report about the same kind of problem. */
const OTHER_GARBAGE = {
  title: 'Đổ trộm rác thải xây dựng ven đê',
  description: 'Có người đổ trộm rác thải xây dựng ven đê Nhật Tân vào ban đêm, bốc mùi hôi thối, đề nghị phường kiểm tra xử lý.',
};

async function setup() {
  const t = await testApp();
  t.clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const c = await createCitizen(t.app, { verified: true });
  const h = await signInHeaders(t.app, c.phone);
  /** Submits through the API and stores the text's signature as the submission statement does. */
  const submit = async (text: { title: string; description: string }) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody(text) });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    const signed = await t.ctx.db.selectFrom('report_text_signatures').select('report_id').where('report_id', '=', id).executeTakeFirst();
    if (!signed) await insertTextSignatures(t.ctx.db, textSignatureRows(id, text.title, text.description));
    return id;
  };
  return { ...t, submit };
}

test('R-6.2c a reworded copy of a report’s text finds it; a different report of the same kind is not a near duplicate', async () => {
  const t = await setup();
  const garbage = await t.submit(GARBAGE);
  const other = await t.submit(OTHER_GARBAGE);

  const found = await similarReportsByText(t.ctx.db, { ...REWORDED, limit: 10 });
  assert.deepEqual(
    found.map((f) => f.reportId),
    [garbage],
  );
  assert.ok((found[0]?.similarity ?? 0) >= SIMILAR_TEXT_THRESHOLD, JSON.stringify(found));
  assert.ok((found[0]?.similarity ?? 0) < 1);

  // Typed without diacritics, it is the same text.
  const plain = await similarReportsByText(t.ctx.db, {
    title: 'Rac thai ton dong dau ngo 42 Tran Duy Hung',
    description: 'Da ba ngay nay rac thai sinh hoat khong duoc thu gom, boc mui hoi thoi anh huong den cac ho dan trong ngo. Mong cong ty moi truong do thi som xu ly.',
    limit: 10,
  });
  assert.deepEqual(
    plain.map((f) => [f.reportId, f.similarity]),
    [[garbage, 1]],
  );

  // The report itself is left out when asked; an unrelated text finds nothing; a text too short finds nothing.
  assert.deepEqual(await similarReportsByText(t.ctx.db, { ...GARBAGE, excludeReportId: garbage, limit: 10 }), []);
  assert.deepEqual(
    (await similarReportsByText(t.ctx.db, { ...OTHER_GARBAGE, limit: 10 })).map((f) => f.reportId),
    [other],
  );
  assert.deepEqual(
    await similarReportsByText(t.ctx.db, {
      title: 'Đèn đường hỏng trên đường Láng',
      description: 'Cả dãy đèn chiếu sáng từ số 100 đến số 180 đường Láng không sáng từ tuần trước, buổi tối người đi bộ dễ bị cướp giật.',
      limit: 10,
    }),
    [],
  );
  assert.deepEqual(await similarReportsByText(t.ctx.db, { title: 'Rác', description: 'rác', limit: 10 }), []);
  // A lower bar, asked for explicitly, lets the report of the same kind through too; `limit` is honoured.
  const loose = await similarReportsByText(t.ctx.db, { ...REWORDED, limit: 1, minSimilarity: 0.05 });
  assert.deepEqual(
    loose.map((f) => f.reportId),
    [garbage],
  );
});

test('R-6.2c the signature row is written by the submission’s one statement (insertNewReport textSignature part)', async () => {
  const t = await setup();
  const first = await t.submit(GARBAGE);
  const template = await findReport(t.ctx.db, { id: first });
  assert.ok(template);
  const id = uuidv7();
  const now = t.ctx.clock.now();
  await insertNewReport(t.ctx.db, {
    report: { ...template, id, code: `PA-2026-T${Date.now() % 100000}`, ...REWORDED, idempotency_key: null, idempotency_hash: null, submitted_at: now, updated_at: now },
    deadlines: [],
    event: auditEventRow({ actor: { id: template.reporter_id, role: 'citizen', agencyId: null }, occurredAt: now, action: 'report.submit', subjectType: 'report', subjectId: id }, null),
    media: [],
    textSignature: textSignatureRows(id, REWORDED.title, REWORDED.description),
  });
  assert.ok(await findReport(t.ctx.db, { id }), 'stored');
  const row = await t.ctx.db.selectFrom('report_text_signatures').selectAll().where('report_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.minhash.length, 256);
  assert.equal(row.bands.length, 32);
  // Each of the two now finds the other.
  assert.deepEqual(
    (await similarReportsByText(t.ctx.db, { ...GARBAGE, excludeReportId: first, limit: 5 })).map((f) => f.reportId),
    [id],
  );
  assert.deepEqual(
    (await similarReportsByText(t.ctx.db, { ...REWORDED, excludeReportId: id, limit: 5 })).map((f) => f.reportId),
    [first],
  );
  assert.deepEqual(textSignatureRows(uuidv7(), 'Rác', 'rác'), [], 'too short: no row');
});
