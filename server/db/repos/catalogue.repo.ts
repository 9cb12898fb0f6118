/** Report categories and routing rules. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { ReportKind } from '../../domain/calendar/index.ts';
import type { Category, CheckedCategoryChanges, RoutingRule, RoutingRuleSpec } from '../../domain/catalogue/index.ts';
import type { DB } from '../schema.ts';
import type { ReportCategoriesTable, RoutingRulesTable } from '../schema/catalogue.ts';

type Q = Kysely<DB> | Transaction<DB>;

// Serialises the reference-data load of categories and rules when several servers start at once on one database.
const CATALOGUE_SEED_LOCK = 7_240_050;
// Serialises edits of the routing rules: the list is replaced as a whole.
const ROUTING_RULES_LOCK = 7_240_051;

/** Where the reference seed records that it loaded the default rules (they are loaded once, ever). */
export const ROUTING_RULES_SUBJECT = { type: 'routing_rules', id: 'routing-rules' } as const;

function toCategory(r: Selectable<ReportCategoriesTable>): Category {
  return {
    code: r.code,
    name: r.name,
    description: r.description,
    kinds: r.kinds,
    field: r.field,
    active: r.active,
    sortOrder: r.sort_order,
  };
}

function toRule(r: Selectable<RoutingRulesTable>): RoutingRule {
  return {
    id: r.id,
    position: r.position,
    priority: r.priority,
    kind: r.kind,
    categoryCode: r.category_code,
    field: r.field,
    unit: r.unit_version !== null && r.unit_code !== null ? { version: r.unit_version, code: r.unit_code } : null,
    target: r.target,
    agencyId: r.agency_id,
    note: r.note,
  };
}

export interface CategoryFilter {
  kind?: ReportKind | undefined;
  active?: boolean | undefined;
}

export async function listCategories(q: Q, filter: CategoryFilter = {}): Promise<Category[]> {
  let query = q.selectFrom('report_categories').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  const kind = filter.kind;
  if (kind !== undefined) query = query.where(sql<boolean>`${kind} = ANY(kinds)`);
  return (await query.orderBy('sort_order').orderBy('code').execute()).map(toCategory);
}

export async function findCategory(q: Q, code: string): Promise<Category | undefined> {
  const row = await q.selectFrom('report_categories').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toCategory(row);
}

export async function findCategories(q: Q, codes: readonly string[]): Promise<Category[]> {
  if (codes.length === 0) return [];
  return (await q.selectFrom('report_categories').selectAll().where('code', 'in', [...new Set(codes)]).execute()).map(toCategory);
}

/** Locks the category row for the rest of the transaction, so that concurrent edits apply one after the other. */
export async function lockCategory(tx: Transaction<DB>, code: string): Promise<Category | undefined> {
  const row = await tx.selectFrom('report_categories').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
  return row && toCategory(row);
}

export async function categoryCodes(q: Q): Promise<Set<string>> {
  return new Set((await q.selectFrom('report_categories').select('code').execute()).map((r) => r.code));
}

/** Inserts categories; a code already present is skipped (returns the codes inserted). */
export async function insertCategories(tx: Q, categories: readonly Category[], at: Date): Promise<string[]> {
  if (categories.length === 0) return [];
  const rows = await tx
    .insertInto('report_categories')
    .values(
      categories.map((c) => ({
        code: c.code,
        name: c.name,
        description: c.description,
        kinds: c.kinds,
        field: c.field,
        active: c.active,
        sort_order: c.sortOrder,
        created_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return rows.map((r) => r.code);
}

export async function updateCategoryRow(tx: Q, code: string, changes: CheckedCategoryChanges, at: Date): Promise<void> {
  await tx
    .updateTable('report_categories')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.kinds !== undefined ? { kinds: changes.kinds } : {}),
      ...(changes.field !== undefined ? { field: changes.field } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
      updated_at: at,
    })
    .where('code', '=', code)
    .execute();
}

// ——— routing rules ———

/** Every rule, in evaluation order. */
export async function listRoutingRules(q: Q): Promise<RoutingRule[]> {
  return (await q.selectFrom('routing_rules').selectAll().orderBy('position').execute()).map(toRule);
}

/** Takes the rules' edit lock for the rest of the transaction. */
export async function lockRoutingRules(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ROUTING_RULES_LOCK})`.execute(tx);
}

/** Replaces the whole list; `rules` are in evaluation order (positions 1…n). */
export async function replaceRoutingRules(tx: Q, rules: readonly RoutingRuleSpec[], at: Date): Promise<RoutingRule[]> {
  await tx.deleteFrom('routing_rules').execute();
  if (rules.length === 0) return [];
  const rows = rules.map((r, i) => ({
    id: uuidv7(),
    position: i + 1,
    priority: r.priority,
    kind: r.kind,
    category_code: r.categoryCode,
    field: r.field,
    unit_version: r.unit?.version ?? null,
    unit_code: r.unit?.code ?? null,
    target: r.target,
    agency_id: r.agencyId,
    note: r.note,
    updated_at: at,
  }));
  await tx.insertInto('routing_rules').values(rows).execute();
  return listRoutingRules(tx);
}

/** Rules that name a category (to keep them consistent with the category's field). */
export async function rulesOfCategory(q: Q, code: string): Promise<RoutingRule[]> {
  return (await q.selectFrom('routing_rules').selectAll().where('category_code', '=', code).orderBy('position').execute()).map(toRule);
}

// ——— reference-data load (seed) ———

export async function lockCatalogueSeed(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CATALOGUE_SEED_LOCK})`.execute(tx);
}

/** Whether the rules were ever loaded or edited: once they were, an empty list is an administrator's choice. */
export async function routingRulesEverSet(q: Q): Promise<boolean> {
  const row = await q
    .selectFrom('audit_events')
    .select('id')
    .where('subject_type', '=', ROUTING_RULES_SUBJECT.type)
    .where('subject_id', '=', ROUTING_RULES_SUBJECT.id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
