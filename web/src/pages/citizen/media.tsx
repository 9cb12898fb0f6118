/**
 * Photos and videos of a report: taken with the camera or chosen from the gallery, previewed, and each
 * uploaded at once with its own progress bar. A failed upload says why and can be retried without touching the
 * rest of the form; without a connection the file waits on the device (outbox.ts) and goes up later.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, uploadFile } from '../../api/client.ts';
import { toApiError } from '../../components/async.tsx';
import { formatBytes } from '../../format.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { dropFile, isNetworkProblem, keepFile, newId, type DraftFile } from './outbox.ts';
import { LIMITS } from './shared.tsx';

const s = defineStrings(
  {
    legend: 'Ảnh, video',
    hint: 'Tối đa {max} tệp: ảnh (JPEG, PNG, WebP, HEIC) đến 15 MB, video (MP4, MOV) đến 100 MB. Chỉ dùng ảnh, video do chính bạn chụp, không chỉnh sửa. Ảnh công khai được xóa thông tin vị trí, thiết bị.',
    camera: 'Chụp ảnh, quay video',
    gallery: 'Chọn ảnh, video có sẵn',
    photo: 'Ảnh {n}: {name}',
    video: 'Video {n}: {name}',
    uploading: 'Đang tải lên {name}: {pct}%',
    progressLabel: 'Tiến độ tải lên {name}',
    done: 'Đã tải lên',
    waiting: 'Chưa tải lên (không có mạng): tệp được giữ trên máy và sẽ tải lên khi gửi.',
    failed: 'Tải lên không thành công: {message}',
    retry: 'Thử tải lại {name}',
    remove: 'Bỏ tệp {name}',
    tooMany: 'Chỉ đính kèm được tối đa {max} tệp; {n} tệp không được thêm.',
    added: 'Đã thêm {n} tệp.',
    removed: 'Đã bỏ tệp {name}.',
    uploadedAll: 'Đã tải lên {name}.',
    noPreview: 'Không xem trước được',
    lost: 'Tệp “{name}” không còn trên thiết bị; hãy bỏ tệp này và chọn lại.',
  },
  {
    legend: 'Photos, videos',
    hint: 'Up to {max} files: photos (JPEG, PNG, WebP, HEIC) up to 15 MB, videos (MP4, MOV) up to 100 MB. Only photos and videos you took yourself, not edited. Public copies have location and device data removed.',
    camera: 'Take a photo or video',
    gallery: 'Choose photos or videos',
    photo: 'Photo {n}: {name}',
    video: 'Video {n}: {name}',
    uploading: 'Uploading {name}: {pct}%',
    progressLabel: 'Upload progress of {name}',
    done: 'Uploaded',
    waiting: 'Not uploaded yet (offline): the file is kept on this device and uploaded when you send.',
    failed: 'Upload failed: {message}',
    retry: 'Retry uploading {name}',
    remove: 'Remove {name}',
    tooMany: 'At most {max} files can be attached; {n} file(s) were not added.',
    added: 'Added {n} file(s).',
    removed: 'Removed {name}.',
    uploadedAll: 'Uploaded {name}.',
    noPreview: 'No preview',
    lost: 'File “{name}” is no longer on this device; remove it and choose it again.',
  },
);

export const ACCEPT = 'image/*,video/mp4,video/quicktime';

export interface MediaItem extends DraftFile {
  blob: Blob | null;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  progress: number;
  error: ApiError | null;
}

export interface Media {
  items: MediaItem[];
  add(files: File[]): void;
  remove(localId: string): void;
  retry(localId: string): void;
  /** Uploads whatever is not uploaded yet and answers with the ids in order; rejects with the first failure. */
  ensureUploaded(): Promise<string[]>;
  /** Polite status text for screen readers (added, removed, uploaded). */
  announcement: string;
}

const isVideo = (type: string) => type.startsWith('video/');

