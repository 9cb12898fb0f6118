/**
 * Generating a report document (issue 10 item 4; R-18.3b monthly, quarterly, yearly and ad-hoc reports, R-25.4 an
 * agency's own figures, R-18.4 the month's reprimand flags): the figures from the use cases the dashboard uses
 * (oversightSummary, reprimandFlags, alertFigures — no figure SQL of its own), mapped to tables (sections.ts), rendered as xlsx,
 * PDF and one CSV per table, then stored with an audit event in one unit of work. One code path for a request and
 * for the scheduled job (jobs/period-reports.ts), which acts as the platform with the city overseer's reading scope.
 *
 * Who: the roles holding 'oversight.read'. A document of the whole city needs that permission city-wide; an
 * agency-scoped holder generates its own agency's only.
 */
import { uuidv7 } from 'uuidv7';
import { renderSectionCsv } from '../../../adapters/documents/csv.ts';
import { renderPdf } from '../../../adapters/documents/pdf.ts';
import { renderXlsx } from '../../../adapters/documents/xlsx.ts';
import { sha256Hex } from '../../../adapters/media/hash.ts';
import type { Actor } from '../../../domain/access/index.ts';
import { AppError, invalid } from '../../../domain/errors.ts';
import { agenciesByIds } from '../../../db/repos/agencies.repo.ts';
import { findDocument, insertDocument, type DocumentFileInput, type DocumentRecord } from '../../../db/repos/documents.repo.ts';
import { auditActor } from '../../accounts/staff.ts';
import type { AppContext } from '../../context.ts';
import { SYSTEM_ACTOR, unitOfWork, type AuditActor } from '../../unit-of-work.ts';
import { alertFigures } from '../alert-figures.ts';
import { reprimandFlags, type ReprimandFlags } from '../reprimand.ts';
import { oversightScope, oversightSummary } from '../summary.ts';
import { askedPeriod, type DocumentPeriod, type PeriodRequest } from './periods.ts';
import { documentModel } from './sections.ts';

export const DOCUMENT_GENERATED = 'oversight.document.generate';

export interface GenerateRequest extends PeriodRequest {
  /** An agency's own document; absent: the whole city (or the caller's only agency). */
  agencyId?: string | undefined;
}

/** Who generates: the actor whose scope reads the figures, the audit actor, and the account stored (null: scheduled). */
interface Generator {
  reader: Actor;
  audit: AuditActor;
  userId: string | null;
}

/**
 * The scheduled job reads the figures as the city overseer would (city-wide 'oversight.read') but is no account:
 * it is audited as `system` and stored with no generator.
 */
const SCHEDULE: Generator = { reader: { kind: 'staff', userId: 'system', memberships: [{ agencyId: 'system', role: 'city_overseer' }] }, audit: SYSTEM_ACTOR, userId: null };

/** The agency of the document (null = the city) the actor may generate, or 403 / 400. */
function documentAgency(actor: Actor, agencyId: string | undefined): string | null {
  const scope = oversightScope(actor);
  if (scope === 'all') return agencyId ?? null;
  if (agencyId !== undefined) {
    if (!scope.includes(agencyId)) throw new AppError('FORBIDDEN');
    return agencyId;
  }
  if (scope.length === 1) return scope[0]!;
  throw invalid([{ field: 'body.agencyId', message: 'Chọn cơ quan của báo cáo: bạn theo dõi số liệu của nhiều cơ quan, không phải toàn Thành phố' }]);
}

/** On demand (POST): any period, the whole city or one agency; 201 with the stored document. */
export async function generateDocument(ctx: AppContext, actor: Actor, q: GenerateRequest): Promise<DocumentRecord> {
  const agencyId = documentAgency(actor, q.agencyId);
  const period = askedPeriod(q, ctx.clock.now());
  const id = await produce(ctx, { reader: actor, audit: auditActor(actor), userId: actor.kind === 'staff' ? actor.userId : null }, period, agencyId);
  return (await findDocument(ctx.db, id!, 'all'))!;
}

/** For the scheduled job: the city's document of a period; null when one is stored already (by this or another server). */
export async function generateScheduledDocument(ctx: AppContext, period: DocumentPeriod): Promise<string | null> {
  return produce(ctx, SCHEDULE, period, null);
}

/** The flags naming the agency, for its own document (the city's has them all). */
function flagsOf(flags: ReprimandFlags, agencyId: string | null): ReprimandFlags {
  if (agencyId === null) return flags;
  return { ...flags, agencies: flags.agencies.filter((a) => a.agencyId === agencyId), matters: flags.matters.filter((m) => m.agencies.some((a) => a.agencyId === agencyId)) };
}

/** Figures → model → files → one unit of work (row, files, audit event). The new document's id, or null when a scheduled one exists. */
async function produce(ctx: AppContext, by: Generator, period: DocumentPeriod, agencyId: string | null): Promise<string | null> {
  const generatedAt = ctx.clock.now();
  const agency = agencyId === null ? null : (await agenciesByIds(ctx.db, [agencyId]))[0];
  if (agency === undefined) throw invalid([{ field: 'body.agencyId', message: 'Không có cơ quan này' }]);
  const summary = await oversightSummary(ctx, by.reader, { from: period.firstMonth, to: period.lastMonth, agencyId: agencyId ?? undefined });
  const flags = period.kind === 'month' ? flagsOf(await reprimandFlags(ctx, by.reader, { month: period.firstMonth }), agencyId) : null;
  const alerts = await alertFigures(ctx, by.reader, { from: period.firstMonth, to: period.lastMonth, agencyId: agencyId ?? undefined });
  const model = documentModel({ period, agencyName: agency?.name ?? null, generatedAt, summary, flags, alerts });

  const file = (format: DocumentFileInput['format'], section: string, content: Buffer): DocumentFileInput => ({ format, section, content, sha256: sha256Hex(content) });
  const files = [
    file('xlsx', '', await renderXlsx(model)),
    file('pdf', '', await renderPdf(model)),
    ...model.sections.map((s) => file('csv', s.key, renderSectionCsv(s))),
  ];

  const id = uuidv7();
  const stored = await unitOfWork(ctx, by.audit, async (w) => {
    const row = { id, periodKind: period.kind, firstMonth: period.firstMonth, lastMonth: period.lastMonth, agencyId, title: model.title, generatedAt, generatedBy: by.userId, asOf: new Date(summary.asOf) };
    if (!(await insertDocument(w.tx, row, files))) return false;
    await w.audit({
      action: DOCUMENT_GENERATED,
      subjectType: 'oversight_document',
      subjectId: id,
      payload: { periodKind: period.kind, firstMonth: period.firstMonth, lastMonth: period.lastMonth, agencyId, scheduled: by.userId === null, files: files.map((f) => ({ format: f.format, section: f.section, size: f.content.byteLength, sha256: f.sha256 })) },
    });
    return true;
  });
  return stored ? id : null;
}
