/**
 * Demo accounts for `npm start` on an empty database (SEED_DEMO, on by default in development): one
 * identity-verified citizen from the demo population register and one staff account per role, placed where
 * the regulation puts them — the Center dispatches, Sở Xây dựng handles a city field, Phường Hoàn Kiếm is a
 * commune — and a few alerts to residents (issue 6). Idempotent: an account that exists is left alone. Never
 * enabled in production (config refuses it).
 */
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../server/adapters/passwords.ts';
import { registerCitizen } from '../server/app/accounts/register-citizen.ts';
import { verifyIdentity } from '../server/app/accounts/verify-identity.ts';
import type { AppContext } from '../server/app/context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../server/app/unit-of-work.ts';
import { actOnAlert, createAlert, type AlertDraft } from '../server/app/alerts/alerts.ts';
import { publishSession } from '../server/app/reception/sessions.ts';
import { currentCalendar } from '../server/app/reference/reference-data.ts';
import { civilDate, parseVietnamInstant } from '../server/domain/calendar/index.ts';
import { sessionDayProblem } from '../server/domain/reception/index.ts';
import { ensureIntegrationKey } from '../server/app/open311/integration-keys.ts';
import type { Actor, StaffRole } from '../server/domain/access/index.ts';
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
export const DEMO_CITIZEN = {
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
  { username: 'tiep-nhan.hoankiem', displayName: 'Đinh Thị Thu', agency: 'ubnd-phuong-hoan-kiem', role: 'receiving_officer', note: 'UBND Phường Hoàn Kiếm — cán bộ tiếp nhận (phản ánh tại phường)' },
  { username: 'chu-tich.hoankiem', displayName: 'Ngô Văn Sơn', agency: 'ubnd-phuong-hoan-kiem', role: 'commune_leader', note: 'UBND Phường Hoàn Kiếm — lãnh đạo (phân công)' },
  { username: 'xu-ly.hoankiem', displayName: 'Lý Thị Mai', agency: 'ubnd-phuong-hoan-kiem', role: 'processing_officer', note: 'UBND Phường Hoàn Kiếm — cán bộ xử lý' },
  { username: 'bien-tap.tp', displayName: 'Lê Thị Hồng', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'alert_editor', note: 'Trung tâm — soạn thông báo toàn Thành phố' },
  { username: 'duyet-tin.tp', displayName: 'Phan Văn Khánh', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'alert_approver', note: 'Trung tâm — duyệt thông báo toàn Thành phố' },
  { username: 'bien-tap.hoankiem', displayName: 'Trịnh Minh Tuấn', agency: 'ubnd-phuong-hoan-kiem', role: 'alert_editor', note: 'UBND Phường Hoàn Kiếm — soạn cảnh báo' },
  { username: 'duyet-tin.hoankiem', displayName: 'Hoàng Thị Nga', agency: 'ubnd-phuong-hoan-kiem', role: 'alert_approver', note: 'UBND Phường Hoàn Kiếm — duyệt cảnh báo' },
  { username: 'giam-sat', displayName: 'Đặng Văn Long', agency: 'trung-tam-phuc-vu-hanh-chinh-cong', role: 'city_overseer', note: 'Theo dõi số liệu toàn Thành phố' },
  { username: 'tiep-dan.tp', displayName: 'Nguyễn Thị Minh Hằng', agency: 'ban-tiep-cong-dan-thanh-pho', role: 'reception_officer', note: 'Ban Tiếp công dân Thành phố — lịch tiếp, xét duyệt lịch hẹn (R-5.4)' },
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
  let citizenId = (await findUserByLogin(ctx.db, { phoneIdx }))?.id;
  if (!citizenId) {
    citizenId = (await registerCitizen(ctx, { ...DEMO_CITIZEN, password: DEMO_PASSWORD })).id;
    await verifyIdentity(ctx, citizenId);
  }
  // Issue 8: the README's Open311 curl posts with this key, as the demo citizen (who authorised the demo app).
  if (ctx.config.open311DemoApiKey)
    await ensureIntegrationKey(ctx, { key: ctx.config.open311DemoApiKey, accountId: citizenId, name: 'Ứng dụng thử Open311 (OPEN311_DEMO_API_KEY)' });
  await seedDemoAlerts(ctx);
  await seedDemoReception(ctx);
  return [
    { login: DEMO_CITIZEN.phone, password: DEMO_PASSWORD, role: 'citizen', note: `${DEMO_CITIZEN.fullName}, đã xác thực định danh, cư trú Phường Hoàn Kiếm` },
    ...DEMO_STAFF.map((s) => ({ login: s.username, password: DEMO_PASSWORD, role: s.role, note: s.note })),
  ];
}

