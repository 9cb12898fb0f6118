/**
 * The names of the codes the API answers with — report kinds, states, ratings, proof kinds, classifications,
 * deadline stages, initiative decisions, timeline actions — in Vietnamese and English, for every part of the web
 * app. One name per code: where one screen deliberately says it otherwise (the staff console's short kind
 * names, the citizen's deadline line), the variant is written here as its differences from the name.
 *
 * The code sets are the server's (type-only imports: the compiler checks that every code has its names). Lists
 * the server decides at run time — the states a report goes through, the Art. 6.2 reasons, the actions — are read
 * from GET /api/v1/workflows (api/workflows.ts); the server names states and actions only in Vietnamese, so
 * their English names are here.
 */
import type { ResultProof } from '../../../server/db/schema/reports.ts';
import type { Classification, DeadlineStage, ReportKind } from '../../../server/domain/calendar/policies.ts';
import type { FiveStepState, InitiativeDecision, InitiativeState, Rating, RejectReason } from '../../../server/domain/workflow/index.ts';
import { DECLINE_REASONS, MATTER_CATEGORIES, type BookingState, type DeclineReason, type MatterCategory, type SessionKind, type SessionState } from '../../../server/domain/reception/workflow.ts';
import type { Lang } from './lang.ts';
import { defineStrings, useLang, type Strings } from './strings.ts';

/** The codes of a table of names, in the order it lists them. */
export const codesOf = <K extends string>(table: Strings<K>): K[] => Object.keys(table.vi) as K[];

/** Whether a code (from the address, the API …) is one of a table's. */
export const isCodeOf = <K extends string>(table: Strings<K>, code: string | null | undefined): code is K => Boolean(code && Object.hasOwn(table.vi, code));

/** A code's name from a table, or a fallback (the API's Vietnamese label, or the code itself). */
export function nameOf<K extends string>(table: Strings<K>, lang: Lang, code: string | null | undefined, fallback?: string | null): string {
  if (!code) return fallback ?? '';
  return isCodeOf(table, code) ? table[lang][code] : (fallback ?? code);
}

/** A table's codes and names, as the options of a drop-down list. */
export const optionsOf = <K extends string>(table: Strings<K>, lang: Lang): { value: K; label: string }[] => codesOf(table).map((code) => ({ value: code, label: table[lang][code] }));

/** A code named as the server names it in Vietnamese (it may know better, e.g. by kind), and from the table in English. */
export function serverName<K extends string>(table: Strings<K>, lang: Lang, code: string | null | undefined, serverLabel?: string | null): string {
  return lang === 'vi' && serverLabel ? serverLabel : nameOf(table, lang, code, serverLabel);
}

/** `nameOf` in the interface's language: `const kind = useNames(kindNames); kind(r.kind)`. */
export function useNames<K extends string>(table: Strings<K>): (code: string | null | undefined, fallback?: string | null) => string {
  const lang = useLang();
  return (code, fallback) => nameOf(table, lang, code, fallback);
}

/** A variant of a table: its names but for some codes. */
const variant = <K extends string>(table: Strings<K>, vi: Partial<Record<K, string>>, en: Partial<Record<K, string>>): Strings<K> => ({
  vi: { ...table.vi, ...vi },
  en: { ...table.en, ...en },
});

// Report kinds.

export type KindCode = ReportKind;

