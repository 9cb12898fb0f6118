/**
 * The shape of the Center's dashboard figures (R-18.3b, R-22, R-25.4): plain types without imports, so that the
 * web app can import them type-only without pulling any server module into its type check.
 */

/** Reports submitted in a month (or a period) and how their handling went; percentages of `received`, 1 decimal. */
export interface HandlingFigures {
  /** Reports submitted (received by the platform), whatever became of them. */
  received: number;
  /** Of them, reports accepted for processing (R-7: a processing agency was chosen). */
  accepted: number;
  /** Of them, reports not accepted (R-6.2, any reason). */
  rejected: number;
  /** Of them, reports transferred to another agency or to the higher level at least once (R-7.2c). */
  transferred: number;
  /** Of them, reports neither rejected nor answered yet (no published result, no initiative decision). */
  inProgress: number;
  /** Of them, reports whose result was published. */
  published: number;
  /** Of them, reports none of whose deadlines was overdue (so far, for those still running). */
  onTime: number;
  /** Of them, reports with at least one deadline overdue: stopped after its due instant, or still open past it. */
  late: number;
  publishedPercent: number;
  onTimePercent: number;
  latePercent: number;
}

export interface AgencyMonthFigures extends HandlingFigures {
  agencyId: string;
  agencyName: string;
  /** YYYY-MM: the Vietnam civil month of submission. */
  month: string;
}

export interface AgencyFigures extends HandlingFigures {
  agencyId: string;
  agencyName: string;
}

/** Per unit of today's administrative structure (R-28.1: reports filed under former units counted here). */
export interface UnitFigures extends HandlingFigures {
  /** Null: the report has no place, or its former unit was split and it has no pin. */
  unitCode: string | null;
  unitName: string;
}

export interface StateCount {
  state: string;
  /** The state's Vietnamese name (workflow table). */
  label: string;
  count: number;
}

/** Rejected reports per Art. 6.2 reason (R-6.2 a–e). */
export interface ReasonCount {
  reason: string;
  label: string;
  count: number;
}

/** R-13 ratings of the period's reports: Hài lòng, Chấp nhận được, Chưa hài lòng. */
export interface RatingFigures {
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
  rated: number;
  /** satisfied / rated, in percent with 1 decimal (0 when nothing was rated). */
  satisfactionPercent: number;
}

/**
 * One stage's deadlines (a deadline clock: receive, assign, process, approve…) of the period's reports: met or
 * missed, and how long the finished ones took in working time. Percentiles are bucket bounds ("within"), in
 * working minutes; null when nothing finished, or beyond the last bucket (60 working days).
 */
export interface StageFigures {
  stage: string;
  label: string;
  deadlines: number;
  onTime: number;
  late: number;
  latePercent: number;
  /** Stopped deadlines (their working time is known). */
  finished: number;
  /** Still running. */
  running: number;
  medianWithinMinutes: number | null;
  p90WithinMinutes: number | null;
}

export interface AgencyStageFigures {
  /** The agency that owed the deadline (whose clock it was, R-8.5). */
  agencyId: string;
  agencyName: string;
  stage: string;
  label: string;
  deadlines: number;
  onTime: number;
  late: number;
  latePercent: number;
}

/** R-9 initiatives of the period: received, answered (decided), and how. */
export interface InitiativeFigures {
  received: number;
  answered: number;
  adopted: number;
  adoptedInPart: number;
  declined: number;
  /** (adopted + adopted in part) / answered, in percent with 1 decimal. */
  adoptedPercent: number;
}

export interface OversightSummary {
  /** The period asked for, first and last month included (YYYY-MM). */
  from: string;
  to: string;
  /** Every month of the period, in order. */
  months: string[];
  /** The period's bounds as instants in Vietnam time: [start, end). */
  period: { start: string; end: string };
  /** The instant the figures hold at ("figures as of"): the last refresh of the rollup, when running deadlines were judged. */
  asOf: string;
  filters: { agencyId: string | null; unitCode: string | null; categoryCode: string | null; kind: string | null };
  /** Reports submitted in the period (after the filters). */
  total: number;
  byState: StateCount[];
  totals: HandlingFigures;
  rejectedByReason: ReasonCount[];
  /** Per handling agency, over the whole period (most reports first). */
  byAgency: AgencyFigures[];
  /** Per handling agency and month of submission (agency by name, then month). */
  byAgencyMonth: AgencyMonthFigures[];
  /** Per unit of today (most reports first; the undeterminable last). */
  byUnit: UnitFigures[];
  /** Per stage, in the workflow's order (the agency filter is the agency owing the deadline). */
  stages: StageFigures[];
  /** Per owing agency and stage (agency by name, then stage). */
  byAgencyStage: AgencyStageFigures[];
  ratings: RatingFigures;
  initiatives: InitiativeFigures;
}
