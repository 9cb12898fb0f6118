import type { DeadlineStage } from '../calendar/index.ts';
import type { FieldProblem } from '../errors.ts';

/**
 * Rankings and evaluation (R-22 / R-25.4 per-agency evaluation figures for the yearly administrative-reform
 * ranking; agencies and officers with high satisfaction can be commended) — the decisions only (pure; the
 * figures come from the database, the criteria are data an administrator edits: migration 0025).
 *
 * Definitions (documented in docs/architecture.md, "Rankings and evaluation"):
 * - Rates are percentages with one decimal, as the dashboard shows them: on time = (reports − late) / reports,
 *   satisfaction = "Hài lòng" / rated (0 when nothing was rated). The ranking is computed from these shown figures,
 *   so anyone can recompute it from the table.
 * - Score = (onTimeWeight × on-time rate + satisfactionWeight × satisfaction rate) / 100, the weights summing to
 *   100: a weighted mean in [0, 100], exact to three decimals (integer arithmetic in thousandths).
 * - Order, best first: score, then on-time rate, then satisfaction rate (all higher first), then the name in
 *   Vietnamese collation — and for officers the number handled (more first) before the name. Ties end at the id, so
 *   the order never depends on the order of the input.
 * - An agency is ranked when it has at least `minReports` reports in the period (inclusive); the others are listed
 *   "chưa đủ số liệu", without a rank. Ranks are 1…n over the ranked agencies, no shared ranks.
 * - An officer is listed for commendation when handled ≥ officerMinHandled, satisfaction ≥
 *   officerMinSatisfactionPercent and on time ≥ officerMinOnTimePercent (all inclusive); best first, at most
 *   officerMaxListed.
 */

export interface EvaluationCriteria {
  /** Weight of the on-time rate in the score, percent; with `satisfactionWeight` it sums to 100. */
  onTimeWeight: number;
  satisfactionWeight: number;
  /** Reports an agency needs in the period to be ranked. */
  minReports: number;
  /** Results an officer needs published in the period to be listed for commendation. */
  officerMinHandled: number;
  officerMinSatisfactionPercent: number;
  officerMinOnTimePercent: number;
  /** How many officers are listed at most. */
  officerMaxListed: number;
}

/**
 * The allowed range of every criterion, both ends included — also the CHECKs of migration 0025 and the web's
 * criteria form, which bundles this module (so it keeps to type-only imports).
 */
export const CRITERIA_LIMITS: Readonly<Record<keyof EvaluationCriteria, { min: number; max: number }>> = {
  onTimeWeight: { min: 0, max: 100 },
  satisfactionWeight: { min: 0, max: 100 },
  minReports: { min: 1, max: 100_000 },
  officerMinHandled: { min: 1, max: 100_000 },
  officerMinSatisfactionPercent: { min: 0, max: 100 },
  officerMinOnTimePercent: { min: 0, max: 100 },
  officerMaxListed: { min: 1, max: 1000 },
};

export const CRITERIA_KEYS = Object.keys(CRITERIA_LIMITS) as (keyof EvaluationCriteria)[];

/** The deadline clocks an officer answers for (R-8.1 steps 3–4, R-8.5 processing; reworking a rejected draft). */
export const OFFICER_CLOCKS = ['process', 'redo'] as const satisfies readonly DeadlineStage[];

/** What "chưa đủ số liệu" says of an agency with too few reports. */
export const INSUFFICIENT_DATA = 'Chưa đủ số liệu';

type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Checks criteria as sent (fields named `body.<key>`): whole numbers within CRITERIA_LIMITS, weights summing to 100. */
export function checkCriteria(c: EvaluationCriteria): Checked<EvaluationCriteria> {
  const problems: FieldProblem[] = [];
  for (const key of CRITERIA_KEYS) {
    const { min, max } = CRITERIA_LIMITS[key];
    const v = c[key];
    if (!Number.isInteger(v) || v < min || v > max) problems.push({ field: `body.${key}`, message: `Phải là số nguyên từ ${min} đến ${max}` });
  }
  const sum = c.onTimeWeight + c.satisfactionWeight;
  if (problems.length === 0 && sum !== 100)
    for (const key of ['onTimeWeight', 'satisfactionWeight'] as const)
      problems.push({ field: `body.${key}`, message: `Tổng trọng số đúng hạn và hài lòng phải bằng 100 (đang là ${sum})` });
  return problems.length ? { ok: false, problems } : { ok: true, value: c };
}