const HOUR = 3_600_000;

/** The demo staff account's actor (memberships as DEMO_STAFF places it). */
async function demoActor(ctx: AppContext, username: string): Promise<Actor> {
  const s = DEMO_STAFF.find((x) => x.username === username)!;
  const user = (await findUserByLogin(ctx.db, { username }))!;
  return { kind: 'staff', userId: user.id, memberships: [{ agencyId: (await findAgency(ctx.db, { code: s.agency }))!.id, role: s.role }] };
}

/**
 * Three reception sessions of the City's Citizen Reception Board on the next working days after tomorrow
 * — mornings at the Board's office, one extra afternoon — so that a newcomer can book one as the demo citizen
 * and review it as `tiep-dan.tp`. Published through the use case; only on a database without sessions.
 */
async function seedDemoReception(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('reception_sessions').select('id').limit(1).executeTakeFirst()) return;
  const officer = await demoActor(ctx, 'tiep-dan.tp');
  const { calendar } = await currentCalendar(ctx);
  const plans = [
    { from: '08:00', to: '11:30', kind: 'regular' as const, receiver: 'Lãnh đạo UBND Thành phố tiếp công dân định kỳ', topics: ['Đất đai, bồi thường, giải phóng mặt bằng', 'Xây dựng, quy hoạch'] },
    { from: '08:00', to: '11:30', kind: 'regular' as const, receiver: 'Lãnh đạo Ban Tiếp công dân Thành phố', topics: ['Chính sách xã hội', 'Thủ tục hành chính'] },
    { from: '14:00', to: '16:30', kind: 'extra' as const, receiver: 'Phòng Tiếp công dân, Ban Tiếp công dân Thành phố', topics: ['Môi trường', 'Lĩnh vực khác'] },
  ];
  const today = civilDate(ctx.clock.now());
  let offset = 2;
  for (const plan of plans) {
    // The next working day of the calendar in force (a calendar that ends soon gives fewer sessions).
    for (; offset < 30; offset++) {
      const day = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 24 * HOUR).toISOString().slice(0, 10);
      const startsAt = parseVietnamInstant(`${day}T${plan.from}:00`)!;
      const endsAt = parseVietnamInstant(`${day}T${plan.to}:00`)!;
      if (sessionDayProblem(calendar, startsAt, endsAt)) continue;
      offset++;
      await publishSession(ctx, officer, {
        startsAt,
        endsAt,
        place: 'Trụ sở Tiếp công dân Thành phố, số 1 Trần Hưng Đạo, Hà Nội',
        receiver: plan.receiver,
        capacity: 20,
        topics: plan.topics,
        kind: plan.kind,
        agencyId: null,
      });
      break;
    }
  }
}

/**
 * A few alerts so that a newcomer sees a filled inbox and CAP feed (issue 6): two sent city-wide, one sent by
 * Phường Hoàn Kiếm (where the demo citizen lives), one it scheduled for tomorrow, and one city alert that has
 * expired. Made through the use cases, by the demo editors and approvers, on a clock set back where needed.
 * Only on a database without alerts.
 */
