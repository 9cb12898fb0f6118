/** Which category a report may be filed under, and which agency receives it — over the reference data in memory. */
import {
  REPORT_KIND_NAMES,
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
import type { ReferenceData } from '../reference/reference-data.ts';

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

const BODY_NAMES: RouteReportNames = { kind: 'body.kind', categoryCode: 'body.categoryCode', place: 'body.place' };

/** The kind and the category a report may be filed under, or a 400 naming the field. */
export function usableCategory(ref: ReferenceData, kind: string, code: string, names: RouteReportNames = BODY_NAMES): { kind: ReportKind; category: Category } {
  if (!isReportKind(kind)) throw invalid([{ field: names.kind, message: `Không có loại phản ánh "${kind}"; có: ${REPORT_KINDS.join(', ')}` }]);
  const category = ref.category(code);
  if (!category) throw invalid([{ field: names.categoryCode, message: `Không có danh mục "${code}" (GET /api/v1/categories)` }]);
  if (!category.active) throw invalid([{ field: names.categoryCode, message: `Danh mục "${category.name}" đã ngừng sử dụng` }]);
  if (!categoryAppliesTo(category, kind))
    throw invalid([{ field: names.categoryCode, message: `Danh mục "${category.name}" không áp dụng cho loại ${REPORT_KIND_NAMES[kind]}` }]);
  return { kind, category };
}

/** The unit and the units containing it, most specific first (at most city ← district ← commune). */
function unitChain(ref: ReferenceData, place: UnitRef, field: string): UnitRef[] {
  const chain: UnitRef[] = [];
  let at: string | null = place.code;
  // The bound guards against a cycle in bad data.
  while (at !== null && chain.length < 5) {
    const unit = ref.unit(place.version, at);
    if (!unit) break;
    chain.push({ version: unit.version, code: unit.code });
    at = unit.parentCode;
  }
  if (chain.length === 0) throw invalid([{ field, message: `Không có đơn vị ${place.code} trong phiên bản ${place.version}` }]);
  return chain;
}

/**
 * The receiving agency of a report (R-5.9, R-5.10, R-6, R-7, R-9): the pure domain (chooseReceivingAgency)
 * decides over the reference data in memory. Used when a report is submitted and by the officers' preview.
 */
export function routeReport(ref: ReferenceData, input: RouteReportInput, names: Partial<RouteReportNames> = {}): RoutingResult {
  const n: RouteReportNames = { ...BODY_NAMES, ...names };
  const { kind, category } = usableCategory(ref, input.kind, input.categoryCode, n);
  const place = input.place ? unitChain(ref, input.place, n.place) : [];
  const request: RoutingRequest = { kind, categoryCode: category.code, field: category.field, place };
  const decision = chooseReceivingAgency(ref.rules, request, ref.agencies);
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
