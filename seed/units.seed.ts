/**
 * Reference data: Hanoi's administrative units in three structure versions, the merge mapping between them and
 * the boundaries of the current communes, from data/hanoi/ (sources, licences and caveats in its
 * README). Idempotent: a structure version already present is left alone, and boundaries already present are
 * never overwritten (an operator may have replaced them).
 */
import { readFileSync } from 'node:fs';
import type { AppContext } from '../server/app/context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../server/app/unit-of-work.ts';
import { UNIT_TYPE_LEVEL, type StructureVersion, type Succession, type SuccessionScope, type Unit, type UnitType } from '../server/domain/units/index.ts';
import {
  countBoundaries,
  insertBoundaries,
  insertStructureVersion,
  insertSuccessions,
  insertUnits,
  listStructureVersions,
  lockUnitsSeed,
} from '../server/db/repos/units.repo.ts';
import { PROJECT_ROOT_URL } from '../server/paths.ts';

const DATA_DIR = new URL('data/hanoi/', PROJECT_ROOT_URL);
export const CITY_CODE = '01';
const BOUNDARY_SOURCE = 'thanglequoc/vietnamese-provinces-database@cd58063 (sapnhap.bando.com.vn)';

export const CURRENT = '2025-07';
export const PRE_REFORM = '2025-01';
export const LIST_579 = '2024';

export const STRUCTURE_VERSIONS: readonly StructureVersion[] = [
  {
    version: CURRENT,
    name: 'Chính quyền địa phương 2 cấp: 126 xã, phường (từ 01/07/2025)',
    legalBasis: 'Nghị quyết 1656/NQ-UBTVQH15 ngày 16/06/2025',
    validFrom: '2025-07-01',
    validTo: null,
  },
  {
    version: PRE_REFORM,
    name: '3 cấp: 30 quận, huyện, thị xã; 526 xã, phường, thị trấn (01/01/2025 – 30/06/2025)',
    // The resolution behind the 2025-01-01 reorganisation is not confirmed in the sources (data/hanoi/README.md).
    legalBasis: null,
    validFrom: '2025-01-01',
    validTo: '2025-06-30',
  },
  {
    version: LIST_579,
    name: '3 cấp: 30 quận, huyện, thị xã; 579 xã, phường, thị trấn (đến 31/12/2024)',
    legalBasis: null,
    // The earliest snapshot known to hold this list; it may have been in force before.
    validFrom: '2021-02-01',
    validTo: '2024-12-31',
  },
];

interface FileUnit {
  code: string;
  name: string;
  fullName: string;
  type: UnitType;
  nameEn?: string;
  nameVariants?: string[];
}
interface FileCommune extends FileUnit {
  mergedInto?: { code: string; scope: 'full' | 'partial' }[];
  stillExistedOn2025_01_01?: boolean;
}
interface FileDistrict extends FileUnit {
  communes: FileCommune[];
}
interface FileFeature {
  id: string;
  properties: { code: string; areaKm2?: number | null };
  geometry: unknown;
}

export interface UnitFiles {
  twoLevel: FileUnit[];
  threeLevel526: FileDistrict[];
  threeLevel579: FileDistrict[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, DATA_DIR), 'utf8')) as T;
}

export function readUnitFiles(): UnitFiles {
  return {
    twoLevel: readJson('units-2025-two-level.json'),
    threeLevel526: readJson('units-pre2025-three-level.json'),
    threeLevel579: readJson('units-2024-three-level-579.json'),
  };
}

function unit(version: string, u: FileUnit, parentCode: string | null): Unit {
  return {
    version,
    code: u.code,
    level: UNIT_TYPE_LEVEL[u.type],
    type: u.type,
    name: u.name,
    fullName: u.fullName,
    nameEn: u.nameEn ?? null,
    nameVariants: u.nameVariants ?? [],
    parentCode,
  };
}

const city = (version: string): Unit => ({
  version,
  code: CITY_CODE,
  level: 'city',
  type: 'thanh_pho',
  name: 'Hà Nội',
  fullName: 'Thành phố Hà Nội',
  nameEn: 'Ha Noi',
  nameVariants: [],
  parentCode: null,
});

