/**
 * Citizen reception by audience: the public reads sessions with their seats left; a citizen reads their
 * own bookings; the Board's officers read sessions and bookings with who comes. Times in Vietnam time (+07:00).
 */
import type { PiiCipher } from '../../adapters/pii-cipher.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { DECLINE_REASONS, MATTER_CATEGORIES, type MatterCategory } from '../../domain/reception/index.ts';
import type { BookingWithSession, SessionRow } from '../../db/repos/reception.repo.ts';
import type { UserRow } from '../../db/repos/accounts.repo.ts';

const time = (d: Date | null) => (d ? formatVietnamTime(d) : null);

export function presentPublicSession(s: SessionRow, now: Date) {
  return {
    id: s.id,
    code: s.code,
    startsAt: formatVietnamTime(s.starts_at),
    endsAt: formatVietnamTime(s.ends_at),
    place: s.place,
    receiver: s.receiver,
    topics: s.topics,
    kind: s.kind,
    state: s.state,
    capacity: s.capacity,
    seatsLeft: Math.max(0, s.capacity - s.booked),
    bookingClosesAt: formatVietnamTime(s.booking_closes_at),
    bookingOpen: s.state === 'scheduled' && s.booking_closes_at.getTime() > now.getTime() && s.booked < s.capacity,
  };
}

export function presentStaffSession(s: SessionRow, now: Date) {
  return { ...presentPublicSession(s, now), agencyId: s.agency_id, booked: s.booked, cancelReason: s.cancel_reason, version: s.version, createdAt: formatVietnamTime(s.created_at), updatedAt: formatVietnamTime(s.updated_at) };
}

export function presentBooking(b: BookingWithSession, now: Date) {
  const outcome = b.outcome;
  return {
    id: b.id,
    code: b.code,
    state: b.state,
    version: b.version,
    session: presentPublicSession(b.session, now),
    applicant: b.applicant,
    summary: b.summary,
    category: b.category,
    categoryLabel: MATTER_CATEGORIES[b.category as MatterCategory] ?? b.category,
    handledElsewhere: b.handled_elsewhere,
    earlierDecision: b.earlier_decision,
    attachments: b.attachments,
    infoRequest: b.info_request,
    infoAnswer: b.info_answer,
    decline: b.decline_reason
      ? { reason: b.decline_reason, label: DECLINE_REASONS[b.decline_reason].label, explanation: b.decline_explanation, whereToGo: b.decline_where_to_go ?? DECLINE_REASONS[b.decline_reason].whereToGo }
      : null,
    checkedInAt: time(b.checked_in_at),
    outcome: outcome ? { received: outcome.received, answeredBy: outcome.answeredBy, dueWorkingDays: outcome.dueWorkingDays, dueAt: outcome.dueAt } : null,
    calendarFile: ['accepted', 'checked_in', 'completed'].includes(b.state) ? `/api/v1/me/reception/bookings/${b.id}/calendar.ics` : null,
    createdAt: formatVietnamTime(b.created_at),
    updatedAt: formatVietnamTime(b.updated_at),
  };
}

/** The Board's view: the booking and the citizen who booked (R-5.5 identity, for the reception itself). */
export function presentStaffBooking(b: BookingWithSession, now: Date, citizen: UserRow | undefined, pii: PiiCipher) {
  const open = (v: string | null | undefined) => (v ? pii.decrypt(v) : null);
  const { calendarFile: _unused, ...view } = presentBooking(b, now);
  void _unused;
  return { ...view, citizen: { id: b.citizen_id, fullName: open(citizen?.full_name_enc), phone: open(citizen?.phone_enc), organisation: citizen?.organisation_name ?? null } };
}
