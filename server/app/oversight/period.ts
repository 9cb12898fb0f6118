/**
 * The periods of the overseer's monthly, quarterly and yearly figures (R-18.3b; R-22 the yearly ranking), asked as
 * one text: `YYYY-MM` a Vietnam civil month, `YYYY-Qn` a quarter (three civil months: Q1 = January–March …),
 * `YYYY` a year (twelve). Turned into the months and bounds of `summaryPeriod`, the dashboard's one definition.
 */
import { invalid } from '../../domain/errors.ts';
import { parseMonth } from '../lateness/rules.ts';
import { summaryPeriod } from './summary.ts';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface ReportingPeriod {
  /** As asked: 2026-10, 2026-Q4, 2026. */
  period: string;
  kind: PeriodKind;
  /** First and last month, YYYY-MM. */
  from: string;
  to: string;
  months: string[];
  /** [start, end): the first month's first instant and the instant after the last month, Vietnam time. */
  start: Date;
  end: Date;
}

/** What a route's schema accepts (the months and quarters that exist; the years are checked here). */
export const PERIOD_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';

const two = (n: number) => String(n).padStart(2, '0');

function periodMonths(text: string): { kind: PeriodKind; from: string; to: string } {
  if (/^\d{4}$/.test(text)) return { kind: 'year', from: `${text}-01`, to: `${text}-12` };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { kind: 'quarter', from: `${quarter[1]}-${two(first)}`, to: `${quarter[1]}-${two(first + 2)}` };
  }
  return { kind: 'month', from: text, to: text };
}

/** The period asked as `text`, or a 400 naming `field`. */
export function parsePeriod(text: string, now: Date, field = 'querystring.period'): ReportingPeriod {
  const { kind, from, to } = periodMonths(text);
  if (!parseMonth(from) || !parseMonth(to))
    throw invalid([{ field, message: `"${text}" không phải kỳ dạng YYYY-MM (tháng), YYYY-Qn (quý) hoặc YYYY (năm), năm 2000–2100` }]);
  const p = summaryPeriod({ from, to }, now);
  return { period: text, kind, from: p.from, to: p.to, months: p.months, start: p.start, end: p.end };
}
