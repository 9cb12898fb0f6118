import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../domain/access/index.ts';
import type { AppError } from '../../domain/errors.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { listRoutingRules } from '../../db/repos/catalogue.repo.ts';
import { freshDatabase, makeContext } from '../../../test/context.ts';
import { replaceRoutingRules } from './routing-rules.ts';
import { routeReport } from './route-report.ts';

const database = await freshDatabase();
const ctx = makeContext(database);
const center = (await findAgency(ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
const HOAN_KIEM = { version: '2025-07', code: '00070' };

test('R-5.9 routeReport: a pothole in Phường Hoàn Kiếm goes to its People’s Committee, and says which rule chose it', async () => {
  const routed = await routeReport(ctx, { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: HOAN_KIEM });
  assert.equal(routed.agencyName, 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.equal(routed.agencyCode, 'ubnd-phuong-hoan-kiem');
  assert.equal(routed.fallback, null);
  assert.ok(routed.ruleId);
  assert.match(routed.rule, /^Quy tắc #\d+ /);
});

test('R-4.3 routeReport runs inside the caller’s transaction (a report is routed as it is submitted)', async () => {
  const routed = await ctx.db.transaction().execute((tx) => routeReport(ctx, { kind: 'initiative', categoryCode: 'sang-kien-chuyen-doi-so' }, { tx }));
  assert.equal(routed.agencyId, center.id);
});

test('R-6 routeReport names the caller’s fields: body.kind, body.categoryCode, body.place by default', async () => {
  for (const [input, field] of [
    [{ kind: 'complaint', categoryCode: 'giao-thong' }, 'body.kind'],
    [{ kind: 'field_report', categoryCode: 'khong-co' }, 'body.categoryCode'],
    [{ kind: 'waste_report', categoryCode: 'giao-thong' }, 'body.categoryCode'],
    [{ kind: 'field_report', categoryCode: 'giao-thong', place: { version: '2025-07', code: '99999' } }, 'body.place'],
  ] as const) {
    await assert.rejects(routeReport(ctx, input), (err: AppError) => err.code === 'VALIDATION_FAILED' && err.errors[0]?.field === field, field);
  }
  await assert.rejects(
    routeReport(ctx, { kind: 'field_report', categoryCode: 'khong-co' }, { names: { categoryCode: 'categoryCode' } }),
    (err: AppError) => err.errors[0]?.field === 'categoryCode',
  );
});

test('R-28.1 a place given in a former structure finds no active committee: the Center receives and dispatches it', async () => {
  // 2025-01/00070 was Phường Hàng Trống of Quận Hoàn Kiếm, whose committee ended on 2025-06-30.
  const routed = await routeReport(ctx, { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: { version: '2025-01', code: '00070' } });
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
