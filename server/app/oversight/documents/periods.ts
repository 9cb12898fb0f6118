/**
 * The periods of the Center's report documents (R-18.3b: monthly, quarterly, yearly and ad-hoc): whole Vietnam civil
 * months, first and last included. What a request asks for is checked here (a 400 naming the body field); the
 * scheduled job asks for the periods that ended last (`finishedPeriods`). Months, never the server's zone.
 */
import { civilDate } from '../../../domain/calendar/index.ts';
import { AppError, invalid } from '../../../domain/errors.ts';
import { parseMonth } from '../../lateness/rules.ts';
import { parsePeriod } from '../period.ts';
import { summaryPeriod } from '../summary.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface DocumentPeriod {
  kind: PeriodKind;
  /** YYYY-MM, both included. */
  firstMonth: string;
  lastMonth: string;
}

export interface PeriodRequest {
  kind: string;
  /** month: YYYY-MM; quarter: YYYY-Qn; year: YYYY. */
  period?: string | undefined;
  /** custom: the first and last month, YYYY-MM. */
  from?: string | undefined;
  to?: string | undefined;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const monthText = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
/** "10/2026" from "2026-10". */
export const monthLabel = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

function quarterOf(year: number, quarter: number): DocumentPeriod {
  return { kind: 'quarter', firstMonth: monthText(year, quarter * 3 - 2), lastMonth: monthText(year, quarter * 3) };
}

/** The period a request asks for, or a 400 saying what is wrong with which field. */
export function askedPeriod(q: PeriodRequest, now: Date): DocumentPeriod {
  const wrong = (field: string, message: string) => invalid([{ field: `body.${field}`, message }]);
  const needs = (field: 'period' | 'from' | 'to', form: string) => {
    const v = q[field];
    if (v === undefined) throw wrong(field, `Báo cáo loại "${q.kind}" cần ${field} dạng ${form}`);
    return v;
  };
  switch (q.kind) {
    case 'month':
    case 'quarter':
    case 'year': {
      const form = { month: 'YYYY-MM', quarter: 'YYYY-Qn', year: 'YYYY' }[q.kind];
      const text = needs('period', form);
      const p = parsePeriod(text, now, 'body.period'); // the dashboard's one reading of 2026-10, 2026-Q4, 2026
      if (p.kind !== q.kind) throw wrong('period', `Báo cáo loại "${q.kind}" cần kỳ dạng ${form}, không phải "${text}"`);
      return { kind: p.kind, firstMonth: p.from, lastMonth: p.to };
    }
    case 'custom': {
      const from = needs('from', 'YYYY-MM');
      const to = needs('to', 'YYYY-MM');
      try {
        summaryPeriod({ from, to }, now); // the summary's own checks: months, order, at most MAX_MONTHS
      } catch (err) {
        if (err instanceof AppError) throw invalid(err.errors.map((p) => ({ ...p, field: p.field.replace('querystring.', 'body.') })));
        throw err;
      }
      return { kind: 'custom', firstMonth: from, lastMonth: to };
    }
    default:
      throw wrong('kind', `Loại báo cáo "${q.kind}" không có; chọn một trong: ${PERIOD_KINDS.join(', ')}`);
  }
}

/** The month, quarter and year that ended last before `now` (Vietnam time), for the scheduled job. */
export function finishedPeriods(now: Date): DocumentPeriod[] {
  const current = parseMonth(civilDate(now).slice(0, 7))!;
  const last = current.month === 1 ? { year: current.year - 1, month: 12 } : { year: current.year, month: current.month - 1 };
  const quarter = Math.floor((current.month - 1) / 3); // the current quarter's number − 1: the last one ended before it
  return [
    { kind: 'month', firstMonth: monthText(last.year, last.month), lastMonth: monthText(last.year, last.month) },
    quarter === 0 ? quarterOf(current.year - 1, 4) : quarterOf(current.year, quarter),
    { kind: 'year', firstMonth: monthText(current.year - 1, 1), lastMonth: monthText(current.year - 1, 12) },
  ];
}

/** "Báo cáo tháng 10/2026", "Báo cáo quý IV/2026", "Báo cáo năm 2026", "Báo cáo từ tháng 01/2026 đến tháng 05/2026". */
export function periodTitle(p: DocumentPeriod): string {
  switch (p.kind) {
    case 'month':
      return `Báo cáo tháng ${monthLabel(p.firstMonth)}`;
    case 'quarter':
      return `Báo cáo quý ${ROMAN[Number(p.lastMonth.slice(5, 7)) / 3 - 1]}/${p.firstMonth.slice(0, 4)}`;
    case 'year':
      return `Báo cáo năm ${p.firstMonth.slice(0, 4)}`;
    case 'custom':
      return p.firstMonth === p.lastMonth ? `Báo cáo tháng ${monthLabel(p.firstMonth)} (đột xuất)` : `Báo cáo từ tháng ${monthLabel(p.firstMonth)} đến tháng ${monthLabel(p.lastMonth)}`;
  }
}
