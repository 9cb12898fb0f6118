/**
 * Frames of uploaded videos for the duplicate search (issue 5 item 2, R-6.2c; migration 0014, ADR 0006
 * "Videos"). After an upload is stored its videos are sampled in the background (`sampleFramesSoon`): up to ten
 * frames with ffmpeg, each frame's perceptual hash stored like a photo's view, so the ordinary search finds a
 * video re-used in another report — or a photo taken from it. The reports already holding the video are then
 * checked again. The sweep samples whatever a crash or a full queue left pending.
 *
 * Never a silent pass: until a video is sampled, or when it cannot be (no ffmpeg, an undecodable file), the
 * report's findings say that it was not compared (check-report.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { perceptualHash } from '../../adapters/media/perceptual-hash.ts';
import { ffmpegAvailable, sampleVideoFrames } from '../../adapters/media/video-frames.ts';
import { markReportsWithUploadUnchecked } from '../../db/repos/findings.repo.ts';
import { insertPhotoHashes } from '../../db/repos/similarity.repo.ts';
import { findUpload, pendingVideoIds, recordVideoFrames, requeueUnsampledVideos } from '../../db/repos/uploads.repo.ts';
import type { DB } from '../../db/schema.ts';
import type { VideoFramesState } from '../../db/schema/uploads.ts';
import type { AppContext } from '../context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../unit-of-work.ts';
import { UPLOAD_SUBJECT } from '../uploads/receive-uploads.ts';
import { checkReportSoon } from './check-report.ts';

export type FramesContext = Pick<AppContext, 'db' | 'clock' | 'config' | 'media'>;

/**
 * Samples and hashes the frames of a pending video and records the outcome (audited); the reports holding it
 * are marked for a new run of the checks (`recheck`: the sweep runs them, or the caller queues them). Returns
 * the video's state afterwards; null when there is no such video.
 */
export async function sampleFramesOf(ctx: FramesContext, uploadId: string): Promise<{ state: VideoFramesState; recheck: string[] } | null> {
  const upload = await findUpload(ctx.db, uploadId);
  if (!upload || upload.kind !== 'video' || upload.frames_state === null) return null;
  if (upload.frames_state !== 'pending') return { state: upload.frames_state, recheck: [] };
  const sampled = await sampleVideoFrames(ctx.config.ffmpegPath, ctx.media.pathOf(upload.sha256));
  const hashes: string[] = [];
  if (sampled.ok)
    for (const frame of sampled.frames) {
      const h = await perceptualHash(frame, { mime: 'image/png' });
      // A flat frame (black, a title card in one colour) would match other flat frames by chance: not kept.
      if (h.ok) hashes.push(h.hash);
    }
  const state = sampled.ok ? 'done' : sampled.reason === 'no_ffmpeg' ? 'unavailable' : 'failed';
  const recheck = await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    if (!(await recordVideoFrames(w.tx, uploadId, state, hashes.length))) return [];
    await insertPhotoHashes(w.tx, uploadId, hashes);
    await w.audit({
      action: 'upload.frames',
      subjectType: UPLOAD_SUBJECT,
      subjectId: uploadId,
      payload: { state, frames: hashes.length, ...(sampled.ok ? {} : { detail: sampled.detail }) },
    });
    return markReportsWithUploadUnchecked(w.tx, uploadId);
  });
  return { state, recheck };
}

// One queue per database, like the checks': frames are sampled one video at a time.
const queues = new WeakMap<Kysely<DB>, Promise<void>>();

/** Queues the sampling of just-stored videos; whatever fails or is not queued is left to the sweep. */
export function sampleFramesSoon(ctx: FramesContext, uploadIds: readonly string[], log: Pick<FastifyBaseLogger, 'warn'>): void {
  if (!ctx.config.integrityCheckOnSubmit || uploadIds.length === 0) return;
  const tail = queues.get(ctx.db) ?? Promise.resolve();
  queues.set(
    ctx.db,
    tail.then(async () => {
      for (const id of uploadIds) {
        const done = await sampleFramesOf(ctx, id).catch((err: unknown) => void log.warn({ err, uploadId: id }, 'sampling video frames failed; the sweep will try again'));
        // Through the checks' own queue, after any check of these reports already waiting in it.
        for (const reportId of done?.recheck ?? []) checkReportSoon(ctx, reportId, log);
      }
    }),
  );
}

/**
 * Samples videos still pending a minute after their upload (a crash, a restart). The reports holding them are
 * left marked unchecked for the sweep's checks.
 */
export async function samplePendingVideos(ctx: FramesContext, limit = 10): Promise<{ sampled: number }> {
  const ids = await pendingVideoIds(ctx.db, new Date(ctx.clock.now().getTime() - 60_000), limit);
  let sampled = 0;
  for (const id of ids) if ((await sampleFramesOf(ctx, id)) !== null) sampled++;
  return { sampled };
}

/**
 * At start: when this server can run ffmpeg, videos that a server without it marked "unavailable" are put back
 * to be sampled; when it cannot, the operator is told once. Returns whether ffmpeg is there.
 */
export async function prepareVideoFrames(ctx: FramesContext, log: Pick<FastifyBaseLogger, 'warn' | 'info'>): Promise<boolean> {
  if (!(await ffmpegAvailable(ctx.config.ffmpegPath))) {
    log.warn({ ffmpeg: ctx.config.ffmpegPath }, 'ffmpeg cannot be run: uploaded videos will be marked "not compared" for officers (install the Debian package ffmpeg, or set FFMPEG_PATH)');
    return false;
  }
  const requeued = await requeueUnsampledVideos(ctx.db);
  if (requeued) log.info({ requeued }, 'videos left unsampled by a server without ffmpeg are queued again');
  return true;
}
