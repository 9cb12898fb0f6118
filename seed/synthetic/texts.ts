/**
 * Words of the synthetic data: Vietnamese names of people, streets of Hanoi, what reports say per category, what
 * results say. Invented people (frequencies of family names as in Vietnam); no real person is described.
 */
import type { Rng } from './prng.ts';
import { Weighted } from './prng.ts';

const FAMILY = Weighted.of<string>([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4.5], ['Vũ', 4], ['Đặng', 2.1], ['Bùi', 2],
  ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trịnh', 0.6], ['Đào', 0.6], ['Lương', 0.4],
]);
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Tuấn', 'Mạnh', 'Ngọc', 'Việt'];
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Phương', 'Hồng', 'Thùy', 'Khánh', 'Mai', 'Bích', 'Lan'];
const GIVEN_MALE = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Trung', 'Tùng', 'Việt'];
const GIVEN_FEMALE = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngọc', 'Nhung', 'Phương', 'Quỳnh', 'Thảo', 'Trang', 'Vân', 'Yến'];

export function personName(rng: Rng, female: boolean): string {
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  return `${FAMILY.draw(rng)} ${middle} ${rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
}

/** Lower-case ASCII of a Vietnamese name, for e-mail addresses. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

const ORGANISATION_KINDS = ['Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã', 'Hộ kinh doanh'];
const ORGANISATION_WORDS = ['Thăng Long', 'Hồng Hà', 'Sông Đà', 'Phú Thịnh', 'An Khang', 'Minh Phát', 'Đại Việt', 'Hà Thành', 'Tân Tiến', 'Thành Công'];
const ORGANISATION_TRADES = ['Thương mại', 'Xây dựng', 'Dịch vụ', 'Vận tải', 'Thực phẩm', 'Công nghệ'];

export function organisationName(rng: Rng): string {
  return `${rng.pick(ORGANISATION_KINDS)} ${rng.pick(ORGANISATION_TRADES)} ${rng.pick(ORGANISATION_WORDS)}`;
}

const STREETS = [
  'phố Hàng Bài', 'phố Tràng Tiền', 'phố Huế', 'đường Láng', 'đường Giải Phóng', 'phố Kim Mã', 'đường Nguyễn Trãi', 'phố Chùa Bộc',
  'đường Cầu Giấy', 'phố Xuân Thủy', 'đường Phạm Văn Đồng', 'phố Tôn Đức Thắng', 'đường Trường Chinh', 'phố Bạch Mai', 'đường Minh Khai',
  'phố Lạc Trung', 'đường Nguyễn Văn Cừ', 'đường Ngọc Lâm', 'phố Hoàng Quốc Việt', 'đường Lê Văn Lương', 'đường Tố Hữu', 'phố Quang Trung',
  'đường Lạc Long Quân', 'phố Đội Cấn', 'đường Hồ Tùng Mậu', 'đường Nguyễn Xiển', 'phố Vọng', 'đường Tam Trinh', 'đường Lĩnh Nam', 'quốc lộ 32',
  'quốc lộ 6', 'tỉnh lộ 419', 'đường liên xã', 'đường trục thôn',
];

/** A place people would name: a house number, a lane, a street; the commune's name follows. */
export function streetAddress(rng: Rng, communeFullName: string): string {
  const lane = rng.chance(0.4) ? `ngõ ${1 + rng.int(300)}, ` : '';
  return `Số ${1 + rng.int(250)}, ${lane}${rng.pick(STREETS)}, ${communeFullName}`;
}

/** What reports of a category say: [title, description] pairs; `{place}` becomes the street. */
const REPORT_TEXTS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'trat-tu-do-thi': [
    ['Lấn chiếm vỉa hè để kinh doanh', 'Các hộ kinh doanh bày hàng hóa, kê bàn ghế chiếm hết vỉa hè tại {place}, người đi bộ phải đi xuống lòng đường.'],
    ['Họp chợ tạm lấn chiếm lòng đường', 'Chợ tạm họp từ sáng sớm tại {place}, gây ùn tắc và mất vệ sinh.'],
    ['Quảng cáo, rao vặt dán trái phép', 'Tờ rơi, quảng cáo khoan cắt bê tông dán kín cột điện, tường nhà tại {place}.'],
  ],
  've-sinh-moi-truong': [
    ['Rác thải tập kết không đúng nơi quy định', 'Rác sinh hoạt bị đổ thành đống tại {place}, bốc mùi hôi thối nhiều ngày chưa được thu gom.'],
    ['Đổ trộm phế thải xây dựng', 'Phế thải xây dựng bị đổ trộm ban đêm tại {place}, chiếm một phần đường.'],
    ['Đốt rác gây ô nhiễm không khí', 'Người dân đốt rác, lá cây tại {place} vào buổi chiều, khói bay vào nhà dân.'],
  ],
  'giao-thong': [
    ['Đèn tín hiệu giao thông không hoạt động', 'Đèn tín hiệu tại nút giao {place} bị tắt, phương tiện đi lại lộn xộn, nguy cơ tai nạn.'],
    ['Trông giữ xe trái phép dưới lòng đường', 'Bãi trông giữ xe tự phát tại {place} chiếm một làn đường vào giờ cao điểm.'],
    ['Ùn tắc kéo dài giờ cao điểm', 'Đoạn {place} thường xuyên ùn tắc từ 17h đến 19h, không có lực lượng phân luồng.'],
  ],
  'hu-hong-mat-duong': [
    ['Ổ gà lớn giữa đường', 'Mặt đường tại {place} xuất hiện ổ gà sâu khoảng 20 cm, xe máy đi qua dễ bị ngã.'],
    ['Nắp hố ga bị vỡ', 'Nắp hố ga tại {place} bị vỡ, để hở miệng hố nguy hiểm cho người đi đường.'],
    ['Đào đường không hoàn trả mặt bằng', 'Sau khi thi công đường ống, mặt đường tại {place} không được hoàn trả, đá dăm vương vãi.'],
  ],
  'ha-tang-do-thi': [['Cầu đi bộ xuống cấp', 'Lan can cầu đi bộ tại {place} bị gỉ sét, một số tấm sàn bị bong.'], ['Hạ tầng khu dân cư hư hỏng', 'Vỉa hè, bó vỉa tại {place} bị sụt lún, vỡ nhiều chỗ.']],
  'thoat-nuoc': [['Ngập úng sau mưa', 'Mỗi trận mưa lớn, đoạn {place} ngập sâu 30–40 cm, nước rút rất chậm.'], ['Cống thoát nước bị tắc', 'Cống rãnh tại {place} bị tắc, nước thải tràn lên mặt đường bốc mùi.']],
  'dien-chieu-sang': [['Đèn chiếu sáng công cộng hỏng', 'Cả dãy đèn chiếu sáng tại {place} không sáng nhiều đêm, đi lại rất nguy hiểm.'], ['Dây điện võng thấp', 'Dây điện tại {place} võng thấp, xe tải đi qua có thể vướng.']],
  'cay-xanh': [['Cây xanh có nguy cơ gãy đổ', 'Cây xà cừ lớn tại {place} bị nghiêng, rễ trồi lên, mùa mưa bão có nguy cơ đổ.'], ['Cành cây gãy chưa được thu dọn', 'Cành cây gãy sau cơn giông tại {place} vẫn nằm trên vỉa hè.']],
  'dat-dai-xay-dung': [['Xây dựng không phép', 'Công trình tại {place} đang xây thêm tầng, không treo biển báo giấy phép xây dựng.'], ['Công trình gây mất an toàn', 'Công trình xây dựng tại {place} không che chắn, vật liệu rơi xuống đường.']],
  'an-ninh-trat-tu': [['Tụ tập gây mất trật tự ban đêm', 'Nhóm thanh niên tụ tập, nẹt pô tại {place} sau 23h.'], ['Nghi vấn trộm cắp xe máy', 'Nhiều vụ mất trộm xe máy tại {place} trong tháng này.']],
  'van-hoa-noi-cong-cong': [['Hát karaoke gây ồn sau 22h', 'Hộ gia đình tại {place} hát karaoke công suất lớn đến khuya.'], ['Hành vi thiếu văn minh nơi công cộng', 'Nhiều người tiểu tiện bừa bãi tại {place}.']],
  'cap-nuoc': [['Mất nước sinh hoạt kéo dài', 'Khu vực {place} mất nước nhiều ngày, không có thông báo trước.'], ['Vỡ đường ống cấp nước', 'Đường ống cấp nước tại {place} bị vỡ, nước chảy lênh láng.']],
};
const GENERIC_TEXTS: readonly (readonly [string, string])[] = [
  ['Đề nghị cơ quan chức năng kiểm tra', 'Tôi phản ánh sự việc tại {place}, đề nghị cơ quan có thẩm quyền kiểm tra, xử lý.'],
  ['Phản ánh về tình trạng kéo dài', 'Tình trạng tại {place} đã kéo dài nhiều tháng, người dân mong được giải quyết dứt điểm.'],
];

export function reportText(rng: Rng, categoryCode: string, categoryName: string, place: string): { title: string; description: string } {
  const [title, description] = rng.pick(REPORT_TEXTS[categoryCode] ?? GENERIC_TEXTS);
  return {
    title: REPORT_TEXTS[categoryCode] ? title : `${categoryName}: ${title.toLowerCase()}`,
    description: description.replace('{place}', place),
  };
}

const RESULTS = [
  'Đơn vị đã kiểm tra hiện trường, lập biên bản và yêu cầu khắc phục; đến nay vi phạm đã được xử lý xong.',
  'Cơ quan chức năng đã phối hợp với đơn vị quản lý khắc phục sự cố; hiện trạng đã trở lại bình thường.',
  'Đã xử phạt vi phạm hành chính và yêu cầu tháo dỡ; tiếp tục kiểm tra, giám sát để không tái diễn.',
  'Nội dung phản ánh đã được tiếp nhận và đưa vào kế hoạch sửa chữa, dự kiến hoàn thành trong quý tới.',
];
export const PROOF_KINDS = ['inspection_record', 'site_photo', 'reply_letter'] as const;
const PROOF_TITLES: Record<(typeof PROOF_KINDS)[number], string> = {
  inspection_record: 'Biên bản kiểm tra hiện trường',
  site_photo: 'Ảnh hiện trường sau xử lý',
  reply_letter: 'Văn bản trả lời',
};

export function resultText(rng: Rng): string {
  return rng.pick(RESULTS);
}

export function resultProof(rng: Rng): { kind: (typeof PROOF_KINDS)[number]; title: string } {
  const kind = rng.pick(PROOF_KINDS);
  return { kind, title: PROOF_TITLES[kind] };
}

export const EXPLANATIONS = {
  reject: 'Không đủ điều kiện tiếp nhận theo Điều 6.2 Quy chế.',
  rejectDraft: 'Kết quả chưa nêu rõ biện pháp xử lý, đề nghị bổ sung.',
  question: 'Đề nghị làm rõ thời gian hoàn thành việc khắc phục.',
  answer: 'Đơn vị đã hoàn thành khắc phục và sẽ tiếp tục theo dõi.',
  information: 'Tôi bổ sung vị trí cụ thể và ảnh chụp thêm.',
  consultation: 'Xin ý kiến người dân về sáng kiến.',
} as const;

const RATING_COMMENTS = ['Cảm ơn cơ quan đã xử lý kịp thời.', 'Xử lý chậm nhưng đã khắc phục.', 'Vi phạm vẫn tái diễn sau khi xử lý.'];
export function ratingComment(rng: Rng): string | null {
  return rng.chance(0.3) ? rng.pick(RATING_COMMENTS) : null;
}

/**
 * Alert contents (Art. 15–17) by CAP category. City-wide texts (weather, air, fire season) and local ones
 * (a commune's or a district's own notices) are kept apart, so that no lower level repeats what the city sent
 * (R-16.2, R-17.2).
 */
export const ALERT_TEXTS: readonly { scope: 'city' | 'local'; category: 'Met' | 'Health' | 'Transport' | 'Infra' | 'Env' | 'Safety' | 'Fire'; kind: 'information' | 'warning'; severity: 'Severe' | 'Moderate' | 'Minor'; title: string; body: string }[] = [
  { scope: 'city', category: 'Met', kind: 'warning', severity: 'Severe', title: 'Cảnh báo mưa lớn, ngập úng', body: 'Dự báo mưa to đến rất to trong 24 giờ tới, nguy cơ ngập úng tại các tuyến phố trũng. Người dân hạn chế ra đường khi không cần thiết.' },
  { scope: 'city', category: 'Met', kind: 'warning', severity: 'Moderate', title: 'Cảnh báo nắng nóng gay gắt', body: 'Nhiệt độ cao nhất 38–40 độ C. Người dân chú ý phòng tránh say nắng, sử dụng điện tiết kiệm.' },
  { scope: 'city', category: 'Env', kind: 'warning', severity: 'Moderate', title: 'Chất lượng không khí ở mức kém', body: 'Chỉ số chất lượng không khí ở mức kém. Người già, trẻ em hạn chế hoạt động ngoài trời, đeo khẩu trang khi ra đường.' },
  { scope: 'local', category: 'Health', kind: 'information', severity: 'Minor', title: 'Tiêm chủng mở rộng tháng này', body: 'Trạm y tế tổ chức tiêm chủng mở rộng cho trẻ em vào sáng thứ Bảy. Phụ huynh mang theo sổ tiêm chủng.' },
  { scope: 'local', category: 'Transport', kind: 'information', severity: 'Minor', title: 'Phân luồng giao thông phục vụ thi công', body: 'Từ ngày mai, tổ chức phân luồng giao thông để thi công công trình. Đề nghị người dân đi theo biển chỉ dẫn.' },
  { scope: 'local', category: 'Infra', kind: 'information', severity: 'Minor', title: 'Tạm ngừng cấp nước để sửa chữa', body: 'Tạm ngừng cấp nước từ 8h đến 17h để sửa chữa đường ống. Người dân chủ động dự trữ nước.' },
  { scope: 'city', category: 'Fire', kind: 'warning', severity: 'Moderate', title: 'Tăng cường phòng cháy mùa hanh khô', body: 'Thời tiết hanh khô, nguy cơ cháy cao. Người dân không đốt vàng mã, rơm rạ gần nhà ở, kiểm tra hệ thống điện.' },
  { scope: 'local', category: 'Safety', kind: 'information', severity: 'Minor', title: 'Lịch thu gom rác thải mới', body: 'Từ tháng này, rác thải sinh hoạt được thu gom từ 18h đến 21h hằng ngày. Đề nghị người dân để rác đúng giờ, đúng nơi.' },
];
