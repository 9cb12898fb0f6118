/**
 * Reference data: the agencies of the platform (R-2, R-18.2b, R-28.1) — the Center (the city's dispatcher),
 * the city's departments after Hanoi's 2025 merger of departments, the City Inspectorate and Citizen
 * Reception Board, the city police, the public-service companies that handle reports, the People's Committee
 * of each of the 126 communes and wards, and the 30 former district People's Committees as inactive history.
 * Runs after the units seed (jurisdictions point at units). Idempotent by agency code: an agency already
 * present is never touched (an administrator may have edited it).
 */
import type { AppContext } from '../server/app/context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../server/app/unit-of-work.ts';
import { LOCAL_FIELDS, type Agency, type AgencyKind, type FieldCode } from '../server/domain/agencies/index.ts';
import { searchKey, type Unit } from '../server/domain/units/index.ts';
import { agencyCodes, insertAgencies, lockAgenciesSeed } from '../server/db/repos/agencies.repo.ts';
import { listUnits } from '../server/db/repos/units.repo.ts';
import { CITY_CODE, CURRENT, LIST_579, PRE_REFORM } from './units.seed.ts';

type NewAgency = Omit<Agency, 'id'>;

interface CityAgency {
  code: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  fields: FieldCode[];
}

/** City-level agencies; each covers the whole city. */
export const CITY_AGENCIES: readonly CityAgency[] = [
  {
    code: 'trung-tam-phuc-vu-hanh-chinh-cong',
    name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
    shortName: 'Trung tâm PVHCC',
    kind: 'center',
    fields: ['thu_tuc_hanh_chinh'],
  },
  {
    code: 'so-xay-dung',
    name: 'Sở Xây dựng',
    shortName: null,
    kind: 'department',
    // merged with the former Department of Transport in 2025
    fields: ['dat_dai_xay_dung', 'giao_thong', 'ha_tang_do_thi', 'trat_tu_do_thi', 'cay_xanh', 'nuoc'],
  },
  {
    code: 'so-nong-nghiep-va-moi-truong',
    name: 'Sở Nông nghiệp và Môi trường',
    shortName: null,
    kind: 'department',
    fields: ['dat_dai_xay_dung', 've_sinh_moi_truong', 'nong_nghiep'],
  },
  {
    code: 'cong-an-thanh-pho',
    name: 'Công an Thành phố Hà Nội',
    shortName: 'CATP Hà Nội',
    kind: 'police',
    fields: ['an_ninh_trat_tu', 'giao_thong', 'phong_chay_chua_chay'],
  },
  { code: 'so-y-te', name: 'Sở Y tế', shortName: null, kind: 'department', fields: ['y_te'] },
  { code: 'so-giao-duc-va-dao-tao', name: 'Sở Giáo dục và Đào tạo', shortName: null, kind: 'department', fields: ['giao_duc'] },
  { code: 'so-van-hoa-va-the-thao', name: 'Sở Văn hóa và Thể thao', shortName: null, kind: 'department', fields: ['van_hoa'] },
  { code: 'so-tai-chinh', name: 'Sở Tài chính', shortName: null, kind: 'department', fields: ['tai_chinh', 'dau_tu_doanh_nghiep'] },
  { code: 'so-noi-vu', name: 'Sở Nội vụ', shortName: null, kind: 'department', fields: ['noi_vu'] },
  { code: 'so-khoa-hoc-va-cong-nghe', name: 'Sở Khoa học và Công nghệ', shortName: null, kind: 'department', fields: ['khoa_hoc_cong_nghe'] },
  { code: 'so-cong-thuong', name: 'Sở Công Thương', shortName: null, kind: 'department', fields: ['cong_thuong', 'dien'] },
  { code: 'so-tu-phap', name: 'Sở Tư pháp', shortName: null, kind: 'department', fields: ['tu_phap'] },
  { code: 'so-du-lich', name: 'Sở Du lịch', shortName: null, kind: 'department', fields: ['du_lich'] },
  { code: 'so-dan-toc-va-ton-giao', name: 'Sở Dân tộc và Tôn giáo', shortName: null, kind: 'department', fields: ['dan_toc_ton_giao'] },
  // R-10, R-24: the Inspectorate may inspect reports of waste after verification
  { code: 'thanh-tra-thanh-pho', name: 'Thanh tra Thành phố Hà Nội', shortName: 'Thanh tra TP', kind: 'inspectorate', fields: ['lang_phi'] },
  {
    code: 'ban-tiep-cong-dan-thanh-pho',
    name: 'Ban Tiếp công dân Thành phố Hà Nội',
    shortName: 'Ban TCD TP',
    kind: 'reception_board',
    fields: ['tiep_cong_dan'],
  },
  {
    code: 'urenco',
    name: 'Công ty TNHH MTV Môi trường đô thị Hà Nội',
    shortName: 'URENCO',
    kind: 'public_service',
    fields: ['ve_sinh_moi_truong'],
  },
  { code: 'nuoc-sach-ha-noi', name: 'Công ty TNHH MTV Nước sạch Hà Nội', shortName: 'Nước sạch Hà Nội', kind: 'public_service', fields: ['nuoc'] },
  { code: 'thoat-nuoc-ha-noi', name: 'Công ty TNHH MTV Thoát nước Hà Nội', shortName: 'Thoát nước Hà Nội', kind: 'public_service', fields: ['nuoc'] },
  { code: 'evnhanoi', name: 'Tổng công ty Điện lực TP Hà Nội', shortName: 'EVNHANOI', kind: 'public_service', fields: ['dien'] },
  {
    code: 'cong-vien-cay-xanh-ha-noi',
    name: 'Công ty TNHH MTV Công viên cây xanh Hà Nội',
    shortName: 'Công viên cây xanh Hà Nội',
    kind: 'public_service',
    fields: ['cay_xanh'],
  },
];

