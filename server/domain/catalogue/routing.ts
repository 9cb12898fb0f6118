/**
 * Routing: which agency receives a report (R-5.9, R-5.10, R-6, R-7, R-9). The rules are data an administrator
 * edits (R-28.1); this module decides from them, with no I/O.
 *
 * A rule names conditions — report kind, category, field of competence, administrative unit of the place; an
 * empty condition matches anything — and a target: the People's Committee whose jurisdiction holds the place
 * (`commune_of_place`) or one named agency (`agency`). Rules are tried by priority (higher first), then the
 * more specific one first (more conditions), then in the administrator's order. A rule whose target cannot
 * receive the report (an inactive agency, no place, no committee for the place) is passed over for the next.
 *
 * When no rule decides, the defaults of the regulation apply (the reference seed also stores them as rules, so
 * that an administrator sees and can change them): an initiative goes to the Center (R-9); a field of commune
 * competence to the People's Committee of the place (R-5.9); a city field to the city department with that
 * field (R-5.10); anything else to the Center, which can always dispatch (R-7.2).
 */
import { FIELD_CODES, LOCAL_FIELDS, fieldByCode, isFieldCode, type AgencyKind, type AgencyLevel } from '../agencies/index.ts';
import { REPORT_KINDS, type ReportKind } from '../calendar/index.ts';
import type { FieldProblem } from '../errors.ts';
import type { UnitRef } from '../units/index.ts';
import { CATEGORY_CODE_MAX, CATEGORY_CODE_PATTERN, REPORT_KIND_NAMES, isReportKind } from './category.ts';

export const ROUTING_TARGETS = ['commune_of_place', 'agency'] as const;
export type RoutingTarget = (typeof ROUTING_TARGETS)[number];

export const ROUTING_PRIORITY_MAX = 1_000;
export const ROUTING_RULES_MAX = 500;
export const ROUTING_NOTE_MAX = 300;

/** A rule as an administrator writes it; `position` and `id` are given when it is saved. */
export interface RoutingRuleSpec {
  priority: number;
  kind: ReportKind | null;
  categoryCode: string | null;
  field: string | null;
  /** Matches a place in this unit or in a unit it contains (a commune of a district, any place of the city). */
  unit: UnitRef | null;
  target: RoutingTarget;
  /** The receiving agency when `target` is 'agency'; null otherwise. */
  agencyId: string | null;
  /** Why the rule exists, shown to officers with the routing decision. */
  note: string;
}

export interface RoutingRule extends RoutingRuleSpec {
  id: string;
  /** 1-based place in the evaluation order. */
  position: number;
}

/** What routing needs to know of an agency (an `Agency` of server/domain/agencies is one). */
export interface RoutingAgency {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  active: boolean;
  fields: readonly string[];
  jurisdiction: readonly UnitRef[];
}

export interface RoutingRequest {
  kind: ReportKind;
  categoryCode: string;
  /** The category's field of competence. */
  field: string;
  /** The unit of the place and the units containing it, most specific first, in one structure version; empty without a place. */
  place: readonly UnitRef[];
}

/** The defaults that apply when no rule decides. */
export const ROUTING_FALLBACKS = ['initiative', 'local_field', 'city_field', 'center'] as const;
export type RoutingFallback = (typeof ROUTING_FALLBACKS)[number];

export interface RoutingDecision {
  agency: RoutingAgency;
  /** The rule that chose the agency; null when a default did. */
  rule: RoutingRule | null;
  fallback: RoutingFallback | null;
  /** For the officer, in Vietnamese: which rule or which default chose the agency. */
  explanation: string;
}

const sameUnit = (a: UnitRef, b: UnitRef) => a.version === b.version && a.code === b.code;

/** How many conditions a rule sets: more conditions, more specific. */
export function specificity(rule: Pick<RoutingRuleSpec, 'kind' | 'categoryCode' | 'field' | 'unit'>): number {
  return [rule.kind, rule.categoryCode, rule.field, rule.unit].filter((c) => c !== null).length;
}

