/**
 * Uploads: photos and videos go up first, one request per file or several at once, with per-file
 * progress and retries in the browser; the report then names them by id. Originals are served to their owner
 * and to the officers who may read the whole report they are attached to (R-6.1b); public copies (no metadata,
 * ) to anyone, by their content address, cached for ever.
 *
 * @fastify/multipart is registered in this plugin only: every other route still answers 415 to multipart.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { MEDIA_LIMITS } from '../../adapters/media/index.ts';
import { sampleFramesSoon } from '../../app/integrity/video-frames.ts';
import { openUploadBatch, originalOfUpload, publicCopyContent, type UploadBatch, type UploadRow } from '../../app/uploads/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import type { App } from '../app.ts';
import { contentDisposition } from '../content-disposition.ts';
import { Strict } from './schemas.ts';

const FILE_FIELD = 'file';

const UploadItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 của tệp gốc, như đã nhận' }),
    kind: Type.Union([Type.Literal('photo'), Type.Literal('video')]),
    mime: Type.String({ description: 'Kiểu thực tế theo nội dung tệp' }),
    size: Type.Integer(),
    name: Type.String({ description: 'Tên tệp đã làm sạch để hiển thị' }),
    takenAt: Type.Union([Type.String(), Type.Null()], { description: 'Thời điểm chụp theo EXIF, +07:00' }),
    hasGps: Type.Boolean({ description: 'Ảnh gốc có tọa độ GPS: chỉ cán bộ xử lý thấy, không bao giờ công khai' }),
    publicCopy: Type.Boolean({ description: 'Có bản công khai (ảnh JPEG đã xóa siêu dữ liệu); video chưa có' }),
  },
  Strict,
);

/** The owner's view of an upload: what they sent, as the server understood it. */
export function presentOwnUpload(u: UploadRow) {
  return {
    id: u.id,
    sha256: u.sha256,
    kind: u.kind,
    mime: u.mime,
    size: u.size,
    name: u.original_name,
    takenAt: u.taken_at ? formatVietnamTime(u.taken_at) : null,
    hasGps: u.gps_lat !== null,
    publicCopy: u.public_sha256 !== null,
  };
}

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/** `inline` with the sender's name, its extension made to match the content. */
function uploadDisposition(u: UploadRow): string {
  const ext = EXT[u.mime] ?? 'bin';
  return contentDisposition('inline', u.original_name.toLowerCase().endsWith(`.${ext}`) ? u.original_name : `${u.original_name}.${ext}`);
}

/**
 * Reads every part of the request into the batch, one file at a time. Limits of the parser become catalogue
 * errors: too many files is a 400 naming the limit; a malformed body is a 400.
 */
async function readParts(req: FastifyRequest, batch: UploadBatch): Promise<void> {
  const parts = req.parts()[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (err) {
      throw parserError(err);
    }
    if (next.done) return;
    const part = next.value;
    if (part.type === 'field') {
      batch.refuseValue(part.fieldname);
      continue;
    }
    // A part with a Content-Type but no filename is a file without a name (not a crash: the fuzzer sent one).
    const filename = (part.filename as string | undefined) ?? '';
    if (part.fieldname !== FILE_FIELD) {
      // A body cut short can fail here too, as in toBuffer below: a 400, not a 500.
      try {
        await drain(part.file);
      } catch (err) {
        throw parserError(err);
      }
      batch.refuseField(filename, part.fieldname);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (err) {
      throw parserError(err);
    }
    // Cut at MEDIA_LIMITS.fileMaxBytes by the parser (throwFileSizeLimit is off so that the other files are still read and named).
    if (part.file.truncated) batch.refuseTooLarge(filename);
    else await batch.add(filename, bytes);
  }
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // discard
  }
}

function parserError(err: unknown): AppError {
  const code = (err as { code?: unknown } | null)?.code;
  const max = MEDIA_LIMITS.maxFilesPerReport;
  if (code === 'FST_FILES_LIMIT') {
    return new AppError('TOO_MANY_FILES', {
      detail: { vi: `Không tệp nào được lưu: mỗi lần gửi tối đa ${max} tệp.`, en: `No file was stored: at most ${max} files per request.` },
      errors: [{ field: 'files', message: `Mỗi lần gửi tối đa ${max} tệp; hãy bớt tệp hoặc gửi làm nhiều lần.` }],
    });
  }
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return invalid([{ field: 'body', message: `Yêu cầu có quá nhiều trường hoặc trường không hợp lệ: chỉ gửi tệp, mỗi tệp trong trường “${FILE_FIELD}”.` }]);
  }
  return new AppError('BAD_REQUEST', {
    detail: {
      vi: 'Nội dung multipart/form-data không đọc được hoặc bị ngắt giữa chừng; không tệp nào được lưu, hãy gửi lại.',
      en: `The multipart/form-data body could not be read or was cut short; no file was stored, send it again (${err instanceof Error ? err.message : 'unknown error'}).`,
    },
  });
}

