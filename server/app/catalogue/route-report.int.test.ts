import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../domain/access/index.ts';
import type { AppError } from '../../domain/errors.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { listRoutingRules } from '../../db/repos/catalogue.repo.ts';
import { sql } from 'kysely';
import { freshDatabase, makeContext, testConfig } from '../../../test/context.ts';
import { referenceChanged, referenceData } from '../reference/reference-data.ts';
import { replaceRoutingRules } from './routing-rules.ts';
import { routeReport, usableCategory } from './route-report.ts';

const database = await freshDatabase();
const ctx = makeContext(database);
const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
const HOAN_KIEM = { version: '2025-07', code: '00070' };

test('R-5.9 routeReport: a pothole in Phường Hoàn Kiếm goes to its People’s Committee, and says which rule chose it', async () => {
  const routed = routeReport(await referenceData(ctx), { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: HOAN_KIEM });
  assert.equal(routed.agencyName, 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.equal(routed.agencyCode, 'ubnd-phuong-hoan-kiem');
  assert.equal(routed.fallback, null);
  assert.ok(routed.ruleId);
  assert.match(routed.rule, /^Quy tắc #\d+ /);
});

test('ADR 0005 a change made by another server is seen after REFERENCE_REFRESH_MS; a change made through this one at once', async () => {
  const slow = makeContext(database, { config: testConfig({ referenceRefreshMs: 60_000 }) });
  const eager = makeContext(database, { config: testConfig({ referenceRefreshMs: 0 }) });
  const before = await referenceData(slow);
  assert.equal(usableCategory(before, 'field_report', 'cay-xanh').category.active, true);
  // Another server (or psql) deactivates a category: the trigger moves the revision.
  await sql`UPDATE report_categories SET active = false WHERE code = 'cay-xanh'`.execute(ctx.db);
  try {
    assert.equal(await referenceData(slow), before, 'within the interval the copy in memory is trusted');
    const after = await referenceData(eager);
    assert.ok(after.revision > before.revision);
    assert.throws(() => usableCategory(after, 'field_report', 'cay-xanh'), (err: AppError) => err.errors[0]?.message.includes('đã ngừng sử dụng') === true);
    referenceChanged(slow.db);
    assert.equal((await referenceData(slow)).category('cay-xanh')?.active, false, 'referenceChanged makes the next use check at once');
  } finally {
    await sql`UPDATE report_categories SET active = true WHERE code = 'cay-xanh'`.execute(ctx.db);
    referenceChanged(ctx.db);
  }
});

test('R-6 routeReport names the caller’s fields: body.kind, body.categoryCode, body.place by default', async () => {
  const ref = await referenceData(ctx);
  for (const [input, field] of [
    [{ kind: 'complaint', categoryCode: 'giao-thong' }, 'body.kind'],
    [{ kind: 'field_report', categoryCode: 'khong-co' }, 'body.categoryCode'],
    [{ kind: 'waste_report', categoryCode: 'giao-thong' }, 'body.categoryCode'],
    [{ kind: 'field_report', categoryCode: 'giao-thong', place: { version: '2025-07', code: '99999' } }, 'body.place'],
  ] as const) {
    assert.throws(() => routeReport(ref, input), (err: AppError) => err.code === 'VALIDATION_FAILED' && err.errors[0]?.field === field, field);
  }
  assert.throws(
    () => routeReport(ref, { kind: 'field_report', categoryCode: 'khong-co' }, { categoryCode: 'categoryCode' }),
    (err: AppError) => err.errors[0]?.field === 'categoryCode',
  );
});

test('R-28.1 a place given in a former structure finds no active committee: the Center receives and dispatches it', async () => {
  // 2025-01/00070 was Phường Hàng Trống of Quận Hoàn Kiếm, whose committee ended on 2025-06-30.
  const routed = routeReport(await referenceData(ctx), { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: { version: '2025-01', code: '00070' } });
  assert.equal(routed.agencyId, center.id);
  assert.match(routed.rule, /Chưa xác định được cơ quan có thẩm quyền/);
});

test('R-4.3 when the audit event cannot be written, the new rules are rolled back with it', async () => {
  const before = await listRoutingRules(ctx.db);
  const broken: Actor = { kind: 'staff', userId: 'not-a-uuid', memberships: [{ agencyId: center.id, role: 'administrator' }] };
  await assert.rejects(replaceRoutingRules(ctx, broken, [{ priority: 1, target: 'agency', agencyId: center.id }]));
  assert.deepEqual(await listRoutingRules(ctx.db), before);
  const admin: Actor = { kind: 'staff', userId: uuidv7(), memberships: [{ agencyId: center.id, role: 'administrator' }] };
  const saved = await replaceRoutingRules(ctx, admin, [{ priority: 1, target: 'agency', agencyId: center.id, note: 'Mọi phản ánh về Trung tâm' }]);
  assert.deepEqual(saved.map((v) => v.description), ['Quy tắc #1 (ưu tiên 1): mọi phản ánh → Trung tâm Phục vụ hành chính công Thành phố Hà Nội — Mọi phản ánh về Trung tâm']);
  assert.equal((await listAuditEvents(ctx.db, 'routing_rules', 'routing-rules')).at(-1)?.actor_id, admin.userId);
});
