/** Administrative units, structure versions, the merge mapping and boundaries (R-28.1). */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { searchKey, type StructureVersion, type Succession, type Unit, type UnitLevel, type UnitRef } from '../../domain/units/index.ts';
import type { DB } from '../schema.ts';
import type { UnitsTable } from '../schema/units.ts';

type Q = Kysely<DB> | Transaction<DB>;

// Rows are written in chunks so that no statement comes near PostgreSQL's 65,535 parameters.
const CHUNK = 500;
// Serialises the reference-data load of units when several servers start at once on one database.
const UNITS_SEED_LOCK = 7_240_002;

const UNIT_COLUMNS = ['structure_version', 'code', 'level', 'type', 'name', 'full_name', 'name_en', 'name_variants', 'parent_code'] as const;

function toUnit(r: Pick<Selectable<UnitsTable>, (typeof UNIT_COLUMNS)[number]>): Unit {
  return {
    version: r.structure_version,
    code: r.code,
    level: r.level,
    type: r.type,
    name: r.name,
    fullName: r.full_name,
    nameEn: r.name_en,
    nameVariants: r.name_variants,
    parentCode: r.parent_code,
  };
}

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const byRef = (refs: readonly UnitRef[]) =>
  sql<boolean>`(structure_version, code) IN (${sql.join(refs.map((r) => sql`(${r.version}, ${r.code})`))})`;

export async function listStructureVersions(q: Q): Promise<StructureVersion[]> {
  const rows = await q.selectFrom('structure_versions').selectAll().orderBy('valid_from', 'desc').execute();
  return rows.map((r) => ({ version: r.version, name: r.name, legalBasis: r.legal_basis, validFrom: r.valid_from, validTo: r.valid_to }));
}

/** How many units each structure version has per level. */
export async function countUnitsByLevel(q: Q): Promise<{ version: string; level: UnitLevel; count: number }[]> {
  const rows = await q
    .selectFrom('units')
    .select(['structure_version', 'level', sql<number>`count(*)::int`.as('count')])
    .groupBy(['structure_version', 'level'])
    .execute();
  return rows.map((r) => ({ version: r.structure_version, level: r.level, count: r.count }));
}

export async function unitExists(q: Q, version: string, code: string): Promise<boolean> {
  const row = await q.selectFrom('units').select('code').where('structure_version', '=', version).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

export async function findUnit(q: Q, version: string, code: string): Promise<Unit | undefined> {
  const row = await q.selectFrom('units').select(UNIT_COLUMNS).where('structure_version', '=', version).where('code', '=', code).executeTakeFirst();
  return row && toUnit(row);
}

export async function findUnits(q: Q, refs: readonly UnitRef[]): Promise<Unit[]> {
  if (refs.length === 0) return [];
  const rows = await q.selectFrom('units').select(UNIT_COLUMNS).where(byRef(refs)).execute();
  return rows.map(toUnit);
}

/** Units of one structure version (or of every version when none is given). */
export async function listUnits(q: Q, filter: { version?: string | undefined; level?: UnitLevel | undefined; parentCode?: string | undefined }): Promise<Unit[]> {
  let query = q.selectFrom('units').select(UNIT_COLUMNS);
  if (filter.version) query = query.where('structure_version', '=', filter.version);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.parentCode) query = query.where('parent_code', '=', filter.parentCode);
  return (await query.orderBy('code').execute()).map(toUnit);
}

/**
 * Units of a version whose name or full name contains the normalised key (searchKey: lower-case ASCII words,
 * so it holds no LIKE wildcard). Ranking is the domain's (rankMatches); a version has at most a few hundred
 * units, so every candidate is returned.
 */
export async function unitsMatching(q: Q, version: string, key: string): Promise<Unit[]> {
  const pattern = `%${key}%`;
  const rows = await q
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where('structure_version', '=', version)
    .where((eb) => eb.or([eb('search_key', 'like', pattern), eb('full_search_key', 'like', pattern)]))
    .execute();
  return rows.map(toUnit);
}

const toSuccession = (r: { from_version: string; from_code: string; to_version: string; to_code: string; scope: Succession['scope'] }): Succession => ({
  from: { version: r.from_version, code: r.from_code },
  to: { version: r.to_version, code: r.to_code },
  scope: r.scope,
});

/** Every link reachable forward from a unit: its successors, their successors, and so on. */
export async function successionsFrom(q: Q, from: UnitRef): Promise<Succession[]> {
  const { rows } = await sql<Selectable<DB['unit_successions']>>`
    WITH RECURSIVE chain AS (
      SELECT from_version, from_code, to_version, to_code, scope FROM unit_successions
      WHERE from_version = ${from.version} AND from_code = ${from.code}
      UNION
      SELECT s.from_version, s.from_code, s.to_version, s.to_code, s.scope
      FROM unit_successions s JOIN chain c ON s.from_version = c.to_version AND s.from_code = c.to_code
    )
    SELECT from_version, from_code, to_version, to_code, scope FROM chain`.execute(q);
  return rows.map(toSuccession);
}

