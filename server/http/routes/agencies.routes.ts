/**
 * Agencies (R-2, R-18.2b, R-28.1), public and read-only: who handles what, where, and who their focal
 * officers are. Edits go through the use cases in server/app/agencies, behind the access policy.
 */
import { Type } from 'typebox';
import { agencyDetail } from '../../app/agencies/get-agency.ts';
import { listAgencies } from '../../app/agencies/list-agencies.ts';
import { AGENCY_CODE_PATTERN, AGENCY_KINDS, AGENCY_LEVELS, FIELDS, FIELD_CODES, type Agency } from '../../domain/agencies/index.ts';
import type { App } from '../app.ts';
import { UnitSchema, presentUnit } from './units.routes.ts';

const Strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const Level = Type.Enum(AGENCY_LEVELS);
const Kind = Type.Enum(AGENCY_KINDS);
const Field = Type.Enum(FIELD_CODES);

const agencyProperties = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String({ description: 'Mã ổn định của cơ quan, ví dụ so-xay-dung, ubnd-phuong-hoan-kiem' }),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  level: Level,
  kind: Kind,
  active: Type.Boolean(),
  validFrom: Nullable(Type.String({ format: 'date' })),
  validTo: Nullable(Type.String({ format: 'date' })),
};

const AgencySummary = Type.Object(
  {
    ...agencyProperties,
    fields: Type.Array(Type.String(), { description: 'Mã lĩnh vực (GET /api/v1/agency-fields)' }),
    jurisdiction: Type.Array(Type.Object({ version: Type.String(), code: Type.String() }, Strict)),
  },
  Strict,
);

const presentAgency = (a: Agency) => ({
  id: a.id,
  code: a.code,
  name: a.name,
  shortName: a.shortName,
  level: a.level,
  kind: a.kind,
  active: a.active,
  validFrom: a.validFrom,
  validTo: a.validTo,
});

export default async function agenciesRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/agency-fields',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh sách lĩnh vực thẩm quyền dùng để phân loại và chuyển phản ánh',
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), local: Type.Boolean() }, Strict),
              ),
            },
            Strict,
          ),
        },
      },
    },
    async () => ({ items: FIELDS.map((f) => ({ code: f.code, name: f.vi, nameEn: f.en, local: f.local })) }),
  );

  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh sách cơ quan theo cấp, loại, lĩnh vực và đơn vị hành chính thuộc phạm vi',
        querystring: Type.Object(
          {
            level: Type.Optional(Level),
            kind: Type.Optional(Kind),
            field: Type.Optional(Field),
            unit: Type.Optional(
              Type.String({
                pattern: '^[0-9]{2,5}$',
                description: 'Mã đơn vị: các cơ quan có phạm vi gồm đơn vị này hoặc đơn vị cấp trên của nó',
              }),
            ),
            version: Type.Optional(
              Type.String({ pattern: '^[0-9]{4}(-[0-9]{2})?$', description: 'Phiên bản cơ cấu của `unit` (mặc định: đang có hiệu lực)' }),
            ),
            status: Type.Enum(['active', 'inactive', 'all'], { default: 'active' }),
          },
          Strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(AgencySummary) }, Strict) },
      },
    },
    async (req) => {
      const agencies = await listAgencies(ctx, { ...req.query, status: req.query.status ?? 'active' });
      return { items: agencies.map((a) => ({ ...presentAgency(a), fields: a.fields, jurisdiction: a.jurisdiction })) };
    },
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Một cơ quan: phạm vi (đơn vị hành chính), lĩnh vực và cán bộ đầu mối (R-18.2b)',
        params: Type.Object(
          { id: Type.String({ pattern: `^(?:${UUID_PATTERN}|${AGENCY_CODE_PATTERN.slice(1, -1)})$`, maxLength: 100, description: 'id (UUID) hoặc mã cơ quan' }) },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              ...agencyProperties,
              fields: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }, Strict)),
              jurisdiction: Type.Array(UnitSchema),
              focalOfficers: Type.Array(
                Type.Object(
                  {
                    name: Type.String(),
                    position: Type.String(),
                    phone: Nullable(Type.String()),
                    email: Nullable(Type.String()),
                    updatedAt: Type.String({ format: 'date-time' }),
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
    async (req) => {
      const d = await agencyDetail(ctx, req.params.id);
      return {
        ...presentAgency(d.agency),
        fields: d.fields,
        jurisdiction: d.jurisdiction.map(presentUnit),
        // Officials' work contacts, published so that citizens and agencies can reach the right person.
        focalOfficers: d.focalOfficers.map((o) => ({ name: o.name, position: o.position, phone: o.phone, email: o.email, updatedAt: o.updatedAt.toISOString() })),
      };
    },
  );
}
