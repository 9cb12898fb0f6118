import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { advertisingSignals } from './advertising.ts';
import { textFindings } from './text-findings.ts';

const lists = loadTextLists();
const ad = (title: string, description: string) => textFindings({ title, description }, lists).find((f) => f.check === 'advertising');

test('R-6.2e Vietnamese phone numbers are found in any spacing, with dots, dashes or +84, and validated', () => {
  const phones = (t: string) => advertisingSignals(t, []).phones;
  assert.deepEqual(phones('LH 0912.345.678'), ['+84912345678']);
  assert.deepEqual(phones('goi 09 12 34 56 78 nhe'), ['+84912345678']);
  assert.deepEqual(phones('0912-345-678 hoặc +84 912 345 678'), ['+84912345678']);
  assert.deepEqual(phones('0 9 1 2 . 3 4 5 . 6 7 8'), ['+84912345678'], 'spread out to dodge a filter');
  assert.deepEqual(phones('máy bàn 024 3825 1234, hotline 1900 6868'), ['+842438251234', '+8419006868']);
  for (const notPhone of ['CCCD 001090004319', 'mã PA-2026-000123', 'ngõ 1194/31/15 Đường Láng', 'ngày 12.03.2025 lúc 10.30', 'gọi 113, 114, 115', 'đường dây nóng 1022', 'số 0912 xxx 678']) {
    assert.deepEqual(phones(notPhone), [], notPhone);
  }
});

test('R-6.2e web addresses, handles, prices and discounts are signals; government sites are not', () => {
  const s = advertisingSignals('Đặt hàng tại www.mypham-sieure.vn, fb.com/shop.hn, bet88vn.com, t.me/dautu — ib @giaythethao.hn, mail ban@shop.vn. Giá 99.000đ, 12tr/tháng, 1tr5, giảm 30%', ['gov.vn']);
  assert.deepEqual(s.domains, ['mypham-sieure.vn', 'fb.com', 'bet88vn.com', 't.me']);
  assert.deepEqual(s.handles, ['@giaythethao.hn', 'ban@shop.vn']);
  assert.deepEqual(s.prices, ['99.000đ', '12tr', '1tr5']);
  assert.deepEqual(s.discounts, ['giảm 30%']);
  const none = advertisingSignals('Xem thông báo trên hanoi.gov.vn và https://dichvucong.gov.vn/p/home, Tp.HCM, Q.Cầu Giấy, lúc 10.30, cao 2.5m', ['gov.vn']);
  assert.deepEqual([none.domains, none.handles, none.prices, none.discounts], [[], [], [], []]);
});

test('R-6.2e an advertisement is flagged, with or without diacritics, and the evidence masks the phone number', () => {
  const f = ad('Khoan cắt bê tông giá rẻ', 'Nhận khoan cắt bê tông, thông tắc cống 24/24. Giá rẻ nhất, bảo hành 12 tháng. Liên hệ ngay 0912.345.678');
  assert.ok(f && f.confidence >= 0.9, JSON.stringify(f));
  assert.match(f.summary, /\+84 91\* \*\*\* 678/);
  assert.deepEqual(f.evidence.phones, ['+84 91* *** 678']);
  assert.ok(!JSON.stringify(f).includes('0912'), 'no full number in the finding');
  assert.ok(ad('cho thue phong tro', 'cho thue phong tro khep kin gan DH Bach Khoa, gia 3tr/thang, wifi free. lien he chu nha 0915.678.234'));
  assert.ok(ad('Nhà cái uy tín', 'Khuyến mãi 100% lần nạp đầu, truy cập bet88vn.com'));
  assert.ok(ad('Chụp ảnh cưới', 'Studio nhận chụp ảnh cưới trọn gói chỉ từ 3.990.000đ, tặng album. Liên hệ ngay để được tư vấn miễn phí!'), 'no phone, no address: the words suffice');
});

test('R-6.2e a citizen quoting the phone number of a business that blocks the pavement is not advertising', () => {
  assert.equal(ad('Quán ăn chiếm lòng đường', 'Quán lẩu ở số 5 Trung Kính kê bàn ghế ra lòng đường. Số điện thoại trên biển hiệu của quán là 0987 654 321, tôi đã gọi nhắc nhưng không có tác dụng.'), undefined);
  assert.equal(ad('Tờ rơi dán cột điện', 'Cột điện ngõ 1 dán chi chít tờ rơi "khoan cắt bê tông, hút bể phốt giá rẻ" kèm số 0912.345.678. Đề nghị phường bóc dỡ và xử lý số điện thoại này.'), undefined);
  assert.equal(ad('Biển quảng cáo lấn chiếm vỉa hè', 'Cửa hàng điện thoại đặt biển quảng cáo "Giảm giá 50% - trả góp 0%" giữa vỉa hè. Đề nghị xử lý.'), undefined);
  assert.equal(ad('Loa khuyến mãi mở quá to', 'Cửa hàng mỹ phẩm phát loa "khuyến mãi, giảm giá sốc" từ sáng đến tối, rất ồn.'), undefined);
});

test('R-6.2e a phone number alone, or everyday words (bán, cho thuê, dịch vụ), never make a finding', () => {
  assert.equal(ad('Liên hệ', '0912345678'), undefined);
  assert.equal(ad('Ban quản lý', 'Ban quản lý tòa nhà không trả lời, số của tôi 0912 345 678'), undefined);
  assert.equal(ad('Cửa hàng cho thuê xe', 'Cửa hàng cho thuê xe máy xả nước thải ra vỉa hè.'), undefined);
  assert.equal(ad('Dịch vụ thu gom rác', 'Đơn vị dịch vụ thu phí 50.000 đồng/tháng nhưng một tuần chỉ lấy rác hai lần.'), undefined);
  assert.equal(ad('mua to', 'mua to la ngap, gia dinh toi phai ke do len cao'), undefined, '"mua" and "gia" without diacritics are mưa and gia đình');
});

test('R-6.2e confidence grows with the number and kind of signals', () => {
  const c = (d: string) => ad('', d)?.confidence ?? 0;
  const promo = 'Khuyến mãi lớn, giảm giá sốc, bảo hành 12 tháng.';
  assert.ok(c(promo) < c(`${promo} Gọi 0912 345 678.`));
  assert.ok(c(`${promo} Gọi 0912 345 678.`) < c(`${promo} Gọi 0912 345 678, xem www.khuyenmai-sieure.vn`));
  assert.ok(c(`${promo} Gọi 0912 345 678.`) > c(`${promo} Gọi 0912 345 678. Đề nghị phường xử lý tờ rơi này.`), 'report wording counts against');
});
