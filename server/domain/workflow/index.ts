// The workflow module's public surface: the engine and one table per report kind (DESIGN: workflow as data).
import type { ReportKind } from '../calendar/index.ts';
import type { Workflow } from './engine.ts';
import { FIELD_REPORT } from './field-report.ts';
import { INITIATIVE } from './initiative.ts';
import { INVESTOR_FEEDBACK } from './investor-feedback.ts';
import { REGULATION_FEEDBACK } from './regulation-feedback.ts';
import { WASTE_REPORT } from './waste-report.ts';

export * from './engine.ts';
export { FIVE_STEP_STATES, type FiveStepAction, type FiveStepState } from './steps.ts';
export { INITIATIVE_STATES, type InitiativeAction, type InitiativeState } from './initiative.ts';

export const WORKFLOWS: Readonly<Record<ReportKind, Workflow>> = {
  field_report: FIELD_REPORT,
  waste_report: WASTE_REPORT,
  investor_feedback: INVESTOR_FEEDBACK,
  regulation_feedback: REGULATION_FEEDBACK,
  initiative: INITIATIVE,
};

/** Art. 6.2 reasons a report may be rejected for (R-6.2 a–e; "đ" is written d2 in codes). */
export const REJECT_REASONS = {
  a: 'Nội dung không đầy đủ, không chính xác (R-6.2a)',
  b: 'Hình ảnh, video bị chỉnh sửa (R-6.2b)',
  c: 'Trùng lặp: nội dung, hình ảnh, video đã được người khác phản ánh trước (R-6.2c)',
  d: 'Không xác minh được thông tin trong thời hạn (R-6.2d)',
  d2: 'Thông tin người phản ánh hoặc nội dung phản ánh không đúng sự thật (R-6.2đ)',
  e: 'Quảng cáo (R-6.2e)',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export const RATINGS = { satisfied: 'Hài lòng', acceptable: 'Chấp nhận được', unsatisfied: 'Chưa hài lòng' } as const;
export type Rating = keyof typeof RATINGS;

export const INITIATIVE_DECISIONS = { adopt: 'Tiếp thu, xây dựng kế hoạch thực hiện', adoptInPart: 'Tiếp thu một phần', decline: 'Không tiếp thu (nêu lý do)' } as const;
export type InitiativeDecision = keyof typeof INITIATIVE_DECISIONS;