export default async function uploadsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  await app.register(multipart, {
    // Keep reading after a part that is too large, so that the answer names every bad file.
    throwFileSizeLimit: false,
    limits: {
      fileSize: MEDIA_LIMITS.fileMaxBytes,
      files: MEDIA_LIMITS.maxFilesPerReport,
      // A few stray fields are read (to be named in the refusal); more is abuse.
      fields: 10,
      fieldSize: 1024,
      fieldNameSize: 200,
      parts: MEDIA_LIMITS.maxFilesPerReport + 10,
      headerPairs: 50,
    },
  });

  app.post(
    '/api/v1/uploads',
    {
      schema: {
        tags: ['media'],
        summary: 'Tải lên ảnh, video để đính kèm phản ánh (R-5.2): kiểm tra theo nội dung, lưu bản gốc, tạo bản công khai',
        description: [
          `multipart/form-data, mỗi tệp một phần tên \`${FILE_FIELD}\`, tối đa ${MEDIA_LIMITS.maxFilesPerReport} tệp mỗi lần.`,
          'Ảnh JPEG, PNG, WebP, HEIC đến 15 MB; video MP4, MOV đến 100 MB. Kiểu tệp xác định theo nội dung, không theo tên.',
          'Một tệp không hợp lệ thì không tệp nào của yêu cầu được lưu; `errors[]` nêu từng tệp (`files.<thứ tự>`).',
          'Gửi lại cùng một tệp trả về cùng `id`. Dùng các `id` khi gửi phản ánh.',
        ].join(' '),
        security: [{ bearer: [] }],
        response: { 201: Type.Object({ items: Type.Array(UploadItem) }, Strict) },
      },
    },
    async (req, reply) => {
      const batch = openUploadBatch(ctx, req.actor);
      if (!req.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          detail: { vi: `Gửi tệp bằng multipart/form-data, mỗi tệp trong trường “${FILE_FIELD}”.`, en: `Send files as multipart/form-data, each in a “${FILE_FIELD}” part.` },
        });
      }
      try {
        await readParts(req, batch);
        const rows = await batch.commit();
        // Videos new to the platform are compared through frames sampled after this answer (issue 5).
        sampleFramesSoon(ctx, rows.filter((r) => r.frames_state === 'pending').map((r) => r.id), req.log);
        return reply.code(201).send({ items: rows.map(presentOwnUpload) });
      } finally {
        await batch.discard();
      }
    },
  );

  app.get(
    '/api/v1/uploads/:id/content',
    {
      schema: {
        tags: ['media'],
        summary: 'Tệp gốc đã tải lên (còn nguyên EXIF, GPS) — cho người tải lên và cán bộ được xem toàn bộ phản ánh có tệp này (R-6.1b); người khác nhận 404',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
      },
    },
    async (req, reply) => {
      const { upload, content } = await originalOfUpload(ctx, req.actor, req.params.id);
      return reply
        .header('content-type', upload.mime)
        .header('content-length', String(upload.size))
        .header('content-disposition', uploadDisposition(upload))
        // Personal data (GPS): never kept by a shared cache or on a shared device.
        .header('cache-control', 'private, no-store')
        .send(createReadStream(content.path));
    },
  );

  app.get(
    '/api/v1/media/:sha256',
    {
      schema: {
        tags: ['media'],
        summary: 'Bản công khai của ảnh (JPEG, đã xóa EXIF, GPS và mọi siêu dữ liệu — R-5.7, R-14), theo địa chỉ nội dung',
        params: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }, Strict),
      },
    },
    async (req, reply) => {
      const content = await publicCopyContent(ctx, req.params.sha256);
      const etag = `"${content.sha256}"`;
      // The address is the hash of the bytes: they can never change, so caches keep them for good.
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', etag)
        // Maps, integrators and other sites show these images: let other origins embed them.
        .header('cross-origin-resource-policy', 'cross-origin');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      const { size } = await stat(content.path);
      return reply.header('content-type', 'image/jpeg').header('content-length', String(size)).send(createReadStream(content.path));
    },
  );
}
