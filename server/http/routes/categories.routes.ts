/**
 * The report-category catalogue and the routing rules that choose the receiving agency
 * . Active categories are public; administrators edit categories and replace the rules
 * each edit audited; staff read the rules and preview where a report at a point would go.
 * Who may do what is decided in the use cases (server/app/catalogue), against the access policy.
 */
import { Type } from 'typebox';
import { createCategory } from '../../app/catalogue/create-category.ts';
import { getCategory, listCategories } from '../../app/catalogue/get-category.ts';
import { previewRouting } from '../../app/catalogue/preview-routing.ts';
import { listRoutingRules, replaceRoutingRules, type RoutingRuleView } from '../../app/catalogue/routing-rules.ts';
import { updateCategory } from '../../app/catalogue/update-category.ts';
import { fieldByCode } from '../../domain/agencies/index.ts';
import { REPORT_KINDS } from '../../domain/calendar/index.ts';
import {
  CATEGORY_CODE_MAX,
  CATEGORY_CODE_PATTERN,
  CATEGORY_DESCRIPTION_MAX,
  CATEGORY_NAME_MAX,
  ROUTING_FALLBACKS,
  ROUTING_NOTE_MAX,
  ROUTING_PRIORITY_MAX,
  ROUTING_RULES_MAX,
  ROUTING_TARGETS,
  SORT_ORDER_MAX,
  type Category,
} from '../../domain/catalogue/index.ts';
import type { App } from '../app.ts';
import { UnitSchema, presentUnit } from './units.routes.ts';
import { Strict } from './schemas.ts';

// Null first: Ajv runs with coerceTypes, and a string branch tried first would turn null into "".
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);

const Kind = Type.Enum(REPORT_KINDS, {
  description: 'Loại phản ánh (R-1.2): field_report (hiện trường), waste_report (hành vi lãng phí), investor_feedback (nhà đầu tư, doanh nghiệp), regulation_feedback (quy định hành chính), initiative (sáng kiến)',
});
const FieldCode = Type.String({ maxLength: 64, description: 'Mã lĩnh vực thẩm quyền (GET /api/v1/agency-fields)' });

/** Edits need a staff session: a bearer token (API clients) or the HTTP-only session cookie (web). */
const staffSession: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

const CategorySchema = Type.Object(
  {
    code: Type.String({ description: 'Mã ổn định của danh mục, ví dụ hu-hong-mat-duong' }),
    name: Type.String(),
    description: Type.String(),
    kinds: Type.Array(Kind),
    field: Type.String({ description: 'Lĩnh vực thẩm quyền quyết định cơ quan xử lý (R-5.10)' }),
    fieldName: Type.String(),
    active: Type.Boolean(),
    sortOrder: Type.Integer(),
  },
  Strict,
);

const CodeParams = Type.Object(
  { code: Type.String({ pattern: CATEGORY_CODE_PATTERN, maxLength: CATEGORY_CODE_MAX, description: 'Mã danh mục' }) },
  Strict,
);

const UnitRef = Type.Object(
  {
    version: Type.String({ pattern: '^[0-9]{4}(-[0-9]{2})?$', maxLength: 7, description: 'Phiên bản cơ cấu hành chính, ví dụ 2025-07' }),
    code: Type.String({ pattern: '^[0-9]{2,5}$', description: 'Mã đơn vị hành chính (GSO)' }),
  },
  Strict,
);

const RuleInput = Type.Object(
  {
    priority: Type.Integer({ minimum: 0, maximum: ROUTING_PRIORITY_MAX, description: 'Độ ưu tiên: số lớn được xét trước' }),
    kind: Type.Optional(Nullable(Kind)),
    categoryCode: Type.Optional(Nullable(Type.String({ maxLength: CATEGORY_CODE_MAX, description: 'Điều kiện: mã danh mục' }))),
    field: Type.Optional(Nullable(FieldCode)),
    unit: Type.Optional(Nullable(UnitRef)),
    target: Type.Enum(ROUTING_TARGETS, {
      description: 'commune_of_place: UBND cấp xã có địa bàn chứa nơi xảy ra; agency: cơ quan chỉ định trong agencyId',
    }),
    agencyId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'Cơ quan tiếp nhận khi target là agency' }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: ROUTING_NOTE_MAX, description: 'Lý do của quy tắc, hiển thị cho cán bộ' }))),
  },
  Strict,
);

const RuleSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    position: Type.Integer({ description: 'Thứ tự xét (1 = trước nhất)' }),
    priority: Type.Integer(),
    kind: Nullable(Kind),
    categoryCode: Nullable(Type.String()),
    field: Nullable(Type.String()),
    unit: Nullable(UnitRef),
    target: Type.Enum(ROUTING_TARGETS),
    agencyId: Nullable(Type.String({ format: 'uuid' })),
    agency: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), active: Type.Boolean() }, Strict)),
    note: Type.String(),
    description: Type.String({ description: 'Quy tắc viết thành một dòng tiếng Việt' }),
  },
  Strict,
);
const RulesSchema = Type.Object({ items: Type.Array(RuleSchema) }, Strict);

const presentCategory = (c: Category) => ({
  code: c.code,
  name: c.name,
  description: c.description,
  kinds: c.kinds,
  field: c.field,
  // A code dropped from the list since it was saved is still shown, by its code.
  fieldName: fieldByCode(c.field)?.vi ?? c.field,
  active: c.active,
  sortOrder: c.sortOrder,
});

const presentRule = (v: RoutingRuleView) => ({
  id: v.rule.id,
  position: v.rule.position,
  priority: v.rule.priority,
  kind: v.rule.kind,
  categoryCode: v.rule.categoryCode,
  field: v.rule.field,
  unit: v.rule.unit,
  target: v.rule.target,
  agencyId: v.rule.agencyId,
  agency: v.agency,
  note: v.rule.note,
  description: v.description,
});

