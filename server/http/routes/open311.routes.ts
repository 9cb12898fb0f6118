/**
 * Open311 GeoReport v2 under /open311/v2 (issue 8, R-18.5, R-20), in XML (the spec's required format) and JSON,
 * chosen by the path's suffix; errors in the spec's own format (`<errors><error><code/><description/></error>
 * </errors>`, `[{"code","description"}]`). Plus the administrators' integration keys under
 * /api/v1/admin/integration-keys (problem+json like the rest of our API).
 *
 * The form parser (application/x-www-form-urlencoded, which Fastify does not parse by itself) is registered in
 * the Open311 plugin only: our own API stays JSON-only, which is what keeps a cross-site form from posting to it.
 * An Open311 POST is authenticated by its `api_key` alone — never by a session cookie.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { createIntegrationKey, integrationKeys, revokeKey } from '../../app/open311/integration-keys.ts';
import { open311Request, open311Requests, open311Service, open311Services, open311Updates } from '../../app/open311/read-requests.ts';
import { submitOpen311Request } from '../../app/open311/submit-request.ts';
import { checkReportSoon } from '../../app/integrity/check-report.ts';
import { reportNames } from '../../app/reports/read-reports.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError, ERRORS, type FieldProblem } from '../../domain/errors.ts';
import { OPEN311_JURISDICTION, OPEN311_PAGE_SIZE, dateWindow, parseBbox } from '../../domain/open311/index.ts';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import type { IntegrationKeyListRow } from '../../db/repos/open311.repo.ts';
import type { App } from '../app.ts';
import { nextPageUrl } from '../next-page.ts';
import { formatOfPath, sendList, sendObject, splitSuffix, type Format } from '../open311/format.ts';
import { presentCreated, presentDiscovery, presentRequest, presentService, presentServiceDefinition, presentToken, presentUpdate } from '../open311/presenters.ts';
import { requestLang } from '../problem.ts';
import { RETRY_AFTER_SECONDS } from '../error-handler.ts';
import { fieldProblems } from '../validation-messages.ts';
import { Strict } from './schemas.ts';

const FormatParam = Type.Enum(['xml', 'json'], { description: 'xml (bắt buộc theo chuẩn) hoặc json' });
const Jurisdiction = { jurisdiction_id: Type.Optional(Type.String({ maxLength: 100, description: `Chỉ một: ${OPEN311_JURISDICTION}` })) };
const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Trang (mở rộng của iHanoi), từ 1' })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: OPEN311_PAGE_SIZE.max, default: OPEN311_PAGE_SIZE.default, description: 'Số yêu cầu mỗi trang (mở rộng của iHanoi)' })),
};
const Window = {
  start_date: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 (không ghi múi giờ: giờ Việt Nam)' })),
  end_date: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601; tối đa 90 ngày sau start_date' })),
};
const ATTRIBUTE_KEY = '^attribute\\[[A-Za-z0-9_]{1,64}\\]$';

/** Open311 answers with the spec's codes: 400, 403, 404 (and 429, 5xx where the spec says nothing). */
function open311StatusOf(status: number): number {
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 429 || status >= 500) return status;
  return 400;
}

const fieldName = (p: FieldProblem) => p.field.replace(/^(body|querystring|params)\./, '');

function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  return sendList(reply, format, 'errors', 'error', descriptions.map((description) => ({ code: String(status), description })), status);
}

/** Reads an urlencoded form: blank fields are absent, a repeated field (media_url) becomes a list. */
function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (v === '') continue;
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

function checkJurisdiction(j: string | undefined): void {
  if (j !== undefined && j !== OPEN311_JURISDICTION)
    throw new AppError('NOT_FOUND', { detail: { vi: `jurisdiction_id “${j}” không có; máy chủ này phục vụ ${OPEN311_JURISDICTION}`, en: `jurisdiction_id ${j} not found; this server serves ${OPEN311_JURISDICTION}` } });
}

/** The absolute base of this server, as the client reached it (behind a proxy: with TRUST_PROXY). */
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

function suffixed(segment: string): { id: string; format: Format } {
  const s = splitSuffix(segment);
  if (!s) throw new AppError('NOT_FOUND', { detail: { vi: 'Địa chỉ cần đuôi .xml hoặc .json', en: 'The path needs a .xml or .json suffix' } });
  return s;
}

