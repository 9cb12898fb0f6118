/**
 * The Center's reports as documents (issue 10 item 4; R-18.3b monthly, quarterly, yearly and ad-hoc reports,
 * an agency's own, R-18.4 the month's reprimand flags) — generated on demand or by the schedule, listed,
 * downloaded as xlsx, PDF or the CSV of one table — and the list of every agency's focal officers with its export
 * (issue 10 item 6, R-18.2b). Counts, report codes and agency names only: no reporter identity.
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { PERIOD_KINDS } from '../../app/oversight/documents/periods.ts';
import { generateDocument } from '../../app/oversight/documents/generate.ts';
import { CONTENT_TYPES, DOCUMENTS_PAGE_MAX, downloadOversightDocument, listOversightDocuments, oversightDocument } from '../../app/oversight/documents/list.ts';
import { focalOfficersList, focalOfficersModel } from '../../app/oversight/focal-officers.ts';
import { renderSectionCsv } from '../../adapters/documents/csv.ts';
import { renderXlsx } from '../../adapters/documents/xlsx.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import type { DocumentRecord } from '../../db/repos/documents.repo.ts';
import type { App } from '../app.ts';
import { contentDisposition } from '../content-disposition.ts';
import { nextPageUrl } from '../next-page.ts';
import { MONTH } from './oversight-schemas.ts';
import { Strict } from './schemas.ts';

const BASE = '/api/v1/oversight/documents';
const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const DocumentSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    title: Type.String({ description: 'Ví dụ: Báo cáo tháng 10/2026, Báo cáo quý IV/2026, Báo cáo năm 2026' }),
    periodKind: Type.Enum([...PERIOD_KINDS], { description: 'month: tháng; quarter: quý; year: năm; custom: đột xuất (khoảng tháng bất kỳ)' }),
    firstMonth: Type.String({ description: 'Tháng đầu của kỳ, YYYY-MM (giờ Việt Nam)' }),
    lastMonth: Type.String({ description: 'Tháng cuối của kỳ, YYYY-MM' }),
    agency: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, Strict)),
    generatedAt: Type.String({ description: 'Thời điểm lập, giờ Việt Nam (+07:00)' }),
    asOf: Type.String({ description: 'Số liệu tính đến thời điểm này (+07:00)' }),
    scheduled: Type.Boolean({ description: 'true: do hệ thống tự lập khi hết kỳ' }),
    generatedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, Strict)),
    files: Type.Array(
      Type.Object(
        {
          format: Type.Enum(['xlsx', 'pdf', 'csv']),
          section: Nullable(Type.String({ description: 'Bảng của tệp CSV (mỗi bảng một tệp)' })),
          size: Type.Integer({ description: 'Byte' }),
          sha256: Type.String(),
          contentType: Type.String(),
          url: Type.String(),
        },
        Strict,
      ),
    ),
  },
  Strict,
);

function presentDocument(d: DocumentRecord) {
  const base = `${BASE}/${d.id}`;
  return {
    id: d.id,
    title: d.title,
    periodKind: d.periodKind,
    firstMonth: d.firstMonth,
    lastMonth: d.lastMonth,
    agency: d.agencyId ? { id: d.agencyId, name: d.agencyName ?? d.agencyId } : null,
    generatedAt: formatVietnamTime(d.generatedAt),
    asOf: formatVietnamTime(d.asOf),
    scheduled: d.generatedBy === null,
    generatedBy: d.generatedBy ? { id: d.generatedBy, name: d.generatedByName ?? d.generatedBy } : null,
    files: d.files.map((f) => ({
      format: f.format,
      section: f.section || null,
      size: f.size,
      sha256: f.sha256,
      contentType: CONTENT_TYPES[f.format],
      url: f.format === 'csv' ? `${base}/csv/${f.section}` : `${base}/${f.format}`,
    })),
  };
}

/** "Báo cáo tháng 10-2026 - Sở Xây dựng - agencies.csv": the title, the agency, the table; no slash in a file name. */
function fileName(d: DocumentRecord, format: string, section: string): string {
  return `${[d.title, d.agencyName, section].filter(Boolean).join(' - ').replace(/[/\\]/g, '-')}.${format}`;
}

/** The stored bytes with their type and a Vietnamese file name; a stored document never changes. */
function sendFile(reply: FastifyReply, file: Awaited<ReturnType<typeof downloadOversightDocument>>): Buffer {
  reply.header('content-disposition', contentDisposition('attachment', fileName(file.doc, file.format, file.section)));
  reply.header('cache-control', 'private, max-age=86400, immutable');
  reply.type(CONTENT_TYPES[file.format]);
  return file.content;
}

