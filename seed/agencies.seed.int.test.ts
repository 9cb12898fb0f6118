import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFieldCode, LOCAL_FIELDS } from '../server/domain/agencies/index.ts';
import { listAgencies } from '../server/db/repos/agencies.repo.ts';
import { freshDatabase } from '../test/context.ts';
import { CITY_AGENCIES } from './agencies.seed.ts';

test('R-2 R-18.2b the Center, the city departments, the public-service companies and 126 commune committees are seeded', async () => {
  const { db } = await freshDatabase();
  const all = await listAgencies(db, {});
  const byKind = (k: string) => all.filter((a) => a.kind === k);

  const [center, ...otherCenters] = byKind('center');
  assert.equal(otherCenters.length, 0);
  assert.equal(center?.name, 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội');
  assert.deepEqual(center?.jurisdiction, [{ version: '2025-07', code: '01' }], 'the dispatcher covers the whole city');

  const communes = byKind('commune_committee');
  assert.equal(communes.length, 126);
  assert.ok(communes.every((a) => a.active && a.level === 'commune' && a.jurisdiction.length === 1 && a.jurisdiction[0]!.version === '2025-07'));
  assert.equal(new Set(communes.map((a) => a.jurisdiction[0]!.code)).size, 126, 'one committee per commune');
  const hoanKiem = communes.find((a) => a.jurisdiction[0]!.code === '00070');
  assert.equal(hoanKiem?.name, 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.equal(hoanKiem?.code, 'ubnd-phuong-hoan-kiem');
  assert.deepEqual([...(hoanKiem?.fields ?? [])].sort(), [...LOCAL_FIELDS].sort());

  for (const a of CITY_AGENCIES) {
    const seeded = all.find((x) => x.code === a.code);
    assert.ok(seeded?.active && seeded.level === 'city', a.code);
    assert.ok(seeded.fields.length > 0 && seeded.fields.every(isFieldCode), a.code);
  }
  assert.ok(all.some((a) => a.name === 'Sở Xây dựng' && a.fields.includes('giao_thong')), 'transport went to Construction in 2025');
  assert.ok(all.some((a) => a.shortName === 'URENCO' && a.fields.includes('ve_sinh_moi_truong')));
});

test('R-28.1 the 30 former district committees are kept as inactive history, ended on 2025-06-30', async () => {
  const { db } = await freshDatabase();
  const districts = await listAgencies(db, { level: 'district' });
  assert.equal(districts.length, 30);
  assert.ok(districts.every((a) => !a.active && a.validTo === '2025-06-30' && a.kind === 'district_committee'));
  const hoanKiem = districts.find((a) => a.code === 'ubnd-quan-hoan-kiem');
  assert.deepEqual(hoanKiem?.jurisdiction, [
    { version: '2025-01', code: '002' },
    { version: '2024', code: '002' },
  ]);
  assert.equal((await listAgencies(db, { level: 'district', active: true })).length, 0);
});
