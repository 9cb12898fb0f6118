/**
 * Reports filed under a former administrative unit counted under today's (R-28.1: statistics survive a
 * reorganisation). A report filed before 1 July 2025 names a ward or commune of the three-level structure; the
 * overseer's figures count it under the unit of the structure in force now:
 * - the commune containing its pin, when it has one (exact even where the old unit was split);
 * - else the one successor of its unit, when the succession is certain (one successor, wholly absorbed);
 * - else none (a split unit and no pin): counted as "not determinable", never guessed.
 * The answers are stored in `report_units_today` for the rollup's SQL; they are computed when the rollup is
 * rebuilt in full, which a change of the structure in force triggers (app/oversight/rollup.ts). Reports are filed
 * under the structure in force at submission, so no report needs mapping between two rebuilds.
 */
import { successionIsCertain, successorsIn } from '../../domain/units/index.ts';
import { reportsToMapToday, saveUnitsToday } from '../../db/repos/oversight.repo.ts';
import { allSuccessions } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { geoIndex } from '../units/geo-index.ts';

const BATCH = 2_000;

/** Maps every report filed under a unit of another structure than `version` (today's); returns how many. */
export async function mapReportsToUnitsToday(ctx: Pick<AppContext, 'db'>, version: string): Promise<number> {
  const links = await allSuccessions(ctx.db);
  const index = await geoIndex(ctx.db, version);
  const bySuccession = new Map<string, string | null>();
  const successorOf = (unitVersion: string, unitCode: string): string | null => {
    const key = `${unitVersion}/${unitCode}`;
    if (!bySuccession.has(key)) {
      const successors = successorsIn({ version: unitVersion, code: unitCode }, version, links);
      bySuccession.set(key, successionIsCertain(successors) ? successors[0]!.unit.code : null);
    }
    return bySuccession.get(key) ?? null;
  };
  let mapped = 0;
  for (;;) {
    const batch = await reportsToMapToday(ctx.db, version, BATCH);
    if (batch.length === 0) return mapped;
    const rows = batch.map((r) => {
      const at = r.lat !== null && r.lng !== null ? index.locate(r.lat, r.lng) : null;
      return { reportId: r.id, unitCode: at?.inHanoi ? at.code : successorOf(r.unit_version!, r.unit_code!) };
    });
    await saveUnitsToday(ctx.db, version, rows);
    mapped += rows.length;
  }
}
