/**
 * Receiving uploaded photos and videos before the report that will name them: each file is checked by
 * its content (type, wholeness, size), photos get their public copy without metadata, and the
 * original is kept unchanged, content-addressed (R-6.1b).
 *
 * All or nothing: a request with one bad file stores none of its files, and the answer names every bad one
 * (`files.<index>`, with the file's name in the message). So the files are only *staged* while the request is
 * read — written one by one to a private folder, so that at most one file is in memory at a time — and moved
 * into the store once all of them passed. Stored bytes are written before the rows that name them: a crash in
 * between leaves unreferenced content (harmless, the same bytes are reused by a retry), never a row without
 * its file.
 *
 * Idempotent for retries: the same bytes sent again by the same person are the same upload (same id), whether
 * in a later request or twice in one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { inspectMedia, MEDIA_LIMITS, publicCopy, sha256Hex, type MediaInspectionOk, type MediaRejectionCode } from '../../adapters/media/index.ts';
import { displayName } from '../../adapters/media/inspect.ts';
import { perceptualHash } from '../../adapters/media/perceptual-hash.ts';
import type { Actor } from '../../domain/access/index.ts';
import { AppError, invalid, type ErrorCode, type FieldProblem } from '../../domain/errors.ts';
import { findUploadOfOwnerBySha256, insertUploadIfNew, type UploadRow } from '../../db/repos/uploads.repo.ts';
import { insertPhotoHashes, photoHashValue } from '../../db/repos/similarity.repo.ts';
import { auditActor } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';

export const UPLOAD_SUBJECT = 'upload';

/** The catalogue code of each refusal of the media inspection. */
const REJECTION_CODE: Record<MediaRejectionCode, ErrorCode> = {
  EMPTY: 'CORRUPT_FILE',
  CORRUPT: 'CORRUPT_FILE',
  TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_TYPE: 'UNSUPPORTED_FILE_TYPE',
};

type Entry =
  /** The owner already has these bytes: nothing to store, the earlier upload answers. */
  | { state: 'existing'; row: UploadRow }
  /** The same bytes as an earlier file of this request. */
  | { state: 'same-as'; index: number }
  | { state: 'staged'; name: string; inspection: MediaInspectionOk; originalPath: string; publicPath: string | null; photoHashes: string[] | null }
  | { state: 'refused' };

interface Refusal {
  code: ErrorCode;
  name: string | null;
  problem: FieldProblem;
}

/**
 * Checks who uploads: a signed-in citizen whose identity is verified (the same condition as submitting a
 * report, R-3.9 — uploads serve nothing else), or staff (proofs of a result, R-12.2). Throws 401/403.
 */
export function openUploadBatch(ctx: AppContext, actor: Actor): UploadBatch {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind === 'citizen' && !actor.identityVerified)
    throw new AppError('IDENTITY_NOT_VERIFIED', {
      detail: { vi: 'Cần xác thực định danh trước khi gửi ảnh, video (R-3.9)', en: 'Verify your identity before uploading photos or videos (R-3.9)' },
    });
  return new UploadBatch(ctx, actor);
}

/**
 * The files of one upload request, in the order they arrive: `add` (or `refuse*`) each, then `commit` once;
 * always `discard` at the end (it removes the staged files, whatever happened).
 */