export default async function oversightDocumentsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;
  const tags = ['oversight'];

  app.post(
    BASE,
    {
      schema: {
        tags,
        summary: 'Lập báo cáo định kỳ hoặc đột xuất (R-18.3b) dạng xlsx, PDF và CSV: toàn Thành phố, hoặc của một cơ quan (R-25.4)',
        description:
          'kind = month (period: YYYY-MM), quarter (period: YYYY-Qn), year (period: YYYY) hoặc custom (from, to: YYYY-MM, tối đa 36 tháng). Báo cáo tháng có thêm đề xuất kiểm điểm (R-18.4). Báo cáo toàn Thành phố dành cho người theo dõi số liệu toàn Thành phố; cơ quan chỉ lập báo cáo của mình. Báo cáo được lưu, không thay đổi; hệ thống tự lập báo cáo tháng, quý, năm khi hết kỳ.',
        security,
        body: Type.Object(
          {
            kind: Type.Enum([...PERIOD_KINDS], { description: 'month: tháng; quarter: quý; year: năm; custom: khoảng tháng bất kỳ' }),
            period: Type.Optional(Type.String({ maxLength: 7, description: 'Kỳ: 2026-10 (tháng), 2026-Q4 (quý), 2026 (năm)' })),
            from: Type.Optional(Type.String({ pattern: MONTH, description: 'custom: tháng đầu, YYYY-MM' })),
            to: Type.Optional(Type.String({ pattern: MONTH, description: 'custom: tháng cuối, YYYY-MM' })),
            agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Báo cáo của một cơ quan (mặc định: toàn Thành phố, hoặc cơ quan duy nhất của người lập)' })),
          },
          Strict,
        ),
        response: { 201: DocumentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(presentDocument(await generateDocument(ctx, req.actor, req.body))),
  );

  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: 'Danh sách báo cáo đã lập (mới nhất trước): kỳ, thời điểm lập, người lập hoặc hệ thống, các tệp và dung lượng',
        security,
        querystring: Type.Object(
          {
            agencyId: Type.Optional(Type.String({ format: 'uuid', description: 'Chỉ báo cáo của cơ quan này' })),
            periodKind: Type.Optional(Type.Enum([...PERIOD_KINDS])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DOCUMENTS_PAGE_MAX, default: 20 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          Strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(DocumentSchema), next: Nullable(Type.String()) }, Strict) },
      },
    },
    async (req) => {
      const q = req.query;
      const { items, more } = await listOversightDocuments(ctx, req.actor, q);
      const limit = q.limit ?? 20;
      return { items: items.map(presentDocument), next: more ? nextPageUrl(req.url, { offset: (q.offset ?? 0) + limit, limit }) : null };
    },
  );

  const IdParam = { id: Type.String({ format: 'uuid' }) };

  app.get(
    `${BASE}/:id`,
    { schema: { tags, summary: 'Một báo cáo đã lập và các tệp của nó', security, params: Type.Object(IdParam, Strict), response: { 200: DocumentSchema } } },
    async (req) => presentDocument(await oversightDocument(ctx, req.actor, req.params.id)),
  );

  app.get(
    `${BASE}/:id/:format`,
    {
      schema: {
        tags,
        summary: 'Tải báo cáo dạng xlsx (mỗi bảng một trang tính, dòng tổng bằng công thức) hoặc PDF (A4, có biểu đồ)',
        security,
        params: Type.Object({ ...IdParam, format: Type.String({ maxLength: 10, description: 'xlsx hoặc pdf (CSV: /csv/<bảng>)' }) }, Strict),
      },
    },
    async (req, reply) => sendFile(reply, await downloadOversightDocument(ctx, req.actor, { id: req.params.id, format: req.params.format })),
  );

  app.get(
    `${BASE}/:id/csv/:section`,
    {
      schema: {
        tags,
        summary: 'Tải một bảng của báo cáo dạng CSV (UTF-8 có BOM để Excel hiển thị tiếng Việt)',
        security,
        params: Type.Object({ ...IdParam, section: Type.String({ maxLength: 64, description: 'Mã bảng, như trong danh sách tệp của báo cáo' }) }, Strict),
      },
    },
    async (req, reply) => sendFile(reply, await downloadOversightDocument(ctx, req.actor, { id: req.params.id, format: 'csv', section: req.params.section })),
  );

  const FocalOfficer = Type.Object(
    { name: Type.String(), position: Type.String(), phone: Nullable(Type.String()), email: Nullable(Type.String()), updatedAt: Type.String() },
    Strict,
  );
  app.get(
    '/api/v1/oversight/focal-officers',
    {
      schema: {
        tags,
        summary: 'Danh sách cán bộ đầu mối của các cơ quan (R-18.2b), kể cả cơ quan chưa có; xuất tệp: .csv hoặc .xlsx',
        security,
        response: {
          200: Type.Object(
            {
              generatedAt: Type.String(),
              agencies: Type.Array(Type.Object({ agencyId: Type.String(), code: Type.String(), name: Type.String(), level: Type.String(), officers: Type.Array(FocalOfficer) }, Strict)),
            },
            Strict,
          ),
        },
      },
    },
    async (req) => ({
      generatedAt: formatVietnamTime(ctx.clock.now()),
      agencies: (await focalOfficersList(ctx, req.actor)).map((a) => ({ ...a, officers: a.officers.map((o) => ({ ...o, updatedAt: formatVietnamTime(o.updatedAt) })) })),
    }),
  );

  app.get(
    '/api/v1/oversight/focal-officers.:format',
    {
      schema: {
        tags,
        summary: 'Xuất danh sách cán bộ đầu mối (R-18.2b): xlsx hoặc CSV UTF-8',
        security,
        params: Type.Object({ format: Type.Enum(['csv', 'xlsx']) }, Strict),
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      const model = focalOfficersModel(await focalOfficersList(ctx, req.actor), now);
      const format = req.params.format;
      const name = `Danh sách cán bộ đầu mối ${formatVietnamTime(now).slice(0, 10)}.${format}`;
      reply.header('content-disposition', contentDisposition('attachment', name)).type(CONTENT_TYPES[format]);
      return format === 'csv' ? renderSectionCsv(model.sections[0]!) : renderXlsx(model);
    },
  );
}
