import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { textFindings } from './text-findings.ts';

const lists = loadTextLists();
const outOfScope = (title: string, description = '') => textFindings({ title, description }, lists).filter((f) => f.check === 'out_of_scope');
const channels = (title: string, description = '') => outOfScope(title, description).map((f) => f.evidence.channel);

test('R-1.3 a complaint against an administrative decision points to the complaints channel and the Law on Complaints 2011', () => {
  const [f, ...rest] = outOfScope('Khiếu nại quyết định thu hồi đất', 'Tôi làm đơn khiếu nại Quyết định số 1234/QĐ-UBND của UBND phường về việc thu hồi đất vì mức bồi thường không đúng.');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(f.evidence.channel, 'complaint');
  assert.match(f.summary, /Luật Khiếu nại 2011/);
  assert.match(f.summary, /1207\/QĐ-UBND/);
  assert.match(f.summary, /tiếp công dân/);
  assert.deepEqual(channels('khieu nai quyet dinh xu phat', 'toi khieu nai quyet dinh so 567/QD-XPHC cua chu tich UBND phuong'), ['complaint']);
});

test('R-1.3 denunciations, crime reports, lawsuits and state secrets each point to their own channel', () => {
  const [d] = outOfScope('Tố cáo cán bộ địa chính', 'Tôi xin tố cáo ông H., cán bộ địa chính phường, đã nhận tiền của dân để làm sổ đỏ.');
  assert.equal(d?.evidence.channel, 'denunciation');
  assert.match(d!.summary, /Luật Tố cáo 2018/);
  assert.deepEqual(channels('Tố giác', 'Tôi tố giác tụ điểm đánh bạc, cá độ bóng đá ở số 15 ngõ 2'), ['crime_report']);
  assert.deepEqual(channels('Làm đơn kiện hàng xóm', 'Tôi muốn khởi kiện nhà hàng xóm ra tòa vì làm nứt tường nhà tôi'), ['dispute']);
  const [s] = outOfScope('Tài liệu', 'Tôi có văn bản thuộc bí mật nhà nước về quy hoạch quân sự');
  assert.equal(s?.evidence.channel, 'state_secret');
  assert.match(s!.summary, /Luật Bảo vệ bí mật nhà nước 2018/);
});

test('R-1.3 a field report is not a complaint: phản ánh, đề nghị xử lý, kiến nghị, bức xúc, repeated reports', () => {
  for (const [title, description] of [
    ['Tôi xin phản ánh', 'Tôi xin phản ánh tình trạng xe chở đất không che bạt, đề nghị xử lý.'],
    ['Kiến nghị làm gờ giảm tốc', 'Người dân kiến nghị làm gờ giảm tốc, rất bức xúc.'],
    ['Phản ánh nhiều lần', 'Tôi đã phản ánh ba lần qua iHanoi nhưng quán bia vẫn lấn chiếm vỉa hè, đề nghị phường có biện pháp mạnh hơn.'],
    ['Tiếng ồn', 'Nhiều hộ dân đã nhiều lần khiếu nại với tổ dân phố về tiếng ồn của xưởng in nhưng xưởng vẫn chạy đêm.'],
    ['Không phải khiếu nại', 'Tôi không khiếu nại ai cả, chỉ muốn phản ánh đèn đường tắt sớm.'],
    ['Sự kiện âm nhạc', 'Sự kiện âm nhạc ồn đến nửa đêm; kiện hàng của kho chuyển phát chất đầy vỉa hè; đủ điều kiện đi lại.'],
    ['Bí mật', 'Tôi mất chìa khóa, toi mat vi, hỏi bí mật gì mà phường không trả lời'],
  ]) {
    assert.deepEqual(channels(title!, description!), [], `${title}: ${description}`);
  }
});
