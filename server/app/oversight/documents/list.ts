/**
 * The stored report documents (issue 10 item 4, R-18.3b, R-25.4): listed newest first with their period, when and by
 * whom (or the schedule) they were generated and their files; and one file downloaded. The city's documents are
 * for the roles holding 'oversight.read' city-wide; an agency-scoped holder sees its own agencies' documents only —
 * another's is "not found", as an unknown one.
 */
import type { Actor } from '../../../domain/access/index.ts';
import { AppError } from '../../../domain/errors.ts';
import { documentFileContent, findDocument, listDocuments, type DocumentRecord } from '../../../db/repos/documents.repo.ts';
import type { AppContext } from '../../context.ts';
import { oversightScope } from '../summary.ts';

export const DOCUMENTS_PAGE_MAX = 100;

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8; header=present',
} as const;
export type DocumentFormat = keyof typeof CONTENT_TYPES;

export interface ListQuery {
  agencyId?: string | undefined;
  periodKind?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function listOversightDocuments(ctx: AppContext, actor: Actor, q: ListQuery): Promise<{ items: DocumentRecord[]; more: boolean }> {
  const scope = oversightScope(actor);
  if (q.agencyId !== undefined && scope !== 'all' && !scope.includes(q.agencyId)) throw new AppError('FORBIDDEN');
  const limit = q.limit ?? 20;
  const rows = await listDocuments(ctx.db, { scope, agencyId: q.agencyId, periodKind: q.periodKind, limit, offset: q.offset ?? 0 });
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

const notFound = (vi: string, en: string) => new AppError('NOT_FOUND', { detail: { vi, en } });

export async function oversightDocument(ctx: AppContext, actor: Actor, id: string): Promise<DocumentRecord> {
  const doc = await findDocument(ctx.db, id, oversightScope(actor));
  if (!doc) throw notFound(`Không có báo cáo "${id}"`, `No report document "${id}"`);
  return doc;
}

/** One file of a document: xlsx, pdf, or the CSV of one section (its key). */
export async function downloadOversightDocument(
  ctx: AppContext,
  actor: Actor,
  q: { id: string; format: string; section?: string | undefined },
): Promise<{ doc: DocumentRecord; format: DocumentFormat; section: string; content: Buffer }> {
  const doc = await oversightDocument(ctx, actor, q.id);
  const section = q.section ?? '';
  const info = doc.files.find((f) => f.format === q.format && f.section === section);
  if (!info) {
    const sections = doc.files.filter((f) => f.format === 'csv').map((f) => f.section);
    const what = q.format === 'csv' ? `bảng "${section}" (có: ${sections.join(', ')})` : `dạng "${q.format}" (có: xlsx, pdf, csv/<bảng>)`;
    throw notFound(`Báo cáo không có tệp ${what}`, `The document has no such file: ${q.format}${section ? `/${section}` : ''}`);
  }
  const content = await documentFileContent(ctx.db, doc.id, info.format, section);
  if (!content) throw notFound('Tệp của báo cáo không còn', 'The file is gone');
  return { doc, format: info.format, section, content };
}
