/**
 * What realistic Hanoi data looks like, as numbers: the mix of report kinds and categories, where reports are
 * made (urban wards more than rural communes), when (weekdays, office and evening hours, a growing channel), and
 * how each step of the handling goes (how often reports are rejected, classified urgent or complex, late, rated).
 * Pure: the figures and the draws, no I/O.
 *
 * Sources of the proportions: the categories the city's iHanoi channel reports most (trật tự đô thị, vệ sinh
 * môi trường, giao thông, hạ tầng); a citizen channel whose reports are mostly field reports; the regulation's
 * own expectations (most reports received and handled on time). They are plausible, not measured: change them
 * here.
 */
import type { Classification, ReportKind } from '../../server/domain/calendar/index.ts';
import { civilDayOf, formatIsoDate, isWorkingDay, startOfCivilDay, type WorkingCalendar } from '../../server/domain/calendar/index.ts';
import type { Rng } from './prng.ts';
import { Weighted } from './prng.ts';

/** Report kinds: the channel is mostly field reports (phản ánh hiện trường). */
export const KIND_WEIGHTS: readonly (readonly [ReportKind, number])[] = [
  ['field_report', 90],
  ['waste_report', 3],
  ['regulation_feedback', 3],
  ['investor_feedback', 2],
  ['initiative', 2],
];

/**
 * Relative frequency of each reference category within its kinds; a category an administrator added (not
 * listed) gets DEFAULT_CATEGORY_WEIGHT.
 */
export const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'trat-tu-do-thi': 20,
  've-sinh-moi-truong': 15,
  'giao-thong': 12,
  'hu-hong-mat-duong': 9,
  'dat-dai-xay-dung': 7,
  'ha-tang-do-thi': 7,
  'thoat-nuoc': 5,
  'dien-chieu-sang': 5,
  'cay-xanh': 4,
  'an-ninh-trat-tu': 4,
  'van-hoa-noi-cong-cong': 3,
  'cap-nuoc': 2.5,
  'phong-chay-chua-chay': 1.5,
  'vien-thong': 1.5,
  'y-te': 1.5,
  'giao-duc': 1,
  'thi-truong-hang-hoa': 1,
  'van-hoa-cong-so': 1,
  'de-dieu-thuy-loi': 0.5,
  'du-lich': 0.3,
};
export const DEFAULT_CATEGORY_WEIGHT = 1;

/**
 * Where reports are made. data/hanoi has areas but no population, so the weighting is by kind of unit: the 51
 * wards (phường) are the urban core, where people report most (density, traffic, street trade, smartphone use);
 * the 75 communes (xã) are peri-urban and rural. Per unit, both hold comparable populations (≈ 60–80 thousand),
 * so the difference is the rate of reporting: a ward weighs URBAN_WEIGHT, a compact inner-city ward (under
 * INNER_WARD_KM2, the old Hoàn Kiếm / Ba Đình / Đống Đa … wards) INNER_WARD_WEIGHT, a commune 1.
 */
export const URBAN_WEIGHT = 3;
export const INNER_WARD_WEIGHT = 4;
export const INNER_WARD_KM2 = 5;

export function communeWeight(type: string, areaKm2: number | null): number {
  if (type !== 'phuong') return 1;
  return areaKm2 !== null && areaKm2 < INNER_WARD_KM2 ? INNER_WARD_WEIGHT : URBAN_WEIGHT;
}

/** Hours of the day (Vietnam time) people send reports at: little at night, peaks in the morning and evening. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.4, 0.2, 0.1, 0.1, 0.2, 0.6, 1.5, 3.5, 5.5, 6.5, 6.5, 5.5, 3.5, 4, 5.5, 6, 6, 5.5, 4.5, 4.5, 5, 4, 2.5, 1.2,
];

/**
 * When reports are submitted: every hour of the period weighted by the channel's growth (×1 at the start, ×GROWTH
 * at the end), whether its day is a working day in the calendar (days off — weekends, Tết, holidays — get
 * DAY_OFF_WEIGHT) and HOUR_WEIGHTS. Report i of n falls in the hour at the quantile (i + u) / n: reports come in
 * time order (to the hour), whatever the chunks they are generated in.
 */