export function useMedia(initial: DraftFile[], blobs: Map<string, Blob>): Media {
  const t = useT(s);
  const [items, setItems] = useState<MediaItem[]>(() =>
    initial.map((f) => {
      const blob = blobs.get(f.localId) ?? null;
      return { ...f, blob, status: f.uploaded ? 'done' : 'waiting', progress: f.uploaded ? 1 : 0, error: null };
    }),
  );
  const [announcement, setAnnouncement] = useState('');
  const ref = useRef(items);
  ref.current = items;
  const inflight = useRef(new Map<string, { promise: Promise<string>; abort: AbortController }>());

  const patch = useCallback((localId: string, p: Partial<MediaItem>) => {
    setItems((list) => list.map((i) => (i.localId === localId ? { ...i, ...p } : i)));
  }, []);

  const start = useCallback(
    (localId: string): Promise<string> => {
      const running = inflight.current.get(localId);
      if (running) return running.promise;
      const item = ref.current.find((i) => i.localId === localId);
      if (!item) return Promise.reject(new ApiError(0, 'CLIENT', 'missing file'));
      if (item.uploaded) return Promise.resolve(item.uploaded.id);
      if (!item.blob) return Promise.reject(new ApiError(400, 'FILE_LOST', t('lost', { name: item.name })));
      const abort = new AbortController();
      patch(localId, { status: 'uploading', progress: 0, error: null });
      const file = item.blob instanceof File ? item.blob : new File([item.blob], item.name, { type: item.type });
      let last = 0;
      const promise = uploadFile(
        file,
        (fraction) => {
          // A repaint per percent is plenty.
          if (fraction - last >= 0.01 || fraction === 1) {
            last = fraction;
            patch(localId, { progress: fraction });
          }
        },
        abort.signal,
      ).then(
        (uploaded) => {
          inflight.current.delete(localId);
          patch(localId, { status: 'done', progress: 1, uploaded, error: null });
          setAnnouncement(t('uploadedAll', { name: item.name }));
          return uploaded.id;
        },
        (err: unknown) => {
          inflight.current.delete(localId);
          const e = toApiError(err);
          patch(localId, e.code === 'ABORTED' || isNetworkProblem(e) ? { status: 'waiting', progress: 0, error: null } : { status: 'failed', error: e });
          throw e;
        },
      );
      inflight.current.set(localId, { promise, abort });
      return promise;
    },
    [patch, t],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = LIMITS.maxFiles - ref.current.length;
      const taken = files.slice(0, Math.max(0, room));
      const added: MediaItem[] = taken.map((f) => ({
        localId: newId(),
        name: f.name || 'file',
        type: f.type,
        size: f.size,
        uploaded: null,
        blob: f,
        status: 'waiting',
        progress: 0,
        error: null,
      }));
      for (const a of added) void keepFile(a.localId, a.blob as Blob).catch(() => undefined);
      ref.current = [...ref.current, ...added];
      setItems(ref.current);
      setAnnouncement(files.length > taken.length ? t('tooMany', { max: LIMITS.maxFiles, n: files.length - taken.length }) : t('added', { n: added.length }));
      if (navigator.onLine) for (const a of added) void start(a.localId).catch(() => undefined);
    },
    [start, t],
  );

  const remove = useCallback(
    (localId: string) => {
      const item = ref.current.find((i) => i.localId === localId);
      inflight.current.get(localId)?.abort.abort();
      inflight.current.delete(localId);
      void dropFile(localId).catch(() => undefined);
      ref.current = ref.current.filter((i) => i.localId !== localId);
      setItems(ref.current);
      if (item) setAnnouncement(t('removed', { name: item.name }));
    },
    [t],
  );

  const retry = useCallback((localId: string) => void start(localId).catch(() => undefined), [start]);

  const ensureUploaded = useCallback(async () => {
    const ids: string[] = [];
    for (const item of ref.current) ids.push(await start(item.localId));
    return ids;
  }, [start]);

  // Back online: what waited goes up now.
  useEffect(() => {
    const online = () => {
      for (const i of ref.current) if (i.status === 'waiting') void start(i.localId).catch(() => undefined);
    };
    window.addEventListener('online', online);
    if (navigator.onLine) online();
    return () => window.removeEventListener('online', online);
  }, [start]);

  return { items, add, remove, retry, ensureUploaded, announcement };
}

