/** The boundary of a unit as a GeoJSON Feature (the current communes and the city outline have one). */
import { AppError } from '../../domain/errors.ts';
import { boundingBox, type Unit } from '../../domain/units/index.ts';
import { findBoundary, findUnit } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { unitNotFound } from './get-unit.ts';

export interface BoundaryFeature {
  type: 'Feature';
  id: string;
  bbox: [number, number, number, number];
  properties: { version: string; code: string; name: string; fullName: string; level: Unit['level']; type: Unit['type']; areaKm2: number | null; source: string; updatedAt: string };
  geometry: unknown;
}

export async function unitBoundary(ctx: AppContext, version: string, code: string): Promise<BoundaryFeature> {
  const unit = await findUnit(ctx.db, version, code);
  if (!unit) throw unitNotFound(version, code);
  const boundary = await findBoundary(ctx.db, version, code);
  if (!boundary)
    throw new AppError('NOT_FOUND', {
      detail: { vi: `Chưa có ranh giới của đơn vị ${code} (phiên bản ${version})`, en: `No boundary for unit ${code} (version ${version})` },
    });
  return {
    type: 'Feature',
    id: code,
    bbox: boundingBox(boundary.geometry, `unit ${version}/${code}`),
    properties: {
      version,
      code,
      name: unit.name,
      fullName: unit.fullName,
      level: unit.level,
      type: unit.type,
      areaKm2: boundary.areaKm2,
      source: boundary.source,
      updatedAt: boundary.updatedAt.toISOString(),
    },
    geometry: boundary.geometry,
  };
}
