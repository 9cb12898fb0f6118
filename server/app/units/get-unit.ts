/**
 * One unit with its parent and its place in the merge mapping: the units of the next structure it
 * went into, the units of the previous structure that went into it, and — for a unit of an earlier
 * structure — the units in force today, with whether routing an old address there is certain.
 */
import { AppError } from '../../domain/errors.ts';
import { successionIsCertain, successorsIn, type Succession, type SuccessionScope, type Unit, type UnitRef } from '../../domain/units/index.ts';
import { findUnit, findUnits, hasBoundary, successionsFrom, successionsTo } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { resolveVersion } from './structure-versions.ts';

export interface LinkedUnit {
  unit: Unit;
  scope: SuccessionScope;
}

export interface UnitDetail {
  unit: Unit;
  parent: Unit | null;
  mergedInto: LinkedUnit[];
  mergedFrom: LinkedUnit[];
  /** For a unit of an earlier structure: where it is now; an empty list when the sources give no mapping. */
  inForce: { version: string; units: LinkedUnit[]; certain: boolean } | null;
  hasBoundary: boolean;
}

export function unitNotFound(version: string, code: string): AppError {
  return new AppError('NOT_FOUND', {
    detail: { vi: `Không có đơn vị hành chính ${code} trong phiên bản ${version}`, en: `No administrative unit ${code} in version ${version}` },
  });
}

async function withUnits(ctx: AppContext, links: readonly { unit: UnitRef; scope: SuccessionScope }[]): Promise<LinkedUnit[]> {
  const units = await findUnits(ctx.db, links.map((l) => l.unit));
  return links.flatMap((l) => {
    const unit = units.find((u) => u.version === l.unit.version && u.code === l.unit.code);
    return unit ? [{ unit, scope: l.scope }] : [];
  });
}

export async function unitDetail(ctx: AppContext, version: string, code: string): Promise<UnitDetail> {
  const unit = await findUnit(ctx.db, version, code);
  if (!unit) throw unitNotFound(version, code);
  const parent = unit.parentCode ? ((await findUnit(ctx.db, version, unit.parentCode)) ?? null) : null;
  const forward: Succession[] = await successionsFrom(ctx.db, unit);
  const direct = forward.filter((l) => l.from.version === version && l.from.code === code);
  const backward = await successionsTo(ctx.db, unit);
  const current = await resolveVersion(ctx, undefined, 'querystring.version');
  let inForce: UnitDetail['inForce'] = null;
  if (version !== current) {
    const units = await withUnits(ctx, successorsIn(unit, current, forward));
    inForce = { version: current, units, certain: successionIsCertain(units) };
  }
  const byCode = (a: LinkedUnit, b: LinkedUnit) => a.unit.code.localeCompare(b.unit.code);
  return {
    unit,
    parent,
    mergedInto: (await withUnits(ctx, direct.map((l) => ({ unit: l.to, scope: l.scope })))).sort(byCode),
    mergedFrom: (await withUnits(ctx, backward.map((l) => ({ unit: l.from, scope: l.scope })))).sort(byCode),
    inForce,
    hasBoundary: await hasBoundary(ctx.db, version, code),
  };
}
