/**
 * A resident's alerts (issue 6 item 4): computed from the alerts whose audience holds their residence unit or one
 * of its ancestors — in the residence's structure version and, through the merge mapping, in later ones — with a
 * read marker per account. Nothing is written per recipient when an alert is sent.
 */
import type { Actor } from '../../domain/access/index.ts';
import { residentAudienceKeys } from '../../domain/alerts/index.ts';
import { AppError } from '../../domain/errors.ts';
import { findUserById } from '../../db/repos/accounts.repo.ts';
import { findAlert, markAlertsRead, markAlertsReadUpTo, residentInbox, type ResidentInboxRow } from '../../db/repos/alerts.repo.ts';
import { successionsFrom } from '../../db/repos/units.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';

type InboxContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** The resident's audience keys (null: no residence declared). Staff and anonymous callers get 403 / 401. */
export async function residentKeys(ctx: InboxContext, actor: Actor): Promise<{ userId: string; keys: string[] | null }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen')
    throw new AppError('FORBIDDEN', { detail: { vi: 'Hộp thư thông báo dành cho người dân có nơi cư trú; cán bộ xem thông báo của đơn vị ở /api/v1/alerts', en: 'The alert inbox is for residents; staff read their units’ alerts at /api/v1/alerts' } });
  const user = await findUserById(ctx.db, actor.userId);
  if (!user?.residence_structure_version || !user.residence_unit_code) return { userId: actor.userId, keys: null };
  const ref = await referenceData(ctx);
  const residence = { version: user.residence_structure_version, code: user.residence_unit_code };
  const newest = ref.structureVersions[0]?.version;
  // A residence in a former unit is reached through its successors: one look-up, only then.
  const successions = residence.version !== newest ? await successionsFrom(ctx.db, residence) : [];
  const versions = ref.structureVersions.map((v) => v.version);
  return { userId: actor.userId, keys: residentAudienceKeys(residence, versions, (v, c) => ref.unit(v, c), successions) };
}

export async function residentAlerts(
  ctx: InboxContext,
  actor: Actor,
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ residenceMissing: boolean; total: number; unread: number; rows: ResidentInboxRow[] }> {
  const { userId, keys } = await residentKeys(ctx, actor);
  if (!keys) return { residenceMissing: true, total: 0, unread: 0, rows: [] };
  return { residenceMissing: false, ...(await residentInbox(ctx.db, { userId, keys, now: ctx.clock.now(), ...q })) };
}

/**
 * Marks alerts read: every alert sent up to and including `upTo` (an alert of the inbox), or the given ids (ids
 * that are not in the resident's inbox are ignored). Returns the unread count afterwards.
 */
export async function markResidentAlertsRead(ctx: InboxContext, actor: Actor, which: { upTo: string } | { ids: readonly string[] }): Promise<{ unread: number }> {
  const { userId, keys } = await residentKeys(ctx, actor);
  const now = ctx.clock.now();
  if (!keys) return { unread: 0 };
  if ('upTo' in which) {
    const alert = await findAlert(ctx.db, { id: which.upTo });
    const mine = alert?.sent_at && alert.audience_keys.some((k) => keys.includes(k));
    if (!alert || !mine) throw new AppError('NOT_FOUND');
    await markAlertsReadUpTo(ctx.db, userId, alert.sent_at!);
  } else {
    await markAlertsRead(ctx.db, { userId, keys, alertIds: which.ids, at: now });
  }
  const { unread } = await residentInbox(ctx.db, { userId, keys, now, unreadOnly: true, limit: 1, offset: 0 });
  return { unread };
}
