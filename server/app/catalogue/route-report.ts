/**
 * The receiving agency of a report (R-5.9, R-5.10, R-6, R-7, R-9): loads the category, the place's units,
 * the rules and the agencies they may need, and lets the pure domain decide (chooseReceivingAgency). Used when
 * a report is submitted and by the officers' preview; it changes nothing, so it needs no unit of work — a
 * caller inside one passes its transaction.
 */
import type { Agency } from '../../domain/agencies/index.ts';
import {
  REPORT_KIND_NAMES,
  agenciesNamedBy,
  categoryAppliesTo,
  chooseReceivingAgency,
  isReportKind,
  type Category,
  type RoutingFallback,
  type RoutingRequest,
} from '../../domain/catalogue/index.ts';
import { REPORT_KINDS, type ReportKind } from '../../domain/calendar/index.ts';
import { invalid } from '../../domain/errors.ts';
import type { UnitRef } from '../../domain/units/index.ts';
import { findAgency, listAgencies } from '../../db/repos/agencies.repo.ts';
import { findCategory, listRoutingRules } from '../../db/repos/catalogue.repo.ts';
import { findUnit } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../unit-of-work.ts';

export interface RouteReportInput {
  /** One of REPORT_KINDS. */
  kind: string;
  categoryCode: string;
  /** The administrative unit of the place (the commune at the report's point); null or absent when the report has none. */
  place?: UnitRef | null | undefined;
}

export interface RoutingResult {
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  /** For the officer, in Vietnamese: which rule (with its number) or which default of the regulation chose the agency. */
  rule: string;
  /** The id of the rule that decided; null when a default did. */
  ruleId: string | null;
  fallback: RoutingFallback | null;
}

/** How the caller names the inputs in errors: `body.kind` by default, `querystring.category` for the preview… */
export interface RouteReportNames {
  kind: string;
  categoryCode: string;
  place: string;
}

export interface RouteReportOptions {
  names?: Partial<RouteReportNames> | undefined;
  /** The caller's transaction, when routing is part of a unit of work (submitting a report). */
  tx?: Tx | undefined;
}

/** The kind and the category a report may be filed under, or a 400 naming the field. */
export async function usableCategory(
  q: AppContext['db'] | Tx,
  kind: string,
  code: string,
  names: RouteReportNames,
): Promise<{ kind: ReportKind; category: Category }> {
  if (!isReportKind(kind)) throw invalid([{ field: names.kind, message: `Không có loại phản ánh "${kind}"; có: ${REPORT_KINDS.join(', ')}` }]);
  const category = await findCategory(q, code);
  if (!category) throw invalid([{ field: names.categoryCode, message: `Không có danh mục "${code}" (GET /api/v1/categories)` }]);
  if (!category.active) throw invalid([{ field: names.categoryCode, message: `Danh mục "${category.name}" đã ngừng sử dụng` }]);
  if (!categoryAppliesTo(category, kind))
    throw invalid([{ field: names.categoryCode, message: `Danh mục "${category.name}" không áp dụng cho loại ${REPORT_KIND_NAMES[kind]}` }]);
  return { kind, category };
}

/** The unit and the units containing it, most specific first (at most city ← district ← commune). */
async function unitChain(q: AppContext['db'] | Tx, place: UnitRef, field: string): Promise<UnitRef[]> {
  const chain: UnitRef[] = [];
  let at: string | null = place.code;
  // The bound guards against a cycle in bad data.
  while (at !== null && chain.length < 5) {
    const unit = await findUnit(q, place.version, at);
    if (!unit) break;
    chain.push({ version: unit.version, code: unit.code });
    at = unit.parentCode;
  }
  if (chain.length === 0) throw invalid([{ field, message: `Không có đơn vị ${place.code} trong phiên bản ${place.version}` }]);
  return chain;
}

export async function routeReport(ctx: AppContext, input: RouteReportInput, options: RouteReportOptions = {}): Promise<RoutingResult> {
  const names: RouteReportNames = { kind: 'body.kind', categoryCode: 'body.categoryCode', place: 'body.place', ...options.names };
  const q = options.tx ?? ctx.db;
  const { kind, category } = await usableCategory(q, input.kind, input.categoryCode, names);
  const place = input.place ? await unitChain(q, input.place, names.place) : [];
  const request: RoutingRequest = { kind, categoryCode: category.code, field: category.field, place };
  const rules = await listRoutingRules(q);

  // Only the agencies a decision can need: the city's (the Center, the departments), the committees of the
  // place, and those the matching rules name (which may be inactive: the domain passes over them).
  const candidates = new Map<string, Agency>();
  for (const a of await listAgencies(q, { level: 'city', active: true })) candidates.set(a.id, a);
  if (place.length) for (const a of await listAgencies(q, { jurisdictionIn: place, active: true })) candidates.set(a.id, a);
  for (const id of agenciesNamedBy(rules, request)) {
    if (candidates.has(id)) continue;
    const agency = await findAgency(q, { id });
    if (agency) candidates.set(id, agency);
  }

  const decision = chooseReceivingAgency(rules, request, [...candidates.values()]);
  // Only possible when the reference data lost its Center: an operator's problem, not the reporter's.
  if (!decision) throw new Error('No agency can receive the report: no rule applies and there is no active Center');
  return {
    agencyId: decision.agency.id,
    agencyCode: decision.agency.code,
    agencyName: decision.agency.name,
    rule: decision.explanation,
    ruleId: decision.rule?.id ?? null,
    fallback: decision.fallback,
  };
}
