/**
 * Administrative units, public and read-only: structure versions, lists, diacritic-insensitive
 * search, the commune at a map point, one unit with its merge mapping, and boundaries as GeoJSON.
 */
import { Type, type Static } from 'typebox';
import { SUCCESSION_SCOPES, UNIT_LEVELS, UNIT_TYPES, type Unit } from '../../domain/units/index.ts';
import { unitBoundary } from '../../app/units/get-boundary.ts';
import { unitDetail, type LinkedUnit } from '../../app/units/get-unit.ts';
import { listUnits } from '../../app/units/list-units.ts';
import { unitAt } from '../../app/units/locate-unit.ts';
import { mapOutlines } from '../../app/units/map-outlines.ts';
import { searchUnits } from '../../app/units/search-units.ts';
import { structureVersions } from '../../app/units/structure-versions.ts';
import type { App } from '../app.ts';
import { Strict } from './schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const VERSION_PATTERN = '^[0-9]{4}(-[0-9]{2})?$';
const Version = Type.String({ pattern: VERSION_PATTERN, maxLength: 7, description: 'Phiên bản cơ cấu hành chính: 2025-07 (2 cấp), 2025-01, 2024' });
const Code = Type.String({ pattern: '^[0-9]{2,5}$', description: 'Mã đơn vị hành chính (GSO), giữ số 0 ở đầu' });
const Level = Type.Enum(UNIT_LEVELS);

export const UnitSchema = Type.Object(
  {
    version: Type.String(),
    code: Type.String(),
    level: Level,
    type: Type.Enum(UNIT_TYPES),
    name: Type.String(),
    fullName: Type.String(),
    nameEn: Nullable(Type.String()),
    nameVariants: Type.Array(Type.String()),
    parentCode: Nullable(Type.String()),
  },
  Strict,
);
export type UnitView = Static<typeof UnitSchema>;

/** Allow-list of what a unit shows. */
export function presentUnit(u: Unit): UnitView {
  return {
    version: u.version,
    code: u.code,
    level: u.level,
    type: u.type,
    name: u.name,
    fullName: u.fullName,
    nameEn: u.nameEn,
    nameVariants: u.nameVariants,
    parentCode: u.parentCode,
  };
}

const LinkedUnitSchema = Type.Object(
  {
    version: Type.String(),
    code: Type.String(),
    level: Level,
    name: Type.String(),
    fullName: Type.String(),
    scope: Type.Enum(SUCCESSION_SCOPES, {
      description: 'full: toàn bộ đơn vị cũ; partial: một phần (đơn vị cũ bị chia); code_kept: mã được giữ lại ở danh sách sau',
    }),
  },
  Strict,
);
const presentLinked = (l: LinkedUnit) => ({
  version: l.unit.version,
  code: l.unit.code,
  level: l.unit.level,
  name: l.unit.name,
  fullName: l.unit.fullName,
  scope: l.scope,
});