export const kindNames = defineStrings<ReportKind>(
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
export const KINDS = codesOf(kindNames);

/** The staff console's short names of the kinds, for its filters and report headers. */
export const kindShortNames = variant(
  kindNames,
  { waste_report: 'Hành vi lãng phí', investor_feedback: 'Kiến nghị của nhà đầu tư, doanh nghiệp', regulation_feedback: 'Quy định hành chính', initiative: 'Sáng kiến' },
  { waste_report: 'Wasteful behaviour', regulation_feedback: 'Administrative regulation', initiative: 'Initiative' },
);

// States. In Vietnamese a state is named by the server: every report carries its `stateLabel` (the server knows
// the kind: an initiative's "submitted" reads otherwise), and GET /api/v1/workflows has every kind's labels.

export type StateCode = FiveStepState | InitiativeState;

/** The states' English names, in the order reports go through them. */
const STATES_EN: Record<StateCode, string> = {
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
};

/** A state as shown: the server's label in Vietnamese, the English name in English (the server's label if it has none). */
export function stateName(lang: Lang, state: string, serverLabel: string | null | undefined): string {
  const en = lang === 'en' && Object.hasOwn(STATES_EN, state) ? STATES_EN[state as StateCode] : null;
  return en ?? serverLabel ?? state;
}

/** States in the order reports go through them, those this app does not know last. */
export function byStateOrder(states: Iterable<string>): string[] {
  const order: string[] = Object.keys(STATES_EN);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return [...states].sort((a, b) => rank(a) - rank(b));
}

export type StateGroup = 'waiting' | 'processing' | 'result' | 'rejected';

/** The public's four groups of states: waiting for reception, being handled, with a result, turned away. */
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

// The reporter's rating of the result.

export const ratingNames = defineStrings<Rating>(
  { satisfied: 'Hài lòng', acceptable: 'Chấp nhận được', unsatisfied: 'Chưa hài lòng' },
  { satisfied: 'Satisfied', acceptable: 'Acceptable', unsatisfied: 'Not satisfied' },
);
export const RATINGS = codesOf(ratingNames);
export const RATING_BADGE: Record<Rating, string> = { satisfied: 'badge ok', acceptable: 'badge info', unsatisfied: 'badge late' };

// Proof of the handling.

export type ProofKind = ResultProof['kind'];

export const proofNames = defineStrings<ProofKind>(
  { inspection_record: 'Biên bản kiểm tra', site_photo: 'Ảnh hiện trường', reply_letter: 'Văn bản trả lời', other: 'Tài liệu khác' },
  { inspection_record: 'Inspection record', site_photo: 'Site photo', reply_letter: 'Reply letter', other: 'Other document' },
);

/** In the staff console, whose field already says "Loại tài liệu", the last kind is just "Khác". */
export const proofChoiceNames = variant(proofNames, { other: 'Khác' }, { other: 'Other' });

// Classification of a report, in the order an officer chooses among them.

export const classificationNames = defineStrings<Classification>(
  { normal: 'Thông thường', urgent: 'Khẩn cấp', complex: 'Phức tạp' },
  { normal: 'Normal', urgent: 'Urgent', complex: 'Complex' },
);

// Deadline stages.

export const stageNames = defineStrings<DeadlineStage>(
  {
    verify: 'Xác minh',
    receive: 'Tiếp nhận',
    assign: 'Giao xử lý',
    process: 'Xử lý',
    redo: 'Sửa dự thảo bị trả lại',
    approve_publication: 'Duyệt, công khai kết quả',
    answer_clarification: 'Trả lời đề nghị làm rõ',
  },
  {
    verify: 'Verification',
    receive: 'Receiving',
    assign: 'Assignment',
    process: 'Processing',
    redo: 'Reworking a returned draft',
    approve_publication: 'Approving and publishing',
    answer_clarification: 'Answering a clarification',
  },
);

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
const lowered = <K extends string>(names: Record<K, string>) => Object.fromEntries(Object.entries<string>(names).map(([k, v]) => [k, lowerFirst(v)])) as Record<K, string>;

/** A stage inside the citizen's deadline line ("… (giai đoạn tiếp nhận)"): its name in lower case, two in the citizen's words. */
export const stagePhrases = variant(
  { vi: lowered(stageNames.vi), en: lowered(stageNames.en) },
  { verify: 'xác minh thông tin', redo: 'xử lý lại' },
  { redo: 'rework' },
);

// An initiative's answer. The server's own labels are the officer's choices ("… (nêu lý do)").

export const decisionNames = defineStrings<InitiativeDecision>(
  { adopt: 'Tiếp thu, xây dựng kế hoạch thực hiện', adoptInPart: 'Tiếp thu một phần', decline: 'Không tiếp thu' },
  { adopt: 'Adopted, an implementation plan is being made', adoptInPart: 'Adopted in part', decline: 'Not adopted' },
);

// The Art. 6.2 reasons for not accepting a report (R-6.2 a–e); in Vietnamese the server's own labels.

export const rejectReasonNames = defineStrings<RejectReason>(
  {
    a: 'Nội dung không đầy đủ, không chính xác (R-6.2a)',
    b: 'Hình ảnh, video bị chỉnh sửa (R-6.2b)',
    c: 'Trùng lặp: nội dung, hình ảnh, video đã được người khác phản ánh trước (R-6.2c)',
    d: 'Không xác minh được thông tin trong thời hạn (R-6.2d)',
    d2: 'Thông tin người phản ánh hoặc nội dung phản ánh không đúng sự thật (R-6.2đ)',
    e: 'Quảng cáo (R-6.2e)',
  },
  {
    a: 'Incomplete or inaccurate content (R-6.2a)',
    b: 'Edited photos or videos (R-6.2b)',
    c: 'Duplicate: the content, photos or videos were reported by someone else before (R-6.2c)',
    d: 'The information could not be verified in time (R-6.2d)',
    d2: "Untrue reporter's information or report content (R-6.2đ)",
    e: 'Advertising (R-6.2e)',
  },
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

// Citizen reception with the City's Citizen Reception Board (R-5.4): the states' names; the categories and decline
// reasons named in Vietnamese by the server's own tables (an import-free module), in English here.

export const bookingStateNames = defineStrings<BookingState>(
  {
    requested: 'Chờ xem xét',
    info_requested: 'Cần bổ sung thông tin',
    accepted: 'Đã được chấp nhận',
    declined: 'Không được chấp nhận',
    cancelled: 'Đã hủy',
    checked_in: 'Đã có mặt',
    completed: 'Đã tiếp',
    no_show: 'Không đến',
  },
  {
    requested: 'Awaiting review',
    info_requested: 'More information needed',
    accepted: 'Accepted',
    declined: 'Declined',
    cancelled: 'Cancelled',
    checked_in: 'Checked in',
    completed: 'Received',
    no_show: 'Did not come',
  },
);

export const BOOKING_BADGE: Record<BookingState, string> = {
  requested: 'badge info',
  info_requested: 'badge warn',
  accepted: 'badge ok',
  declined: 'badge late',
  cancelled: 'badge',
  checked_in: 'badge ok',
  completed: 'badge ok',
  no_show: 'badge late',
};

export const sessionStateNames = defineStrings<SessionState>(
  { scheduled: 'Đã công bố', cancelled: 'Đã hủy', needs_rescheduling: 'Cần dời lịch (ngày nghỉ)' },
  { scheduled: 'Published', cancelled: 'Cancelled', needs_rescheduling: 'To be rescheduled (day off)' },
);

export const sessionKindNames = defineStrings<SessionKind>({ regular: 'Định kỳ', extra: 'Đột xuất, bổ sung' }, { regular: 'Regular', extra: 'Extra' });

export const applicantKindNames = defineStrings<'individual' | 'organisation' | 'group'>(
  { individual: 'Cá nhân', organisation: 'Người đại diện tổ chức', group: 'Nhóm người cùng nội dung (cử người đại diện)' },
  { individual: 'An individual', organisation: "An organisation's representative", group: 'A group with the same matter (names its representatives)' },
);

export const matterCategoryNames = defineStrings<MatterCategory>(
  MATTER_CATEGORIES,
  {
    land: 'Land, compensation, site clearance',
    construction: 'Construction, planning, urban affairs',
    environment: 'Environment',
    social_policy: 'Social policy, labour, people with merits',
    administrative_procedure: 'Administrative procedures',
    justice: 'Justice, civil status',
    other: 'Other fields',
  },
);

export const declineReasonNames = defineStrings<DeclineReason>(
  Object.fromEntries(Object.entries(DECLINE_REASONS).map(([code, r]) => [code, r.label])) as Record<DeclineReason, string>,
  {
    complaint_procedure: 'A complaint or denunciation: handled under the complaints procedure (R-1.3)',
    not_city_authority: "Not within the authority of the Chairman of the City People's Committee",
    already_resolved: 'Already resolved by the competent authority as the law requires',
    other: 'Other reason',
  },
);
