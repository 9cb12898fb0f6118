/**
 * The one way the web app talks to the API: JSON in and out, the session in an HTTP-only cookie (same origin),
 * the language in Accept-Language, and every failure turned into an ApiError whose `message` a citizen can
 * read (the server's problem+json already says what is wrong, in Vietnamese by default — RFC 9457).
 */
import { currentLang } from '../i18n/lang.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem with one field (`body.title`, `files.0` …), for showing beside that field. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field === `body.${field}`)?.message;
  }
}

const NETWORK = {
  vi: 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.',
  en: 'Could not reach the server. Check your connection and try again.',
};
const UNREADABLE = { vi: 'Máy chủ trả lời không đọc được. Vui lòng thử lại sau.', en: 'The server sent an unreadable answer. Please try again later.' };

export const networkError = () => new ApiError(0, 'NETWORK', NETWORK[currentLang()]);

/** Builds an ApiError from a failed response's body (problem+json, or anything else). */
export function problemError(status: number, body: unknown): ApiError {
  const p = (body ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldProblem[]; requestId?: string };
  const message = p.detail || p.title || UNREADABLE[currentLang()];
  return new ApiError(status, p.code ?? `HTTP_${status}`, message, Array.isArray(p.errors) ? p.errors : [], p.requestId ?? null);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': currentLang(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new ApiError(res.status, 'UNREADABLE', UNREADABLE[currentLang()]);
  }
  if (!res.ok) throw problemError(res.status, parsed);
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

const loaded = new Map<string, Promise<unknown>>();

/**
 * Reference data read once per page load and shared by every screen (workflow tables, agencies, map outlines …);
 * a failed load is forgotten, so that "Thử lại" asks again.
 */
export function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = loaded.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load().catch((e: unknown) => {
      loaded.delete(key);
      throw e;
    });
    loaded.set(key, p);
  }
  return p;
}

export interface UploadedFile {
  id: string;
  sha256: string;
  kind: 'photo' | 'video';
  mime: string;
  size: number;
  name: string;
  takenAt: string | null;
  hasGps: boolean;
  publicCopy: boolean;
}

/**
 * Uploads one file to POST /api/v1/uploads with progress (fetch cannot report upload progress; XHR can).
 * Resolves with the stored file; rejects with an ApiError saying why (type, size, network).
 */
export function uploadFile(file: Blob & { name?: string }, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/uploads');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLang());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* handled below */
      }
      if (xhr.status === 201) {
        onProgress(1);
        resolve((body as { items: UploadedFile[] }).items[0]!);
      } else {
        const err = problemError(xhr.status, body);
        // The only file of the request is files.0: its own message says best what is wrong with it.
        reject(err.errors[0] ? new ApiError(err.status, err.code, err.errors[0].message, err.errors, err.requestId) : err);
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', currentLang() === 'vi' ? 'Đã hủy tải lên' : 'Upload cancelled'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name ?? 'file');
    xhr.send(form);
  });
}