/** The evaluation order: priority (higher first), then specificity (higher first), then position or list order. */
export function orderRules<T extends RoutingRuleSpec & { position?: number }>(rules: readonly T[]): T[] {
  return rules
    .map((rule, i) => ({ rule, at: rule.position ?? i }))
    .sort((a, b) => b.rule.priority - a.rule.priority || specificity(b.rule) - specificity(a.rule) || a.at - b.at)
    .map((x) => x.rule);
}

export function ruleMatches(rule: RoutingRuleSpec, request: RoutingRequest): boolean {
  if (rule.kind !== null && rule.kind !== request.kind) return false;
  if (rule.categoryCode !== null && rule.categoryCode !== request.categoryCode) return false;
  if (rule.field !== null && rule.field !== request.field) return false;
  const unit = rule.unit;
  if (unit !== null && !request.place.some((u) => sameUnit(u, unit))) return false;
  return true;
}

const byCode = (a: RoutingAgency, b: RoutingAgency) => a.code.localeCompare(b.code);

/** The Center (Trung tâm Phục vụ hành chính công): the dispatcher of last resort. */
export function centerOf(agencies: readonly RoutingAgency[]): RoutingAgency | undefined {
  return agencies.filter((a) => a.active && a.kind === 'center').sort(byCode)[0];
}

/**
 * The active People's Committee whose jurisdiction holds the place: the commune's committee, else (in a
 * three-level structure) the district's (R-5.9).
 */
export function committeeOfPlace(place: readonly UnitRef[], agencies: readonly RoutingAgency[]): RoutingAgency | undefined {
  for (const unit of place) {
    const found = agencies
      .filter((a) => a.active && (a.kind === 'commune_committee' || a.kind === 'district_committee') && a.jurisdiction.some((j) => sameUnit(j, unit)))
      .sort(byCode)[0];
    if (found) return found;
  }
  return undefined;
}

// A department leads on its field (R-5.10); other city agencies with the field come after it.
const CITY_KIND_PREFERENCE: readonly AgencyKind[] = ['department', 'inspectorate', 'police', 'public_service', 'reception_board', 'center'];

/** The active city agency competent for a field: a department first (R-5.10). */
export function competentCityAgency(field: string, agencies: readonly RoutingAgency[]): RoutingAgency | undefined {
  const rank = (a: RoutingAgency) => {
    const i = CITY_KIND_PREFERENCE.indexOf(a.kind);
    return i < 0 ? CITY_KIND_PREFERENCE.length : i;
  };
  return agencies
    .filter((a) => a.active && a.level === 'city' && a.fields.includes(field))
    .sort((a, b) => rank(a) - rank(b) || byCode(a, b))[0];
}

export function isLocalField(field: string): boolean {
  return (LOCAL_FIELDS as readonly string[]).includes(field);
}

const fieldName = (field: string) => fieldByCode(field)?.vi ?? field;

/** The conditions of a rule in Vietnamese: "loại phản ánh: Sáng kiến xây dựng Thủ đô; lĩnh vực: Điện, chiếu sáng". */
export function describeConditions(rule: Pick<RoutingRuleSpec, 'kind' | 'categoryCode' | 'field' | 'unit'>): string {
  const parts: string[] = [];
  if (rule.kind !== null) parts.push(`loại phản ánh: ${REPORT_KIND_NAMES[rule.kind]}`);
  if (rule.categoryCode !== null) parts.push(`danh mục: ${rule.categoryCode}`);
  if (rule.field !== null) parts.push(`lĩnh vực: ${fieldName(rule.field)}`);
  if (rule.unit !== null) parts.push(`đơn vị hành chính: ${rule.unit.version}/${rule.unit.code}`);
  return parts.length ? parts.join('; ') : 'mọi phản ánh';
}

/** One line for the officer: "Quy tắc #3 (ưu tiên 100): loại phản ánh: … → Trung tâm … — ghi chú". */
export function describeRule(rule: RoutingRuleSpec & { position?: number }, agencyName?: string): string {
  const target =
    rule.target === 'commune_of_place'
      ? `UBND cấp xã nơi xảy ra${agencyName ? ` (${agencyName})` : ''}`
      : (agencyName ?? 'cơ quan được chỉ định');
  const head = rule.position !== undefined ? `Quy tắc #${rule.position}` : 'Quy tắc';
  return `${head} (ưu tiên ${rule.priority}): ${describeConditions(rule)} → ${target}${rule.note ? ` — ${rule.note}` : ''}`;
}

