/**
 * The in-memory geo index of the current communes, built from the boundaries stored in the database (an
 * operator may replace them there) on first use and then kept: it is pure data, about 130 ms to load and
 * build. One per database and structure version, so that tests with several databases stay apart; a failed
 * load is not kept, the next call tries again.
 */
import type { Kysely } from 'kysely';
import { GeoIndex } from '../../domain/units/index.ts';
import { boundariesOfLevel } from '../../db/repos/units.repo.ts';
import type { DB } from '../../db/schema.ts';

const indexes = new WeakMap<Kysely<DB>, Map<string, Promise<GeoIndex>>>();

async function load(db: Kysely<DB>, version: string): Promise<GeoIndex> {
  const communes = await boundariesOfLevel(db, version, 'commune');
  const [city] = await boundariesOfLevel(db, version, 'city');
  return GeoIndex.build({ communes, city: city?.geometry ?? null });
}

export function geoIndex(db: Kysely<DB>, version: string): Promise<GeoIndex> {
  let byVersion = indexes.get(db);
  if (!byVersion) indexes.set(db, (byVersion = new Map()));
  let index = byVersion.get(version);
  if (!index) {
    const loading = load(db, version);
    byVersion.set(version, loading);
    loading.catch(() => byVersion.delete(version));
    index = loading;
  }
  return index;
}
