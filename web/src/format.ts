/** Dates and numbers as people in Hanoi read them, always in Hanoi time whatever the device's zone. */
import { currentLang } from './i18n/lang.ts';

const ZONE = 'Asia/Ho_Chi_Minh';
const locale = () => (currentLang() === 'vi' ? 'vi-VN' : 'en-GB');

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}

export const formatNumber = (n: number) => new Intl.NumberFormat(locale()).format(n);

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A local date-time input's value (YYYY-MM-DDTHH:mm, Hanoi time) as an ISO instant with +07:00. */
export function hanoiInputToIso(value: string): string {
  return `${value}:00+07:00`;
}

/** Now, as a local date-time input's value in Hanoi time. */
export function hanoiNowInput(now = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A `YYYY-MM-DD` date (a Hanoi date, as date inputs and filters in the address give it). */
export const isDate = (s: string | null | undefined): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The last day of a `YYYY-MM` month, as `YYYY-MM-DD`. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A day and its hours, as a reception session is announced: "Thứ Năm, 03/12/2026, 08:00–11:30" (Hanoi time). */
export function formatTimeRange(startIso: string, endIso: string): string {
  const day = new Intl.DateTimeFormat(locale(), { timeZone: ZONE, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(startIso));
  const hm = (iso: string) => new Intl.DateTimeFormat(locale(), { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${day}, ${hm(startIso)}–${hm(endIso)}`;
}
