import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { AppError } from '../../domain/errors.ts';
import { findAgency, focalOfficersOf } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { freshDatabase, makeContext } from '../../../test/context.ts';
import type { AuditActor } from '../unit-of-work.ts';
import { setFocalOfficers } from './set-focal-officers.ts';

const database = await freshDatabase();
const ctx = makeContext(database);
const centerOfficer: AuditActor = { id: uuidv7(), role: 'center_officer', agencyId: null };

test('R-18.2b setFocalOfficers replaces the list and records who did it, in one transaction', async () => {
  const agency = (await findAgency(ctx.db, { code: 'ubnd-phuong-hoan-kiem' }))!;
  await setFocalOfficers(ctx, centerOfficer, agency.id, [{ name: 'Nguyễn Văn An', position: 'Phó Chủ tịch', phone: '0912345678' }]);
  const saved = await setFocalOfficers(ctx, centerOfficer, agency.id, [
    { name: 'Trần Thị Bình', position: 'Chánh Văn phòng', phone: '024 3825 3536', email: 'vanphong@hoankiem.hanoi.gov.vn' },
    { name: 'Lê Văn Cường', position: 'Chuyên viên', email: 'cuong@hoankiem.hanoi.gov.vn' },
  ]);
  assert.deepEqual(
    saved.map((o) => [o.name, o.position, o.phone, o.email]),
    [
      ['Trần Thị Bình', 'Chánh Văn phòng', '+842438253536', 'vanphong@hoankiem.hanoi.gov.vn'],
      ['Lê Văn Cường', 'Chuyên viên', null, 'cuong@hoankiem.hanoi.gov.vn'],
    ],
  );
  assert.deepEqual(await focalOfficersOf(ctx.db, agency.id), saved);

  const events = await listAuditEvents(ctx.db, 'agency', agency.id);
  assert.deepEqual(events.map((e) => e.action), ['agency.focalOfficers.set', 'agency.focalOfficers.set']);
  assert.equal(events[1]?.actor_id, centerOfficer.id);
  assert.equal(events[1]?.prev_hash, events[0]?.hash, 'events of one agency are chained');
  const payload = events[1]?.payload as { from: { name: string }[]; to: { name: string }[] };
  assert.deepEqual(payload.from.map((o) => o.name), ['Nguyễn Văn An']);
  assert.deepEqual(payload.to.map((o) => o.name), ['Trần Thị Bình', 'Lê Văn Cường']);
  assert.ok(!JSON.stringify(payload).includes('0912345678'), 'contact numbers stay in the table');
});

test('R-18.2b bad officers are refused with every field named, and nothing changes', async () => {
  const agency = (await findAgency(ctx.db, { code: 'so-cong-thuong' }))!;
  await assert.rejects(
    setFocalOfficers(ctx, centerOfficer, agency.id, [{ name: 'Phạm Dũng', position: 'Trưởng phòng', phone: '12', email: 'x@' }]),
    (err: AppError) => err.code === 'VALIDATION_FAILED' && err.errors.map((e) => e.field).join() === 'body.officers.0.phone,body.officers.0.email',
  );
  await assert.rejects(setFocalOfficers(ctx, centerOfficer, uuidv7(), []), (err: AppError) => err.code === 'NOT_FOUND');
  assert.deepEqual(await focalOfficersOf(ctx.db, agency.id), []);
  assert.deepEqual(await listAuditEvents(ctx.db, 'agency', agency.id), []);
});

test('R-4.3 when the audit event cannot be written, the new list is rolled back with it', async () => {
  const agency = (await findAgency(ctx.db, { code: 'so-tai-chinh' }))!;
  const broken: AuditActor = { id: 'not-a-uuid', role: 'center_officer', agencyId: null };
  await assert.rejects(setFocalOfficers(ctx, broken, agency.id, [{ name: 'Đỗ Hà', position: 'Chuyên viên', email: 'ha@hanoi.gov.vn' }]));
  assert.deepEqual(await focalOfficersOf(ctx.db, agency.id), []);
});
