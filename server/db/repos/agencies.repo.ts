/** Agencies, their jurisdictions, fields of competence and focal officers (R-2, R-18.2b, R-28.1). */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Agency, AgencyKind, AgencyLevel, FocalOfficer } from '../../domain/agencies/index.ts';
import type { UnitRef } from '../../domain/units/index.ts';
import type { DB } from '../schema.ts';
import type { AgenciesTable } from '../schema/units.ts';

type Q = Kysely<DB> | Transaction<DB>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Serialises the reference-data load of agencies when several servers start at once on one database.
const AGENCIES_SEED_LOCK = 7_240_003;

export interface AgencyFilter {
  level?: AgencyLevel | undefined;
  kind?: AgencyKind | undefined;
  field?: string | undefined;
  /** Agencies whose jurisdiction holds one of these units. */
  jurisdictionIn?: readonly UnitRef[] | undefined;
  active?: boolean | undefined;
}

export interface FocalOfficerRecord extends FocalOfficer {
  updatedAt: Date;
}

/** Adds fields and jurisdiction to agency rows (two queries for the whole list). */
async function complete(q: Q, rows: Selectable<AgenciesTable>[]): Promise<Agency[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const fields = await q.selectFrom('agency_fields').select(['agency_id', 'field']).where('agency_id', 'in', ids).orderBy('field').execute();
  const units = await q
    .selectFrom('agency_jurisdictions')
    .select(['agency_id', 'structure_version', 'unit_code'])
    .where('agency_id', 'in', ids)
    .orderBy('structure_version', 'desc')
    .orderBy('unit_code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    level: r.level,
    kind: r.kind,
    active: r.active,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    fields: fields.filter((f) => f.agency_id === r.id).map((f) => f.field),
    jurisdiction: units.filter((u) => u.agency_id === r.id).map((u) => ({ version: u.structure_version, code: u.unit_code })),
  }));
}

export async function agencyExists(q: Q, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  return (await q.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function listAgencies(q: Q, filter: AgencyFilter): Promise<Agency[]> {
  let query = q.selectFrom('agencies').selectAll('agencies');
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  const field = filter.field;
  if (field !== undefined)
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('agency_fields as f').select('f.field').whereRef('f.agency_id', '=', 'agencies.id').where('f.field', '=', field)),
    );
  const units = filter.jurisdictionIn;
  if (units !== undefined) {
    if (units.length === 0) return [];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('agency_jurisdictions as j')
          .select('j.unit_code')
          .whereRef('j.agency_id', '=', 'agencies.id')
          .where(sql<boolean>`(j.structure_version, j.unit_code) IN (${sql.join(units.map((u) => sql`(${u.version}, ${u.code})`))})`),
      ),
    );
  }
  return complete(q, await query.orderBy('code').execute());
}

/** Id and name of these agencies (for labels); unknown ids are left out. */
export async function agenciesByIds(q: Q, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  return q.selectFrom('agencies').select(['id', 'name']).where('id', 'in', valid).execute();
}

export async function findAgency(q: Q, by: { id: string } | { code: string }): Promise<Agency | undefined> {
  if ('id' in by && !UUID.test(by.id)) return undefined;
  const row = await q
    .selectFrom('agencies')
    .selectAll()
    .where((eb) => ('id' in by ? eb('id', '=', by.id) : eb('code', '=', by.code)))
    .executeTakeFirst();
  return row ? (await complete(q, [row]))[0] : undefined;
}

const focalOfficer = (r: Selectable<DB['agency_focal_officers']>): FocalOfficerRecord => ({ name: r.name, position: r.position, phone: r.phone, email: r.email, updatedAt: r.updated_at });

export async function focalOfficersOf(q: Q, agencyId: string): Promise<FocalOfficerRecord[]> {
  const rows = await q.selectFrom('agency_focal_officers').selectAll().where('agency_id', '=', agencyId).orderBy('sort_order').execute();
  return rows.map(focalOfficer);
}

