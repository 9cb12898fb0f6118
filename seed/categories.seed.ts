/**
 * Reference data: the report-category catalogue and the default routing rules (R-6,
 * ), both data an administrator edits afterwards. Runs after the agencies seed (rules name
 * agencies). Idempotent: a category already present is never touched; the default rules are loaded once,
 * into an empty table that was never edited — an administrator's empty list stays empty.
 *
 * Each category names the field of competence (server/domain/agencies/fields.ts) that decides who handles it.
 * Where the list has no exact field, the closest one is used: office culture (văn hóa công sở) → `noi_vu`
 * (the civil service), public lighting with power → `dien`, waste of land or resources → `lang_phi`.
 */
import type { AppContext } from '../server/app/context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../server/app/unit-of-work.ts';
import type { FieldCode } from '../server/domain/agencies/index.ts';
import type { ReportKind } from '../server/domain/calendar/index.ts';
import { defaultRoutingRules, type Category } from '../server/domain/catalogue/index.ts';
import { listAgencies } from '../server/db/repos/agencies.repo.ts';
import {
  ROUTING_RULES_SUBJECT,
  categoryCodes,
  insertCategories,
  listRoutingRules,
  lockCatalogueSeed,
  replaceRoutingRules,
  routingRulesEverSet,
} from '../server/db/repos/catalogue.repo.ts';

interface SeedCategory extends Omit<Category, 'field' | 'active' | 'sortOrder' | 'kinds'> {
  kinds: ReportKind[];
  field: FieldCode;
}

const FIELD: ReportKind[] = ['field_report'];

