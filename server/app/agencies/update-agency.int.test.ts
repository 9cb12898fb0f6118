import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { AppError } from '../../domain/errors.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { freshDatabase, makeContext } from '../../../test/context.ts';
import type { AuditActor } from '../unit-of-work.ts';
import { updateAgency } from './update-agency.ts';

const database = await freshDatabase();
const ctx = makeContext(database);
const admin: AuditActor = { id: uuidv7(), role: 'administrator', agencyId: null };
const agencyId = async (code: string) => (await findAgency(ctx.db, { code }))!.id;

test('R-28.1 updateAgency saves the change and its audit event together', async () => {
  const id = await agencyId('so-xay-dung');
  const after = await updateAgency(ctx, admin, id, {
    name: 'Sở Xây dựng Hà Nội',
    fields: ['giao_thong', 'ha_tang_do_thi'],
    jurisdiction: [{ version: '2025-07', code: '01' }],
  });
  assert.equal(after.name, 'Sở Xây dựng Hà Nội');
  assert.deepEqual(after.fields, ['giao_thong', 'ha_tang_do_thi']);
  assert.deepEqual(await findAgency(ctx.db, { id }), after);

  const [event, ...more] = await listAuditEvents(ctx.db, 'agency', id);
  assert.equal(more.length, 0);
  assert.equal(event?.action, 'agency.update');
  assert.equal(event?.actor_id, admin.id);
  assert.equal(event?.actor_role, 'administrator');
  const changed = (event?.payload as { changed: Record<string, { from: unknown; to: unknown }> }).changed;
  assert.deepEqual(Object.keys(changed).sort(), ['fields', 'name'], 'an unchanged jurisdiction is not reported');
  assert.equal(changed.name?.from, 'Sở Xây dựng');
});

test('R-28.1 deactivating an agency records the state change', async () => {
  const id = await agencyId('so-du-lich');
  const after = await updateAgency(ctx, admin, id, { active: false });
  assert.equal(after.active, false);
  const [event] = await listAuditEvents(ctx.db, 'agency', id);
  assert.equal(event?.from_state, 'active');
  assert.equal(event?.to_state, 'inactive');
});

test('R-28.1 a bad edit changes nothing and records nothing; every bad field is named', async () => {
  const id = await agencyId('so-y-te');
  await assert.rejects(
    updateAgency(ctx, admin, id, { name: 'X', fields: ['khong_co'], jurisdiction: [{ version: '2025-07', code: '00070' }] }),
    (err: AppError) => err.code === 'VALIDATION_FAILED' && err.errors.map((e) => e.field).join() === 'body.name,body.fields.0',
  );
  await assert.rejects(
    updateAgency(ctx, admin, id, { jurisdiction: [{ version: '2025-07', code: '00001' }, { version: '2025-01', code: '00001' }] }),
    (err: AppError) => err.errors.map((e) => e.field).join() === 'body.jurisdiction.0',
    '00001 does not exist in the current structure; it did in 2025-01',
  );
  await assert.rejects(updateAgency(ctx, admin, id, {}), (err: AppError) => err.errors[0]?.field === 'body');
  await assert.rejects(updateAgency(ctx, admin, uuidv7(), { active: false }), (err: AppError) => err.code === 'NOT_FOUND');
  assert.equal((await findAgency(ctx.db, { id }))?.name, 'Sở Y tế');
  assert.deepEqual(await listAuditEvents(ctx.db, 'agency', id), []);
});

test('R-4.3 when the audit event cannot be written, the change is rolled back with it', async () => {
  const id = await agencyId('so-tu-phap');
  // An actor id that is not a UUID makes the audit insert fail after the agency row was updated.
  const broken: AuditActor = { id: 'not-a-uuid', role: 'administrator', agencyId: null };
  await assert.rejects(updateAgency(ctx, broken, id, { name: 'Sở Tư pháp mới' }));
  assert.equal((await findAgency(ctx.db, { id }))?.name, 'Sở Tư pháp');
  assert.deepEqual(await listAuditEvents(ctx.db, 'agency', id), []);
});
