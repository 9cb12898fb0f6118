/**
 * Which events of a report the reporter is told about (R-13, issue 4 part 10: "notifications to the reporter at
 * each change that concerns them"), and how each is worded. An allow-list: an action added to a workflow later
 * reaches no inbox until someone decides here that it concerns the reporter.
 *
 * Told: a decision on their report (accepted, not accepted, transferred to the competent agency, the
 * initiative distributed to a unit), something asked of them (verification, a consultation on their
 * initiative), a change of when they will hear (extension), the result and the answer to their clarification
 * request, and the end of the report when the clarification window closed.
 * About the account: a sanction imposed on them and its lifting (ACCOUNT_NOTIFICATIONS).
 * Not told: the agency's internal steps (take, assign, dispatch, cooperation, drafts and their rejection,
 * returning a report for re-routing — the next decision reaches them), oversight records (deadline.overdue,
 * deadline.recomputed), and whatever the reporter did themself.
 */
import { parseInstant, type ReportKind } from '../../domain/calendar/index.ts';
import { vietnameseDateTime } from '../../domain/sanctions/index.ts';

type Title = (noun: string, code: string) => string;

export const REPORTER_NOTIFICATIONS: Readonly<Record<string, Title>> = {
  'report.accept': (n, c) => `${n} ${c} đã được tiếp nhận`,
  'report.reject': (n, c) => `${n} ${c} không được tiếp nhận`,
  'report.transfer': (n, c) => `${n} ${c} đã được chuyển đến cơ quan có thẩm quyền`,
  'report.startVerification': (n, c) => `${n} ${c} đang được xác minh, có thể cần bạn bổ sung thông tin`,
  'report.extend': (n, c) => `Thời hạn xử lý ${n.toLowerCase()} ${c} đã được gia hạn`,
  'report.approve': (n, c) => `${n} ${c} đã có kết quả xử lý`,
  'report.answerClarification': (n, c) => `${n} ${c} đã được trả lời đề nghị làm rõ`,
  'report.close': (n, c) => `${n} ${c} đã kết thúc`,
  'report.distribute': (n, c) => `${n} ${c} đã được chuyển đơn vị nghiên cứu`,
  'report.openConsultation': (n, c) => `${n} ${c} đang được lấy ý kiến người dân`,
  'report.decide': (n, c) => `${n} ${c} đã được trả lời`,
};

export const REPORTER_NOTIFICATION_ACTIONS: readonly string[] = Object.keys(REPORTER_NOTIFICATIONS);

/**
 * What a follower of someone else's report (issue 5, "Tôi cũng gặp vấn đề này") is told: the decisions on it and
 * its result, as the public timeline shows them — not what is asked of the reporter (verification), nor the
 * answer to the reporter's clarification request.
 */
export const FOLLOWER_NOTIFICATION_ACTIONS: readonly string[] = REPORTER_NOTIFICATION_ACTIONS.filter(
  (a) => a !== 'report.startVerification' && a !== 'report.answerClarification',
);

/**
 * Events about the reporter's account rather than one report: the sanction imposed on them — with its
 * reason and end — and its lifting by an administrator. Violations, the end of a run and referrals are not told:
 * the rejection of the report already is, and a referral is for the authorities.
 */
export const ACCOUNT_NOTIFICATIONS: Readonly<Record<string, (until: string) => string>> = {
  'account.sanction': (until) => `Tài khoản của bạn bị tạm dừng gửi phản ánh đến ${until} (giờ Việt Nam)`,
  'account.sanctionLift': () => 'Tài khoản của bạn đã được gỡ bỏ biện pháp tạm dừng gửi phản ánh',
};

export const ACCOUNT_NOTIFICATION_ACTIONS: readonly string[] = Object.keys(ACCOUNT_NOTIFICATIONS);

/**
 * What a citizen is told about their reception bookings: the Board's decisions, what it asks of them, the
 * session moved, cancelled or to be rescheduled after a calendar change, the reminder before the session and the
 * outcome. Not told: what they did themself (the inbox leaves out one's own events) and check-in.
 */
