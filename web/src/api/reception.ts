/**
 * What every reception screen reads besides sessions and bookings: the matter categories, the reasons a booking
 * is declined with where to go instead, and how long before a session booking closes — GET
 * /api/v1/reception/reference, read once per page load.
 */
import { api, once } from './client.ts';

export interface ReceptionReference {
  categories: { code: string; label: string }[];
  declineReasons: { code: string; label: string; whereToGo: string }[];
  bookingStates: string[];
  bookingClosesHoursBefore: number;
}

export const loadReceptionReference = () => once('reception-reference', () => api.get<ReceptionReference>('/api/v1/reception/reference'));

/** The Board's iCalendar feed of sessions, for a calendar application to subscribe to. */
export const RECEPTION_FEED = '/api/v1/reception/sessions.ics';
