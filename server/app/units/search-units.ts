/** Unit-name search that ignores diacritics, tone-mark placement and Unicode form ("yen hoa" = "Yên Hoà"). */
import { invalid } from '../../domain/errors.ts';
import { rankMatches, searchKey, type RankedMatch, type Unit } from '../../domain/units/index.ts';
import { unitsMatching } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { resolveVersion } from './structure-versions.ts';

export async function searchUnits(
  ctx: AppContext,
  query: { q: string; version?: string | undefined; limit: number },
): Promise<{ version: string; items: RankedMatch<Unit>[] }> {
  const key = searchKey(query.q);
  if (!key) throw invalid([{ field: 'querystring.q', message: 'Từ khóa tìm kiếm phải có ít nhất một chữ cái hoặc chữ số' }]);
  const version = await resolveVersion(ctx, query.version, 'querystring.version');
  return { version, items: rankMatches(query.q, await unitsMatching(ctx.db, version, key), query.limit) };
}