export const BOOKING_NOTIFICATIONS: Readonly<Record<string, (code: string, p: Record<string, unknown>) => string>> = {
  'reception.accept': (c, p) => `Lịch hẹn tiếp công dân ${c} đã được chấp nhận: ${when(p.startsAt)} tại ${str(p.place)}`,
  'reception.requestInfo': (c) => `Lịch hẹn tiếp công dân ${c}: Ban Tiếp công dân đề nghị bạn bổ sung thông tin`,
  'reception.decline': (c, p) => `Lịch hẹn tiếp công dân ${c} không được chấp nhận: ${str(p.rejectReason)}`,
  'reception.sessionMoved': (c, p) => `Buổi tiếp của lịch hẹn ${c} đã đổi sang ${when((p.to as Record<string, unknown> | undefined)?.startsAt)}`,
  'reception.sessionCancelled': (c) => `Buổi tiếp của lịch hẹn ${c} đã bị hủy`,
  'reception.sessionNeedsRescheduling': (c) => `Buổi tiếp của lịch hẹn ${c} rơi vào ngày nghỉ theo lịch làm việc mới và sẽ được bố trí lại`,
  'reception.reminder': (c, p) => `Nhắc lịch: lịch hẹn tiếp công dân ${c} lúc ${when(p.startsAt)} tại ${str(p.place)}`,
  'reception.complete': (c, p) => `Lịch hẹn ${c}: ${str(p.answeredBy)} sẽ trả lời trước ${when(p.dueAt)}`,
  'reception.noShow': (c) => `Lịch hẹn ${c}: bạn không đến buổi tiếp`,
};
const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** An instant of the payload (ISO 8601) as a citizen reads it: "08:00 ngày 10/03/2026" (Vietnam time). */
function when(v: unknown): string {
  const at = typeof v === 'string' ? parseInstant(v) : null;
  return at ? vietnameseDateTime(at) : str(v);
}

export const BOOKING_NOTIFICATION_ACTIONS: readonly string[] = Object.keys(BOOKING_NOTIFICATIONS);

export function bookingNotificationTitle(action: string, code: string, payload: Record<string, unknown>): string {
  const title = BOOKING_NOTIFICATIONS[action];
  return title ? title(code, payload) : `Lịch hẹn tiếp công dân ${code} có cập nhật`;
}

/** What the reporter may read of an event's payload: what was asked of them and what was answered to them. */
export const NOTIFICATION_SAID = ['question', 'answer', 'explanation', 'rejectReason', 'until'] as const;
export type NotificationSaid = Partial<Record<(typeof NOTIFICATION_SAID)[number], string>>;

/**
 * What staff are alerted to, at the agencies where they receive reports: a report newly suggested as urgent by
 * the intake checks (R-8.4 — thiên tai, cháy, tai nạn …), so the officer on duty sees it before the queue does.
 */
export const STAFF_NOTIFICATIONS: Readonly<Record<string, Title>> = {
  'integrity.urgent': (n, c) => `${n} ${c} có dấu hiệu khẩn cấp: đề nghị xem và tiếp nhận ngay (R-8.4)`,
};

export const STAFF_NOTIFICATION_ACTIONS: readonly string[] = Object.keys(STAFF_NOTIFICATIONS);

export function notificationTitle(action: string, kind: string, code: string): string {
  const noun = (kind as ReportKind) === 'initiative' ? 'Sáng kiến' : 'Phản ánh';
  const title = REPORTER_NOTIFICATIONS[action] ?? STAFF_NOTIFICATIONS[action];
  return title ? title(noun, code) : `${noun} ${code} có cập nhật`;
}

/** The title of a notice about the account; `until` is the sanction's end as ISO 8601 (+07:00). */
export function accountNotificationTitle(action: string, payload: Record<string, unknown>): string {
  const until = typeof payload.until === 'string' ? parseInstant(payload.until) : null;
  const at = until ? vietnameseDateTime(until) : '';
  const title = ACCOUNT_NOTIFICATIONS[action];
  return title ? title(at) : 'Tài khoản của bạn có cập nhật';
}

/** The allow-listed fields of a payload, as text; nothing else of it (no staff, no agency ids, no routing). */
export function notificationSaid(payload: Record<string, unknown>): NotificationSaid {
  const out: NotificationSaid = {};
  for (const k of NOTIFICATION_SAID) if (typeof payload[k] === 'string') out[k] = payload[k];
  return out;
}
