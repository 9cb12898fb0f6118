/**
 * The receiving steps and the five processing steps shared by field reports, wasteful-behaviour
 * reports, investor/business feedback and administrative-regulation feedback. The kinds
 * differ in their rule IDs and in the deadline table (domain/calendar/policies.ts), not in their steps.
 */
import type { ReportKind } from '../calendar/index.ts';
import type { Facts, GuardVerdict, Need, Transition, Workflow } from './engine.ts';

export const FIVE_STEP_STATES = [
  'submitted',
  'verifying',
  'rejected',
  'accepted',
  'taken',
  'dispatched',
  'assigned',
  'resultDrafted',
  'draftRejected',
  'published',
  'clarificationRequested',
  'rated',
  'closed',
] as const;
export type FiveStepState = (typeof FIVE_STEP_STATES)[number];

export type FiveStepAction =
  | 'startVerification'
  | 'provideInformation'
  | 'accept'
  | 'reject'
  | 'transfer'
  | 'take'
  | 'returnForRerouting'
  | 'assign'
  | 'dispatch'
  | 'requestCooperation'
  | 'extend'
  | 'draftResult'
  | 'rejectDraft'
  | 'approve'
  | 'requestClarification'
  | 'answerClarification'
  | 'rate'
  | 'close';

export const FIVE_STEP_STATE_LABELS: Record<FiveStepState, string> = {
  submitted: 'Chờ tiếp nhận',
  verifying: 'Đang xác minh',
  rejected: 'Không tiếp nhận',
  accepted: 'Đã tiếp nhận, chờ cơ quan xử lý',
  taken: 'Cơ quan xử lý đã nhận',
  dispatched: 'Đã giao UBND cấp xã',
  assigned: 'Đang xử lý',
  resultDrafted: 'Chờ duyệt kết quả',
  draftRejected: 'Kết quả bị trả lại',
  published: 'Đã có kết quả',
  clarificationRequested: 'Đề nghị làm rõ',
  rated: 'Đã đánh giá',
  closed: 'Đã kết thúc',
};

/** apply to every kind's result, R-13 to the reporter's follow-up. */
const MAX_EXTENSION_DAYS = 30;

function complexOnly(facts: Facts): GuardVerdict {
  return facts.classification === 'complex'
    ? { ok: true }
    : { ok: false, vi: 'Chỉ phản ánh phức tạp mới được gia hạn hoặc phối hợp', en: 'Only complex reports may be extended or cooperated on' };
}

function extensionWithinLimit(facts: Facts, inputs: Readonly<Partial<Record<Need, unknown>>>): GuardVerdict {
  const c = complexOnly(facts);
  if (!c.ok) return c;
  const to = inputs.extendTo;
  if (typeof to !== 'number' || !Number.isInteger(to) || to > MAX_EXTENSION_DAYS)
    return { ok: false, vi: `Chỉ được gia hạn tối đa đến ${MAX_EXTENSION_DAYS} ngày làm việc`, en: `Extensions go to at most ${MAX_EXTENSION_DAYS} working days` };
  if (to <= (facts.extendedToDays ?? 15))
    return { ok: false, vi: 'Thời hạn gia hạn phải dài hơn thời hạn hiện tại', en: 'An extension must be longer than the current deadline' };
  return { ok: true };
}

function noOpenCooperation(facts: Facts): GuardVerdict {
  return facts.openCooperations === 0
    ? { ok: true }
    : {
        ok: false,
        vi: `Còn ${facts.openCooperations} yêu cầu phối hợp chưa có kết quả; tổng hợp hoặc đóng yêu cầu (nêu lý do) trước khi duyệt`,
        en: `${facts.openCooperations} cooperation request(s) still open`,
      };
}

function windowOpen(facts: Facts): GuardVerdict {
  return facts.clarificationWindowOpen
    ? { ok: true }
    : { ok: false, vi: 'Đã hết thời hạn 02 ngày đề nghị làm rõ kết quả', en: 'The 2-day clarification window has closed' };
}

function windowClosed(facts: Facts): GuardVerdict {
  return facts.clarificationWindowOpen ? { ok: false, vi: 'Thời hạn đề nghị làm rõ chưa hết', en: 'The clarification window is still open' } : { ok: true };
}

const HEADS = ['agency_head', 'commune_leader'] as const;
const RECEIVERS = ['receiving_officer', 'center_operator'] as const;

