/**
 * Integration keys (issue 8, R-18.5, R-20): an outside system — an organisation's own software, or an app a
 * citizen authorised — posts Open311 requests as the account its key is bound to. Administrators create, list
 * and revoke keys; the key itself is shown once, at creation, and only its SHA-256 is stored (like sessions).
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { can, type Actor } from '../../domain/access/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { findUserById } from '../../db/repos/accounts.repo.ts';
import { findLiveIntegrationKey, insertIntegrationKey, listIntegrationKeys, revokeIntegrationKey, type IntegrationKeyListRow, type LiveIntegrationKey } from '../../db/repos/open311.repo.ts';
import { auditActor, requirePermission } from '../accounts/staff.ts';
import { hashToken } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../unit-of-work.ts';

export const INTEGRATION_KEY_SUBJECT = 'integration_key';

export interface NewIntegrationKey {
  name: string;
  /** The account reports are posted as: an organisation, or a citizen who authorised the app. */
  accountId: string;
}

export interface CreatedIntegrationKey {
  id: string;
  /** The key itself: shown this once, never stored. */
  key: string;
  name: string;
  accountId: string;
  createdAt: Date;
}

const newKey = () => `ihk_${randomBytes(32).toString('base64url')}`;

async function checkAccount(ctx: AppContext, accountId: string) {
  const user = await findUserById(ctx.db, accountId);
  if (!user) throw invalid([{ field: 'body.accountId', message: 'Không có tài khoản này' }]);
  if (user.kind === 'staff') throw invalid([{ field: 'body.accountId', message: 'Khóa tích hợp gắn với tài khoản tổ chức hoặc công dân, không gắn với tài khoản cán bộ' }]);
  return user;
}

export async function createIntegrationKey(ctx: AppContext, actor: Actor, input: NewIntegrationKey): Promise<CreatedIntegrationKey> {
  requirePermission(actor, can(actor, 'integration.manage', { any: true }));
  const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length < 3 || name.length > 200) throw invalid([{ field: 'body.name', message: 'Tên khóa từ 3 đến 200 ký tự, ví dụ "FixMyStreet — Phường Hoàn Kiếm"' }]);
  await checkAccount(ctx, input.accountId);
  const key = newKey();
  const id = uuidv7();
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    await insertIntegrationKey(w.tx, { id, key_hash: hashToken(key), user_id: input.accountId, name, created_by: actor.kind === 'anonymous' ? null : actor.userId, created_at: w.now });
    await w.audit({ action: 'integrationKey.create', subjectType: INTEGRATION_KEY_SUBJECT, subjectId: id, toState: 'active', payload: { name, accountId: input.accountId } });
    return { id, key, name, accountId: input.accountId, createdAt: w.now };
  });
}

export async function integrationKeys(ctx: AppContext, actor: Actor): Promise<IntegrationKeyListRow[]> {
  requirePermission(actor, can(actor, 'integration.manage', { any: true }));
  return listIntegrationKeys(ctx.db);
}

export async function revokeKey(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, can(actor, 'integration.manage', { any: true }));
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  await unitOfWork(ctx, auditActor(actor), async (w) => {
    if (!(await revokeIntegrationKey(w.tx, id, actor.userId, w.now))) throw new AppError('NOT_FOUND', { detail: { vi: 'Không có khóa này hoặc khóa đã bị thu hồi', en: 'No such key, or it was already revoked' } });
    await w.audit({ action: 'integrationKey.revoke', subjectType: INTEGRATION_KEY_SUBJECT, subjectId: id, fromState: 'active', toState: 'revoked' });
  });
}

/**
 * A key with a known value, for the demo seed (OPEN311_DEMO_API_KEY): created once, bound to `accountId`.
 * Idempotent: a key with that value is left as it is.
 */
export async function ensureIntegrationKey(ctx: AppContext, input: NewIntegrationKey & { key: string }): Promise<void> {
  const keyHash = hashToken(input.key);
  await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    if (await w.tx.selectFrom('integration_keys').select('id').where('key_hash', '=', keyHash).executeTakeFirst()) return;
    const id = uuidv7();
    await insertIntegrationKey(w.tx, { id, key_hash: keyHash, user_id: input.accountId, name: input.name, created_by: null, created_at: w.now });
    await w.audit({ action: 'integrationKey.create', subjectType: INTEGRATION_KEY_SUBJECT, subjectId: id, toState: 'active', payload: { name: input.name, accountId: input.accountId, demo: true } });
  });
}

/**
 * The account an `api_key` acts as: a citizen actor (organisations are citizens of the platform, R-2) with its
 * verification and sanction as a session would carry them. 403 INVALID_API_KEY when missing, unknown, revoked,
 * or bound to an account that is locked.
 */
export async function actorOfApiKey(ctx: AppContext, apiKey: string | undefined): Promise<{ key: LiveIntegrationKey; actor: Extract<Actor, { kind: 'citizen' }> }> {
  if (!apiKey) throw new AppError('INVALID_API_KEY', { detail: { vi: 'Thiếu api_key', en: 'api_key was not provided' } });
  const now = ctx.clock.now();
  const key = await findLiveIntegrationKey(ctx.db, hashToken(apiKey), now);
  if (!key || key.kind === 'staff' || key.status !== 'active' || (key.locked_until && key.locked_until > now)) throw new AppError('INVALID_API_KEY');
  return { key, actor: { kind: 'citizen', userId: key.user_id, identityVerified: key.identity_verified_at !== null, sanctionedUntil: key.sanctioned_until ?? null } };
}