function threeLevel(version: string, districts: FileDistrict[]): Unit[] {
  return [
    city(version),
    ...districts.flatMap((d) => [unit(version, d, CITY_CODE), ...d.communes.map((c) => unit(version, c, d.code))]),
  ];
}

/** The units of each structure version and the links between versions, from the data files. */
export function referenceUnits(files: UnitFiles): { units: Map<string, Unit[]>; successions: Succession[] } {
  const units = new Map<string, Unit[]>([
    [CURRENT, [city(CURRENT), ...files.twoLevel.map((u) => unit(CURRENT, u, CITY_CODE))]],
    [PRE_REFORM, threeLevel(PRE_REFORM, files.threeLevel526)],
    [LIST_579, threeLevel(LIST_579, files.threeLevel579)],
  ]);
  const link = (fromVersion: string, fromCode: string, toVersion: string, toCode: string, scope: SuccessionScope): Succession => ({
    from: { version: fromVersion, code: fromCode },
    to: { version: toVersion, code: toCode },
    scope,
  });
  const successions: Succession[] = [
    link(LIST_579, CITY_CODE, PRE_REFORM, CITY_CODE, 'full'),
    link(PRE_REFORM, CITY_CODE, CURRENT, CITY_CODE, 'full'),
    // The 30 districts were the same on both three-level lists; they were abolished on 2025-07-01 and map
    // to the new units only through their communes.
    ...files.threeLevel579.map((d) => link(LIST_579, d.code, PRE_REFORM, d.code, 'code_kept')),
    ...files.threeLevel579.flatMap((d) =>
      d.communes.filter((c) => c.stillExistedOn2025_01_01).map((c) => link(LIST_579, c.code, PRE_REFORM, c.code, 'code_kept')),
    ),
    ...files.threeLevel526.flatMap((d) =>
      d.communes.flatMap((c) => (c.mergedInto ?? []).map((m) => link(PRE_REFORM, c.code, CURRENT, m.code, m.scope))),
    ),
  ];
  return { units, successions };
}

function referenceBoundaries() {
  const communes = readJson<{ features: FileFeature[] }>('boundaries-2025-communes.geojson').features;
  const outline = readJson<{ features: FileFeature[] }>('boundary-2025-city.geojson').features;
  return [...outline, ...communes].map((f) => ({
    version: CURRENT,
    code: f.properties.code,
    geometry: f.geometry,
    areaKm2: f.properties.areaKm2 ?? null,
    source: BOUNDARY_SOURCE,
  }));
}

function describe(version: string, units: readonly Unit[]): string {
  const n = (level: Unit['level']) => units.filter((u) => u.level === level).length;
  return n('district') ? `${version}: ${n('district')} districts, ${n('commune')} communes` : `${version}: ${n('commune')} communes`;
}

export async function seedUnits(ctx: AppContext): Promise<string | null> {
  return unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    await lockUnitsSeed(w.tx);
    const present = new Set((await listStructureVersions(w.tx)).map((v) => v.version));
    const missing = STRUCTURE_VERSIONS.filter((v) => !present.has(v.version));
    const done: string[] = [];
    if (missing.length) {
      const data = referenceUnits(readUnitFiles());
      for (const v of missing) {
        const units = data.units.get(v.version) ?? [];
        await insertStructureVersion(w.tx, v);
        await insertUnits(w.tx, units);
        done.push(describe(v.version, units));
      }
      const known = new Set([...present, ...missing.map((v) => v.version)]);
      const links = await insertSuccessions(
        w.tx,
        data.successions.filter((l) => known.has(l.from.version) && known.has(l.to.version)),
      );
      if (links) done.push(`${links} merge links`);
    }
    if ((await countBoundaries(w.tx, CURRENT)) === 0) {
      const boundaries = referenceBoundaries();
      await insertBoundaries(w.tx, boundaries, w.now);
      done.push(`${boundaries.length} boundaries`);
    }
    if (done.length === 0) return null;
    const message = `units: ${done.join('; ')}`;
    await w.audit({ action: 'reference.units.load', subjectType: 'reference', subjectId: 'units', payload: { loaded: done } });
    return message;
  });
}
