import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { textFindings } from './text-findings.ts';

const lists = loadTextLists();
const abusive = (title: string, description = '') => textFindings({ title, description }, lists).find((f) => f.check === 'abusive');

test('R-5.2 profanity and insults are flagged, with and without diacritics, in teencode', () => {
  for (const text of [
    'Rác bốc mùi vcl',
    'đm cái đèn đường hỏng cả tháng',
    'Đ.M cái quán karaoke',
    'dcm mưa 30 phút ngập hết phố',
    'Quán karaoke đéo cho ai ngủ',
    'deo ai quan tam den cai ho ga nay',
    'Cán bộ phường ngu như bò',
    'Lũ ăn hại ở phường',
    'lu an hai, bao mai khong sua',
    'Mấy thằng óc chó cho xây trạm biến áp cạnh trường',
    'Đường như cc',
    'Địt mẹ cái quán nhậu',
  ]) {
    const f = abusive(text);
    assert.ok(f, text);
    assert.ok(f.confidence >= 0.5 && f.confidence <= 1);
    assert.ok((f.evidence.words as string[]).length > 0);
  }
});

test('R-5.2 two mild words together are flagged, one alone is not', () => {
  assert.equal(abusive('Đường bẩn vl'), undefined);
  assert.ok(abusive('Rác bẩn vl, bọn quản lý chợ ăn hại'));
});

test('R-5.2 ordinary words that contain or resemble a listed word are not abusive', () => {
  for (const text of [
    'Cả xóm không ngủ được vì karaoke',
    'ca xom khong ngu duoc vi karaoke',
    'Tôi cư ngụ tại ngõ 5, đội ngũ công nhân không che chắn',
    'Lon bia vứt bừa bãi sau trận bóng',
    'lon bia vut bua bai',
    'Con chó nhà hàng xóm sủa cả đêm',
    'Thang máy tòa CC2 chung cư Linh Đàm hỏng',
    'Đất cát rơi vãi khắp đường',
    'Người dân đeo khẩu trang vì bụi, deo khau trang ca ngay',
    'Xe đỗ chỗ cấm, xe do cho de xe khong phep',
    'Bố mẹ tôi già yếu, bo me toi gia yeu',
    'Đội ngũ cán bộ ban quản lý dự án',
    'Bán trứng cút lộn và quả óc chó trên vỉa hè',
    'Hoàn cảnh éo le của các hộ dân',
    'mat day dien trong ngo, con ngu thi bi on',
  ]) {
    assert.equal(abusive(text), undefined, text);
  }
});

test('R-5.2 quoting an insult someone else uttered weighs less than uttering it', () => {
  assert.equal(abusive('Bảo vệ tòa nhà quát nạt', 'Bảo vệ chửi người dân là đồ ngu rồi đuổi đi'), undefined);
  assert.ok(abusive('Đồ ngu', 'Mấy ông cán bộ đúng là đồ ngu'));
});
