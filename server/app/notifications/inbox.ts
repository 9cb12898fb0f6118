/**
 * Inboxes. The reporter's: derived from the audit trail of the reporter's own reports — the events that
 * concern them (see reporter-notifications.ts), made by someone else — of their account (R-27.3 sanctions), and
 * of the reports they follow (issue 5: the decisions and the result, never what was said to the reporter).
 * A staff member's: alerts of their desk (R-8.4 urgent reports, see STAFF_NOTIFICATIONS). Marking read is the
 * reader's own bookkeeping, not a regulated state change: it is not audited.
 */
import { agencyScope, type Actor } from '../../domain/access/index.ts';
import { INTEGRITY_SUBJECT } from '../integrity/check-report.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import { inboxPosition, listInbox, markInboxRead, type InboxFilter } from '../../db/repos/inbox.repo.ts';
import type { AppContext } from '../context.ts';
import {
  ACCOUNT_NOTIFICATION_ACTIONS,
  BOOKING_NOTIFICATION_ACTIONS,
  bookingNotificationTitle,
  FOLLOWER_NOTIFICATION_ACTIONS,
  REPORTER_NOTIFICATION_ACTIONS,
  STAFF_NOTIFICATION_ACTIONS,
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
  /** Only on a notice about a reception booking: its id and code (reportId and reportCode are then null). */
  bookingId?: string | null;
  bookingCode?: string | null;
  /** The workflow action, e.g. `accept`; `account.sanction` / `account.sanctionLift` for the account. */
  action: string;
  at: string;
  title: string;
  /** What was asked of or answered to the reporter (question, answer, explanation, rejectReason); empty for a followed report. */
  said: NotificationSaid;
  /** About a report the user follows ("Tôi cũng gặp vấn đề này"), not their own. */
  following: boolean;
  read: boolean;
}

/** The inbox row kind of a reception booking's notice (db/repos/inbox.repo.ts). */
const BOOKING_KIND = 'reception_booking';

const NO_STAFF_ALERTS: InboxFilter['staffAlerts'] = { subjectType: INTEGRITY_SUBJECT, actions: [], agencies: [] };

/**
 * Whose inbox: a citizen's holds their reports, their account and the reports they follow; a staff member's
 * holds the alerts of their desk — a report newly suggested as urgent received at an agency where they
 * receive reports (city-wide for the Center's operators).
 */
function inboxFilter(actor: Actor): InboxFilter {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind === 'staff')
    return {
      userId: actor.userId,
      actions: [],
      accountActions: [],
      followedActions: [],
      bookingActions: [],
      staffAlerts: { subjectType: INTEGRITY_SUBJECT, actions: STAFF_NOTIFICATION_ACTIONS, agencies: agencyScope(actor, 'report.receive') },
    };
  return {
    userId: actor.userId,
    actions: REPORTER_NOTIFICATION_ACTIONS,
    accountActions: ACCOUNT_NOTIFICATION_ACTIONS,
    followedActions: FOLLOWER_NOTIFICATION_ACTIONS,
    bookingActions: BOOKING_NOTIFICATION_ACTIONS,
    staffAlerts: NO_STAFF_ALERTS,
  };
}

export async function inboxOf(
  ctx: AppContext,
  actor: Actor,
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ total: number; unread: number; items: Notification[] }> {
  const filter = inboxFilter(actor);
  const { rows, total, unread } = await listInbox(ctx.db, { ...filter, ...q });
  return {
    total,
    unread,
    items: rows.map((r) => {
      const booking = r.reportKind === BOOKING_KIND;
      return {
      id: r.id,
      reportId: booking ? null : r.reportId,
      reportCode: booking ? null : r.reportCode,
      // Only on a booking's notice, so that report notices keep their shape.
      ...(booking ? { bookingId: r.reportId, bookingCode: r.reportCode } : {}),
      action: r.action.replace(/^report\./, ''),
      at: formatVietnamTime(r.occurredAt),
      title: booking
        ? bookingNotificationTitle(r.action, r.reportCode ?? '', r.payload)
        : r.reportKind && r.reportCode
          ? notificationTitle(r.action, r.reportKind, r.reportCode)
          : accountNotificationTitle(r.action, r.payload),
      said: notificationSaid(r.payload),
      following: r.following,
      read: r.read,
      };
    }),
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
  const filter = inboxFilter(actor);
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
