/**
 * Fields of competence (lĩnh vực): the one list of field codes an agency can handle, used to route reports
 * to the competent agency. `local` marks the fields a commune People's Committee handles in
 * its own area since the two-level reform (local order, environment, land and construction, culture, health,
 * education, social matters); the others belong to a city department or a public-service company (power,
 * water, finance, trade, technology, tourism). Adding a field is a change to this list only.
 */
export interface FieldOfCompetence {
  code: string;
  vi: string;
  en: string;
  local: boolean;
}

export const FIELDS = [
  { code: 'trat_tu_do_thi', vi: 'Trật tự đô thị', en: 'Urban order', local: true },
  { code: 'giao_thong', vi: 'Giao thông', en: 'Traffic and transport', local: true },
  { code: 've_sinh_moi_truong', vi: 'Vệ sinh môi trường', en: 'Sanitation and environment', local: true },
  { code: 'phong_chay_chua_chay', vi: 'Phòng cháy, chữa cháy', en: 'Fire prevention and fighting', local: true },
  { code: 'an_ninh_trat_tu', vi: 'An ninh, trật tự', en: 'Security and public order', local: true },
  { code: 'van_hoa', vi: 'Văn hóa, thể thao', en: 'Culture and sport', local: true },
  { code: 'ha_tang_do_thi', vi: 'Hạ tầng đô thị', en: 'Urban infrastructure', local: true },
  { code: 'dien', vi: 'Điện, chiếu sáng', en: 'Electricity and lighting', local: false },
  { code: 'nuoc', vi: 'Cấp, thoát nước', en: 'Water supply and drainage', local: false },
  { code: 'cay_xanh', vi: 'Cây xanh, công viên', en: 'Trees and parks', local: true },
  { code: 'y_te', vi: 'Y tế, an toàn thực phẩm', en: 'Health and food safety', local: true },
  { code: 'giao_duc', vi: 'Giáo dục', en: 'Education', local: true },
  { code: 'dat_dai_xay_dung', vi: 'Đất đai, xây dựng', en: 'Land and construction', local: true },
  { code: 'nong_nghiep', vi: 'Nông nghiệp, thủy lợi, đê điều', en: 'Agriculture, irrigation and dykes', local: true },
  { code: 'tai_chinh', vi: 'Tài chính, giá cả', en: 'Finance and prices', local: false },
  { code: 'dau_tu_doanh_nghiep', vi: 'Đầu tư, doanh nghiệp', en: 'Investment and enterprises', local: false },
  { code: 'cong_thuong', vi: 'Công thương, thị trường', en: 'Industry, trade and markets', local: false },
  { code: 'khoa_hoc_cong_nghe', vi: 'Khoa học, công nghệ, viễn thông', en: 'Science, technology and telecoms', local: false },
  { code: 'noi_vu', vi: 'Nội vụ, lao động, việc làm', en: 'Home affairs, labour and employment', local: true },
  { code: 'tu_phap', vi: 'Tư pháp, hộ tịch', en: 'Justice and civil status', local: true },
  { code: 'du_lich', vi: 'Du lịch', en: 'Tourism', local: false },
  { code: 'dan_toc_ton_giao', vi: 'Dân tộc, tôn giáo', en: 'Ethnic minorities and religion', local: true },
  { code: 'thu_tuc_hanh_chinh', vi: 'Thủ tục hành chính', en: 'Administrative procedures', local: true },
  { code: 'lang_phi', vi: 'Phòng, chống lãng phí', en: 'Waste of public resources', local: true },
  { code: 'tiep_cong_dan', vi: 'Tiếp công dân', en: 'Citizen reception', local: true },
] as const satisfies readonly FieldOfCompetence[];

export type FieldCode = (typeof FIELDS)[number]['code'];

export const FIELD_CODES: readonly FieldCode[] = FIELDS.map((f) => f.code);

/** The fields a commune People's Committee handles in its own area. */
export const LOCAL_FIELDS: readonly FieldCode[] = FIELDS.filter((f) => f.local).map((f) => f.code);

export function isFieldCode(code: string): code is FieldCode {
  return (FIELD_CODES as readonly string[]).includes(code);
}

export function fieldByCode(code: string): FieldOfCompetence | undefined {
  return FIELDS.find((f) => f.code === code);
}
