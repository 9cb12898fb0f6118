/**
 * Reports written without a connection (issue 7, offline): the form's draft and the outbox, both kept on the
 * device in IndexedDB (idb-keyval), photos and videos included as Blobs.
 *
 * - Draft: `loadDraft`, `saveDraft`, `keepFile`, `dropFile`, `clearDraft` — one draft per form (report,
 *   initiative), with the Idempotency-Key it will be sent with, created once per draft.
 * - Outbox: `queueReport` when a submission cannot reach the server; `sendOutbox` uploads the files still
 *   on the device and posts each report with its own Idempotency-Key, so a retry never makes two reports;
 *   `outboxEntries`, `discardQueued`, `reopenQueued`; `subscribe` tells screens when anything changed, and
 *   `recentlySent` lists the codes of what was just sent.
 *
 * Files live under their own keys (`ihanoi.file.<id>`): a draft saved at every keystroke does not copy them.
 */
import { del, get, set, update } from 'idb-keyval';
import { api, ApiError, uploadFile, type UploadedFile } from '../../api/client.ts';
import type { ReporterReport } from '../../api/types.ts';

export type DraftScope = 'report' | 'initiative';

export interface DraftFile {
  localId: string;
  name: string;
  type: string;
  size: number;
  /** Set once the server stored it: the draft then never uploads it again. */
  uploaded: UploadedFile | null;
}

export interface ReportDraft {
  scope: DraftScope;
  /** Whose draft it is (null when written offline before the session could be read). */
  userId: string | null;
  /** The Idempotency-Key the report will be sent with. */
  key: string;
  kind: string;
  categoryCode: string;
  title: string;
  description: string;
  place: { lat: number; lng: number } | null;
  address: string;
  /** A datetime-local value, Hanoi time. */
  occurredAt: string;
  confidential: boolean;
  files: DraftFile[];
  updatedAt: string;
}

/** The body of POST /api/v1/reports. */
export interface ReportBody {
  kind: string;
  categoryCode: string;
  title: string;
  description: string;
  place?: { lat: number; lng: number; address?: string };
  occurredAt?: string;
  confidential: boolean;
  media?: string[];
}

export interface QueuedFile {
  localId: string;
  name: string;
  type: string;
  uploadedId: string | null;
}

export interface OutboxEntry {
  key: string;
  userId: string | null;
  queuedAt: string;
  body: Omit<ReportBody, 'media'>;
  files: QueuedFile[];
  /** Why the server refused it the last time (not a network problem): the citizen has to act. */
  lastError: string | null;
}

export interface SentReport {
  key: string;
  id: string;
  code: string;
  title: string;
}

export interface SendOutcome {
  sent: SentReport[];
  refused: { key: string; title: string; message: string }[];
  /** Stopped because the connection dropped: the rest waits for the next `online`. */
  offline: boolean;
  /** Stopped because nobody is signed in. */
  signedOut: boolean;
}

const DRAFT_KEY = (scope: DraftScope) => `ihanoi.citizen.draft.${scope}`;
const FILE_KEY = (localId: string) => `ihanoi.file.${localId}`;
const OUTBOX_KEY = 'ihanoi.citizen.outbox';

/** A random id for drafts, files and Idempotency-Keys (crypto.randomUUID needs a secure context). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** True when a failure means "no connection" rather than "the server said no". */
export function isNetworkProblem(err: unknown): boolean {
  return !navigator.onLine || (err instanceof ApiError && err.code === 'NETWORK');
}

/** Posts a report with its Idempotency-Key: the same key and body answer with the report already made. */
export function postReport(body: ReportBody, key: string): Promise<ReporterReport> {
  return api.post<ReporterReport>('/api/v1/reports', body, { 'idempotency-key': key });
}

/* ---------- changes ---------- */

const listeners = new Set<() => void>();
let sentList: SentReport[] = [];

/** Calls `listener` whenever the outbox or the list of just-sent reports changes. */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((l) => l());

export const recentlySent = (): SentReport[] => sentList;
export function dismissSent(): void {
  sentList = [];
  changed();
}

/* ---------- draft ---------- */

export async function loadDraft(scope: DraftScope): Promise<{ draft: ReportDraft; blobs: Map<string, Blob> } | null> {
  const draft = await get<ReportDraft>(DRAFT_KEY(scope)).catch(() => undefined);
  if (!draft) return null;
  const blobs = new Map<string, Blob>();
  for (const f of draft.files) {
    const blob = await get<Blob>(FILE_KEY(f.localId)).catch(() => undefined);
    if (blob) blobs.set(f.localId, blob);
  }
  // A file lost from the device (storage cleared) but already uploaded can still be sent; otherwise it is gone.
  return { draft: { ...draft, files: draft.files.filter((f) => blobs.has(f.localId) || f.uploaded) }, blobs };
}

export async function saveDraft(draft: ReportDraft): Promise<void> {
  await set(DRAFT_KEY(draft.scope), { ...draft, updatedAt: new Date().toISOString() });
}

/** Keeps a chosen photo or video on the device until it is sent. */
export async function keepFile(localId: string, blob: Blob): Promise<void> {
  await set(FILE_KEY(localId), blob);
}

export async function dropFile(localId: string): Promise<void> {
  await del(FILE_KEY(localId));
}

