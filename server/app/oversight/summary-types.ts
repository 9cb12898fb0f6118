/**
 * The shape of the Center's dashboard figures (R-18.3b, R-22): plain types without imports, so that the web app
 * can import them type-only without pulling any server module into its type check.
 */

/** Reports submitted in a month (or a period) and how their handling went; percentages of `received`, 1 decimal. */
export interface HandlingFigures {
  /** Reports submitted (received by the platform), whatever became of them. */
  received: number;
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

export interface StateCount {
  state: string;
  /** The state's Vietnamese name (workflow table). */
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
  filters: { agencyId: string | null; categoryCode: string | null; kind: string | null };
  /** Reports submitted in the period (after the filters). */
  total: number;
  byState: StateCount[];
  totals: HandlingFigures;
  /** Per handling agency, over the whole period (most reports first). */
  byAgency: AgencyFigures[];
  /** Per handling agency and month of submission (agency by name, then month). */
  byAgencyMonth: AgencyMonthFigures[];
  ratings: RatingFigures;
}
