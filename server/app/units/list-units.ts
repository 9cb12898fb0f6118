/** The units of a structure version (default: the one in force), optionally of one level or one parent. */
import { invalid } from '../../domain/errors.ts';
import type { Unit, UnitLevel } from '../../domain/units/index.ts';
import { listUnits as listUnitRows, unitExists } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { resolveVersion } from './structure-versions.ts';

export async function listUnits(
  ctx: AppContext,
  query: { version?: string | undefined; level?: UnitLevel | undefined; parent?: string | undefined },
): Promise<{ version: string; items: Unit[] }> {
  const version = await resolveVersion(ctx, query.version, 'querystring.version');
  if (query.parent !== undefined && !(await unitExists(ctx.db, version, query.parent)))
    throw invalid([{ field: 'querystring.parent', message: `Không có đơn vị "${query.parent}" trong phiên bản ${version}` }]);
  return { version, items: await listUnitRows(ctx.db, { version, level: query.level, parentCode: query.parent }) };
}
