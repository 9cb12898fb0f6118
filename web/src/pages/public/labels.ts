/**
 * Names of the codes the API answers with — states, kinds, ratings, proofs, decisions, timeline actions — in
 * Vietnamese (as the workflow tables name them) and English. Shared by the public pages and the dashboard.
 */
import type { Lang } from '../../i18n/lang.ts';
import { defineStrings, type Strings } from '../../i18n/strings.ts';

/** Every state of every kind, in the order reports go through them. */
export const STATES = [
  'submitted',
  'verifying',
  'accepted',
  'taken',
  'dispatched',
  'assigned',
  'resultDrafted',
  'draftRejected',
  'consulting',
  'published',
  'clarificationRequested',
  'rated',
  'closed',
  'decided',
  'rejected',
] as const;
export type StateCode = (typeof STATES)[number];

/** The public sees every state but "not accepted" (it may be advertising or abuse, R-6.2e). */
export const PUBLIC_STATES = STATES.filter((s) => s !== 'rejected');

export const stateNames = defineStrings<StateCode>(
  {
    submitted: 'Chờ tiếp nhận',
    verifying: 'Đang xác minh',
    accepted: 'Đã tiếp nhận, chờ cơ quan xử lý',
    taken: 'Cơ quan xử lý đã nhận',
    dispatched: 'Đã giao UBND cấp xã',
    assigned: 'Đang xử lý',
    resultDrafted: 'Chờ duyệt kết quả',
    draftRejected: 'Kết quả bị trả lại',
    consulting: 'Đang lấy ý kiến người dân',
    published: 'Đã có kết quả',
    clarificationRequested: 'Đề nghị làm rõ',
    rated: 'Đã đánh giá',
    closed: 'Đã kết thúc',
    decided: 'Đã trả lời',
    rejected: 'Không tiếp nhận',
  },
  {
    submitted: 'Awaiting reception',
    verifying: 'Being verified',
    accepted: 'Accepted, awaiting the handling agency',
    taken: 'Taken by the handling agency',
    dispatched: "Sent to the commune People's Committee",
    assigned: 'Being handled',
    resultDrafted: 'Result awaiting approval',
    draftRejected: 'Result sent back for rework',
    consulting: 'Consulting residents',
    published: 'Result published',
    clarificationRequested: 'Clarification requested',
    rated: 'Rated',
    closed: 'Closed',
    decided: 'Answered',
    rejected: 'Not accepted',
  },
);

export type StateGroup = 'waiting' | 'processing' | 'result' | 'rejected';

/** Waiting for reception, being handled, with a result, turned away. */
export function stateGroup(state: string): StateGroup {
  if (state === 'submitted' || state === 'verifying') return 'waiting';
  if (state === 'rejected') return 'rejected';
  if (['published', 'clarificationRequested', 'rated', 'closed', 'decided'].includes(state)) return 'result';
  return 'processing';
}

/** Map marker colours (on the pale commune outlines: contrast ≥ 3:1 with a white ring). */
export const GROUP_COLOR: Record<StateGroup, string> = { waiting: '#455a64', processing: '#e65100', result: '#1b5e20', rejected: '#b00020' };
/** Badge classes of styles.css. */
export const GROUP_BADGE: Record<StateGroup, string> = { waiting: 'badge', processing: 'badge warn', result: 'badge ok', rejected: 'badge late' };

export const groupNames = defineStrings<StateGroup>(
  { waiting: 'Chờ tiếp nhận', processing: 'Đang xử lý', result: 'Đã có kết quả', rejected: 'Không tiếp nhận' },
  { waiting: 'Awaiting reception', processing: 'Being handled', result: 'Result published', rejected: 'Not accepted' },
);

export const KINDS = ['field_report', 'waste_report', 'investor_feedback', 'regulation_feedback', 'initiative'] as const;
export type KindCode = (typeof KINDS)[number];
export const kindNames = defineStrings<KindCode>(
  {
    field_report: 'Phản ánh hiện trường',
    waste_report: 'Phản ánh hành vi lãng phí',
    investor_feedback: 'Phản ánh, kiến nghị của nhà đầu tư, doanh nghiệp',
    regulation_feedback: 'Phản ánh, kiến nghị về quy định hành chính',
    initiative: 'Sáng kiến xây dựng Thủ đô',
  },
  {
    field_report: 'Field report',
    waste_report: 'Report of wasteful behaviour',
    investor_feedback: 'Investor or business feedback',
    regulation_feedback: 'Feedback on administrative regulations',
    initiative: 'Initiative for the Capital',
  },
);

