/**
 * Demo accounts for `npm start` on an empty database (SEED_DEMO, on by default in development): one
 * identity-verified citizen from the demo population register and one staff account per role, placed where
 * the regulation puts them — the Center dispatches, Sở Xây dựng handles a city field, Phường Hoàn Kiếm is a
 * commune. Idempotent: an account that exists is left alone. Never enabled in production (config refuses it).
 */
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../server/adapters/passwords.ts';
import { registerCitizen } from '../server/app/accounts/register-citizen.ts';
import { verifyIdentity } from '../server/app/accounts/verify-identity.ts';
import type { AppContext } from '../server/app/context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../server/app/unit-of-work.ts';
import type { StaffRole } from '../server/domain/access/index.ts';
import { findUserByLogin, insertMemberships, insertStaffUser } from '../server/db/repos/accounts.repo.ts';
import { findAgency } from '../server/db/repos/agencies.repo.ts';

export const DEMO_PASSWORD = 'ihanoi-demo';

export interface DemoLogin {
  login: string;
  password: string;
  role: string;
  note: string;
}

/** Trần Thị Bình is in data/demo/population-register.json, so her identity verification succeeds. */
const DEMO_CITIZEN = {
  kind: 'individual' as const,
  fullName: 'Trần Thị Bình',
  dateOfBirth: '1985-07-02',
  cccd: '001185863931',
  phone: '0912345678',
  email: 'binh.tran@example.vn',
  residence: { version: '2025-07', code: '00070' }, // Phường Hoàn Kiếm
};

const DEMO_STAFF: { username: string; displayName: string; agency: string; role: StaffRole; note: string }[] = [
  { username: 'dieu-phoi', displayName: 'Phạm Thu Hà', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'center_operator', note: 'Trung tâm Phục vụ hành chính công — điều phối' },
  { username: 'tiep-nhan', displayName: 'Đỗ Quang Huy', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'receiving_officer', note: 'Trung tâm — cán bộ tiếp nhận' },
  { username: 'giam-doc.sxd', displayName: 'Vũ Đức Thắng', agency: 'so-xay-dung', role: 'agency_head', note: 'Sở Xây dựng — Thủ trưởng (duyệt kết quả)' },
  { username: 'xu-ly.sxd', displayName: 'Bùi Thị Lan', agency: 'so-xay-dung', role: 'processing_officer', note: 'Sở Xây dựng — cán bộ xử lý' },
  { username: 'chu-tich.hoankiem', displayName: 'Ngô Văn Sơn', agency: 'ubnd-phuong-hoan-kiem', role: 'commune_leader', note: 'UBND Phường Hoàn Kiếm — lãnh đạo (phân công)' },
  { username: 'xu-ly.hoankiem', displayName: 'Lý Thị Mai', agency: 'ubnd-phuong-hoan-kiem', role: 'processing_officer', note: 'UBND Phường Hoàn Kiếm — cán bộ xử lý' },
  { username: 'bien-tap.hoankiem', displayName: 'Trịnh Minh Tuấn', agency: 'ubnd-phuong-hoan-kiem', role: 'alert_editor', note: 'UBND Phường Hoàn Kiếm — soạn cảnh báo' },
  { username: 'duyet-tin.hoankiem', displayName: 'Hoàng Thị Nga', agency: 'ubnd-phuong-hoan-kiem', role: 'alert_approver', note: 'UBND Phường Hoàn Kiếm — duyệt cảnh báo' },
  { username: 'giam-sat', displayName: 'Đặng Văn Long', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'city_overseer', note: 'Theo dõi số liệu toàn Thành phố' },
  { username: 'quan-tri', displayName: 'Quản trị hệ thống', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'administrator', note: 'Đơn vị hành chính, cơ quan, lịch làm việc, tài khoản cán bộ' },
];

export async function seedDemo(ctx: AppContext): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of DEMO_STAFF) {
    const agency = await findAgency(ctx.db, { code: s.agency });
    if (!agency) throw new Error(`demo seed: agency ${s.agency} is missing (reference seed must run first)`);
    await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
      if (await findUserByLogin(w.tx, { username: s.username })) return;
      const id = uuidv7();
      await insertStaffUser(w.tx, { id, username: s.username, displayName: s.displayName, passwordHash, now: w.now });
      await insertMemberships(w.tx, id, [{ agencyId: agency.id, role: s.role }], w.now);
      await w.audit({ action: 'staff.create', subjectType: 'user', subjectId: id, toState: 'active', payload: { username: s.username, demo: true } });
    });
  }
  const phoneIdx = ctx.pii.blindIndex('phone', '+84912345678');
  if (!(await findUserByLogin(ctx.db, { phoneIdx }))) {
    const { id } = await registerCitizen(ctx, { ...DEMO_CITIZEN, password: DEMO_PASSWORD });
    await verifyIdentity(ctx, id);
  }
  return [
    { login: DEMO_CITIZEN.phone, password: DEMO_PASSWORD, role: 'citizen', note: `${DEMO_CITIZEN.fullName}, đã xác thực định danh, cư trú Phường Hoàn Kiếm` },
    ...DEMO_STAFF.map((s) => ({ login: s.username, password: DEMO_PASSWORD, role: s.role, note: s.note })),
  ];
}
