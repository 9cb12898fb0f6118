/**
 * The shapes the API answers with, taken from the server's own presenters (type-only imports: nothing of the
 * server is bundled). A presenter change that breaks a screen fails `npm run typecheck`, not a citizen.
 */
import type { presentOwnAccount } from '../../../server/http/presenters/reporter.ts';
import type {
  presentPublicReport,
  presentPublicSummary,
  presentReporterReport,
  presentStaffQueueItem,
  presentStaffReport,
} from '../../../server/http/presenters/report.ts';
import type { presentResidentAlert, presentStaffAlert } from '../../../server/http/presenters/alert.ts';
import type { Notification } from '../../../server/app/notifications/inbox.ts';
import type { presentBooking, presentPublicSession, presentStaffBooking, presentStaffSession } from '../../../server/http/presenters/reception.ts';

export type Me = ReturnType<typeof presentOwnAccount>;
export type Membership = Me['memberships'][number];
export type PublicSummary = ReturnType<typeof presentPublicSummary>;
export type PublicReport = ReturnType<typeof presentPublicReport> & { followers: number; following: boolean };
export type ReporterReport = ReturnType<typeof presentReporterReport>;
export type StaffReport = ReturnType<typeof presentStaffReport>;
export type StaffQueueItem = ReturnType<typeof presentStaffQueueItem>;
export type ResidentAlert = ReturnType<typeof presentResidentAlert>;
export type StaffAlert = ReturnType<typeof presentStaffAlert>;
export type Deadline = ReporterReport['deadlines'][number];
/** Citizen reception with the City's Citizen Reception Board: a session as the public and the Board see it, a booking as its citizen and the Board see it. */
export type ReceptionSession = ReturnType<typeof presentPublicSession>;
export type StaffReceptionSession = ReturnType<typeof presentStaffSession>;
export type Booking = ReturnType<typeof presentBooking>;
export type StaffBooking = ReturnType<typeof presentStaffBooking>;
/** An item of the reporter's inbox (GET /api/v1/me/notifications). */
export type { Notification };

export interface Page<T> {
  total: number;
  items: T[];
}