export default async function categoriesRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'Danh mục phản ánh đang sử dụng, theo loại phản ánh (R-1.2)',
        description: 'Quản trị viên có thể xem cả danh mục đã ngừng sử dụng với includeInactive=true.',
        querystring: Type.Object(
          {
            kind: Type.Optional(Kind),
            includeInactive: Type.Boolean({ default: false, description: 'Cả danh mục đã ngừng sử dụng (chỉ quản trị viên)' }),
          },
          Strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(CategorySchema) }, Strict) },
      },
    },
    async (req) => {
      const items = await listCategories(ctx, req.actor, { kind: req.query.kind, includeInactive: req.query.includeInactive });
      return { items: items.map(presentCategory) };
    },
  );

  app.get(
    '/api/v1/categories/:code',
    {
      schema: {
        tags: ['categories'],
        summary: 'Một danh mục phản ánh (kể cả đã ngừng sử dụng)',
        params: CodeParams,
        response: { 200: CategorySchema },
      },
    },
    async (req) => presentCategory(await getCategory(ctx, req.params.code)),
  );

  app.post(
    '/api/v1/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'Thêm danh mục phản ánh (quản trị viên, R-28.1)',
        description: 'Mã danh mục ổn định, không đổi được sau khi tạo. Lĩnh vực thẩm quyền quyết định cơ quan tiếp nhận mặc định. Mỗi thay đổi được ghi nhật ký.',
        security: staffSession,
        body: Type.Object(
          {
            code: Type.String({ maxLength: CATEGORY_CODE_MAX, description: 'Chữ thường không dấu, chữ số, nối bằng - hoặc _, ví dụ hu-hong-mat-duong' }),
            name: Type.String({ maxLength: CATEGORY_NAME_MAX, description: `Tên tiếng Việt, 2–${CATEGORY_NAME_MAX} ký tự` }),
            description: Type.Optional(Nullable(Type.String({ maxLength: CATEGORY_DESCRIPTION_MAX }))),
            kinds: Type.Array(Kind, { minItems: 1, maxItems: REPORT_KINDS.length, description: 'Các loại phản ánh áp dụng' }),
            field: FieldCode,
            active: Type.Optional(Type.Boolean()),
            sortOrder: Type.Optional(Type.Integer({ minimum: -SORT_ORDER_MAX, maximum: SORT_ORDER_MAX, description: 'Thứ tự hiển thị (nhỏ trước)' })),
          },
          Strict,
        ),
        response: { 201: CategorySchema },
      },
    },
    async (req, reply) => {
      const category = await createCategory(ctx, req.actor, req.body);
      return reply.code(201).send(presentCategory(category));
    },
  );

  app.patch(
    '/api/v1/categories/:code',
    {
      schema: {
        tags: ['categories'],
        summary: 'Sửa danh mục phản ánh: tên, mô tả, loại phản ánh, lĩnh vực, trạng thái, thứ tự (quản trị viên, R-28.1)',
        description: 'Chỉ gửi các trường cần đổi; mã danh mục không đổi được. `kinds` thay thế toàn bộ danh sách cũ. Mỗi thay đổi được ghi nhật ký.',
        security: staffSession,
        params: CodeParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: CATEGORY_NAME_MAX })),
            description: Type.Optional(Nullable(Type.String({ maxLength: CATEGORY_DESCRIPTION_MAX }))),
            kinds: Type.Optional(Type.Array(Kind, { minItems: 1, maxItems: REPORT_KINDS.length })),
            field: Type.Optional(FieldCode),
            active: Type.Optional(Type.Boolean({ description: 'false: ngừng sử dụng — không chọn được cho phản ánh mới' })),
            sortOrder: Type.Optional(Type.Integer({ minimum: -SORT_ORDER_MAX, maximum: SORT_ORDER_MAX })),
          },
          Strict,
        ),
        response: { 200: CategorySchema },
      },
    },
    async (req) => presentCategory(await updateCategory(ctx, req.actor, req.params.code, req.body)),
  );

  app.get(
    '/api/v1/routing-rules',
    {
      schema: {
        tags: ['routing'],
        summary: 'Quy tắc chọn cơ quan tiếp nhận phản ánh, theo thứ tự xét (cán bộ)',
        description:
          'Quy tắc được xét theo độ ưu tiên (lớn trước), rồi quy tắc nhiều điều kiện hơn trước. Quy tắc đầu tiên khớp và có cơ quan nhận được sẽ quyết định; không quy tắc nào quyết định thì áp dụng mặc định của Quy chế.',
        security: staffSession,
        response: { 200: RulesSchema },
      },
    },
    async (req) => ({ items: (await listRoutingRules(ctx, req.actor)).map(presentRule) }),
  );

  app.put(
    '/api/v1/routing-rules',
    {
      schema: {
        tags: ['routing'],
        summary: 'Thay toàn bộ quy tắc chọn cơ quan tiếp nhận (quản trị viên, R-28.1)',
        description: `Tối đa ${ROUTING_RULES_MAX} quy tắc; danh sách thay thế danh sách cũ và được ghi nhật ký. Điều kiện bỏ trống (null) khớp mọi giá trị.`,
        security: staffSession,
        body: Type.Object({ rules: Type.Array(RuleInput, { maxItems: ROUTING_RULES_MAX }) }, Strict),
        response: { 200: RulesSchema },
      },
    },
    async (req) => ({ items: (await replaceRoutingRules(ctx, req.actor, req.body.rules)).map(presentRule) }),
  );

  app.get(
    '/api/v1/routing/preview',
    {
      schema: {
        tags: ['routing'],
        summary: 'Xem trước cơ quan tiếp nhận của một phản ánh tại một điểm (cán bộ)',
        description: 'Tìm xã, phường tại điểm (lat, lng) rồi áp dụng quy tắc phân luồng; không có điểm thì chọn cơ quan không theo địa bàn.',
        security: staffSession,
        querystring: Type.Object(
          {
            kind: Kind,
            category: Type.String({ maxLength: CATEGORY_CODE_MAX, description: 'Mã danh mục' }),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'Vĩ độ' })),
            lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'Kinh độ' })),
          },
          Strict,
        ),
        response: {
          200: Type.Object(
            {
              agencyId: Type.String({ format: 'uuid' }),
              agencyCode: Type.String(),
              agencyName: Type.String(),
              rule: Type.String({ description: 'Quy tắc (hoặc mặc định của Quy chế) đã chọn cơ quan' }),
              ruleId: Nullable(Type.String({ format: 'uuid' })),
              fallback: Nullable(Type.Enum(ROUTING_FALLBACKS, { description: 'Mặc định của Quy chế đã chọn cơ quan khi không quy tắc nào quyết định' })),
              category: Type.Object({ code: Type.String(), name: Type.String(), field: Type.String() }, Strict),
              place: Nullable(Type.Object({ unit: UnitSchema, parent: Nullable(UnitSchema), approximate: Type.Boolean() }, Strict)),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => {
      const p = await previewRouting(ctx, req.actor, req.query);
      return {
        ...p,
        place: p.place && { unit: presentUnit(p.place.unit), parent: p.place.parent && presentUnit(p.place.parent), approximate: p.place.approximate },
      };
    },
  );
}
