import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCAL_FIELDS, isFieldCode } from '../server/domain/agencies/index.ts';
import { REPORT_KINDS } from '../server/domain/calendar/index.ts';
import { checkNewCategory } from '../server/domain/catalogue/index.ts';
import { referenceCategories } from './categories.seed.ts';

const categories = referenceCategories();
const byName = (name: string) => categories.find((c) => c.name === name);

test('R-1.2 every reference category passes the administrator’s own checks, with a unique code', () => {
  assert.equal(new Set(categories.map((c) => c.code)).size, categories.length);
  for (const c of categories) {
    const checked = checkNewCategory(c);
    assert.ok(checked.ok, `${c.code}: ${JSON.stringify(!checked.ok && checked.problems)}`);
    assert.deepEqual(checked.value, c, `${c.code} is already tidy`);
    assert.ok(isFieldCode(c.field), c.code);
    assert.ok(c.description.length > 20, `${c.code} has a description`);
  }
  assert.deepEqual(categories.map((c) => c.sortOrder), [...categories.map((c) => c.sortOrder)].sort((a, b) => a - b), 'in display order');
});

test('R-1.2 R-5.10 every report kind has categories; the topics of the city’s list map to their fields', () => {
  for (const kind of REPORT_KINDS) assert.ok(categories.some((c) => c.kinds.includes(kind)), kind);
  for (const [name, field] of [
    ['Trật tự đô thị', 'trat_tu_do_thi'],
    ['Giao thông', 'giao_thong'],
    ['Vệ sinh môi trường', 've_sinh_moi_truong'],
    ['Phòng cháy, chữa cháy', 'phong_chay_chua_chay'],
    ['An ninh, trật tự', 'an_ninh_trat_tu'],
    ['Văn hóa nơi công cộng', 'van_hoa'],
    ['Văn hóa công sở', 'noi_vu'],
    ['Hạ tầng đô thị', 'ha_tang_do_thi'],
    ['Hư hỏng mặt đường, ổ gà', 'ha_tang_do_thi'],
    ['Điện, chiếu sáng công cộng', 'dien'],
    ['Cấp nước', 'nuoc'],
    ['Thoát nước, ngập úng', 'nuoc'],
    ['Cây xanh, công viên', 'cay_xanh'],
    ['Y tế, an toàn thực phẩm', 'y_te'],
    ['Giáo dục', 'giao_duc'],
    ['Đất đai, xây dựng', 'dat_dai_xay_dung'],
    ['Thủ tục hành chính', 'thu_tuc_hanh_chinh'],
  ] as const)
    assert.equal(byName(name)?.field, field, name);
  const waste = categories.filter((c) => c.kinds.includes('waste_report'));
  assert.ok(waste.length >= 3 && waste.every((c) => c.field === 'lang_phi' && /lãng phí/i.test(c.name)), 'waste means wasteful behaviour, not garbage');
  assert.ok(categories.filter((c) => c.kinds.includes('investor_feedback')).every((c) => c.field === 'dau_tu_doanh_nghiep'));
  assert.ok(categories.filter((c) => c.kinds.includes('initiative')).every((c) => c.name.startsWith('Sáng kiến')));
  assert.ok(categories.some((c) => !(LOCAL_FIELDS as readonly string[]).includes(c.field) && c.kinds.includes('field_report')), 'some field reports are a city field');
});
