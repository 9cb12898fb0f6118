/**
 * The deadlines of a report kind in words, as the regulation writes them ("08 giờ làm việc", "07 ngày làm
 * việc"): what an integrator shows its users as Open311 `service_notice` (issue 8), read from the policy table.
 */
import type { WorkingAmount } from './deadlines.ts';
import { deadlinePolicy, type Classification, type ReportKind } from './policies.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** "08 giờ làm việc" / "07 ngày làm việc". */
export function workingAmountInWords(amount: WorkingAmount): string {
  return 'hours' in amount ? `${two(amount.hours)} giờ làm việc` : `${two(amount.days)} ngày làm việc`;
}

/**
 * "Tiếp nhận trong 08 giờ làm việc; xử lý trong 07 ngày làm việc" — the receiving and processing deadlines of
 * `kind` for a classification (R-8.4; not yet classified: the normal figure). A stage the regulation gives no
 * deadline for is left out (an initiative has no receiving deadline, R-9).
 */
export function deadlinesInWords(kind: ReportKind, classification: Classification | null): string {
  const parts: string[] = [];
  const receive = deadlinePolicy(kind, 'receive');
  if (receive) parts.push(`tiếp nhận trong ${workingAmountInWords(receive.amount)}`);
  const process = deadlinePolicy(kind, 'process', classification ?? 'normal');
  if (process) {
    const extension = process.extendableTo ? ` (gia hạn đến ${workingAmountInWords(process.extendableTo)})` : '';
    parts.push(`xử lý trong ${workingAmountInWords(process.amount)}${extension}`);
  }
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