function window(q: { start_date?: string | undefined; end_date?: string | undefined }, now: Date) {
  const w = dateWindow(q.start_date, q.end_date, now);
  if (!w.ok) throw new AppError('VALIDATION_FAILED', { errors: w.problems });
  return w;
}

async function georeport(app: App): Promise<void> {
  const ctx = app.ctx;

  // The spec's POST is a form: one way in, so a client's mistake is named instead of half-understood.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(String(body))));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const format = formatOfPath(req.url);
    const lang = requestLang(req);
    if (err instanceof AppError) {
      const status = open311StatusOf(err.status);
      const lines = err.errors.length ? err.errors.map((p) => `${fieldName(p)}: ${p.message}`) : [err.detail?.[lang] ?? ERRORS[err.code][lang]];
      return sendErrors(reply, format, status, lines);
    }
    if (err.validation) {
      const problems = fieldProblems(err.validation, err.validationContext ?? 'body', lang);
      return sendErrors(reply, format, 400, problems.map((p) => `${fieldName(p)}: ${p.message}`));
    }
    if (isDatabaseUnavailable(err)) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendErrors(reply, format, 503, [ERRORS.DATABASE_UNAVAILABLE[lang]]);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const status = open311StatusOf(err.statusCode);
      const text = err.statusCode === 429 ? ERRORS.TOO_MANY_REQUESTS[lang] : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'POST requests: gửi application/x-www-form-urlencoded' : err.message;
      return sendErrors(reply, format, status, [text]);
    }
    req.log.error({ err }, 'unhandled error');
    return sendErrors(reply, format, 500, [`${ERRORS.INTERNAL[lang]} (${String(req.id)})`]);
  });
  app.setNotFoundHandler((req, reply) => sendErrors(reply, formatOfPath(req.url), 404, [requestLang(req) === 'en' ? 'No such Open311 resource' : 'Không có tài nguyên Open311 này']));

  app.get(
    '/discovery.:format',
    { schema: { tags: ['open311'], summary: 'Open311: mô tả máy chủ (endpoint, định dạng, nơi cấp api_key)', params: Type.Object({ format: FormatParam }, Strict), querystring: Type.Object(Jurisdiction, Strict) } },
    async (req, reply) => {
      // The service list changes with the catalogue; the changeset is the time of this answer's data.
      return sendObject(reply, req.params.format, 'discovery', presentDiscovery(baseUrl(req), ctx.clock.now()));
    },
  );

  app.get(
    '/services.:format',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: danh sách dịch vụ — mỗi lĩnh vực phản ánh và loại phản ánh một dịch vụ (service_code = <loại>.<lĩnh vực>)',
        params: Type.Object({ format: FormatParam }, Strict),
        querystring: Type.Object(Jurisdiction, Strict),
      },
    },
    async (req, reply) => {
      checkJurisdiction(req.query.jurisdiction_id);
      return sendList(reply, req.params.format, 'services', 'service', (await open311Services(ctx)).map(presentService));
    },
  );

  app.get(
    '/services/:file',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: định nghĩa dịch vụ — các thuộc tính attribute[…] (bảo mật danh tính, thời điểm xảy ra …)',
        params: Type.Object({ file: Type.String({ maxLength: 200, description: '<service_code>.xml hoặc .json' }) }, Strict),
        querystring: Type.Object(Jurisdiction, Strict),
      },
    },
    async (req, reply) => {
      const { id, format } = suffixed(req.params.file);
      checkJurisdiction(req.query.jurisdiction_id);
      const s = await open311Service(ctx, id);
      return sendObject(reply, format, 'service_definition', presentServiceDefinition(s.code, s.attributes));
    },
  );

  app.post(
    '/requests.:format',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: gửi phản ánh (application/x-www-form-urlencoded, cần api_key) — như gửi trong ứng dụng, cùng các quy định định danh (R-5.5)',
        params: Type.Object({ format: FormatParam }, Strict),
        consumes: ['application/x-www-form-urlencoded'],
        body: Type.Object(
          {
            ...Jurisdiction,
            api_key: Type.Optional(Type.String({ maxLength: 200 })),
            service_code: Type.String({ minLength: 1, maxLength: 200 }),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            address_string: Type.Optional(Type.String({ maxLength: 300 })),
            address_id: Type.Optional(Type.String({ maxLength: 100 })),
            description: Type.String({ minLength: 1, maxLength: 8000 }),
            media_url: Type.Optional(Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 20, description: 'Lặp lại được; ảnh, video được tải về và kiểm tra như khi tải lên' })),
            first_name: Type.Optional(Type.String({ maxLength: 100 })),
            last_name: Type.Optional(Type.String({ maxLength: 100 })),
            email: Type.Optional(Type.String({ maxLength: 254 })),
            phone: Type.Optional(Type.String({ maxLength: 30 })),
            device_id: Type.Optional(Type.String({ maxLength: 200 })),
            deviceid: Type.Optional(Type.String({ maxLength: 200, description: 'Tên của FixMyStreet cho device_id' })),
            account_id: Type.Optional(Type.String({ maxLength: 200, description: 'Không dùng: phản ánh thuộc tài khoản gắn với api_key' })),
          },
          { additionalProperties: false, patternProperties: { [ATTRIBUTE_KEY]: Type.String({ maxLength: 1000 }) } },
        ),
      },
    },
    async (req, reply) => {
      const b = req.body as typeof req.body & Record<string, string>;
      checkJurisdiction(b.jurisdiction_id);
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(b)) {
        const m = /^attribute\[(.+)\]$/.exec(k);
        if (m?.[1] && typeof v === 'string') attributes[m[1]] = v;
      }
      const { bundle, replayed } = await submitOpen311Request(ctx, {
        api_key: b.api_key,
        service_code: b.service_code,
        lat: b.lat,
        long: b.long,
        address_string: b.address_string,
        address_id: b.address_id,
        description: b.description,
        media_url: b.media_url,
        attributes,
        first_name: b.first_name,
        last_name: b.last_name,
        email: b.email,
        phone: b.phone,
        device_id: b.device_id ?? b.deviceid,
      });
      if (!replayed) checkReportSoon(ctx, bundle.report.id, req.log);
      return sendList(reply, req.params.format, 'service_requests', 'request', [presentCreated(bundle.report)], replayed ? 200 : 201);
    },
  );

  app.get(
    '/requests.:format',
    {
      ...app.publicCache,
      schema: {
        tags: ['open311'],
        summary: 'Open311: danh sách yêu cầu công khai (không có danh tính người phản ánh, R-5.7); tối đa 90 ngày, có phân trang',
        params: Type.Object({ format: FormatParam }, Strict),
        querystring: Type.Object(
          {
            ...Jurisdiction,
            service_request_id: Type.Optional(Type.String({ maxLength: 2000, pattern: '^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$', description: 'Một hoặc nhiều mã, cách nhau dấu phẩy; khi có thì bỏ qua các điều kiện khác' })),
            service_code: Type.Optional(Type.String({ maxLength: 200 })),
            status: Type.Optional(Type.String({ pattern: '^(open|closed)(,(open|closed))?$', description: 'open, closed hoặc open,closed' })),
            bbox: Type.Optional(Type.String({ maxLength: 200, description: 'Khung bản đồ (mở rộng): tây,nam,đông,bắc (độ)' })),
            ...Window,
            ...Paging,
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const q = req.query;
      checkJurisdiction(q.jurisdiction_id);
      const w = window(q, ctx.clock.now());
      const bbox = q.bbox === undefined ? undefined : parseBbox(q.bbox);
      if (bbox === null) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'bbox', message: 'bbox = tây,nam,đông,bắc (kinh độ, vĩ độ), ví dụ 105.84,21.02,105.86,21.04' }] });
      const page = q.page ?? 1;
      const pageSize = q.page_size ?? OPEN311_PAGE_SIZE.default;
      const { more, items } = await open311Requests(ctx, {
        codes: q.service_request_id ? [...new Set(q.service_request_id.split(','))] : undefined,
        serviceCode: q.service_code,
        from: w.from,
        to: w.to,
        statuses: q.status ? (q.status.split(',') as ('open' | 'closed')[]) : ['open', 'closed'],
        bbox,
        page,
        pageSize,
      });
      if (more) reply.header('link', `<${nextPageUrl(req.url, { page: page + 1, page_size: pageSize })}>; rel="next"`);
      const names = await reportNames(ctx);
      return sendList(reply, req.params.format, 'service_requests', 'request', items.map((v) => presentRequest(v, names, baseUrl(req))));
    },
  );

  app.get(
    '/requests/:file',
    {
      ...app.publicCache,
      schema: {
        tags: ['open311'],
        summary: 'Open311: một yêu cầu công khai theo service_request_id (mã phản ánh)',
        params: Type.Object({ file: Type.String({ maxLength: 100, description: '<service_request_id>.xml hoặc .json' }) }, Strict),
        querystring: Type.Object(Jurisdiction, Strict),
      },
    },
    async (req, reply) => {
      const { id, format } = suffixed(req.params.file);
      checkJurisdiction(req.query.jurisdiction_id);
      const view = await open311Request(ctx, id);
      return sendList(reply, format, 'service_requests', 'request', [presentRequest(view, await reportNames(ctx), baseUrl(req))]);
    },
  );

  app.get(
    '/tokens/:file',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: service_request_id của một token — ở iHanoi token chính là mã phản ánh, có ngay khi gửi',
        params: Type.Object({ file: Type.String({ maxLength: 100 }) }, Strict),
        querystring: Type.Object(Jurisdiction, Strict),
      },
    },
    async (req, reply) => {
      const { id, format } = suffixed(req.params.file);
      checkJurisdiction(req.query.jurisdiction_id);
      const view = await open311Request(ctx, id);
      return sendList(reply, format, 'service_requests', 'request', [presentToken(view.report.code)]);
    },
  );

  app.get(
    '/servicerequestupdates.:format',
    {
      ...app.publicCache,
      schema: {
        tags: ['open311'],
        summary: 'Mở rộng theo FixMyStreet: các cập nhật (bước xử lý) của yêu cầu công khai trong khoảng thời gian, cũ trước',
        params: Type.Object({ format: FormatParam }, Strict),
        querystring: Type.Object({ ...Jurisdiction, ...Window, ...Paging }, Strict),
      },
    },
    async (req, reply) => {
      const q = req.query;
      checkJurisdiction(q.jurisdiction_id);
      const w = window(q, ctx.clock.now());
      const rows = await open311Updates(ctx, { from: w.from, to: w.to, page: q.page ?? 1, pageSize: q.page_size ?? OPEN311_PAGE_SIZE.default });
      return sendList(reply, req.params.format, 'service_requests_updates', 'request_update', rows.map(presentUpdate));
    },
  );
}

