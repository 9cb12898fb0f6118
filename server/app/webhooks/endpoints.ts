/**
 * Webhook endpoints of integrators (issue 8 item 2, R-18.5 / R-20): an administrator registers one — its URL, the
 * events it wants — and gets its signing secret once; lists them, pauses, resumes or deletes one, and reads its
 * delivery history. Each change is audited (subject `webhook_endpoint`; the secret never appears in the trail).
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { can, type Actor } from '../../domain/access/index.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import {
  deliveryCounts,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  updateEndpoint,
  type WebhookEndpointRow,
} from '../../db/repos/webhooks.repo.ts';
import { auditActor, requirePermission } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events.ts';

const SUBJECT = 'webhook_endpoint';
export const URL_MAX = 2000;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'pii'>;

function mayManage(actor: Actor): asserts actor is Extract<Actor, { kind: 'staff' }> {
  requirePermission(actor, can(actor, 'integration.manage', { any: true }));
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
}

/** Problems of a receiver's URL: absolute http(s), a host, no user name or password in it, no fragment. */
export function urlProblems(raw: string, field = 'body.url'): FieldProblem[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [{ field, message: 'Địa chỉ nhận phải là một URL đầy đủ, ví dụ https://lgsp.hanoi.gov.vn/ihanoi/webhook' }];
  }
  const problems: FieldProblem[] = [];
  if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push({ field, message: 'Chỉ nhận địa chỉ http:// hoặc https://' });
  if (!u.hostname) problems.push({ field, message: 'Địa chỉ phải có tên máy chủ' });
  if (u.username || u.password) problems.push({ field, message: 'Không ghi tên đăng nhập, mật khẩu trong địa chỉ: các sự kiện được ký bằng khóa bí mật' });
  if (u.hash) problems.push({ field, message: 'Địa chỉ không được có phần #' });
  return problems;
}

function eventProblems(events: readonly string[], field = 'body.events'): FieldProblem[] {
  if (events.length === 0) return [{ field, message: `Chọn ít nhất một sự kiện: ${WEBHOOK_EVENT_TYPES.join(', ')}` }];
  const unknown = events.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
  return unknown.length ? [{ field, message: `Không có sự kiện ${unknown.join(', ')}; chọn trong ${WEBHOOK_EVENT_TYPES.join(', ')}` }] : [];
}

export interface WebhookEndpoint {
  row: WebhookEndpointRow;
  deliveries: Record<'pending' | 'running' | 'delivered' | 'failed', number>;
}

export async function createWebhookEndpoint(ctx: Ctx, actor: Actor, input: { url: string; events: readonly string[]; description?: string | undefined }): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  mayManage(actor);
  const url = input.url.trim();
  const events = [...new Set(input.events)] as WebhookEventType[];
  const problems = [...urlProblems(url), ...eventProblems(events)];
  if (problems.length) throw invalid(problems);
  // Made here, shown once: the integrator keeps it to check the signature of every delivery.
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await unitOfWork(ctx, auditActor(actor), async (w) => {
    const row = await insertEndpoint(w.tx, { id: uuidv7(), url, description: input.description?.trim() || null, secretEnc: ctx.pii.encrypt(secret), events, createdBy: actor.userId, at: w.now });
    await w.audit({ action: 'webhook.create', subjectType: SUBJECT, subjectId: row.id, toState: 'active', payload: { url, events } });
    return row;
  });
  return { endpoint: { row, deliveries: { pending: 0, running: 0, delivered: 0, failed: 0 } }, secret };
}

export async function webhookEndpoints(ctx: Ctx, actor: Actor): Promise<WebhookEndpoint[]> {
  mayManage(actor);
  const rows = await listEndpoints(ctx.db);
  const counts = await deliveryCounts(ctx.db, rows.map((r) => r.id));
  return rows.map((row) => ({ row, deliveries: counts.get(row.id)! }));
}

export async function webhookEndpoint(ctx: Ctx, actor: Actor, id: string): Promise<WebhookEndpoint> {
  mayManage(actor);
  const row = await findEndpoint(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { row, deliveries: (await deliveryCounts(ctx.db, [id])).get(id)! };
}

/** Pauses or resumes an endpoint, or changes its events. A paused endpoint's events wait and go out in order on resuming. */
export async function changeWebhookEndpoint(ctx: Ctx, actor: Actor, id: string, input: { state?: 'active' | 'paused' | undefined; events?: readonly string[] | undefined }): Promise<WebhookEndpoint> {
  mayManage(actor);
  const events = input.events ? [...new Set(input.events)] : undefined;
  if (events) {
    const problems = eventProblems(events);
    if (problems.length) throw invalid(problems);
  }
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    const before = await findEndpoint(w.tx, id);
    if (!before) throw new AppError('NOT_FOUND');
    await updateEndpoint(w.tx, id, { ...(input.state ? { state: input.state } : {}), ...(events ? { events } : {}), at: w.now });
    await w.audit({ action: 'webhook.change', subjectType: SUBJECT, subjectId: id, fromState: before.state, toState: input.state ?? before.state, payload: events ? { events } : {} });
  });
  return webhookEndpoint(ctx, actor, id);
}

/** Deletes an endpoint: nothing more is sent to it, its waiting deliveries included; its history stays in the database. */
export async function deleteWebhookEndpoint(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  mayManage(actor);
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    const before = await updateEndpoint(w.tx, id, { state: 'deleted', at: w.now });
    if (!before) throw new AppError('NOT_FOUND');
    await w.audit({ action: 'webhook.delete', subjectType: SUBJECT, subjectId: id, toState: 'deleted', payload: {} });
  });
}

export async function webhookDeliveries(ctx: Ctx, actor: Actor, id: string, f: { state?: string | undefined; limit: number; offset: number }) {
  mayManage(actor);
  if (!(await findEndpoint(ctx.db, id))) throw new AppError('NOT_FOUND');
  return listDeliveries(ctx.db, { endpointId: id, ...(f.state ? { state: f.state } : {}), limit: f.limit, offset: f.offset });
}
