import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { replaceRoutingRules } from '../server/app/catalogue/routing-rules.ts';
import { FIELD_CODES, isFieldCode } from '../server/domain/agencies/index.ts';
import { findAgency } from '../server/db/repos/agencies.repo.ts';
import { listAuditEvents } from '../server/db/repos/audit.repo.ts';
import { findCategory, listCategories, listRoutingRules } from '../server/db/repos/catalogue.repo.ts';
import { freshDatabase, makeContext } from '../test/context.ts';
import { REFERENCE_CATEGORIES, seedCategories } from './categories.seed.ts';

const database = await freshDatabase();
const ctx = makeContext(database);
const agencyId = async (code: string) => (await findAgency(ctx.db, { code }))!.id;

test('R-1.2 the reference catalogue is loaded, active, in display order', async () => {
  const all = await listCategories(ctx.db);
  assert.deepEqual(all.map((c) => c.code), REFERENCE_CATEGORIES.map((c) => c.code));
  assert.ok(all.every((c) => c.active && isFieldCode(c.field)));
  const pothole = await findCategory(ctx.db, 'hu-hong-mat-duong');
  assert.equal(pothole?.name, 'Hư hỏng mặt đường, ổ gà');
  assert.deepEqual(pothole?.kinds, ['field_report']);
  const waste = await listCategories(ctx.db, { kind: 'waste_report' });
  assert.ok(waste.length >= 3 && waste.every((c) => c.field === 'lang_phi'));
});

test('R-5.9 R-5.10 R-9 the default routing rules are stored as data an administrator can see and change', async () => {
  const rules = await listRoutingRules(ctx.db);
  const center = await agencyId('trung-tam-phuc-vu-hanh-chinh-cong');
  assert.deepEqual(rules.map((r) => r.position), rules.map((_, i) => i + 1));
  assert.deepEqual([rules[0]?.kind, rules[0]?.target, rules[0]?.agencyId], ['initiative', 'agency', center], 'R-9 initiatives to the Center, first');
  const last = rules.at(-1);
  assert.deepEqual([last?.kind, last?.field, last?.categoryCode, last?.unit, last?.agencyId], [null, null, null, null, center], 'R-7.2 a catch-all to the Center, last');
  assert.equal(rules.find((r) => r.field === 'trat_tu_do_thi')?.target, 'commune_of_place');
  assert.equal(rules.find((r) => r.field === 'dien')?.agencyId, await agencyId('so-cong-thuong'), 'a city field to its department');
  assert.equal(rules.find((r) => r.field === 'dau_tu_doanh_nghiep')?.agencyId, await agencyId('so-tai-chinh'));
  assert.deepEqual(rules.filter((r) => r.field !== null).map((r) => r.field).sort(), [...FIELD_CODES].sort(), 'one rule per field of competence');
});

test('R-28.1 the seed is idempotent and never overwrites an administrator’s edits, nor refills an emptied rule list', async () => {
  assert.equal(await seedCategories(ctx), null, 'nothing to do the second time');
  await ctx.db.updateTable('report_categories').set({ name: 'Du lịch, lữ hành' }).where('code', '=', 'du-lich').execute();
  await ctx.db.deleteFrom('report_categories').where('code', '=', 'vien-thong').execute();
  const admin = { kind: 'staff' as const, userId: uuidv7(), memberships: [{ agencyId: await agencyId('trung-tam-phuc-vu-hanh-chinh-cong'), role: 'administrator' as const }] };
  await replaceRoutingRules(ctx, admin, []);
  assert.equal(await seedCategories(ctx), 'catalogue: 1 report categories');
  assert.equal((await findCategory(ctx.db, 'du-lich'))?.name, 'Du lịch, lữ hành');
  assert.equal((await findCategory(ctx.db, 'vien-thong'))?.field, 'khoa_hoc_cong_nghe');
  assert.deepEqual(await listRoutingRules(ctx.db), [], 'an empty list is the administrator’s choice');
  const trail = await listAuditEvents(ctx.db, 'routing_rules', 'routing-rules');
  assert.deepEqual(trail.map((e) => e.action), ['reference.routingRules.load', 'routingRules.replace']);
});
