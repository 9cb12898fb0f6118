/**
 * The reporter's inbox: derived from the audit trail of the reporter's own reports — the events that
 * concern them (see reporter-notifications.ts), made by someone else — and of their account (R-27.3 sanctions). Only citizens have reports, so only
 * citizens have an inbox. Marking read is the reader's own bookkeeping, not a regulated state change: it is
 * not audited.
 */
import type { Actor } from '../../domain/access/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import { inboxPosition, listInbox, markInboxRead, type InboxFilter } from '../../db/repos/inbox.repo.ts';
import type { AppContext } from '../context.ts';
import {
  ACCOUNT_NOTIFICATION_ACTIONS,
  REPORTER_NOTIFICATION_ACTIONS,
  accountNotificationTitle,
  notificationSaid,
  notificationTitle,
  type NotificationSaid,
} from './reporter-notifications.ts';

export interface Notification {
  /** The audit event's id. */
  id: string;
  /** Null for a notice about the account (R-27.3 sanction, its lifting). */
  reportId: string | null;
  reportCode: string | null;
  /** The workflow action, e.g. `accept`; `account.sanction` / `account.sanctionLift` for the account. */
  action: string;
  at: string;
  title: string;
  /** What was asked of or answered to the reporter (question, answer, explanation, rejectReason). */
  said: NotificationSaid;
  read: boolean;
}

function reporterFilter(actor: Actor): InboxFilter {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN');
  return { userId: actor.userId, actions: REPORTER_NOTIFICATION_ACTIONS, accountActions: ACCOUNT_NOTIFICATION_ACTIONS };
}

export async function reporterInbox(
  ctx: AppContext,
  actor: Actor,
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ total: number; unread: number; items: Notification[] }> {
  const filter = reporterFilter(actor);
  const { rows, total, unread } = await listInbox(ctx.db, { ...filter, ...q });
  return {
    total,
    unread,
    items: rows.map((r) => ({
      id: r.id,
      reportId: r.reportId,
      reportCode: r.reportCode,
      action: r.action.replace(/^report\./, ''),
      at: formatVietnamTime(r.occurredAt),
      title: r.reportKind && r.reportCode ? notificationTitle(r.action, r.reportKind, r.reportCode) : accountNotificationTitle(r.action, r.payload),
      said: notificationSaid(r.payload),
      read: r.read,
    })),
  };
}

/**
 * Marks notifications read — `ids`, or everything up to and including `upTo` in the inbox's order. An `upTo`
 * that is not in the reporter's inbox is 404 (no hint whose it is); unknown `ids` are ignored.
 */
export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  which: { upTo: string } | { ids: readonly string[] },
): Promise<{ marked: number; unread: number }> {
  const filter = reporterFilter(actor);
  const now = ctx.clock.now();
  let marked: number;
  if ('upTo' in which) {
    const position = await inboxPosition(ctx.db, filter, which.upTo);
    if (!position) throw new AppError('NOT_FOUND');
    marked = await markInboxRead(ctx.db, filter, { upTo: position }, now);
  } else {
    marked = await markInboxRead(ctx.db, filter, { ids: which.ids }, now);
  }
  const { unread } = await listInbox(ctx.db, { ...filter, unreadOnly: true, limit: 1, offset: 0 });
  return { marked, unread };
}
