/**
 * The routing rules: staff read them, to understand where a report went;
 * administrators replace the whole list. An edit is checked against the catalogue, the units and the agencies,
 * and saved with its audit event (the previous and the new list) in one transaction.
 */
import type { Actor } from '../../domain/access/index.ts';
import type { Agency } from '../../domain/agencies/index.ts';
import { checkRoutingRules, describeRule, type RoutingRule, type RoutingRuleInput, type RoutingRuleSpec } from '../../domain/catalogue/index.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { ROUTING_RULES_SUBJECT, findCategories, listRoutingRules as listRuleRows, lockRoutingRules, replaceRoutingRules as saveRules } from '../../db/repos/catalogue.repo.ts';
import { findUnits } from '../../db/repos/units.repo.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../unit-of-work.ts';
import { referenceUnitOfWork } from '../reference/reference-data.ts';
import { requireCatalogueAdmin, requireStaff } from './access.ts';

export interface RoutingRuleView {
  rule: RoutingRule;
  /** The agency of a rule with target 'agency' (it may have become inactive since). */
  agency: Pick<Agency, 'id' | 'code' | 'name' | 'active'> | null;
  /** The rule in one Vietnamese line, as officers see it with a routing decision. */
  description: string;
}

async function agenciesById(q: AppContext['db'] | Tx, ids: readonly (string | null)[]): Promise<Map<string, Agency>> {
  const found = new Map<string, Agency>();
  for (const id of new Set(ids)) {
    if (id === null) continue;
    const agency = await findAgency(q, { id });
    if (agency) found.set(id, agency);
  }
  return found;
}

async function views(q: AppContext['db'] | Tx, rules: readonly RoutingRule[]): Promise<RoutingRuleView[]> {
  const agencies = await agenciesById(q, rules.map((r) => r.agencyId));
  return rules.map((rule) => {
    const agency = rule.agencyId === null ? undefined : agencies.get(rule.agencyId);
    return {
      rule,
      agency: agency ? { id: agency.id, code: agency.code, name: agency.name, active: agency.active } : null,
      description: describeRule(rule, rule.target === 'agency' ? agency?.name : undefined),
    };
  });
}

/** Every rule in evaluation order (staff). */
export async function listRoutingRules(ctx: AppContext, actor: Actor): Promise<RoutingRuleView[]> {
  requireStaff(actor);
  return views(ctx.db, await listRuleRows(ctx.db));
}

/** What the database must confirm about each rule: its category, unit and agency exist and fit together. */
async function referenceProblems(tx: Tx, inputs: readonly RoutingRuleInput[]): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const categories = await findCategories(tx, inputs.flatMap((r) => (r.categoryCode ? [r.categoryCode] : [])));
  const units = await findUnits(tx, inputs.flatMap((r) => (r.unit ? [r.unit] : [])));
  const agencies = await agenciesById(tx, inputs.map((r) => r.agencyId ?? null));
  inputs.forEach((r, i) => {
    const at = `body.rules.${i}`;
    if (r.categoryCode) {
      const category = categories.find((c) => c.code === r.categoryCode);
      if (!category) problems.push({ field: `${at}.categoryCode`, message: `Không có danh mục "${r.categoryCode}"` });
      else {
        // Conditions that contradict the category would make a rule that never matches.
        if (r.field && r.field !== category.field)
          problems.push({ field: `${at}.field`, message: `Danh mục "${category.code}" thuộc lĩnh vực "${category.field}", không phải "${r.field}": quy tắc không bao giờ khớp` });
        if (r.kind && !(category.kinds as string[]).includes(r.kind))
          problems.push({ field: `${at}.kind`, message: `Danh mục "${category.code}" không áp dụng cho loại phản ánh "${r.kind}": quy tắc không bao giờ khớp` });
      }
    }
    const unit = r.unit;
    if (unit && !units.some((u) => u.version === unit.version && u.code === unit.code))
      problems.push({ field: `${at}.unit`, message: `Không có đơn vị ${unit.code} trong phiên bản ${unit.version}` });
    if (r.agencyId) {
      const agency = agencies.get(r.agencyId);
      if (!agency) problems.push({ field: `${at}.agencyId`, message: `Không có cơ quan "${r.agencyId}"` });
      else if (!agency.active) problems.push({ field: `${at}.agencyId`, message: `${agency.name} đã ngừng hoạt động: không nhận được phản ánh` });
    }
  });
  return problems;
}

const ruleIndex = (p: FieldProblem) => Number(/^body\.rules\.(\d+)/.exec(p.field)?.[1] ?? -1);

/** What the audit trail keeps of a rule: everything but its id, which changes with every replacement. */
const auditedRule = (r: RoutingRuleSpec, position: number) => ({
  position,
  priority: r.priority,
  kind: r.kind,
  categoryCode: r.categoryCode,
  field: r.field,
  unit: r.unit,
  target: r.target,
  agencyId: r.agencyId,
  note: r.note,
});

/** Replaces the whole list of rules (administrators); answers with the saved list in evaluation order. */
export async function replaceRoutingRules(ctx: AppContext, actor: Actor, inputs: readonly RoutingRuleInput[]): Promise<RoutingRuleView[]> {
  requireCatalogueAdmin(actor);
  const checked = checkRoutingRules(inputs);
  return referenceUnitOfWork(ctx, auditActor(actor), async (w) => {
    await lockRoutingRules(w.tx);
    const problems = [...(checked.ok ? [] : checked.problems), ...(await referenceProblems(w.tx, inputs))];
    // Every problem of rule 0 first, then rule 1…, each rule's problems in the order found.
    if (problems.length || !checked.ok) throw invalid(problems.map((p, i) => ({ p, i })).sort((a, b) => ruleIndex(a.p) - ruleIndex(b.p) || a.i - b.i).map((x) => x.p));
    const before = await listRuleRows(w.tx);
    const after = await saveRules(w.tx, checked.value, w.now);
    await w.audit({
      action: 'routingRules.replace',
      subjectType: ROUTING_RULES_SUBJECT.type,
      subjectId: ROUTING_RULES_SUBJECT.id,
      payload: {
        count: { from: before.length, to: after.length },
        from: before.map((r) => auditedRule(r, r.position)),
        to: after.map((r) => auditedRule(r, r.position)),
      },
    });
    return views(w.tx, after);
  });
}