export const GROWTH = 1.6;
export const DAY_OFF_WEIGHT = 0.6;
const HOUR_MS = 3_600_000;

export class SubmissionTimes {
  private readonly hours: Weighted<number>;
  constructor(
    cal: WorkingCalendar,
    readonly from: Date,
    readonly until: Date,
  ) {
    const first = civilDayOf(from.getTime());
    const last = civilDayOf(until.getTime() - 1);
    if (until.getTime() <= from.getTime()) throw new RangeError('the period is empty');
    const starts: number[] = [];
    const weights: number[] = [];
    for (let d = first; d <= last; d++) {
      const progress = last === first ? 0 : (d - first) / (last - first);
      const day = (1 + (GROWTH - 1) * progress) * (isWorkingDay(cal, formatIsoDate(d)) ? 1 : DAY_OFF_WEIGHT);
      for (let h = 0; h < 24; h++) {
        const start = startOfCivilDay(d) + h * HOUR_MS;
        if (start + HOUR_MS <= from.getTime() || start >= until.getTime()) continue;
        starts.push(start);
        weights.push(day * (HOUR_WEIGHTS[h] as number));
      }
    }
    this.hours = new Weighted(starts, weights);
  }

  /** The instant of report `i` of `n`, inside the period. */
  instant(i: number, n: number, rng: Rng): Date {
    const start = this.hours.at(Math.min(0.999999999, (i + rng.next()) / n));
    return new Date(Math.min(Math.max(start + rng.int(HOUR_MS), this.from.getTime()), this.until.getTime() - 1));
  }
}

/** classification at acceptance. */
export const CLASSIFICATION_WEIGHTS = new Weighted<Classification>(['normal', 'urgent', 'complex'], [85, 5, 10]);

/** How the handling goes: shares of reports taking each branch of the workflow tables. */
export const OUTCOMES = {
  /** Verification before deciding (R-6.2d), and of those the reporter adds information. */
  verify: 0.1,
  provideInformation: 0.5,
  /**
   * Not received, and why: a–d only — the reasons that are violations (đ, e) would need the
   * sanction records the generator does not write.
   */
  reject: 0.08,
  rejectReasons: new Weighted(['a', 'c', 'd', 'b'], [45, 33, 14, 8]),
  /** A department hands a report with a place to the commune committee (R-8.1 step 2). */
  dispatch: 0.35,
  /** The head sends a draft result back. */
  rejectDraft: 0.1,
  /** After the result: a clarification request, a rating (before or after the window closes). */
  clarification: 0.03,
  rate: 0.32,
  rateAfterClose: 0.05,
  ratings: new Weighted(['satisfied', 'acceptable', 'unsatisfied'] as const, [62, 25, 13]),
  /** Initiatives: rejected by the Center, a consultation of residents, the decision. */
  initiativeReject: 0.15,
  consultation: 0.2,
  decisions: new Weighted(['adopt', 'adoptInPart', 'decline'] as const, [25, 35, 40]),
  /** Reports marked confidential by their reporter. */
  confidential: 0.08,
} as const;

/**
 * Each agency's habit of missing deadlines: a share of its steps taken after the due instant, drawn once per
 * agency between these bounds so that the month × agency table shows good and bad performers.
 */
export const LATE_SHARE_MIN = 0.02;
export const LATE_SHARE_MAX = 0.25;

/**
 * How long a step takes, as a fraction of its deadline's amount of working time: on time mostly well inside it
 * (a Beta-like draw skewed early), late up to three times the amount.
 */
export function stepFraction(rng: Rng, lateShare: number): number {
  if (rng.chance(lateShare)) return 1.02 + rng.next() * 2;
  const u = rng.next();
  return 0.05 + 0.9 * u * u;
}

/** Citizens' own steps (a rating, a clarification request, more information) in calendar time after the event. */
export function citizenDelayMs(rng: Rng, meanHours: number): number {
  return Math.max(60_000, rng.exponential(meanHours * 3_600_000));
}
