/**
 * Agencies (R-2, R-18.2b, R-28.1): who handles what, where, and who their focal officers are. Reading is
 * public; edits go through the use cases in server/app/agencies, behind the access policy — an administrator
 * edits an agency, the Center keeps the focal officers (R-18.2b). Every edit is audited.
 */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { Type } from 'typebox';
import { auditActor, requirePermission } from '../../app/accounts/staff.ts';
import { agencyDetail, type AgencyDetail } from '../../app/agencies/get-agency.ts';
import { listAgencies } from '../../app/agencies/list-agencies.ts';
import { setFocalOfficers } from '../../app/agencies/set-focal-officers.ts';
import { updateAgency } from '../../app/agencies/update-agency.ts';
import { can } from '../../domain/access/index.ts';
import {
  AGENCY_CODE_PATTERN,
  AGENCY_KINDS,
  AGENCY_LEVELS,
  FIELDS,
  FIELD_CODES,
  FOCAL_OFFICERS_MAX,
  JURISDICTION_MAX,
  NAME_MAX,
  SHORT_NAME_MAX,
  type Agency,
} from '../../domain/agencies/index.ts';
import type { FocalOfficerRecord } from '../../db/repos/agencies.repo.ts';
import type { App } from '../app.ts';
import { UnitSchema, presentUnit } from './units.routes.ts';
import { Strict } from './schemas.ts';

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

const FocalOfficerSchema = Type.Object(
  {
    name: Type.String(),
    position: Type.String(),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  Strict,
);

const AgencyDetailSchema = Type.Object(
  {
    ...agencyProperties,
    fields: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }, Strict)),
    jurisdiction: Type.Array(UnitSchema),
    focalOfficers: Type.Array(FocalOfficerSchema),
  },
  Strict,
);

/** Staff edit an agency by its id (the UUID of GET /api/v1/agencies). */
const AgencyIdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'id (UUID) của cơ quan' }) }, Strict);

const UnitRef = Type.Object(
  {
    version: Type.String({ pattern: '^[0-9]{4}(-[0-9]{2})?$', maxLength: 7, description: 'Phiên bản cơ cấu hành chính, ví dụ 2025-07' }),
    code: Type.String({ pattern: '^[0-9]{2,5}$', description: 'Mã đơn vị hành chính (GSO)' }),
  },
  Strict,
);

/** Edits need a staff session: a bearer token (API clients) or the HTTP-only session cookie (web). */
const staffSession: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

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

const presentFocalOfficer = (o: FocalOfficerRecord) => ({
  name: o.name,
  position: o.position,
  phone: o.phone,
  email: o.email,
  updatedAt: formatVietnamTime(o.updatedAt),
});

const presentDetail = (d: AgencyDetail) => ({
  ...presentAgency(d.agency),
  fields: d.fields,
  jurisdiction: d.jurisdiction.map(presentUnit),
  // Officials' work contacts, published so that citizens and agencies can reach the right person.
  focalOfficers: d.focalOfficers.map(presentFocalOfficer),
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
        response: { 200: AgencyDetailSchema },
      },
    },
    async (req) => presentDetail(await agencyDetail(ctx, req.params.id)),
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Sửa thông tin cơ quan: tên, tên viết tắt, lĩnh vực, phạm vi, trạng thái hoạt động (quản trị viên, R-28.1)',
        description:
          'Chỉ gửi các trường cần đổi. `fields` và `jurisdiction` thay thế toàn bộ danh sách cũ. Cơ quan đang hoạt động phải có ít nhất một đơn vị thuộc phạm vi. Mỗi thay đổi được ghi nhật ký.',
        security: staffSession,
        params: AgencyIdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: NAME_MAX, description: `Tên đầy đủ, 2–${NAME_MAX} ký tự` })),
            shortName: Type.Optional(Nullable(Type.String({ maxLength: SHORT_NAME_MAX, description: 'Tên viết tắt; null hoặc chuỗi rỗng để xóa' }))),
            fields: Type.Optional(
              Type.Array(Type.String({ maxLength: 64 }), {
                maxItems: FIELD_CODES.length,
                description: 'Mã lĩnh vực thẩm quyền (GET /api/v1/agency-fields); thay thế toàn bộ danh sách',
              }),
            ),
            jurisdiction: Type.Optional(
              Type.Array(UnitRef, { maxItems: JURISDICTION_MAX, description: 'Các đơn vị hành chính thuộc phạm vi; thay thế toàn bộ danh sách' }),
            ),
            active: Type.Optional(Type.Boolean({ description: 'false: cơ quan ngừng nhận phản ánh' })),
          },
          Strict,
        ),
        response: { 200: AgencyDetailSchema },
      },
    },
    async (req) => {
      const actor = req.actor;
      const { id } = req.params;
      requirePermission(actor, can(actor, 'agency.manage', { agencyId: id }));
      await updateAgency(ctx, auditActor(actor), id, req.body);
      return presentDetail(await agencyDetail(ctx, id));
    },
  );

  app.put(
    '/api/v1/agencies/:id/focal-officers',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Cập nhật danh sách cán bộ đầu mối của cơ quan (Trung tâm, quản trị viên, R-18.2b)',
        description: `Danh sách thay thế toàn bộ danh sách cũ (tối đa ${FOCAL_OFFICERS_MAX} người; danh sách rỗng để xóa). Mỗi người cần họ tên, chức vụ và ít nhất số điện thoại hoặc e-mail. Mỗi thay đổi được ghi nhật ký.`,
        security: staffSession,
        params: AgencyIdParams,
        body: Type.Object(
          {
            officers: Type.Array(
              Type.Object(
                {
                  name: Type.String({ maxLength: 200, description: 'Họ và tên' }),
                  position: Type.String({ maxLength: 200, description: 'Chức vụ' }),
                  phone: Type.Optional(Nullable(Type.String({ maxLength: 30, description: 'Số điện thoại công vụ' }))),
                  email: Type.Optional(Nullable(Type.String({ maxLength: 254, description: 'E-mail công vụ' }))),
                },
                Strict,
              ),
              { maxItems: FOCAL_OFFICERS_MAX },
            ),
          },
          Strict,
        ),
        response: { 200: Type.Object({ officers: Type.Array(FocalOfficerSchema) }, Strict) },
      },
    },
    async (req) => {
      const actor = req.actor;
      const { id } = req.params;
      requirePermission(actor, can(actor, 'agency.focalOfficers.manage', { agencyId: id }));
      const officers = await setFocalOfficers(ctx, auditActor(actor), id, req.body.officers);
      return { officers: officers.map(presentFocalOfficer) };
    },
  );
}
