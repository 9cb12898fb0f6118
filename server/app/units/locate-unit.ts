/**
 * The current commune at a map point (R-6.1 (c): a report needs a precise place inside Hanoi). A point outside
 * Hanoi is an answer, not an error.
 */
import type { Unit } from '../../domain/units/index.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
import { geoIndex } from './geo-index.ts';
import { versionInForceOf } from './structure-versions.ts';

export type UnitAtPoint =
  | { inHanoi: false }
  | { inHanoi: true; version: string; unit: Unit; parent: Unit | null; approximate: boolean };

export async function unitAt(ctx: AppContext, lat: number, lng: number): Promise<UnitAtPoint> {
  const ref = await referenceData(ctx);
  const version = versionInForceOf(ref.structureVersions, ctx.clock.now());
  const found = (await geoIndex(ctx.db, version)).locate(lat, lng);
  if (!found.inHanoi) return { inHanoi: false };
  const unit = ref.unit(version, found.code);
  // The index and the units come from one database; a miss means a boundary without its unit row.
  if (!unit) throw new Error(`Boundary ${version}/${found.code} has no unit`);
  const parent = unit.parentCode ? (ref.unit(version, unit.parentCode) ?? null) : null;
  return { inHanoi: true, version, unit, parent, approximate: found.approximate };
}
