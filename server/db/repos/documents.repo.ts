/**
 * The Center's report documents and their files (migration 0024, issue 10 item 4, ADR 0012). A document is written
 * once, with all its files, in the generating unit of work; a scheduled one at most once per period and scope (the
 * partial unique index), whichever server inserts first.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import type { OversightDocumentFilesTable, OversightDocumentsTable } from '../schema/documents.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface DocumentRowInput {
  id: string;
  periodKind: OversightDocumentsTable['period_kind'];
  firstMonth: string;
  lastMonth: string;
  agencyId: string | null;
  title: string;
  generatedAt: Date;
  generatedBy: string | null;
  asOf: Date;
}

export interface DocumentFileInput {
  format: OversightDocumentFilesTable['format'];
  section: string;
  content: Buffer;
  sha256: string;
}

export interface DocumentFileInfo {
  format: OversightDocumentFilesTable['format'];
  section: string;
  size: number;
  sha256: string;
}

export interface DocumentRecord extends DocumentRowInput {
  agencyName: string | null;
  generatedByName: string | null;
  files: DocumentFileInfo[];
}

/** The agencies whose documents may be read: 'all' (the city's too), or these agencies' own. */
export type DocumentScope = 'all' | readonly string[];

/**
 * Stores the document and its files; false (and nothing stored) when it is a scheduled one that another run or
 * server already stored for the same period and scope.
 */
export async function insertDocument(tx: Transaction<DB>, d: DocumentRowInput, files: readonly DocumentFileInput[]): Promise<boolean> {
  const inserted = await tx
    .insertInto('oversight_documents')
    .values({
      id: d.id,
      period_kind: d.periodKind,
      first_month: d.firstMonth,
      last_month: d.lastMonth,
      agency_id: d.agencyId,
      title: d.title,
      generated_at: d.generatedAt,
      generated_by: d.generatedBy,
      as_of: d.asOf,
    })
    .onConflict((oc) => oc.columns(['period_kind', 'first_month', 'last_month', 'agency_id']).where('generated_by', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await tx
    .insertInto('oversight_document_files')
    .values(files.map((f) => ({ document_id: d.id, format: f.format, section: f.section, size: f.content.byteLength, sha256: f.sha256, content: f.content })))
    .execute();
  return true;
}

/** Whether the scheduled document of this period and scope (null = the city) is stored. */
export async function scheduledDocumentExists(q: Q, p: { periodKind: string; firstMonth: string; lastMonth: string; agencyId: string | null }): Promise<boolean> {
  const row = await q
    .selectFrom('oversight_documents')
    .select('id')
    .where('generated_by', 'is', null)
    .where('period_kind', '=', p.periodKind as OversightDocumentsTable['period_kind'])
    .where('first_month', '=', p.firstMonth)
    .where('last_month', '=', p.lastMonth)
    .where(sql<boolean>`agency_id IS NOT DISTINCT FROM ${p.agencyId}::uuid`)
    .executeTakeFirst();
  return row !== undefined;
}

function documentsQuery(q: Q, scope: DocumentScope) {
  let query = q
    .selectFrom('oversight_documents as d')
    .leftJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('users as u', 'u.id', 'd.generated_by')
    .select([
      'd.id',
      'd.period_kind',
      'd.first_month',
      'd.last_month',
      'd.agency_id',
      'd.title',
      'd.generated_at',
      'd.generated_by',
      'd.as_of',
      'a.name as agency_name',
      'u.display_name as generated_by_name',
    ]);
  if (scope !== 'all') query = scope.length === 0 ? query.where(sql<boolean>`false`) : query.where('d.agency_id', 'in', scope);
  return query;
}

/** Adds the files' sizes and hashes (never their content) to document rows. */
async function withFiles(q: Q, rows: Awaited<ReturnType<ReturnType<typeof documentsQuery>['execute']>>): Promise<DocumentRecord[]> {
  if (rows.length === 0) return [];
  const files = await q
    .selectFrom('oversight_document_files')
    .select(['document_id', 'format', 'section', 'size', 'sha256'])
    .where(
      'document_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('document_id')
    .orderBy('format', 'desc') // xlsx, pdf, csv
    .orderBy('section')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    periodKind: r.period_kind,
    firstMonth: r.first_month,
    lastMonth: r.last_month,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    title: r.title,
    generatedAt: r.generated_at,
    generatedBy: r.generated_by,
    generatedByName: r.generated_by_name,
    asOf: r.as_of,
    files: files.filter((f) => f.document_id === r.id).map((f) => ({ format: f.format, section: f.section, size: f.size, sha256: f.sha256 })),
  }));
}

/** Newest first; one row more than `limit` tells the caller that a next page exists. */
export async function listDocuments(
  q: Q,
  f: { scope: DocumentScope; agencyId?: string | undefined; periodKind?: string | undefined; limit: number; offset: number },
): Promise<DocumentRecord[]> {
  let query = documentsQuery(q, f.scope);
  if (f.agencyId !== undefined) query = query.where('d.agency_id', '=', f.agencyId);
  if (f.periodKind !== undefined) query = query.where('d.period_kind', '=', f.periodKind as OversightDocumentsTable['period_kind']);
  const rows = await query.orderBy('d.generated_at', 'desc').orderBy('d.id', 'desc').limit(f.limit + 1).offset(f.offset).execute();
  return withFiles(q, rows);
}

export async function findDocument(q: Q, id: string, scope: DocumentScope): Promise<DocumentRecord | undefined> {
  const rows = await documentsQuery(q, scope).where('d.id', '=', id).execute();
  return (await withFiles(q, rows))[0];
}

export async function documentFileContent(q: Q, id: string, format: string, section: string): Promise<Buffer | undefined> {
  const row = await q
    .selectFrom('oversight_document_files')
    .select('content')
    .where('document_id', '=', id)
    .where('format', '=', format as OversightDocumentFilesTable['format'])
    .where('section', '=', section)
    .executeTakeFirst();
  return row ? Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength) : undefined;
}