/** The two rates of an agency or an officer, percent with one decimal. */
export interface Rates {
  onTimePercent: number;
  satisfactionPercent: number;
}

const tenths = (percent: number) => Math.round(percent * 10);

/** The score in thousandths of a point: an integer, so that comparisons are exact. */
function scoreThousandths(c: Pick<EvaluationCriteria, 'onTimeWeight' | 'satisfactionWeight'>, r: Rates): number {
  return c.onTimeWeight * tenths(r.onTimePercent) + c.satisfactionWeight * tenths(r.satisfactionPercent);
}

/** The weighted mean of the two rates, in [0, 100], exact to three decimals. */
export function score(c: Pick<EvaluationCriteria, 'onTimeWeight' | 'satisfactionWeight'>, r: Rates): number {
  return scoreThousandths(c, r) / 1000;
}

const collator = new Intl.Collator('vi');

interface Ordered extends Rates {
  id: string;
  name: string;
  /** Officers only: more handled ranks first at an equal score and rates. */
  handled?: number;
}

/** Best first (see the module comment); a total order. */
function byMerit(c: Pick<EvaluationCriteria, 'onTimeWeight' | 'satisfactionWeight'>) {
  return (a: Ordered, b: Ordered): number =>
    scoreThousandths(c, b) - scoreThousandths(c, a) ||
    tenths(b.onTimePercent) - tenths(a.onTimePercent) ||
    tenths(b.satisfactionPercent) - tenths(a.satisfactionPercent) ||
    (b.handled ?? 0) - (a.handled ?? 0) ||
    collator.compare(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface AgencyEntry extends Rates {
  agencyId: string;
  agencyName: string;
  /** Reports of the period (the on-time rate's denominator). */
  reports: number;
}

export type RankedAgency<T extends AgencyEntry> = T & {
  score: number;
  /** 1…n over the ranked agencies; null when not ranked. */
  rank: number | null;
  ranked: boolean;
  /** Why the agency is not ranked (null when it is). */
  note: string | null;
};

/** Ranks the agencies: the ranked ones best first with ranks 1…n, then those with too few reports (same order). */
export function rankAgencies<T extends AgencyEntry>(entries: readonly T[], c: EvaluationCriteria): RankedAgency<T>[] {
  const order = byMerit(c);
  const key = (e: T): Ordered => ({ id: e.agencyId, name: e.agencyName, onTimePercent: e.onTimePercent, satisfactionPercent: e.satisfactionPercent });
  const sorted = [...entries].sort((a, b) => order(key(a), key(b)));
  const ranked = sorted.filter((e) => e.reports >= c.minReports);
  const unranked = sorted.filter((e) => e.reports < c.minReports);
  return [
    ...ranked.map((e, i) => ({ ...e, score: score(c, e), rank: i + 1, ranked: true, note: null })),
    ...unranked.map((e) => ({ ...e, score: score(c, e), rank: null, ranked: false, note: `${INSUFFICIENT_DATA}: ${e.reports} phản ánh, cần ít nhất ${c.minReports}` })),
  ];
}

export interface OfficerEntry extends Rates {
  officerId: string;
  officerName: string;
  /** The agency the officer handled them for: an officer of two agencies is listed once per agency. */
  agencyId: string;
  /** Results published in the period that the officer handled (the report's assignee). */
  handled: number;
}

/** whether an officer meets the commendation thresholds (all inclusive). */
export function officerQualifies(o: OfficerEntry, c: EvaluationCriteria): boolean {
  return (
    o.handled >= c.officerMinHandled &&
    tenths(o.satisfactionPercent) >= c.officerMinSatisfactionPercent * 10 &&
    tenths(o.onTimePercent) >= c.officerMinOnTimePercent * 10
  );
}

/** the officers listed for commendation, best first, at most `officerMaxListed`, with their score. */
export function selectCommendations<T extends OfficerEntry>(entries: readonly T[], c: EvaluationCriteria): (T & { score: number })[] {
  const order = byMerit(c);
  const key = (e: T): Ordered => ({ id: `${e.officerId}|${e.agencyId}`, name: e.officerName, handled: e.handled, onTimePercent: e.onTimePercent, satisfactionPercent: e.satisfactionPercent });
  return entries
    .filter((e) => officerQualifies(e, c))
    .sort((a, b) => order(key(a), key(b)))
    .slice(0, c.officerMaxListed)
    .map((e) => ({ ...e, score: score(c, e) }));
}
