import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPORT_KINDS } from '../calendar/index.ts';
import { REPORT_KIND_NAMES, categoryAppliesTo, checkCategoryChanges, checkNewCategory, compareCategories, isReportKind } from './category.ts';

test('R-1.2 the five report kinds have Vietnamese names', () => {
  assert.deepEqual(Object.keys(REPORT_KIND_NAMES).sort(), [...REPORT_KINDS].sort());
  assert.equal(REPORT_KIND_NAMES.waste_report, 'Phản ánh hành vi lãng phí', 'waste is wasteful behaviour, not garbage');
  assert.ok(isReportKind('initiative') && !isReportKind('complaint'));
});

test('R-1.2 R-28.1 a new category is tidied; kinds follow the order of the regulation', () => {
  const checked = checkNewCategory({
    code: ' hu-hong-mat-duong ',
    name: '  Hư hỏng   mặt đường ',
    description: '  Ổ gà,  sụt lún \n\n\n\nNắp hố ga ',
    kinds: ['regulation_feedback', 'field_report'],
    field: 'ha_tang_do_thi',
  });
  assert.deepEqual(checked, {
    ok: true,
    value: {
      code: 'hu-hong-mat-duong',
      name: 'Hư hỏng mặt đường',
      description: 'Ổ gà, sụt lún\n\nNắp hố ga',
      kinds: ['field_report', 'regulation_feedback'],
      field: 'ha_tang_do_thi',
      active: true,
      sortOrder: 0,
    },
  });
  assert.equal(checkNewCategory({ code: 'lang_phi_tai_san_cong', name: 'Lãng phí tài sản công', kinds: ['waste_report'], field: 'lang_phi' }).ok, true, 'snake case too');
});

test('R-1.2 R-5.10 a bad category names every bad field', () => {
  const bad = checkNewCategory({ code: 'Ổ Gà', name: 'X', kinds: ['field_report', 'complaint', 'field_report'], field: 'bay_lung_tung', sortOrder: 1.5 });
  assert.equal(bad.ok, false);
  assert.deepEqual(
    !bad.ok && bad.problems.map((p) => p.field),
    ['body.code', 'body.name', 'body.kinds.1', 'body.kinds.2', 'body.field', 'body.sortOrder'],
  );
  assert.match(!bad.ok ? (bad.problems.find((p) => p.field === 'body.field')?.message ?? '') : '', /bay_lung_tung/);
  const none = checkNewCategory({ code: 'x-', name: 'Tên', kinds: [], field: 'giao_thong' });
  assert.deepEqual(!none.ok && none.problems.map((p) => p.field), ['body.code', 'body.kinds']);
});

test('R-28.1 an edit needs at least one change; the code is not editable', () => {
  const empty = checkCategoryChanges({});
  assert.deepEqual(!empty.ok && empty.problems.map((p) => p.field), ['body']);
  assert.deepEqual(checkCategoryChanges({ active: false, description: null }), { ok: true, value: { active: false, description: '' } });
  assert.ok(!('code' in (checkCategoryChanges({ name: 'Giao thông đô thị' }) as { value: object }).value));
});

test('R-1.2 a category applies to the kinds it lists; the catalogue sorts by order, then Vietnamese name', () => {
  assert.equal(categoryAppliesTo({ kinds: ['field_report'] }, 'field_report'), true);
  assert.equal(categoryAppliesTo({ kinds: ['field_report'] }, 'initiative'), false);
  const sorted = [
    { code: 'c', name: 'Điện', sortOrder: 1 },
    { code: 'b', name: 'Đất đai', sortOrder: 1 },
    { code: 'a', name: 'Ô nhiễm', sortOrder: 0 },
    { code: 'd', name: 'Dân cư', sortOrder: 1 },
  ].sort(compareCategories);
  assert.deepEqual(sorted.map((c) => c.code), ['a', 'd', 'b', 'c'], 'Đ comes after D in Vietnamese');
});