/** "Phường Hoàn Kiếm" → "ubnd-phuong-hoan-kiem": stable, readable, unique across communes and districts. */
export function committeeCode(unit: Pick<Unit, 'fullName'>): string {
  return `ubnd-${searchKey(unit.fullName).replace(/ /g, '-')}`;
}

export function referenceAgencies(communes: readonly Unit[], formerDistricts: readonly Unit[]): NewAgency[] {
  const cityWide = CITY_AGENCIES.map(
    (a): NewAgency => ({
      ...a,
      fields: [...a.fields],
      level: 'city',
      active: true,
      validFrom: null,
      validTo: null,
      jurisdiction: [{ version: CURRENT, code: CITY_CODE }],
    }),
  );
  const communeCommittees = communes.map(
    (u): NewAgency => ({
      code: committeeCode(u),
      name: `Ủy ban nhân dân ${u.fullName}`,
      shortName: `UBND ${u.fullName}`,
      level: 'commune',
      kind: 'commune_committee',
      active: true,
      validFrom: '2025-07-01',
      validTo: null,
      fields: [...LOCAL_FIELDS],
      jurisdiction: [{ version: u.version, code: u.code }],
    }),
  );
  // History (R-28.1): reports and statistics of the three-level era still name these committees.
  const districtCommittees = formerDistricts.map(
    (u): NewAgency => ({
      code: committeeCode(u),
      name: `Ủy ban nhân dân ${u.fullName}`,
      shortName: `UBND ${u.fullName}`,
      level: 'district',
      kind: 'district_committee',
      active: false,
      validFrom: null,
      validTo: '2025-06-30',
      fields: [...LOCAL_FIELDS],
      jurisdiction: [
        { version: PRE_REFORM, code: u.code },
        { version: LIST_579, code: u.code },
      ],
    }),
  );
  return [...cityWide, ...communeCommittees, ...districtCommittees];
}

function describe(agencies: readonly NewAgency[]): string {
  const n = (kind: AgencyKind) => agencies.filter((a) => a.kind === kind).length;
  const parts = [
    [n('commune_committee'), 'commune committees'],
    [n('district_committee'), 'former district committees (inactive)'],
    [n('center'), 'center'],
    [n('department') + n('inspectorate') + n('reception_board') + n('police'), 'city departments and offices'],
    [n('public_service'), 'public-service companies'],
  ] as const;
  return `agencies: ${parts.filter(([k]) => k > 0).map(([k, label]) => `${k} ${label}`).join(', ')}`;
}

export async function seedAgencies(ctx: AppContext): Promise<string | null> {
  return unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    await lockAgenciesSeed(w.tx);
    const present = await agencyCodes(w.tx);
    const communes = await listUnits(w.tx, { version: CURRENT, level: 'commune' });
    const districts = await listUnits(w.tx, { version: PRE_REFORM, level: 'district' });
    const missing = referenceAgencies(communes, districts).filter((a) => !present.has(a.code));
    if (missing.length === 0) return null;
    await insertAgencies(w.tx, missing, w.now);
    const message = describe(missing);
    await w.audit({ action: 'reference.agencies.load', subjectType: 'reference', subjectId: 'agencies', payload: { loaded: message, count: missing.length } });
    return message;
  });
}
