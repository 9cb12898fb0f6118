/**
 * Naming uploads in a report (R-5.2 evidence, R-12.2 proof): every id must be an upload of the one who names
 * it. Runs in the caller's transaction, before `attachToReport`.
 */
import type { Kysely, Transaction } from 'kysely';
import { MEDIA_LIMITS } from '../../adapters/media/index.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import type { DB } from '../../db/schema.ts';
import { findUploadsByIds, type UploadRow } from '../../db/repos/uploads.repo.ts';
import { isUuid } from './ids.ts';

/**
 * The uploads `ids` names, in that order, after checking that each exists and belongs to `ownerId`; otherwise
 * a 400 (VALIDATION_FAILED) naming every bad one as `${fieldPrefix}.${i}`. Someone else's upload gets the same
 * answer as one that does not exist, so ids cannot be probed. Also refused: the same id twice, and more than
 * MEDIA_LIMITS.maxFilesPerReport ids (named `${fieldPrefix}`). An empty list is fine and returns [].
 */
export async function claimUploads(
  tx: Transaction<DB> | Kysely<DB>,
  ownerId: string,
  ids: readonly string[],
  fieldPrefix: string,
): Promise<UploadRow[]> {
  const problems: FieldProblem[] = [];
  const max = MEDIA_LIMITS.maxFilesPerReport;
  if (ids.length > max) problems.push({ field: fieldPrefix, message: `Tối đa ${max} ảnh, video (đã gửi ${ids.length})` });

  const wanted = ids.map((id) => (isUuid(id) ? id.toLowerCase() : null));
  const rows = await findUploadsByIds(tx, [...new Set(wanted.filter((id): id is string => id !== null))]);
  const mine = new Map(rows.filter((r) => r.owner_id === ownerId).map((r) => [r.id, r]));
  const firstAt = new Map<string, number>();
  const claimed: UploadRow[] = [];
  wanted.forEach((id, i) => {
    const field = `${fieldPrefix}.${i}`;
    const row = id === null ? undefined : mine.get(id);
    if (!id || !row) {
      problems.push({ field, message: 'Không tìm thấy tệp này trong các tệp bạn đã tải lên; hãy tải tệp lên lại.' });
      return;
    }
    const earlier = firstAt.get(id);
    if (earlier !== undefined) {
      problems.push({ field, message: `Tệp “${row.original_name}” đã có ở vị trí ${earlier + 1}.` });
      return;
    }
    firstAt.set(id, i);
    claimed.push(row);
  });
  if (problems.length) throw invalid(problems);
  return claimed;
}