/** The units of earlier structures that went (wholly or partly) into this unit. */
export async function successionsTo(q: Q, to: UnitRef): Promise<Succession[]> {
  const rows = await q.selectFrom('unit_successions').selectAll().where('to_version', '=', to.version).where('to_code', '=', to.code).execute();
  return rows.map(toSuccession);
}

export async function findBoundary(q: Q, version: string, code: string) {
  const row = await q
    .selectFrom('unit_boundaries')
    .select(['geometry', 'area_km2', 'source', 'updated_at'])
    .where('structure_version', '=', version)
    .where('unit_code', '=', code)
    .executeTakeFirst();
  return row && { geometry: row.geometry, areaKm2: row.area_km2, source: row.source, updatedAt: row.updated_at };
}

export async function hasBoundary(q: Q, version: string, code: string): Promise<boolean> {
  const row = await q.selectFrom('unit_boundaries').select('unit_code').where('structure_version', '=', version).where('unit_code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** The boundaries of a version's units of one level (the geo index is built from the current communes). */
export async function boundariesOfLevel(q: Q, version: string, level: UnitLevel): Promise<{ code: string; geometry: unknown }[]> {
  const rows = await q
    .selectFrom('unit_boundaries as b')
    .innerJoin('units as u', (j) => j.onRef('u.structure_version', '=', 'b.structure_version').onRef('u.code', '=', 'b.unit_code'))
    .select(['b.unit_code', 'b.geometry'])
    .where('b.structure_version', '=', version)
    .where('u.level', '=', level)
    .execute();
  return rows.map((r) => ({ code: r.unit_code, geometry: r.geometry }));
}

// ——— reference-data load (seed) ———

export async function lockUnitsSeed(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${UNITS_SEED_LOCK})`.execute(tx);
}

export async function countBoundaries(q: Q, version: string): Promise<number> {
  const row = await q.selectFrom('unit_boundaries').select(sql<number>`count(*)::int`.as('n')).where('structure_version', '=', version).executeTakeFirstOrThrow();
  return row.n;
}

export async function insertStructureVersion(tx: Q, v: StructureVersion): Promise<void> {
  await tx
    .insertInto('structure_versions')
    .values({ version: v.version, name: v.name, legal_basis: v.legalBasis, valid_from: v.validFrom, valid_to: v.validTo })
    .execute();
}

/** Inserts units parents first (the parent is a foreign key); search keys are derived here, from the names. */
export async function insertUnits(tx: Q, units: readonly Unit[]): Promise<void> {
  const depth: Record<UnitLevel, number> = { city: 0, district: 1, commune: 2 };
  const ordered = [...units].sort((a, b) => depth[a.level] - depth[b.level]);
  for (const part of chunks(ordered)) {
    await tx
      .insertInto('units')
      .values(
        part.map((u) => ({
          structure_version: u.version,
          code: u.code,
          level: u.level,
          type: u.type,
          name: u.name,
          full_name: u.fullName,
          name_en: u.nameEn,
          name_variants: u.nameVariants,
          search_key: searchKey(u.name),
          full_search_key: searchKey(u.fullName),
          parent_code: u.parentCode,
        })),
      )
      .execute();
  }
}

/** Inserts links that are not there yet; returns how many were new. */
export async function insertSuccessions(tx: Q, links: readonly Succession[]): Promise<number> {
  let inserted = 0;
  for (const part of chunks(links)) {
    const r = await tx
      .insertInto('unit_successions')
      .values(part.map((l) => ({ from_version: l.from.version, from_code: l.from.code, to_version: l.to.version, to_code: l.to.code, scope: l.scope })))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function insertBoundaries(
  tx: Q,
  rows: readonly { version: string; code: string; geometry: unknown; areaKm2: number | null; source: string }[],
  at: Date,
): Promise<void> {
  // Polygons are large (3 MB for the 126 communes): a few per statement keeps each one small.
  for (const part of chunks(rows, 20)) {
    await tx
      .insertInto('unit_boundaries')
      .values(
        part.map((b) => ({
          structure_version: b.version,
          unit_code: b.code,
          geometry: JSON.stringify(b.geometry),
          area_km2: b.areaKm2,
          source: b.source,
          updated_at: at,
        })),
      )
      .execute();
  }
}

/** The whole merge mapping (a few hundred links). */
export async function allSuccessions(q: Q): Promise<Succession[]> {
  return (await q.selectFrom('unit_successions').selectAll().execute()).map(toSuccession);
}