/** The reference catalogue, in display order (sortOrder = 10 × position). */
export const REFERENCE_CATEGORIES: readonly SeedCategory[] = [
  // ——— field reports (phản ánh hiện trường) ———
  {
    code: 'trat-tu-do-thi',
    name: 'Trật tự đô thị',
    description: 'Lấn chiếm vỉa hè, lòng đường; họp chợ, buôn bán hàng rong trái phép; quảng cáo, rao vặt sai quy định.',
    kinds: FIELD,
    field: 'trat_tu_do_thi',
  },
  {
    code: 'giao-thong',
    name: 'Giao thông',
    description: 'Ùn tắc, vi phạm trật tự an toàn giao thông; đèn tín hiệu, biển báo hư hỏng; trông giữ xe trái phép.',
    kinds: FIELD,
    field: 'giao_thong',
  },
  {
    code: 'hu-hong-mat-duong',
    name: 'Hư hỏng mặt đường, ổ gà',
    description: 'Ổ gà, sụt lún, nứt vỡ mặt đường, hè phố; nắp hố ga vỡ hoặc mất; công trình đào đường không hoàn trả.',
    kinds: FIELD,
    field: 'ha_tang_do_thi',
  },
  {
    code: 'ha-tang-do-thi',
    name: 'Hạ tầng đô thị',
    description: 'Cầu, hầm, cầu vượt đi bộ, công trình công cộng xuống cấp; hạ tầng kỹ thuật khu đô thị, khu dân cư hư hỏng.',
    kinds: FIELD,
    field: 'ha_tang_do_thi',
  },
  {
    code: 've-sinh-moi-truong',
    name: 'Vệ sinh môi trường',
    description: 'Rác thải, phế thải xây dựng đổ trộm; thu gom rác không đúng giờ; ô nhiễm không khí, tiếng ồn, nguồn nước.',
    kinds: FIELD,
    field: 've_sinh_moi_truong',
  },
  {
    code: 'phong-chay-chua-chay',
    name: 'Phòng cháy, chữa cháy',
    description: 'Nguy cơ cháy, nổ; vi phạm quy định phòng cháy, chữa cháy; lối thoát nạn bị che chắn, khóa.',
    kinds: FIELD,
    field: 'phong_chay_chua_chay',
  },
  {
    code: 'an-ninh-trat-tu',
    name: 'An ninh, trật tự',
    description: 'Tụ tập gây rối, mất trật tự công cộng; tệ nạn xã hội; nghi vấn trộm cắp, cướp giật.',
    kinds: FIELD,
    field: 'an_ninh_trat_tu',
  },
  {
    code: 'van-hoa-noi-cong-cong',
    name: 'Văn hóa nơi công cộng',
    description: 'Hành vi thiếu văn minh nơi công cộng; hát karaoke gây ồn; vi phạm nếp sống văn minh tại lễ hội, di tích.',
    kinds: FIELD,
    field: 'van_hoa',
  },
  {
    code: 'van-hoa-cong-so',
    name: 'Văn hóa công sở',
    description: 'Thái độ, tác phong, trách nhiệm của cán bộ, công chức, viên chức khi tiếp dân và giải quyết công việc.',
    kinds: ['field_report', 'regulation_feedback'],
    field: 'noi_vu',
  },
  {
    code: 'dien-chieu-sang',
    name: 'Điện, chiếu sáng công cộng',
    description: 'Mất điện, sự cố lưới điện; cột điện nghiêng, dây điện võng, chằng chịt; đèn chiếu sáng công cộng hỏng.',
    kinds: FIELD,
    field: 'dien',
  },
  {
    code: 'cap-nuoc',
    name: 'Cấp nước',
    description: 'Mất nước, nước yếu; nước sạch không bảo đảm chất lượng; vỡ, rò rỉ đường ống cấp nước.',
    kinds: FIELD,
    field: 'nuoc',
  },
  {
    code: 'thoat-nuoc',
    name: 'Thoát nước, ngập úng',
    description: 'Ngập úng khi mưa; cống, rãnh thoát nước tắc, bốc mùi; nắp cống hỏng.',
    kinds: FIELD,
    field: 'nuoc',
  },
  {
    code: 'cay-xanh',
    name: 'Cây xanh, công viên',
    description: 'Cây đổ, gãy cành, cây nguy hiểm cần cắt tỉa; chặt hạ cây trái phép; công viên, vườn hoa xuống cấp.',
    kinds: FIELD,
    field: 'cay_xanh',
  },
  {
    code: 'y-te',
    name: 'Y tế, an toàn thực phẩm',
    description: 'Cơ sở khám chữa bệnh, hành nghề y, dược; vệ sinh an toàn thực phẩm; dịch bệnh.',
    kinds: FIELD,
    field: 'y_te',
  },
  {
    code: 'giao-duc',
    name: 'Giáo dục',
    description: 'Trường, lớp; dạy thêm, học thêm; thu chi sai quy định trong nhà trường.',
    kinds: FIELD,
    field: 'giao_duc',
  },
  {
    code: 'dat-dai-xay-dung',
    name: 'Đất đai, xây dựng',
    description: 'Xây dựng không phép, sai phép; lấn chiếm, sử dụng đất sai mục đích; mất an toàn công trình xây dựng.',
    kinds: FIELD,
    field: 'dat_dai_xay_dung',
  },
  {
    code: 'de-dieu-thuy-loi',
    name: 'Đê điều, thủy lợi',
    description: 'Vi phạm hành lang bảo vệ đê điều, công trình thủy lợi; sự cố đê, kè, kênh mương.',
    kinds: FIELD,
    field: 'nong_nghiep',
  },
  {
    code: 'thi-truong-hang-hoa',
    name: 'Thị trường, hàng hóa',
    description: 'Hàng giả, hàng kém chất lượng, không rõ nguồn gốc; gian lận thương mại, niêm yết giá.',
    kinds: FIELD,
    field: 'cong_thuong',
  },
  {
    code: 'vien-thong',
    name: 'Viễn thông, cáp treo',
    description: 'Cáp viễn thông treo võng, chằng chịt, không có chủ; cột ăng-ten, trạm phát sóng mất an toàn.',
    kinds: FIELD,
    field: 'khoa_hoc_cong_nghe',
  },
  {
    code: 'du-lich',
    name: 'Du lịch',
    description: 'Chèo kéo, ép giá khách du lịch; dịch vụ du lịch, hướng dẫn viên không bảo đảm quy định.',
    kinds: FIELD,
    field: 'du_lich',
  },
  // ——— wasteful behaviour (hành vi lãng phí, R-10) ———
  {
    code: 'lang-phi-ngan-sach',
    name: 'Lãng phí ngân sách nhà nước',
    description: 'Chi tiêu, mua sắm vượt tiêu chuẩn, định mức, sai mục đích; dự án đầu tư công kém hiệu quả, chậm tiến độ.',
    kinds: ['waste_report'],
    field: 'lang_phi',
  },
  {
    code: 'lang-phi-tai-san-cong',
    name: 'Lãng phí tài sản công',
    description: 'Trụ sở, nhà, đất công bỏ trống, sử dụng sai mục đích; xe công, trang thiết bị mua về không sử dụng.',
    kinds: ['waste_report'],
    field: 'lang_phi',
  },
  {
    code: 'lang-phi-dat-dai-tai-nguyen',
    name: 'Lãng phí đất đai, tài nguyên',
    description: 'Dự án chậm triển khai để đất bỏ hoang; khai thác, sử dụng tài nguyên không hiệu quả.',
    kinds: ['waste_report'],
    field: 'lang_phi',
  },
  {
    code: 'lang-phi-trong-co-quan',
    name: 'Lãng phí trong cơ quan, đơn vị nhà nước',
    description: 'Lãng phí điện, nước, văn phòng phẩm, thời gian làm việc; hội họp, lễ hội phô trương, tốn kém.',
    kinds: ['waste_report'],
    field: 'lang_phi',
  },
  // ——— investors and enterprises (nhà đầu tư, doanh nghiệp, R-11) ———
  {
    code: 'thu-tuc-dau-tu',
    name: 'Thủ tục đầu tư, triển khai dự án',
    description: 'Vướng mắc về chủ trương đầu tư, giao đất, cho thuê đất, giải phóng mặt bằng, cấp phép cho dự án.',
    kinds: ['investor_feedback'],
    field: 'dau_tu_doanh_nghiep',
  },
  {
    code: 'kho-khan-san-xuat-kinh-doanh',
    name: 'Khó khăn trong sản xuất, kinh doanh',
    description: 'Vướng mắc về thuế, phí, tín dụng, mặt bằng, lao động, thị trường; đề xuất hỗ trợ doanh nghiệp.',
    kinds: ['investor_feedback'],
    field: 'dau_tu_doanh_nghiep',
  },
  // ——— administrative regulations (quy định hành chính, R-5.3) ———
  {
    code: 'thu-tuc-hanh-chinh',
    name: 'Thủ tục hành chính',
    description: 'Thủ tục rườm rà, yêu cầu giấy tờ ngoài quy định, giải quyết trễ hạn; dịch vụ công trực tuyến không thực hiện được.',
    kinds: ['regulation_feedback'],
    field: 'thu_tuc_hanh_chinh',
  },
  {
    code: 'quy-dinh-hanh-chinh',
    name: 'Nội dung quy định hành chính',
    description: 'Quy định hành chính không phù hợp, không khả thi, chồng chéo hoặc trái pháp luật; đề xuất sửa đổi, bãi bỏ.',
    kinds: ['regulation_feedback'],
    field: 'thu_tuc_hanh_chinh',
  },
  // ——— initiatives for building the Capital (sáng kiến, R-9) ———
  {
    code: 'sang-kien-quan-ly-do-thi',
    name: 'Sáng kiến về quy hoạch, quản lý đô thị',
    description: 'Ý tưởng, giải pháp về quy hoạch, giao thông, môi trường, chỉnh trang đô thị của Thủ đô.',
    kinds: ['initiative'],
    field: 'ha_tang_do_thi',
  },
  {
    code: 'sang-kien-chuyen-doi-so',
    name: 'Sáng kiến về chuyển đổi số, khoa học công nghệ',
    description: 'Ý tưởng, giải pháp ứng dụng công nghệ, chuyển đổi số trong quản lý nhà nước và đời sống.',
    kinds: ['initiative'],
    field: 'khoa_hoc_cong_nghe',
  },
  {
    code: 'sang-kien-cai-cach-hanh-chinh',
    name: 'Sáng kiến về cải cách hành chính',
    description: 'Ý tưởng đơn giản hóa thủ tục, nâng cao chất lượng phục vụ người dân, doanh nghiệp.',
    kinds: ['initiative'],
    field: 'thu_tuc_hanh_chinh',
  },
  {
    code: 'sang-kien-kinh-te-xa-hoi',
    name: 'Sáng kiến phát triển kinh tế – xã hội',
    description: 'Ý tưởng, giải pháp phát triển kinh tế, văn hóa, xã hội, thu hút đầu tư của Thủ đô.',
    kinds: ['initiative'],
    field: 'dau_tu_doanh_nghiep',
  },
];