function fallback(request: RoutingRequest, agencies: readonly RoutingAgency[]): RoutingDecision | null {
  const center = centerOf(agencies);
  const decide = (agency: RoutingAgency, kind: RoutingFallback, explanation: string): RoutingDecision => ({ agency, rule: null, fallback: kind, explanation });
  if (request.kind === 'initiative' && center)
    return decide(center, 'initiative', `Mặc định (R-9): sáng kiến do ${center.name} tiếp nhận và phân phối đến đơn vị của Thành phố`);
  if (isLocalField(request.field)) {
    const committee = committeeOfPlace(request.place, agencies);
    if (committee)
      return decide(committee, 'local_field', `Mặc định (R-5.9): lĩnh vực ${fieldName(request.field)} thuộc thẩm quyền cấp xã → ${committee.name}, nơi xảy ra`);
  } else {
    const department = competentCityAgency(request.field, agencies);
    if (department)
      return decide(department, 'city_field', `Mặc định (R-5.10): lĩnh vực ${fieldName(request.field)} do ${department.name} chủ trì xử lý`);
  }
  if (center)
    return decide(center, 'center', `Mặc định (R-7.2): chưa xác định được cơ quan có thẩm quyền → ${center.name} tiếp nhận và chuyển tiếp`);
  return null;
}

/**
 * The receiving agency of a report: the first rule (in evaluation order) that matches and whose target can
 * receive it, else the defaults. Null only when nothing decides and there is no active Center.
 */
export function chooseReceivingAgency(
  rules: readonly RoutingRule[],
  request: RoutingRequest,
  agencies: readonly RoutingAgency[],
): RoutingDecision | null {
  for (const rule of orderRules(rules)) {
    if (!ruleMatches(rule, request)) continue;
    const agency =
      rule.target === 'agency' ? agencies.find((a) => a.id === rule.agencyId && a.active) : committeeOfPlace(request.place, agencies);
    if (agency) return { agency, rule, fallback: null, explanation: describeRule(rule, agency.name) };
  }
  return fallback(request, agencies);
}

