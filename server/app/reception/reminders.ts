/**
 * reminders: an accepted booking's citizen finds a reminder in their inbox RECEPTION_REMINDER_HOURS before
 * the session — once per booking (and again after the session is moved). Safe with several servers: each booking
 * is taken with FOR UPDATE SKIP LOCKED and marked `reminded_at` in the same unit of work as its audited event.
 */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { lockBookingsToRemind, updateBooking } from '../../db/repos/reception.repo.ts';
import type { AppContext } from '../context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../unit-of-work.ts';
import { BOOKING_SUBJECT } from './sessions.ts';

const BATCH = 200;

export async function sendReceptionReminders(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const n = await unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
      const until = new Date(w.now.getTime() + ctx.config.receptionReminderHours * 3_600_000);
      const due = await lockBookingsToRemind(w.tx, w.now, until, BATCH);
      for (const b of due) {
        await updateBooking(w.tx, b.id, null, { reminded_at: w.now });
        await w.audit({
          action: 'reception.reminder',
          subjectType: BOOKING_SUBJECT,
          subjectId: b.id,
          fromState: b.state,
          toState: b.state,
          payload: { bookingCode: b.code, sessionCode: b.session.code, startsAt: formatVietnamTime(b.session.starts_at), place: b.session.place },
        });
      }
      return due.length;
    });
    sent += n;
    if (n < BATCH) return sent;
  }
}
