/**
 * The current communes' outlines for the web maps (issue 7: maps drawn from our own GeoJSON, no tile server
 * needed): one FeatureCollection, simplified to about 20 m, built once per database and structure version and
 * kept with its gzip (the full boundaries are 3 MB; this is ~0.3 MB, ~0.1 MB compressed).
 */
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { outerRings, simplifiedRing } from '../../domain/units/index.ts';
import { boundariesOfLevel } from '../../db/repos/units.repo.ts';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
import { versionInForceOf } from './structure-versions.ts';

/** About 20 m at Hanoi's latitude: a commune's outline keeps its shape at city and street zoom. */
const TOLERANCE_DEGREES = 0.0002;

export interface MapOutlines {
  version: string;
  json: string;
  gzip: Buffer;
  etag: string;
}

const cache = new WeakMap<Kysely<DB>, Map<string, Promise<MapOutlines>>>();

async function build(ctx: AppContext, version: string): Promise<MapOutlines> {
  const ref = await referenceData(ctx);
  const rows = await boundariesOfLevel(ctx.db, version, 'commune');
  const features = rows.flatMap((row) => {
    const rings = outerRings(row.geometry).flatMap((ring) => {
      const r = simplifiedRing(ring, TOLERANCE_DEGREES);
      return r ? [r] : [];
    });
    const unit = ref.unit(version, row.code);
    if (!rings.length || !unit) return [];
    return [
      {
        type: 'Feature' as const,
        id: row.code,
        properties: { code: row.code, name: unit.name, fullName: unit.fullName },
        geometry: { type: 'MultiPolygon' as const, coordinates: rings.map((r) => [r]) },
      },
    ];
  });
  const json = JSON.stringify({ type: 'FeatureCollection', version, features });
  const gzip = gzipSync(json);
  return { version, json, gzip, etag: `"outlines-${version}-${gzip.length}"` };
}

export async function mapOutlines(ctx: AppContext): Promise<MapOutlines> {
  const version = versionInForceOf((await referenceData(ctx)).structureVersions, ctx.clock.now());
  let byVersion = cache.get(ctx.db);
  if (!byVersion) cache.set(ctx.db, (byVersion = new Map()));
  let found = byVersion.get(version);
  if (!found) {
    found = build(ctx, version);
    byVersion.set(version, found);
    found.catch(() => byVersion.delete(version));
  }
  return found;
}