/** Every active agency of these (or all) with its focal officers in order — none for an agency that has not named any (R-18.2b). */
export async function focalOfficersByAgency(
  q: Q,
  agencies: 'all' | readonly string[],
): Promise<{ agencyId: string; code: string; name: string; level: AgencyLevel; officers: FocalOfficerRecord[] }[]> {
  if (agencies !== 'all' && agencies.length === 0) return [];
  let query = q.selectFrom('agencies').select(['id', 'code', 'name', 'level']).where('active', '=', true);
  if (agencies !== 'all') query = query.where('id', 'in', agencies);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const officers = await q
    .selectFrom('agency_focal_officers')
    .selectAll()
    .where(
      'agency_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('agency_id')
    .orderBy('sort_order')
    .execute();
  return rows.map((r) => ({ agencyId: r.id, code: r.code, name: r.name, level: r.level, officers: officers.filter((o) => o.agency_id === r.id).map(focalOfficer) }));
}

/** Locks the agency row for the rest of the transaction, so that concurrent edits apply one after the other. */
export async function lockAgency(tx: Transaction<DB>, id: string): Promise<Agency | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await tx.selectFrom('agencies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? (await complete(tx, [row]))[0] : undefined;
}

export async function updateAgencyRow(
  tx: Q,
  id: string,
  changes: { name?: string; shortName?: string | null; active?: boolean },
  at: Date,
): Promise<void> {
  await tx
    .updateTable('agencies')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceAgencyFields(tx: Q, id: string, fields: readonly string[]): Promise<void> {
  await tx.deleteFrom('agency_fields').where('agency_id', '=', id).execute();
  if (fields.length) await tx.insertInto('agency_fields').values(fields.map((field) => ({ agency_id: id, field }))).execute();
}

export async function replaceAgencyJurisdiction(tx: Q, id: string, units: readonly UnitRef[]): Promise<void> {
  await tx.deleteFrom('agency_jurisdictions').where('agency_id', '=', id).execute();
  if (units.length)
    await tx
      .insertInto('agency_jurisdictions')
      .values(units.map((u) => ({ agency_id: id, structure_version: u.version, unit_code: u.code })))
      .execute();
}

export async function replaceFocalOfficers(tx: Q, agencyId: string, officers: readonly FocalOfficer[], at: Date): Promise<void> {
  await tx.deleteFrom('agency_focal_officers').where('agency_id', '=', agencyId).execute();
  if (officers.length)
    await tx
      .insertInto('agency_focal_officers')
      .values(
        officers.map((o, i) => ({
          id: uuidv7(),
          agency_id: agencyId,
          sort_order: i,
          name: o.name,
          position: o.position,
          phone: o.phone,
          email: o.email,
          updated_at: at,
        })),
      )
      .execute();
}

// ——— reference-data load (seed) ———

export async function lockAgenciesSeed(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AGENCIES_SEED_LOCK})`.execute(tx);
}

export async function agencyCodes(q: Q): Promise<Set<string>> {
  return new Set((await q.selectFrom('agencies').select('code').execute()).map((r) => r.code));
}

/** Inserts new agencies with their fields and jurisdiction; ids are assigned here. */
export async function insertAgencies(tx: Q, agencies: readonly Omit<Agency, 'id'>[], at: Date): Promise<void> {
  const rows = agencies.map((a) => ({ ...a, id: uuidv7() }));
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    await tx
      .insertInto('agencies')
      .values(
        part.map((a) => ({
          id: a.id,
          code: a.code,
          name: a.name,
          short_name: a.shortName,
          level: a.level,
          kind: a.kind,
          active: a.active,
          valid_from: a.validFrom,
          valid_to: a.validTo,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const fields = part.flatMap((a) => a.fields.map((field) => ({ agency_id: a.id, field })));
    if (fields.length) await tx.insertInto('agency_fields').values(fields).execute();
    const units = part.flatMap((a) => a.jurisdiction.map((u) => ({ agency_id: a.id, structure_version: u.version, unit_code: u.code })));
    if (units.length) await tx.insertInto('agency_jurisdictions').values(units).execute();
  }
}