export default async function unitsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/units/structure-versions',
    {
      schema: {
        tags: ['units'],
        summary: 'Các phiên bản cơ cấu đơn vị hành chính của Hà Nội và phiên bản đang có hiệu lực (R-28.1)',
        response: {
          200: Type.Object(
            {
              current: Nullable(Type.String()),
              items: Type.Array(
                Type.Object(
                  {
                    version: Type.String(),
                    name: Type.String(),
                    legalBasis: Nullable(Type.String()),
                    validFrom: Type.String({ format: 'date' }),
                    validTo: Nullable(Type.String({ format: 'date' })),
                    current: Type.Boolean(),
                    counts: Type.Object({ city: Type.Integer(), district: Type.Integer(), commune: Type.Integer() }, Strict),
                  },
                  Strict,
                ),
              ),
            },
            Strict,
          ),
        },
      },
    },
    async () => {
      const items = await structureVersions(ctx);
      return { current: items.find((v) => v.current)?.version ?? null, items };
    },
  );

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị hành chính của một phiên bản (mặc định: phiên bản đang có hiệu lực)',
        querystring: Type.Object(
          {
            version: Type.Optional(Version),
            level: Type.Optional(Level),
            parent: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'Mã đơn vị cấp trên' })),
          },
          Strict,
        ),
        response: { 200: Type.Object({ version: Type.String(), items: Type.Array(UnitSchema) }, Strict) },
      },
    },
    async (req) => {
      const { version, items } = await listUnits(ctx, req.query);
      return { version, items: items.map(presentUnit) };
    },
  );

  app.get(
    '/api/v1/units/search',
    {
      schema: {
        tags: ['units'],
        summary: 'Tìm đơn vị theo tên, không phân biệt dấu, vị trí dấu thanh và dạng Unicode ("yen hoa" = "Yên Hoà")',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 100 }),
            version: Type.Optional(Version),
            limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              version: Type.String(),
              query: Type.String(),
              items: Type.Array(
                Type.Object(
                  { ...UnitSchema.properties, match: Type.Enum(['exact', 'prefix', 'substring']) },
                  Strict,
                ),
              ),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => {
      const { version, items } = await searchUnits(ctx, { q: req.query.q, version: req.query.version, limit: req.query.limit ?? 10 });
      return { version, query: req.query.q, items: items.map((m) => ({ ...presentUnit(m.unit), match: m.match })) };
    },
  );

  app.get(
    '/api/v1/units/outlines',
    {
      schema: {
        tags: ['units'],
        summary: 'Ranh giới giản lược (~20 m) của các xã, phường hiện hành để vẽ bản đồ (GeoJSON FeatureCollection, WGS84); không cần máy chủ bản đồ nền',
      },
    },
    async (req, reply) => {
      const o = await mapOutlines(ctx);
      reply.header('etag', o.etag).header('cache-control', 'public, max-age=3600').header('vary', 'accept-encoding').type('application/geo+json; charset=utf-8');
      if (req.headers['if-none-match'] === o.etag) return reply.code(304).send();
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      return gzip ? reply.header('content-encoding', 'gzip').send(o.gzip) : reply.send(o.json);
    },
  );

  app.get(
    '/api/v1/units/at',
    {
      schema: {
        tags: ['units'],
        summary: 'Xã, phường hiện hành tại một điểm (vĩ độ, kinh độ WGS84); { inHanoi: false } nếu điểm ở ngoài Hà Nội',
        querystring: Type.Object(
          {
            lat: Type.Number({ minimum: -90, maximum: 90, description: 'Vĩ độ' }),
            lng: Type.Number({ minimum: -180, maximum: 180, description: 'Kinh độ' }),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              inHanoi: Type.Boolean(),
              version: Type.Optional(Type.String()),
              approximate: Type.Optional(
                Type.Boolean({ description: 'true: điểm nằm trong ranh giới thành phố nhưng ở khe giữa các ranh giới xã, lấy xã gần nhất' }),
              ),
              unit: Type.Optional(UnitSchema),
              parent: Type.Optional(Nullable(UnitSchema)),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => {
      const found = await unitAt(ctx, req.query.lat, req.query.lng);
      if (!found.inHanoi) return { inHanoi: false };
      return {
        inHanoi: true,
        version: found.version,
        approximate: found.approximate,
        unit: presentUnit(found.unit),
        parent: found.parent && presentUnit(found.parent),
      };
    },
  );

  const UnitParams = Type.Object({ version: Version, code: Code }, Strict);

  app.get(
    '/api/v1/units/:version/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'Một đơn vị hành chính với đơn vị cấp trên và quan hệ sáp nhập (mergedInto, mergedFrom, inForce)',
        params: UnitParams,
        response: {
          200: Type.Object(
            {
              ...UnitSchema.properties,
              parent: Nullable(UnitSchema),
              mergedInto: Type.Array(LinkedUnitSchema, { description: 'Đơn vị của cơ cấu kế tiếp mà đơn vị này được nhập vào' }),
              mergedFrom: Type.Array(LinkedUnitSchema, { description: 'Đơn vị của cơ cấu trước được nhập vào đơn vị này' }),
              inForce: Nullable(
                Type.Object(
                  {
                    version: Type.String(),
                    certain: Type.Boolean({ description: 'true: chỉ có một đơn vị kế thừa, không bị chia — chuyển địa chỉ cũ được ngay' }),
                    units: Type.Array(LinkedUnitSchema, { description: 'Rỗng khi nguồn dữ liệu không có ánh xạ' }),
                  },
                  Strict,
                ),
              ),
              boundaryUrl: Nullable(Type.String()),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => {
      const d = await unitDetail(ctx, req.params.version, req.params.code);
      return {
        ...presentUnit(d.unit),
        parent: d.parent && presentUnit(d.parent),
        mergedInto: d.mergedInto.map(presentLinked),
        mergedFrom: d.mergedFrom.map(presentLinked),
        inForce: d.inForce && { version: d.inForce.version, certain: d.inForce.certain, units: d.inForce.units.map(presentLinked) },
        boundaryUrl: d.hasBoundary ? `/api/v1/units/${d.unit.version}/${d.unit.code}/boundary` : null,
      };
    },
  );

  app.get(
    '/api/v1/units/:version/:code/boundary',
    {
      schema: {
        tags: ['units'],
        summary: 'Ranh giới của đơn vị (GeoJSON Feature, WGS84) — có cho 126 xã, phường hiện hành và toàn thành phố',
        params: UnitParams,
        response: {
          200: Type.Object(
            {
              type: Type.Literal('Feature'),
              id: Type.String(),
              bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
              properties: Type.Object(
                {
                  version: Type.String(),
                  code: Type.String(),
                  name: Type.String(),
                  fullName: Type.String(),
                  level: Level,
                  type: Type.String(),
                  areaKm2: Nullable(Type.Number()),
                  source: Type.String(),
                  updatedAt: Type.String({ format: 'date-time' }),
                },
                Strict,
              ),
              geometry: Type.Unknown({ description: 'GeoJSON Polygon hoặc MultiPolygon' }),
            },
            Strict,
          ),
        },
      },
    },
    async (req, reply) => {
      const feature = await unitBoundary(ctx, req.params.version, req.params.code);
      return reply.type('application/geo+json; charset=utf-8').send(feature);
    },
  );
}
