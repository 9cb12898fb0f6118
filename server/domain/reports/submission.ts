/**
 * What a submission must hold: limits and the checks that need no database. The place is
 * resolved to a commune and the category checked by the use case.
 */
import type { FieldProblem } from '../errors.ts';
import { REPORT_KINDS, type ReportKind } from '../calendar/index.ts';
import { SUBMISSION_LIMITS } from './limits.ts';

export { SUBMISSION_LIMITS } from './limits.ts';

/** Kinds whose reports describe a place and a moment (R-5.2: field reports carry the time and the place). */
export const KINDS_NEEDING_PLACE: readonly ReportKind[] = ['field_report'];

export interface SubmissionInput {
  kind: string;
  categoryCode: string;
  title: string;
  description: string;
  place?: { lat: number; lng: number; address?: string | undefined } | undefined;
  occurredAt?: Date | null | undefined;
  confidential: boolean;
  /** Uploads (photos, videos) of the reporter, by id, in the order to show them. */
  media?: readonly string[] | undefined;
}

export function isReportKind(k: string): k is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(k);
}

/** Every problem at once, each naming its field (`body.title` …). */
export function checkSubmission(input: SubmissionInput, now: Date): FieldProblem[] {
  const L = SUBMISSION_LIMITS;
  const problems: FieldProblem[] = [];
  if (!isReportKind(input.kind)) problems.push({ field: 'body.kind', message: `Loại phản ánh phải là một trong: ${REPORT_KINDS.join(', ')}` });
  const title = input.title.trim();
  if (title.length < L.titleMin || title.length > L.titleMax) problems.push({ field: 'body.title', message: `Tiêu đề cần từ ${L.titleMin} đến ${L.titleMax} ký tự` });
  const description = input.description.trim();
  if (description.length < L.descriptionMin || description.length > L.descriptionMax)
    problems.push({ field: 'body.description', message: `Nội dung cần từ ${L.descriptionMin} đến ${L.descriptionMax} ký tự, viết rõ ràng, dễ hiểu (R-5.1)` });
  if (input.place?.address !== undefined && input.place.address.length > L.addressMax)
    problems.push({ field: 'body.place.address', message: `Địa chỉ tối đa ${L.addressMax} ký tự` });
  if (isReportKind(input.kind) && KINDS_NEEDING_PLACE.includes(input.kind)) {
    if (!input.place) problems.push({ field: 'body.place', message: 'Phản ánh hiện trường cần vị trí cụ thể trên bản đồ (R-5.2, R-6.1c)' });
    if (!input.occurredAt) problems.push({ field: 'body.occurredAt', message: 'Phản ánh hiện trường cần thời điểm xảy ra (R-5.2)' });
  }
  if (input.occurredAt) {
    if (input.occurredAt.getTime() > now.getTime() + 5 * 60_000) problems.push({ field: 'body.occurredAt', message: 'Thời điểm xảy ra không thể ở tương lai' });
    else if (now.getTime() - input.occurredAt.getTime() > L.occurredMaxAgeDays * 86_400_000)
      problems.push({ field: 'body.occurredAt', message: `Thời điểm xảy ra quá ${L.occurredMaxAgeDays} ngày trước` });
  }
  return problems;
}
