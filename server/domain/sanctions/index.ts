/**
 * Sanctions for repeat violators — the pure rules. names untrue information, using
 * reports for gain and harming others or causing disorder; on the platform these are a report rejected as false
 * (R-6.2đ), as advertising (R-6.2e) or as abusive (R-5.2: the officer rejects under R-6.2a and marks it
 * abusive) — each a violation of its reporter. More than 3 consecutive violations suspend the reporter's right to submit for 30
 * days; a valid report — one the receiving side accepts — ends the run. Other rejections (incomplete, edited
 * media, duplicate, verification not possible in time) neither count nor end the run: they are not the
 * reporter's misconduct under, nor proof of a valid report.
 *
 * A sanction is not the sign-in lockout (`users.locked_until`, failed attempts): the sanctioned reporter still
 * signs in and reads their reports and inbox; only submitting is refused, and neither can lift the other.
 */
import { formatVietnamTime, MS_PER_DAY } from '../calendar/index.ts';
import type { FieldProblem } from '../errors.ts';

export const VIOLATION_KINDS = {
  false_report: 'Phản ánh sai sự thật (R-6.2đ)',
  advertising: 'Quảng cáo (R-6.2e)',
  abusive: 'Lời lẽ xúc phạm, không phù hợp thuần phong mỹ tục (R-5.2)',
} as const;
export type ViolationKind = keyof typeof VIOLATION_KINDS;

/** The only marker an officer adds by hand: an R-6.2a rejection whose wording is abusive. */
export const VIOLATION_MARKERS = ['abusive'] as const;
export type ViolationMarker = (typeof VIOLATION_MARKERS)[number];

/** "More than 3 consecutive violations": the 4th in a run imposes the sanction. */
export const VIOLATIONS_BEFORE_SANCTION = 3;
export const SANCTION_DAYS = 30;

/** Workflow actions that accept a report as valid and so end its reporter's run (five-step accept, initiative distribute). */
export const VALID_REPORT_ACTIONS: readonly string[] = ['accept', 'distribute'];

/**
 * Checks the `violation` marker of an action: only on `reject`, only with reason `a` (false reports and
 * advertising are violations by their reason already). Returns the problem, or null when the input is fine.
 */
export function violationMarkerProblem(action: string, rejectReason: string | undefined, marker: string | undefined): FieldProblem | null {
  if (marker === undefined) return null;
  const field = 'body.violation';
  if (action !== 'reject') return { field, message: 'Chỉ đánh dấu vi phạm khi không tiếp nhận phản ánh (R-27.3)' };
  if (!(VIOLATION_MARKERS as readonly string[]).includes(marker)) return { field, message: `Đánh dấu vi phạm: ${VIOLATION_MARKERS.join(', ')}` };
  if (rejectReason !== 'a')
    return {
      field,
      message: 'Chỉ đánh dấu "abusive" (xúc phạm, R-5.2) với lý do a; lý do d2 (sai sự thật) và e (quảng cáo) đã là vi phạm (R-27.3)',
    };
  return null;
}

/** The violation a rejection records, or null when it is not one (R-27.3, R-6.2đ, R-6.2e, R-5.2). */
export function violationOf(rejectReason: string | undefined, marker: string | undefined): ViolationKind | null {
  if (rejectReason === 'd2') return 'false_report';
  if (rejectReason === 'e') return 'advertising';
  if (rejectReason === 'a' && marker === 'abusive') return 'abusive';
  return null;
}

/** Whether a run of `runLength` consecutive violations (counting the one just recorded) imposes the sanction. */
export function imposesSanction(runLength: number): boolean {
  return runLength > VIOLATIONS_BEFORE_SANCTION;
}

/** A sanction imposed at `start` ends 30 calendar days later, to the minute (Vietnam keeps no summer time). */
export function sanctionEnd(start: Date): Date {
  return new Date(start.getTime() + SANCTION_DAYS * MS_PER_DAY);
}

/** "09:00 ngày 01/04/2026" — Vietnam time, for messages to people. */
export function vietnameseDateTime(at: Date): string {
  const iso = formatVietnamTime(at); // 2026-04-01T09:00:00+07:00
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Why the account is sanctioned, as the reporter is told. */
export function sanctionReason(violations: readonly { code: string; kind: ViolationKind }[]): string {
  const list = violations.map((v) => `${v.code} — ${VIOLATION_KINDS[v.kind]}`).join('; ');
  return `Vi phạm ${violations.length} lần liên tiếp (quá ${VIOLATIONS_BEFORE_SANCTION} lần, R-27.3): ${list}`;
}

/** The refusal a sanctioned reporter gets when submitting, naming the end. */
export function sanctionedSubmissionDetail(until: Date): { vi: string; en: string } {
  return {
    vi: `Tài khoản của bạn bị tạm dừng gửi phản ánh đến ${vietnameseDateTime(until)} (giờ Việt Nam) do vi phạm quá ${VIOLATIONS_BEFORE_SANCTION} lần liên tiếp (R-27.3). Bạn vẫn đăng nhập, xem phản ánh và thông báo của mình được.`,
    en: `Your account may not submit reports until ${formatVietnamTime(until)} after more than ${VIOLATIONS_BEFORE_SANCTION} consecutive violations (R-27.3). You can still sign in and read your reports and notifications.`,
  };
}