export function referenceCategories(): Category[] {
  return REFERENCE_CATEGORIES.map((c, i) => ({ ...c, kinds: [...c.kinds], active: true, sortOrder: (i + 1) * 10 }));
}

export async function seedCategories(ctx: AppContext): Promise<string | null> {
  return unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    await lockCatalogueSeed(w.tx);
    const done: string[] = [];
    const present = await categoryCodes(w.tx);
    const missing = referenceCategories().filter((c) => !present.has(c.code));
    if (missing.length) {
      await insertCategories(w.tx, missing, w.now);
      await w.audit({
        action: 'reference.categories.load',
        subjectType: 'reference',
        subjectId: 'categories',
        payload: { count: missing.length, codes: missing.map((c) => c.code) },
      });
      done.push(`${missing.length} report categories`);
    }
    if ((await listRoutingRules(w.tx)).length === 0 && !(await routingRulesEverSet(w.tx))) {
      const rules = defaultRoutingRules(await listAgencies(w.tx, { level: 'city', active: true }));
      const saved = await replaceRoutingRules(w.tx, rules, w.now);
      // Recorded on the rules' own trail: from then on an empty list is an administrator's choice.
      await w.audit({
        action: 'reference.routingRules.load',
        subjectType: ROUTING_RULES_SUBJECT.type,
        subjectId: ROUTING_RULES_SUBJECT.id,
        payload: { count: saved.length },
      });
      done.push(`${saved.length} default routing rules`);
    }
    return done.length ? `catalogue: ${done.join(', ')}` : null;
  });
}