export interface RoutingRuleInput {
  priority: number;
  kind?: string | null | undefined;
  categoryCode?: string | null | undefined;
  field?: string | null | undefined;
  unit?: UnitRef | null | undefined;
  target: string;
  agencyId?: string | null | undefined;
  note?: string | null | undefined;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const tidy = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
const CATEGORY_CODE = new RegExp(CATEGORY_CODE_PATTERN);

const sameRule = (a: RoutingRuleSpec, b: RoutingRuleSpec) =>
  a.kind === b.kind &&
  a.categoryCode === b.categoryCode &&
  a.field === b.field &&
  (a.unit === null ? b.unit === null : b.unit !== null && sameUnit(a.unit, b.unit)) &&
  a.target === b.target &&
  a.agencyId === b.agencyId;

/**
 * Checks a whole list of rules; names every bad field (`body.rules.3.agencyId`). Returns the rules in
 * evaluation order. Whether categories, units and agencies exist is the caller's question.
 */
export function checkRoutingRules(inputs: readonly RoutingRuleInput[]): Checked<RoutingRuleSpec[]> {
  const problems: FieldProblem[] = [];
  if (inputs.length > ROUTING_RULES_MAX) problems.push({ field: 'body.rules', message: `Không được quá ${ROUTING_RULES_MAX} quy tắc` });
  const specs = inputs.map((r, i): RoutingRuleSpec => {
    const at = `body.rules.${i}`;
    if (!Number.isInteger(r.priority) || r.priority < 0 || r.priority > ROUTING_PRIORITY_MAX)
      problems.push({ field: `${at}.priority`, message: `Độ ưu tiên là số nguyên từ 0 đến ${ROUTING_PRIORITY_MAX}` });
    const kind = r.kind ?? null;
    if (kind !== null && !isReportKind(kind)) problems.push({ field: `${at}.kind`, message: `Không có loại phản ánh "${kind}"; có: ${REPORT_KINDS.join(', ')}` });
    const categoryCode = r.categoryCode ?? null;
    if (categoryCode !== null && (categoryCode.length > CATEGORY_CODE_MAX || !CATEGORY_CODE.test(categoryCode)))
      problems.push({ field: `${at}.categoryCode`, message: `Mã danh mục "${categoryCode}" không đúng định dạng` });
    const field = r.field ?? null;
    if (field !== null && !isFieldCode(field)) problems.push({ field: `${at}.field`, message: `Không có lĩnh vực "${field}"; có: ${FIELD_CODES.join(', ')}` });
    const target = r.target;
    const agencyId = r.agencyId ?? null;
    if (!(ROUTING_TARGETS as readonly string[]).includes(target))
      problems.push({ field: `${at}.target`, message: `Nơi nhận phải là một trong: ${ROUTING_TARGETS.join(', ')}` });
    else if (target === 'agency' && agencyId === null)
      problems.push({ field: `${at}.agencyId`, message: 'Cần chọn cơ quan tiếp nhận (agencyId) khi nơi nhận là "agency"' });
    else if (target === 'commune_of_place' && agencyId !== null)
      problems.push({ field: `${at}.agencyId`, message: 'Nơi nhận "commune_of_place" là UBND cấp xã nơi xảy ra: không chọn cơ quan (agencyId)' });
    const note = r.note ? tidy(r.note) : '';
    if (note.length > ROUTING_NOTE_MAX) problems.push({ field: `${at}.note`, message: `Ghi chú không được quá ${ROUTING_NOTE_MAX} ký tự` });
    return {
      priority: r.priority,
      kind: kind as ReportKind | null,
      categoryCode,
      field,
      unit: r.unit ? { version: r.unit.version, code: r.unit.code } : null,
      target: target as RoutingTarget,
      agencyId,
      note,
    };
  });
  specs.forEach((s, i) => {
    const j = specs.findIndex((o) => sameRule(o, s));
    // The later of two rules with the same conditions and target can never decide anything.
    if (j < i) problems.push({ field: `body.rules.${i}`, message: `Trùng điều kiện và nơi nhận với quy tắc thứ ${j + 1} (body.rules.${j}): không bao giờ được dùng` });
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: orderRules(specs) };
}

/** Priorities of the default rules: an initiative before any field; a catch-all last. */
export const DEFAULT_PRIORITY = { initiative: 100, field: 10, catchAll: 0 } as const;

/**
 * The defaults above written as rules, for the reference seed: one rule per field of competence (a local field
 * to the committee of the place, a city field to its department), initiatives and a catch-all to the Center.
 * Routing with these rules gives the same answers as routing with none.
 */
export function defaultRoutingRules(agencies: readonly RoutingAgency[]): RoutingRuleSpec[] {
  const center = centerOf(agencies);
  const rules: RoutingRuleSpec[] = [];
  const rule = (r: Partial<RoutingRuleSpec> & Pick<RoutingRuleSpec, 'priority' | 'target' | 'note'>): RoutingRuleSpec => ({
    kind: null,
    categoryCode: null,
    field: null,
    unit: null,
    agencyId: null,
    ...r,
  });
  if (center)
    rules.push(rule({ priority: DEFAULT_PRIORITY.initiative, kind: 'initiative', target: 'agency', agencyId: center.id, note: 'Trung tâm tiếp nhận sáng kiến và phân phối đến đơn vị của Thành phố (R-9)' }));
  for (const field of FIELD_CODES) {
    if (isLocalField(field)) {
      rules.push(rule({ priority: DEFAULT_PRIORITY.field, field, target: 'commune_of_place', note: 'Lĩnh vực thuộc thẩm quyền UBND cấp xã trên địa bàn (R-5.9)' }));
      continue;
    }
    const department = competentCityAgency(field, agencies);
    if (department)
      rules.push(rule({ priority: DEFAULT_PRIORITY.field, field, target: 'agency', agencyId: department.id, note: 'Sở, ngành chủ trì lĩnh vực thuộc thẩm quyền (R-5.10)' }));
  }
  if (center)
    rules.push(rule({ priority: DEFAULT_PRIORITY.catchAll, target: 'agency', agencyId: center.id, note: 'Chưa xác định được cơ quan có thẩm quyền: Trung tâm tiếp nhận và chuyển tiếp (R-7.2)' }));
  return orderRules(rules);
}
