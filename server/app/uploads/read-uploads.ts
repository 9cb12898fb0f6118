/** Reading stored media: an original for its owner, a public copy for anyone. */
import { isSha256Hex } from '../../adapters/media/index.ts';
import type { Actor } from '../../domain/access/index.ts';
import { AppError } from '../../domain/errors.ts';
import { findUpload, isPublicCopy, type UploadRow } from '../../db/repos/uploads.repo.ts';
import type { AppContext } from '../context.ts';
import { isUuid } from './ids.ts';

export interface StoredContent {
  /** Where the bytes are, for streaming. */
  path: string;
  sha256: string;
}

/**
 * The original of an upload, as received (EXIF and GPS included), for its owner only: anyone else gets 404,
 * as for an id that does not exist. Only the owner for now: officers will see the media of the reports they
 * handle through those reports, with the report's access rule, not through this use case.
 */
export async function originalOfUpload(ctx: AppContext, actor: Actor, id: string): Promise<{ upload: UploadRow; content: StoredContent }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const upload = isUuid(id) ? await findUpload(ctx.db, id.toLowerCase()) : undefined;
  if (!upload || upload.owner_id !== actor.userId) throw new AppError('NOT_FOUND');
  return { upload, content: await stored(ctx, upload.sha256) };
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