export const RATINGS = ['satisfied', 'acceptable', 'unsatisfied'] as const;
export type RatingCode = (typeof RATINGS)[number];
export const ratingNames = defineStrings<RatingCode>(
  { satisfied: 'Hài lòng', acceptable: 'Chấp nhận được', unsatisfied: 'Chưa hài lòng' },
  { satisfied: 'Satisfied', acceptable: 'Acceptable', unsatisfied: 'Not satisfied' },
);
export const RATING_BADGE: Record<RatingCode, string> = { satisfied: 'badge ok', acceptable: 'badge info', unsatisfied: 'badge late' };

export const proofNames = defineStrings<'inspection_record' | 'site_photo' | 'reply_letter' | 'other'>(
  { inspection_record: 'Biên bản kiểm tra', site_photo: 'Ảnh hiện trường', reply_letter: 'Văn bản trả lời', other: 'Tài liệu khác' },
  { inspection_record: 'Inspection record', site_photo: 'Site photo', reply_letter: 'Reply letter', other: 'Other document' },
);

export const decisionNames = defineStrings<'adopt' | 'adoptInPart' | 'decline'>(
  { adopt: 'Tiếp thu, xây dựng kế hoạch thực hiện', adoptInPart: 'Tiếp thu một phần', decline: 'Không tiếp thu' },
  { adopt: 'Adopted, an implementation plan is being made', adoptInPart: 'Adopted in part', decline: 'Not adopted' },
);

/** English names of timeline actions; in Vietnamese the API's own label is shown. */
const ACTIONS_EN: Record<string, string> = {
  submit: 'Report submitted',
  startVerification: 'Verification started',
  provideInformation: 'Information supplied',
  accept: 'Accepted and sent to the handling agency',
  reject: 'Not accepted',
  transfer: 'Transferred to another agency',
  take: 'Taken by the handling agency',
  returnForRerouting: 'Returned: outside its authority',
  assign: 'Assigned for handling',
  dispatch: "Sent to the commune People's Committee",
  requestCooperation: 'Cooperation requested',
  extend: 'Handling time extended',
  draftResult: 'Result proposed',
  rejectDraft: 'Proposed result sent back',
  approve: 'Result approved and published',
  requestClarification: 'Clarification requested',
  answerClarification: 'Clarification answered',
  rate: 'Result rated',
  close: 'Closed (clarification window over)',
  'deadline.overdue': 'Deadline passed',
  'deadline.recomputed': 'Deadlines recomputed with the new working calendar',
};

export function actionName(lang: Lang, action: string, apiLabel: string): string {
  return lang === 'en' ? (ACTIONS_EN[action] ?? apiLabel) : apiLabel;
}

/** A code's name from a table, or a fallback (the API's Vietnamese label, or the code itself). */
export function nameOf<K extends string>(table: Strings<K>, lang: Lang, code: string | null | undefined, fallback?: string | null): string {
  if (!code) return fallback ?? '';
  return (table[lang] as Record<string, string>)[code] ?? fallback ?? code;
}

/** A report's state as shown: the API's label in Vietnamese (it knows the kind), the table's in English. */
export function stateName(lang: Lang, state: string, apiLabel?: string | null): string {
  return lang === 'vi' && apiLabel ? apiLabel : nameOf(stateNames, lang, state, apiLabel);
}

/** Date-only helpers for filters: `YYYY-MM-DD` (Hanoi dates) to the API's local date-time bounds. */
export const isDate = (s: string | null | undefined): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
/** The last day of a `YYYY-MM` month, as `YYYY-MM-DD`. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The public list's address with these filters (the dashboard links to it). */
export function publicListHref(f: { state?: string | null; kind?: string | null; category?: string | null; unit?: string | null; from?: string | null; to?: string | null }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `/?${s}` : '/';
}
