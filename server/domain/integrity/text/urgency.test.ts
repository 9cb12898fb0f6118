import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { textFindings } from './text-findings.ts';

const lists = loadTextLists();
const urgent = (title: string, description = '') => textFindings({ title, description }, lists).find((f) => f.check === 'urgent_suggested');

test('R-8.4 fires, accidents, disasters, epidemics, theft and robbery, electrocution, collapses, gas leaks, drowning suggest "khẩn"', () => {
  for (const [text, kind] of [
    ['Đang có cháy lớn tại nhà số 12 ngõ 19 Định Công, khói đen mù mịt', 'cháy nổ'],
    ['Vừa xảy ra tai nạn giữa xe tải và xe máy, một người bị thương nặng', 'tai nạn'],
    ['Bờ sông Đuống bị sạt lở nghiêm trọng, nước lũ dâng cao', 'thiên tai'],
    ['6 người mắc sốt xuất huyết trong một tuần, nghi có ổ dịch', 'dịch bệnh'],
    ['Vừa có vụ cướp giật điện thoại ở đầu ngõ 95 Chùa Bộc', 'trộm cướp, an ninh trật tự'],
    ['Cột đèn rò điện, một bạn trẻ bị điện giật', 'điện'],
    ['Giàn giáo công trình vừa bị sập đổ xuống vỉa hè', 'sập đổ'],
    ['Cây xà cừ bật gốc, cây đổ chắn ngang đường', 'sập đổ'],
    ['Tầng 8 có mùi gas nồng nặc, nghi rò rỉ khí gas', 'khí độc, hóa chất'],
    ['Một em nhỏ bị đuối nước ở hồ điều hòa', 'đuối nước'],
    ['Phố Nguyễn Khuyến ngập sâu gần 70 cm, nước tràn vào nhà dân', 'thiên tai'],
  ] as const) {
    const f = urgent('', text);
    assert.ok(f, text);
    assert.ok((f.evidence.kinds as string[]).includes(kind), `${text}: ${JSON.stringify(f.evidence)}`);
    assert.ok((f.evidence.words as string[]).length > 0);
    assert.match(f.summary, /khẩn/);
  }
  assert.ok(urgent('dang chay o quan karaoke', 'dam chay lon, khoi boc ra rat nhieu, con nguoi ben trong'), 'without diacritics');
  assert.ok(urgent('tai nan o nga tu', 'nguoi di xe may bi thuong nam duoi duong'));
});

test('R-8.4 risks, prevention and look-alike words do not suggest "khẩn"', () => {
  for (const [title, description] of [
    ['Bóng đèn đường bị cháy', 'Bóng đèn cột số 27 trước cổng trường bị cháy, chưa thấy ai thay.'],
    ['Nguy cơ cháy nổ', 'Dây điện cũ và chằng chịt, người dân lo ngại tiềm ẩn nguy cơ cháy nổ.'],
    ['Dễ gây tai nạn', 'Cây che khuất biển báo ở khúc cua, rất dễ gây tai nạn.'],
    ['Thiếu bình chữa cháy', 'Chung cư mini không có bình chữa cháy, đề nghị kiểm tra phòng cháy chữa cháy.'],
    ['Đổ trộm phế thải', 'Có người đổ trộm phế thải xây dựng ra lề đường vào ban đêm.'],
    ['Cắt tỉa cây', 'Đề nghị cắt tỉa cây trước mùa mưa bão.'],
    ['duong ngap sau mua', 'duong Nguyen Khuyen ngap sau mua, xe chay cham'],
    ['Thanh niên nẹt pô', 'Nhóm thanh niên nẹt pô, nổ pô ầm ĩ lúc nửa đêm.'],
    ['Sân chơi xuống cấp', 'Cầu trượt gỉ sét, trẻ con chơi rất dễ bị thương.'],
    ['Ổ gà', 'Ổ gà sâu 20 cm, xe máy đi qua rất nguy hiểm.'],
  ]) {
    assert.equal(urgent(title!, description!), undefined, `${title}: ${description}`);
  }
});