/** A preview from the file on the device; its object URL lives exactly as long as the preview. */
function Preview({ blob, type, caption }: { blob: Blob; type: string; caption: string }) {
  const t = useT(s);
  const [url, setUrl] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  const previewable = type.startsWith('image/') || isVideo(type);
  useEffect(() => {
    if (!previewable) return;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob, previewable]);
  // HEIC and some videos cannot be shown by every browser: the name says what it is.
  if (!previewable || broken) return <div className="no-preview">{t('noPreview')}</div>;
  if (!url) return <div className="no-preview" />;
  return isVideo(type) ? (
    <video src={url} muted playsInline preload="metadata" aria-label={caption} onError={() => setBroken(true)} />
  ) : (
    <img src={url} alt={caption} onError={() => setBroken(true)} />
  );
}

/** The photos and videos field; `legend` and `hint` say what they are for where it is not a report's (a booking's documents). */
export function MediaField({ media, error, legend, hint }: { media: Media; error?: string | undefined; legend?: string; hint?: string }) {
  const t = useT(s);
  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length) media.add(files);
  };
  const full = media.items.length >= LIMITS.maxFiles;
  return (
    <fieldset className="media-field" aria-describedby="media-hint">
      <legend>{legend ?? t('legend')}</legend>
      <p className="hint" id="media-hint">
        {hint ?? t('hint', { max: LIMITS.maxFiles })}
      </p>
      <div className="file-pickers">
        <div className="file-picker">
          <label htmlFor="media-camera">{t('camera')}</label>
          <input id="media-camera" type="file" accept={ACCEPT} capture="environment" multiple onChange={onPick} disabled={full} />
        </div>
        <div className="file-picker">
          <label htmlFor="media-gallery">{t('gallery')}</label>
          <input id="media-gallery" type="file" accept={ACCEPT} multiple onChange={onPick} disabled={full} />
        </div>
      </div>
      {error && <p className="field-error">{error}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {media.announcement}
      </p>
      {media.items.length > 0 && (
        <ul className="media-list">
          {media.items.map((item, i) => {
            const name = item.name;
            const caption = isVideo(item.type) ? t('video', { n: i + 1, name }) : t('photo', { n: i + 1, name });
            return (
              <li key={item.localId} className={`media-item ${item.status}`}>
                <figure>
                  {item.blob ? <Preview blob={item.blob} type={item.type} caption={caption} /> : <div className="no-preview">{t('noPreview')}</div>}
                  <figcaption>
                    {caption} <span className="muted">({formatBytes(item.size)})</span>
                  </figcaption>
                </figure>
                <div className="media-state">
                  {item.status === 'uploading' && (
                    <>
                      <progress max={1} value={item.progress} aria-label={t('progressLabel', { name })} />
                      <span className="small">{t('uploading', { name, pct: Math.round(item.progress * 100) })}</span>
                    </>
                  )}
                  {item.status === 'done' && <span className="badge ok">{t('done')}</span>}
                  {item.status === 'waiting' && <span className="small muted">{t('waiting')}</span>}
                  {item.status === 'failed' && (
                    <p className="field-error" role="alert">
                      {t('failed', { message: item.error?.message ?? '' })}
                    </p>
                  )}
                  <div className="row">
                    {(item.status === 'failed' || (item.status === 'waiting' && navigator.onLine)) && item.blob && (
                      <button type="button" className="button secondary small" onClick={() => media.retry(item.localId)}>
                        {t('retry', { name })}
                      </button>
                    )}
                    <button type="button" className="button secondary small" onClick={() => media.remove(item.localId)}>
                      {t('remove', { name })}
                    </button>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
