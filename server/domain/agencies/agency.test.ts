import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAgencyChanges, checkFocalOfficers } from './agency.ts';
import { FIELDS, FIELD_CODES, LOCAL_FIELDS, isFieldCode } from './fields.ts';

test('R-5.10 fields of competence are one list of unique codes with Vietnamese names', () => {
  assert.equal(new Set(FIELD_CODES).size, FIELDS.length);
  for (const f of FIELDS) {
    assert.match(f.code, /^[a-z][a-z_]*$/);
    assert.ok(f.vi.length > 2 && f.en.length > 2);
  }
  assert.ok(isFieldCode('trat_tu_do_thi'));
  assert.ok(!isFieldCode('khong_co'));
  assert.ok(LOCAL_FIELDS.includes('trat_tu_do_thi') && !LOCAL_FIELDS.includes('dien'), 'power is a utility company field');
});

test('R-28.1 an agency edit is tidied and every bad field is named', () => {
  const ok = checkAgencyChanges(
    { active: true, jurisdictionSize: 1 },
    { name: '  Sở  Xây dựng ', shortName: '', fields: ['giao_thong'], jurisdiction: [{ version: '2025-07', code: '01' }] },
  );
  assert.deepEqual(ok, {
    ok: true,
    value: { name: 'Sở Xây dựng', shortName: null, fields: ['giao_thong'], jurisdiction: [{ version: '2025-07', code: '01' }] },
  });
  const bad = checkAgencyChanges(
    { active: true, jurisdictionSize: 1 },
    { name: 'S', fields: ['giao_thong', 'bay_lung_tung', 'giao_thong'], jurisdiction: [] },
  );
  assert.equal(bad.ok, false);
  assert.deepEqual(
    !bad.ok && bad.problems.map((p) => p.field),
    ['body.name', 'body.fields.1', 'body.fields.2', 'body.jurisdiction'],
  );
});

test('R-28.1 an active agency needs a jurisdiction; an inactive one may have none', () => {
  assert.equal(checkAgencyChanges({ active: false, jurisdictionSize: 0 }, { active: true }).ok, false);
  assert.equal(checkAgencyChanges({ active: true, jurisdictionSize: 3 }, { active: false, jurisdiction: [] }).ok, true);
});

test('R-18.2b focal officers need a name, a position and a valid phone or e-mail', () => {
  const ok = checkFocalOfficers([{ name: 'Nguyễn Văn A', position: 'Phó Chánh Văn phòng', phone: '024 3825 3536', email: ' VanPhong@HaNoi.gov.vn ' }]);
  assert.deepEqual(ok, {
    ok: true,
    value: [{ name: 'Nguyễn Văn A', position: 'Phó Chánh Văn phòng', phone: '+842438253536', email: 'vanphong@hanoi.gov.vn' }],
  });
  const bad = checkFocalOfficers([
    { name: 'B', position: 'Chuyên viên', phone: '123' },
    { name: 'Trần Thị C', position: 'Chuyên viên', email: 'khong-phai-email' },
    { name: 'Lê Văn D', position: 'Chuyên viên' },
  ]);
  assert.deepEqual(
    !bad.ok && bad.problems.map((p) => p.field),
    ['body.officers.0.name', 'body.officers.0.phone', 'body.officers.1.email', 'body.officers.2'],
  );
});
