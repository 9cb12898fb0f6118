/** Reading stored media: an original for its owner and for the officers of its report, a public copy for anyone. */
import { isSha256Hex } from '../../adapters/media/index.ts';
import type { Actor } from '../../domain/access/index.ts';
import { AppError } from '../../domain/errors.ts';
import { canReadReport } from '../../domain/reports/index.ts';
import { cooperationsOf } from '../../db/repos/reports.repo.ts';
import { findUpload, isPublicCopy, reportsWithUpload, type UploadRow } from '../../db/repos/uploads.repo.ts';
import type { AppContext } from '../context.ts';
import { parties } from '../reports/act-on-report.ts';
import { isUuid } from './ids.ts';

export interface StoredContent {
  /** Where the bytes are, for streaming. */
  path: string;
  sha256: string;
}

/**
 * The original of an upload, as received (EXIF and GPS included), for its owner, and for staff who may read the
 * whole of a report it is attached to — the report's own access rule (`canReadReport`): the receiving officer
 * checks whether a photo was edited (R-6.1b, R-6.2b). Anyone else gets 404, as for an id that does not exist.
 */
export async function originalOfUpload(ctx: AppContext, actor: Actor, id: string): Promise<{ upload: UploadRow; content: StoredContent }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const upload = isUuid(id) ? await findUpload(ctx.db, id.toLowerCase()) : undefined;
  if (!upload || !(upload.owner_id === actor.userId || (await readsAReportWith(ctx, actor, upload.id)))) throw new AppError('NOT_FOUND');
  return { upload, content: await stored(ctx, upload.sha256) };
}

/** Whether this staff member may read the whole of some report the upload is attached to. */
async function readsAReportWith(ctx: AppContext, actor: Actor, uploadId: string): Promise<boolean> {
  if (actor.kind !== 'staff') return false;
  for (const report of await reportsWithUpload(ctx.db, uploadId)) {
    const cooperating = (await cooperationsOf(ctx.db, report.id)).map((c) => c.agency_id);
    if (canReadReport(actor, parties(report), cooperating)) return true;
  }
  return false;
}

/**
 * A public copy (re-encoded JPEG without metadata, R-5.7, R-14) by its address. Only addresses that are some
 * upload's public copy are served — never an original, even to someone who knows its hash.
 */
export async function publicCopyContent(ctx: AppContext, sha256: string): Promise<StoredContent> {
  if (!isSha256Hex(sha256) || !(await isPublicCopy(ctx.db, sha256))) throw new AppError('NOT_FOUND');
  return stored(ctx, sha256);
}

async function stored(ctx: AppContext, sha256: string): Promise<StoredContent> {
  // A row whose bytes are gone is lost data, not a missing resource: a 500 that the log explains.
  if (!(await ctx.media.has(sha256))) throw new Error(`media ${sha256} is recorded but not in the store`);
  return { path: ctx.media.pathOf(sha256), sha256 };
}
