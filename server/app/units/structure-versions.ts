/** Which structure versions exist, and which one is in force (the default of every unit query, R-28.1). */
import { civilDate } from '../../domain/calendar/index.ts';
import { invalid } from '../../domain/errors.ts';
import { versionInForce, type StructureVersion, type UnitLevel } from '../../domain/units/index.ts';
import { countUnitsByLevel, listStructureVersions } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';


export interface StructureVersionView extends StructureVersion {
  current: boolean;
  counts: Record<UnitLevel, number>;
}

function current(versions: readonly StructureVersion[], now: Date): StructureVersion | null {
  // Before the first or in a gap between versions, the latest one that has started is the best answer.
  const today = civilDate(now);
  return versionInForce(versions, today) ?? versions.filter((v) => v.validFrom <= today).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0] ?? null;
}

export async function structureVersions(ctx: AppContext): Promise<StructureVersionView[]> {
  const versions = await listStructureVersions(ctx.db);
  const counts = await countUnitsByLevel(ctx.db);
  const inForce = current(versions, ctx.clock.now());
  return versions.map((v) => ({
    ...v,
    current: v.version === inForce?.version,
    counts: {
      city: counts.find((c) => c.version === v.version && c.level === 'city')?.count ?? 0,
      district: counts.find((c) => c.version === v.version && c.level === 'district')?.count ?? 0,
      commune: counts.find((c) => c.version === v.version && c.level === 'commune')?.count ?? 0,
    },
  }));
}

/** The version in force at `now` among `versions`. */
export function versionInForceOf(versions: readonly StructureVersion[], now: Date): string {
  const inForce = current(versions, now);
  if (!inForce) throw new Error('No structure version of administrative units is loaded: run the reference seed');
  return inForce.version;
}

/** The requested version (400 naming `field` when there is no such version) or the one in force. */
export async function resolveVersion(ctx: AppContext, requested: string | undefined, field: string): Promise<string> {
  const versions = (await referenceData(ctx)).structureVersions;
  if (requested !== undefined) {
    if (versions.some((v) => v.version === requested)) return requested;
    throw invalid([{ field, message: `Không có phiên bản cơ cấu hành chính "${requested}"; có: ${versions.map((v) => v.version).join(', ')}` }]);
  }
  return versionInForceOf(versions, ctx.clock.now());
}