/** The table of a five-step kind; `rules` are the rule IDs its regulation article gives. */
export function fiveStepWorkflow(
  kind: ReportKind,
  rules: { receive: string; process: string; deadlines: string },
): Workflow<FiveStepState, FiveStepAction> {
  type T = Transition<FiveStepState, FiveStepAction>;
  const receiving: T[] = (['submitted', 'verifying'] as const).flatMap((from): T[] => [
    { from, action: 'accept', to: 'accepted', by: RECEIVERS, needs: ['targetAgency', 'classification'], stops: ['verify', 'receive'], starts: ['assign'], rule: `${rules.receive}b`, label: 'Tiếp nhận và chuyển cơ quan xử lý' },
    { from, action: 'reject', to: 'rejected', by: RECEIVERS, needs: ['rejectReason', 'explanation'], stops: ['verify', 'receive'], rule: 'R-6.2', label: 'Không tiếp nhận' },
    { from, action: 'transfer', to: 'submitted', by: RECEIVERS, needs: ['targetAgency', 'explanation'], stops: ['verify'], rule: `${rules.receive}c`, label: 'Chuyển cơ quan khác / cấp trên' },
  ]);
  const transitions: T[] = [
    { from: 'submitted', action: 'startVerification', to: 'verifying', by: RECEIVERS, needs: [], starts: ['verify'], rule: 'R-6.2d', label: 'Xác minh thông tin' },
    { from: 'verifying', action: 'provideInformation', to: 'verifying', by: ['citizen'], needs: ['answer'], rule: 'R-7.1', label: 'Bổ sung thông tin' },
    ...receiving,
    { from: 'accepted', action: 'take', to: 'taken', by: HEADS, needs: [], rule: `${rules.process} bước 1`, label: 'Nhận xử lý' },
    { from: 'accepted', action: 'returnForRerouting', to: 'submitted', by: HEADS, needs: ['explanation'], stops: ['assign'], rule: 'R-5.9', label: 'Trả lại: không thuộc thẩm quyền' },
    { from: 'taken', action: 'returnForRerouting', to: 'submitted', by: HEADS, needs: ['explanation'], stops: ['assign'], rule: 'R-5.9', label: 'Trả lại: không thuộc thẩm quyền' },
    { from: 'taken', action: 'assign', to: 'assigned', by: HEADS, needs: ['assignee'], stops: ['assign'], starts: ['process'], rule: `${rules.process} bước 2`, label: 'Giao cán bộ xử lý' },
    { from: 'taken', action: 'dispatch', to: 'dispatched', by: ['agency_head'], needs: ['targetAgency'], stops: ['assign'], starts: ['process'], rule: `${rules.process} bước 2`, label: 'Giao UBND cấp xã' },
    { from: 'dispatched', action: 'assign', to: 'assigned', by: ['commune_leader'], needs: ['assignee'], rule: `${rules.process} bước 3`, label: 'Phân công cán bộ xử lý' },
    { from: 'taken', action: 'requestCooperation', to: 'taken', by: HEADS, needs: ['targetAgency'], guard: complexOnly, rule: 'R-8.2', label: 'Đề nghị phối hợp' },
    { from: 'assigned', action: 'requestCooperation', to: 'assigned', by: HEADS, needs: ['targetAgency'], guard: complexOnly, rule: 'R-8.2', label: 'Đề nghị phối hợp' },
    { from: 'assigned', action: 'extend', to: 'assigned', by: HEADS, needs: ['extendTo', 'explanation'], extends: 'process', guard: extensionWithinLimit, rule: rules.deadlines, label: 'Gia hạn xử lý' },
    { from: 'assigned', action: 'draftResult', to: 'resultDrafted', by: ['processing_officer'], needs: ['resultText'], stops: ['process'], starts: ['approve_publication'], rule: `${rules.process} bước 4`, label: 'Trình kết quả xử lý' },
    { from: 'draftRejected', action: 'draftResult', to: 'resultDrafted', by: ['processing_officer'], needs: ['resultText'], stops: ['redo'], starts: ['approve_publication'], rule: 'R-12.1', label: 'Trình lại kết quả' },
    { from: 'resultDrafted', action: 'rejectDraft', to: 'draftRejected', by: HEADS, needs: ['explanation'], stops: ['approve_publication'], starts: ['redo'], rule: 'R-12.1', label: 'Trả lại dự thảo kết quả' },
    { from: 'resultDrafted', action: 'approve', to: 'published', by: HEADS, needs: ['proof'], guard: noOpenCooperation, stops: ['approve_publication'], rule: 'R-12.2', label: 'Duyệt và công khai kết quả' },
    { from: 'published', action: 'requestClarification', to: 'clarificationRequested', by: ['citizen'], needs: ['question'], guard: windowOpen, starts: ['answer_clarification'], rule: 'R-13', label: 'Đề nghị làm rõ kết quả' },
    { from: 'clarificationRequested', action: 'answerClarification', to: 'published', by: ['processing_officer', ...HEADS], needs: ['answer'], stops: ['answer_clarification'], rule: 'R-13', label: 'Trả lời đề nghị làm rõ' },
    { from: 'published', action: 'rate', to: 'rated', by: ['citizen'], needs: ['rating'], rule: 'R-13', label: 'Đánh giá kết quả' },
    { from: 'published', action: 'close', to: 'closed', by: ['system'], needs: [], guard: windowClosed, rule: 'R-13', label: 'Kết thúc (hết thời hạn làm rõ)' },
    // R-13 bounds the clarification request, not the rating: a closed report can still be rated.
    { from: 'closed', action: 'rate', to: 'rated', by: ['citizen'], needs: ['rating'], rule: 'R-13', label: 'Đánh giá kết quả' },
  ];
  return {
    kind,
    initial: 'submitted',
    initialClocks: ['receive'],
    terminal: ['rejected', 'rated'],
    states: FIVE_STEP_STATES,
    stateLabels: FIVE_STEP_STATE_LABELS,
    transitions,
  };
}