export class UploadBatch {
  private readonly entries: Entry[] = [];
  private readonly refusals: Refusal[] = [];
  private readonly ownerId: string;
  private stageDir: string | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly actor: Extract<Actor, { userId: string }>,
  ) {
    this.ownerId = actor.userId;
  }

  /** How many files were offered so far (the index of the next one). */
  get count(): number {
    return this.entries.length;
  }

  /** Inspects one file and stages it, or records why it is refused. `declaredName` is only shown, never trusted. */
  async add(declaredName: string, bytes: Buffer): Promise<void> {
    const index = this.entries.length;
    const name = displayName(declaredName);
    this.entries.push({ state: 'refused' }); // until the checks below pass

    const sha256 = sha256Hex(bytes);
    const twin = this.entries.findIndex((e, i) => i < index && (e.state === 'staged' ? e.inspection.sha256 : e.state === 'existing' ? e.row.sha256 : null) === sha256);
    if (twin >= 0) {
      this.entries[index] = { state: 'same-as', index: twin };
      return;
    }
    // A retry of an upload that was stored but whose answer was lost: the earlier upload, checked then.
    const existing = bytes.length > 0 ? await findUploadOfOwnerBySha256(this.ctx.db, this.ownerId, sha256) : undefined;
    if (existing) {
      this.entries[index] = { state: 'existing', row: existing };
      return;
    }

    const inspection = await inspectMedia(bytes, declaredName);
    if (!inspection.ok) return this.refuse(index, name, REJECTION_CODE[inspection.code], inspection.message);
    const copy = await publicCopy(bytes, inspection, declaredName);
    if (copy && !copy.ok) {
      // HEIC_NOT_SUPPORTED: this server cannot turn the HEIC into a publishable copy; the message says what to send.
      return this.refuse(index, name, copy.code === 'CORRUPT' ? 'CORRUPT_FILE' : 'UNSUPPORTED_FILE_TYPE', copy.message);
    }
    // A request that will be refused anyway stages nothing more: its files are only inspected, to name them all.
    if (this.refusals.length > 0) return;
    // Perceptual hashes for near-duplicate search (R-6.2c, ADR 0006), from the public copy: already upright and
    // decoded (HEIC included), so the photo is not decoded twice. None for videos and flat pictures.
    const hashed = copy ? await perceptualHash(copy.bytes) : null;
    const photoHashes = hashed?.ok ? hashed.views : null;

    const dir = await this.ensureStageDir();
    const originalPath = join(dir, `${index}.original`);
    await writeFile(originalPath, bytes, { mode: 0o600 });
    let publicPath: string | null = null;
    if (copy) {
      publicPath = join(dir, `${index}.public`);
      await writeFile(publicPath, copy.bytes, { mode: 0o600 });
    }
    this.entries[index] = { state: 'staged', name, inspection, originalPath, publicPath, photoHashes };
  }

  /** A file part cut at MEDIA_LIMITS.fileMaxBytes by the request parser: too large whatever it is. */
  refuseTooLarge(declaredName: string): void {
    const name = displayName(declaredName);
    const index = this.entries.push({ state: 'refused' }) - 1;
    const max = MEDIA_LIMITS.fileMaxBytes / (1024 * 1024);
    this.refuse(index, name, 'FILE_TOO_LARGE', `Tệp “${name}” vượt quá ${max} MB, dung lượng tối đa của một tệp.`);
  }

  /** A file sent under another form field than `file`. */
  refuseField(declaredName: string, fieldName: string): void {
    const name = displayName(declaredName);
    const index = this.entries.push({ state: 'refused' }) - 1;
    this.refuse(index, name, 'VALIDATION_FAILED', `Tệp “${name}” được gửi trong trường “${displayName(fieldName)}”; hãy gửi mỗi tệp trong trường “file”.`);
  }

  /** A form field that is not a file: nothing but files is taken here (unknown fields are refused, not dropped). */
  refuseValue(fieldName: string): void {
    const field = displayName(fieldName);
    this.refusals.push({
      code: 'VALIDATION_FAILED',
      name: null,
      problem: { field: `body.${field}`, message: `Trường “${field}” không được chấp nhận: chỉ gửi tệp, mỗi tệp trong trường “file”.` },
    });
  }

  /**
   * Stores every staged file and records the uploads, one per file offered, in order (a file sent twice, or
   * sent before, answers with the same upload). Throws, storing nothing, when any file was refused.
   */
  async commit(): Promise<UploadRow[]> {
    if (this.refusals.length > 0) throw this.refusalError();
    if (this.entries.length === 0) throw invalid([{ field: 'files', message: 'Chưa có tệp nào: gửi ít nhất một ảnh hoặc video, mỗi tệp trong trường “file”.' }]);

    const stored = new Map<number, { inspection: MediaInspectionOk; name: string; publicSha256: string | null; photoHashes: string[] | null }>();
    for (const [index, e] of this.entries.entries()) {
      if (e.state !== 'staged') continue;
      const original = await this.ctx.media.put(await readFile(e.originalPath));
      // The staged file is private to this request; a different hash would mean the disk changed it.
      if (original.sha256 !== e.inspection.sha256) throw new Error(`staged upload ${index} changed on disk`);
      const copy = e.publicPath ? await this.ctx.media.put(await readFile(e.publicPath)) : null;
      stored.set(index, { inspection: e.inspection, name: e.name, publicSha256: copy?.sha256 ?? null, photoHashes: e.photoHashes });
    }

    return unitOfWork(this.ctx, auditActor(this.actor), async (w) => {
      const rows: UploadRow[] = [];
      for (const [index, e] of this.entries.entries()) {
        if (e.state === 'existing') rows.push(e.row);
        else if (e.state === 'same-as') rows.push(rows[e.index] as UploadRow);
        else {
          const s = stored.get(index);
          if (!s) throw new Error(`upload ${index} was neither stored nor refused`);
          const i = s.inspection;
          const { row, created } = await insertUploadIfNew(w.tx, {
            id: uuidv7(),
            owner_id: this.ownerId,
            sha256: i.sha256,
            kind: i.kind,
            mime: i.mime,
            size: i.bytes,
            original_name: s.name,
            width: i.width ?? null,
            height: i.height ?? null,
            taken_at: i.takenAt ?? null,
            gps_lat: i.gps?.lat ?? null,
            gps_lng: i.gps?.lng ?? null,
            software: i.software ?? null,
            camera: i.camera ?? null,
            edit_tools: i.editTools ?? [],
            public_sha256: s.publicSha256,
            phash: s.photoHashes ? photoHashValue(s.photoHashes[0] as string) : null,
            created_at: w.now,
            // A video's frames are sampled after the upload (app/integrity/video-frames.ts).
            frames_state: i.kind === 'video' ? 'pending' : null,
          });
          if (created) {
            if (s.photoHashes) await insertPhotoHashes(w.tx, row.id, s.photoHashes);
            // The trail of what was received, by whom, with the hash that proves it unchanged later (R-6.1b).
            // No file name and no GPS here: the trail is read by staff and exported.
            await w.audit({
              action: 'upload.receive',
              subjectType: UPLOAD_SUBJECT,
              subjectId: row.id,
              payload: { sha256: row.sha256, kind: row.kind, mime: row.mime, size: row.size, publicSha256: row.public_sha256 },
            });
          }
          rows.push(row);
        }
      }
      return rows;
    });
  }

  /** Removes the staged files. Safe to call more than once. */
  async discard(): Promise<void> {
    const dir = this.stageDir;
    this.stageDir = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  private refuse(index: number, name: string, code: ErrorCode, message: string): void {
    this.entries[index] = { state: 'refused' };
    this.refusals.push({ code, name, problem: { field: `files.${index}`, message } });
  }

  /** The code of the first refusal; `errors[]` lists every one; `detail` says that nothing was kept. */
  private refusalError(): AppError {
    const first = this.refusals[0] as Refusal;
    const names = this.refusals.flatMap((r) => (r.name ? [r.name] : []));
    const list = names.map((n) => `“${n}”`).join(', ');
    const detail = names.length
      ? {
          // What is wrong with each file, not only which files: the citizen reads this line first (issue 9).
          vi: `Không tệp nào được lưu: ${names.length} tệp không hợp lệ (${list}). ${this.refusals.map((r) => r.problem.message).join(' ')} Hãy bỏ hoặc thay ${names.length > 1 ? 'các tệp đó' : 'tệp đó'} rồi gửi lại.`,
          en: `No file was stored: ${names.length} file(s) refused (${list}). Remove or replace them and send again.`,
        }
      : { vi: 'Không tệp nào được lưu: yêu cầu có trường không được chấp nhận.', en: 'No file was stored: the request has fields that are not accepted.' };
    return new AppError(first.code, { detail, errors: this.refusals.map((r) => r.problem) });
  }

  /** A private folder for this request's files, beside the store (same disk, never a RAM-backed /tmp). */
  private async ensureStageDir(): Promise<string> {
    if (!this.stageDir) {
      const dir = join(this.ctx.config.mediaDir, '.incoming', randomBytes(12).toString('hex'));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      this.stageDir = dir;
    }
    return this.stageDir;
  }
}