/** Forgets the draft; its files too, unless they moved to the outbox. */
export async function clearDraft(scope: DraftScope, { keepFiles = false } = {}): Promise<void> {
  const draft = await get<ReportDraft>(DRAFT_KEY(scope)).catch(() => undefined);
  await del(DRAFT_KEY(scope));
  if (draft && !keepFiles) await Promise.all(draft.files.map((f) => dropFile(f.localId)));
}

/* ---------- outbox ---------- */

export async function outboxEntries(userId?: string | null): Promise<OutboxEntry[]> {
  const all = (await get<OutboxEntry[]>(OUTBOX_KEY).catch(() => undefined)) ?? [];
  return userId === undefined ? all : all.filter((e) => e.userId === null || e.userId === userId);
}

/** Puts a report that could not be sent into the outbox; its files stay on the device until it is sent. */
export async function queueReport(entry: Omit<OutboxEntry, 'queuedAt' | 'lastError'>): Promise<void> {
  await update<OutboxEntry[]>(OUTBOX_KEY, (list = []) => [...list.filter((e) => e.key !== entry.key), { ...entry, queuedAt: new Date().toISOString(), lastError: null }]);
  changed();
}

async function patchEntry(key: string, patch: (e: OutboxEntry) => OutboxEntry | null): Promise<void> {
  await update<OutboxEntry[]>(OUTBOX_KEY, (list = []) => list.flatMap((e) => (e.key === key ? [patch(e)].filter((x): x is OutboxEntry => x !== null) : [e])));
}

/** Removes a queued report and its files. */
export async function discardQueued(key: string): Promise<void> {
  const entry = (await outboxEntries()).find((e) => e.key === key);
  await patchEntry(key, () => null);
  if (entry) await Promise.all(entry.files.map((f) => dropFile(f.localId)));
  changed();
}

/**
 * Takes a refused report out of the outbox and makes it the form's draft again, to be corrected. Refuses
 * (returns false) when that form already holds another draft.
 */
export async function reopenQueued(key: string): Promise<DraftScope | false> {
  const entry = (await outboxEntries()).find((e) => e.key === key);
  if (!entry) return false;
  const scope: DraftScope = entry.body.kind === 'initiative' ? 'initiative' : 'report';
  if (await get(DRAFT_KEY(scope)).catch(() => undefined)) return false;
  const b = entry.body;
  const sizes = await Promise.all(entry.files.map(async (f) => (await get<Blob>(FILE_KEY(f.localId)).catch(() => undefined))?.size ?? 0));
  await saveDraft({
    scope,
    userId: entry.userId,
    key: entry.key,
    kind: b.kind,
    categoryCode: b.categoryCode,
    title: b.title,
    description: b.description,
    place: b.place ? { lat: b.place.lat, lng: b.place.lng } : null,
    address: b.place?.address ?? '',
    occurredAt: b.occurredAt ? b.occurredAt.slice(0, 16) : '',
    confidential: b.confidential,
    files: entry.files.map((f, i) => ({ localId: f.localId, name: f.name, type: f.type, size: sizes[i] ?? 0, uploaded: null })),
    updatedAt: new Date().toISOString(),
  });
  await patchEntry(key, () => null);
  changed();
  return scope;
}

let sending: Promise<SendOutcome> | null = null;

/**
 * Sends what waits in the outbox for this citizen, oldest first: uploads the files still on the device, then
 * posts the report with its Idempotency-Key. One run at a time (the `online` event and opening the app may
 * both ask). A refusal by the server is kept on the entry for the citizen to see; a dropped connection stops
 * the run and the rest waits.
 */
export function sendOutbox(userId: string): Promise<SendOutcome> {
  sending ??= run(userId).finally(() => {
    sending = null;
  });
  return sending;
}

async function run(userId: string): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: [], refused: [], offline: false, signedOut: false };
  const entries = (await outboxEntries(userId)).filter((e) => e.lastError === null);
  for (const entry of entries) {
    try {
      const media: string[] = [];
      for (const f of entry.files) {
        if (f.uploadedId) {
          media.push(f.uploadedId);
          continue;
        }
        const blob = await get<Blob>(FILE_KEY(f.localId));
        if (!blob) throw new ApiError(400, 'FILE_LOST', `Tệp “${f.name}” không còn trên thiết bị; hãy mở lại phản ánh để chọn lại ảnh, video.`);
        const stored = await uploadFile(new File([blob], f.name, { type: f.type }), () => undefined);
        media.push(stored.id);
        await patchEntry(entry.key, (e) => ({ ...e, files: e.files.map((x) => (x.localId === f.localId ? { ...x, uploadedId: stored.id } : x)) }));
      }
      const report = await postReport({ ...entry.body, ...(media.length ? { media } : {}) }, entry.key);
      await patchEntry(entry.key, () => null);
      await Promise.all(entry.files.map((f) => dropFile(f.localId)));
      const sent = { key: entry.key, id: report.id, code: report.code, title: report.title };
      outcome.sent.push(sent);
      sentList = [...sentList.filter((s) => s.key !== sent.key), sent];
      changed();
    } catch (err) {
      if (isNetworkProblem(err)) {
        outcome.offline = true;
        break;
      }
      if (err instanceof ApiError && err.status === 401) {
        outcome.signedOut = true;
        break;
      }
      const message = err instanceof ApiError ? [err.message, ...err.errors.map((e) => e.message)].filter((m, i, all) => all.indexOf(m) === i).join(' — ') : String(err);
      await patchEntry(entry.key, (e) => ({ ...e, lastError: message }));
      outcome.refused.push({ key: entry.key, title: entry.body.title, message });
      changed();
    }
  }
  return outcome;
}