const presentKey = (k: IntegrationKeyListRow) => ({
  id: k.id,
  name: k.name,
  account: { id: k.user_id, kind: k.account_kind, name: k.account_name },
  createdAt: formatVietnamTime(k.created_at),
  revokedAt: k.revoked_at ? formatVietnamTime(k.revoked_at) : null,
});

export default async function open311Routes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.post(
    '/api/v1/admin/integration-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'Tạo khóa tích hợp Open311 (api_key) gắn với tài khoản tổ chức hoặc công dân đã ủy quyền cho ứng dụng; khóa chỉ hiện một lần',
        security: [{ bearer: [] }],
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }), accountId: Type.String({ format: 'uuid' }) }, Strict),
      },
    },
    async (req, reply) => {
      const k = await createIntegrationKey(ctx, req.actor, req.body);
      return reply.code(201).send({ id: k.id, key: k.key, name: k.name, accountId: k.accountId, createdAt: formatVietnamTime(k.createdAt) });
    },
  );

  app.get('/api/v1/admin/integration-keys', { schema: { tags: ['admin'], summary: 'Các khóa tích hợp Open311 (không có giá trị khóa)', security: [{ bearer: [] }] } }, async (req) => ({
    items: (await integrationKeys(ctx, req.actor)).map(presentKey),
  }));

  app.post(
    '/api/v1/admin/integration-keys/:id/revoke',
    { schema: { tags: ['admin'], summary: 'Thu hồi khóa tích hợp: từ đó mọi yêu cầu với khóa này nhận 403', security: [{ bearer: [] }], params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict) } },
    async (req, reply) => {
      await revokeKey(ctx, req.actor, req.params.id);
      return reply.code(204).send();
    },
  );

  await app.register(georeport, { prefix: '/open311/v2' });
}