async function seedDemoAlerts(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('alerts').select('id').limit(1).executeTakeFirst()) return;
  const actorOf = (username: string) => demoActor(ctx, username);
  const city = { editor: await actorOf('bien-tap.tp'), approver: await actorOf('duyet-tin.tp') };
  const commune = { editor: await actorOf('bien-tap.hoankiem'), approver: await actorOf('duyet-tin.hoankiem') };
  const now = ctx.clock.now().getTime();
  const at = (hours: number) => new Date(now + hours * HOUR);
  const send = async (by: typeof city, hoursAgo: number, d: Omit<AlertDraft, 'links' | 'polygon' | 'communes' | 'certainty' | 'startsAt' | 'attachments'> & { scheduledAt: Date | null }) => {
    const c = { ...ctx, clock: { now: () => at(-hoursAgo) } };
    const draft: AlertDraft = { ...d, certainty: 'Likely', links: [], polygon: null, communes: null, startsAt: null, attachments: [] };
    const created = await createAlert(c, by.editor, { ...draft, agencyId: null });
    const submitted = await actOnAlert(c, by.editor, created.id, { action: 'submit', version: created.version });
    await actOnAlert(c, by.approver, created.id, { action: 'approve', version: submitted.version });
  };
  await send(city, 120, {
    kind: 'information', category: 'Transport', severity: 'Minor', urgency: 'Expected',
    title: 'Phân luồng giao thông phục vụ Giải chạy marathon',
    body: 'Sáng Chủ nhật, các tuyến phố quanh hồ Hoàn Kiếm và đường Thanh Niên cấm phương tiện từ 5 giờ đến 11 giờ. Người dân đi theo sơ đồ phân luồng và hướng dẫn của lực lượng chức năng.',
    expiresAt: at(-24), scheduledAt: null,
  });
  await send(city, 24, {
    kind: 'information', category: 'Other', severity: 'Unknown', urgency: 'Future',
    title: 'Nộp hồ sơ, phản ánh trực tuyến qua iHanoi',
    body: 'Người dân có thể gửi phản ánh, kiến nghị và theo dõi kết quả xử lý trên ứng dụng iHanoi; mọi phản ánh được trả lời trong thời hạn quy định, tính theo giờ làm việc.',
    expiresAt: at(24 * 30), scheduledAt: null,
  });
  await send(city, 2, {
    kind: 'warning', category: 'Met', severity: 'Severe', urgency: 'Expected',
    title: 'Cảnh báo mưa lớn, dông lốc và ngập úng',
    body: 'Từ chiều nay đến hết ngày mai, Hà Nội có mưa to đến rất to, có nơi trên 150 mm, kèm dông lốc, sét. Người dân hạn chế ra đường khi mưa lớn, không trú dưới gốc cây, cột điện; tránh các tuyến phố thường ngập.',
    expiresAt: at(36), scheduledAt: null,
  });
  await send(commune, 1, {
    kind: 'information', category: 'Infra', severity: 'Minor', urgency: 'Future',
    title: 'Lịch tạm ngừng cấp nước phố Hàng Bạc',
    body: 'Ngày mai, từ 8 giờ đến 16 giờ, tạm ngừng cấp nước trên phố Hàng Bạc và ngõ Hàng Bạc để thay đường ống. Các hộ dân chủ động trữ nước.',
    expiresAt: at(48), scheduledAt: null,
  });
  await send(commune, 0, {
    kind: 'information', category: 'Health', severity: 'Moderate', urgency: 'Future',
    title: 'Phun thuốc diệt muỗi phòng sốt xuất huyết',
    body: 'Sáng mai từ 7 giờ, tổ dân phố phối hợp Trạm y tế phường phun thuốc diệt muỗi. Các hộ dân mở cửa, che đậy thức ăn, nước uống.',
    expiresAt: at(48), scheduledAt: at(20),
  });
}
