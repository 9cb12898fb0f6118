/**
 * Deadline policies as data: for each report kind and stage, how much working time the responsible agency has,
 * from which event the clock runs, and the rule that says so (QĐ 1207/QĐ-UBND, see spec/REQUIREMENTS.md).
 * The workflow tables name a stage; `deadlinePolicy` gives the amount; `addWorkingTime` gives the instant.
 *
 * Not here, because it is not working time: the reporter's 2 calendar days to ask for clarification —
 * see `clarificationWindow`.
 */
import type { WorkingAmount } from './deadlines.ts';

export type ReportKind = 'field_report' | 'waste_report' | 'investor_feedback' | 'regulation_feedback' | 'initiative';
export const REPORT_KINDS: readonly ReportKind[] = ['field_report', 'waste_report', 'investor_feedback', 'regulation_feedback', 'initiative'];

/** */
export type Classification = 'urgent' | 'normal' | 'complex';
export const CLASSIFICATIONS: readonly Classification[] = ['urgent', 'normal', 'complex'];

export type DeadlineStage =
  | 'verify' // verification of unclear information, part of receiving (R-6.2d)
  | 'receive' // receiving, verification included (R-7.2d)
  | 'assign' // the head assigns or dispatches
  | 'process' // the assigned unit handles it
  | 'redo' // rework a draft result the head rejected
  | 'approve_publication' // the head approves publishing the result
  | 'answer_clarification'; // answer the reporter's clarification request
export const DEADLINE_STAGES: readonly DeadlineStage[] = ['verify', 'receive', 'assign', 'process', 'redo', 'approve_publication', 'answer_clarification'];

/** The stages' Vietnamese names in the overseer's figures and documents (the web app has its own, in two languages). */
export const DEADLINE_STAGE_LABELS: Record<DeadlineStage, string> = {
  verify: 'Xác minh',
  receive: 'Tiếp nhận',
  assign: 'Giao xử lý',
  process: 'Xử lý',
  redo: 'Sửa dự thảo bị trả lại',
  approve_publication: 'Duyệt, công khai kết quả',
  answer_clarification: 'Trả lời đề nghị làm rõ',
};

/** The event that starts a stage's clock. */
export type DeadlineAnchor = 'submitted' | 'received' | 'assigned' | 'draft_rejected' | 'result_drafted' | 'clarification_requested';

export interface DeadlinePolicy {
  kind: ReportKind;
  stage: DeadlineStage;
  /** Absent: the same figure for every classification. */
  classification?: Classification;
  amount: WorkingAmount;
  /** The longest the deadline may be extended to, when the regulation allows it. */
  extendableTo?: WorkingAmount;
  startsAt: DeadlineAnchor;
  /** Rule ID of spec/REQUIREMENTS.md. */
  rule: string;
  /** For an assumed figure: the rule whose figure was borrowed. */
  basedOn?: string;
  /** True when the figure is not stated for this kind and was assumed; `note` says why. */
  assumption?: true;
  note?: string;
}

type Row = Omit<DeadlinePolicy, 'kind'>;

/** The five-step kinds share these stages; apply to every report's result. */
const RECEIVING: Row[] = [
  { stage: 'verify', amount: { hours: 4 }, startsAt: 'submitted', rule: 'R-6.2d' },
  { stage: 'receive', amount: { hours: 8 }, startsAt: 'submitted', rule: 'R-7.2d' },
  { stage: 'assign', amount: { hours: 4 }, startsAt: 'received', rule: 'R-8.5' },
];
const RESULT: Row[] = [
  { stage: 'redo', amount: { days: 1 }, startsAt: 'draft_rejected', rule: 'R-12.1' },
  { stage: 'approve_publication', amount: { days: 1 }, startsAt: 'result_drafted', rule: 'R-12.3' },
  { stage: 'answer_clarification', amount: { days: 2 }, startsAt: 'clarification_requested', rule: 'R-13' },
];

const FIELD_PROCESS: Row[] = [
  { stage: 'process', classification: 'urgent', amount: { hours: 4 }, startsAt: 'assigned', rule: 'R-8.5' },
  { stage: 'process', classification: 'normal', amount: { days: 7 }, startsAt: 'assigned', rule: 'R-8.5' },
  {
    stage: 'process',
    classification: 'complex',
    amount: { days: 15 },
    extendableTo: { days: 30 },
    startsAt: 'assigned',
    rule: 'R-8.5',
    note: 'extendable to 30 working days after assignment when prescribed procedures require it',
  },
];

function thirtyDayProcess(rule: 'R-10' | 'R-11'): Row[] {
  return [
    { stage: 'process', classification: 'urgent', amount: { hours: 4 }, startsAt: 'assigned', rule },
    { stage: 'process', classification: 'normal', amount: { days: 30 }, startsAt: 'assigned', rule },
    {
      stage: 'process',
      classification: 'complex',
      amount: { days: 30 },
      startsAt: 'assigned',
      rule,
      assumption: true,
      // Art. 10/11 describe complex cases (several agencies) but give figures only for urgent and normal.
      note: 'No figure for complex reports in the regulation; the normal maximum (30 working days) is assumed.',
    },
  ];
}

const REGULATION_NOTE =
  'R-5.3: handled under Art. 13–15 of Quyết định 13/2023/QĐ-UBND, whose figures are not available here; the field-report figures (R-6.2d, R-7.2d, R-8.5, R-12, R-13) are assumed.';

const TABLE: readonly DeadlinePolicy[] = Object.freeze(([
  ...[...RECEIVING, ...FIELD_PROCESS, ...RESULT].map((r) => ({ kind: 'field_report' as const, ...r })),
  ...[...RECEIVING, ...thirtyDayProcess('R-10'), ...RESULT].map((r) => ({ kind: 'waste_report' as const, ...r })),
  ...[...RECEIVING, ...thirtyDayProcess('R-11'), ...RESULT].map((r) => ({ kind: 'investor_feedback' as const, ...r })),
  ...[...RECEIVING, ...FIELD_PROCESS, ...RESULT].map((r) => ({
    kind: 'regulation_feedback' as const,
    ...r,
    rule: 'R-5.3',
    basedOn: r.rule,
    assumption: true as const,
    note: r.note === undefined ? REGULATION_NOTE : `${REGULATION_NOTE} (${r.note})`,
  })),
  // the Center receives and distributes initiatives; the regulation sets only the unit's answer time.
  { kind: 'initiative', stage: 'process', amount: { days: 30 }, startsAt: 'assigned', rule: 'R-9' },
] satisfies DeadlinePolicy[]).map((p) => Object.freeze(p)));

/** Every policy, for documentation screens and tests. */
export const DEADLINE_POLICIES: readonly DeadlinePolicy[] = TABLE;

/**
 * The policy of a stage, or undefined when the regulation sets no deadline for it (e.g. an initiative has no
 * `assign` deadline). The `process` stage needs the classification — the compiler insists.
 */
export function deadlinePolicy(kind: ReportKind, stage: 'process', classification: Classification): DeadlinePolicy | undefined;
export function deadlinePolicy(kind: ReportKind, stage: Exclude<DeadlineStage, 'process'>): DeadlinePolicy | undefined;
export function deadlinePolicy(kind: ReportKind, stage: DeadlineStage, classification?: Classification): DeadlinePolicy | undefined;
export function deadlinePolicy(kind: ReportKind, stage: DeadlineStage, classification?: Classification): DeadlinePolicy | undefined {
  return TABLE.find(
    (p) => p.kind === kind && p.stage === stage && (p.classification === undefined || p.classification === classification),
  );
}
