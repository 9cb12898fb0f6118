/**
 * Agencies by level, kind, field of competence and unit. `unit` finds the agencies whose jurisdiction covers
 * that unit: the unit itself or a unit containing it (a commune is covered by its People's Committee and by
 * every city-wide agency), in the structure version given (default: the one in force).
 */
import type { Agency, AgencyKind, AgencyLevel } from '../../domain/agencies/index.ts';
import { AGENCY_KINDS, AGENCY_LEVELS } from '../../domain/agencies/index.ts';
import { invalid } from '../../domain/errors.ts';
import type { UnitRef } from '../../domain/units/index.ts';
import { listAgencies as listAgencyRows } from '../../db/repos/agencies.repo.ts';
import { findUnit } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { resolveVersion } from '../units/structure-versions.ts';

export interface AgencyQuery {
  level?: AgencyLevel | undefined;
  kind?: AgencyKind | undefined;
  field?: string | undefined;
  unit?: string | undefined;
  version?: string | undefined;
  status: 'active' | 'inactive' | 'all';
}

async function unitAndAncestors(ctx: AppContext, version: string, code: string): Promise<UnitRef[]> {
  const chain: UnitRef[] = [];
  let at: string | null = code;
  // A unit's ancestors are at most two levels up (commune → district → city); the bound guards bad data.
  while (at !== null && chain.length < 5) {
    const unit = await findUnit(ctx.db, version, at);
    if (!unit) break;
    chain.push({ version, code: unit.code });
    at = unit.parentCode;
  }
  return chain;
}

export async function listAgencies(ctx: AppContext, query: AgencyQuery): Promise<Agency[]> {
  const version = await resolveVersion(ctx, query.version, 'querystring.version');
  let jurisdictionIn: UnitRef[] | undefined;
  if (query.unit !== undefined) {
    jurisdictionIn = await unitAndAncestors(ctx, version, query.unit);
    if (jurisdictionIn.length === 0)
      throw invalid([{ field: 'querystring.unit', message: `Không có đơn vị "${query.unit}" trong phiên bản ${version}` }]);
  }
  const agencies = await listAgencyRows(ctx.db, {
    level: query.level,
    kind: query.kind,
    field: query.field,
    jurisdictionIn,
    active: query.status === 'all' ? undefined : query.status === 'active',
  });
  const collator = new Intl.Collator('vi');
  const rank = <T>(list: readonly T[], v: T) => list.indexOf(v);
  return agencies.sort(
    (a, b) => rank(AGENCY_LEVELS, a.level) - rank(AGENCY_LEVELS, b.level) || rank(AGENCY_KINDS, a.kind) - rank(AGENCY_KINDS, b.kind) || collator.compare(a.name, b.name),
  );
}
