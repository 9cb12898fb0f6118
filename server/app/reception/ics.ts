/**
 * Calendar files (RFC 5545) in Vietnam time: an accepted booking as one event, and the Board's sessions as a
 * subscribable feed. DTSTART/DTEND carry TZID=Asia/Ho_Chi_Minh with its VTIMEZONE (from @touch4it/ical-timezones);
 * the wall-clock digits are computed from the instant with the fixed +07:00 offset (Vietnam has kept it since 1975),
 * never with the server's zone.
 */
import ical, { ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { getVtimezone } from '@touch4it/ical-timezones';
import { VIETNAM_OFFSET_MINUTES } from '../../domain/calendar/index.ts';
import type { BookingWithSession, SessionRow } from '../../db/repos/reception.repo.ts';

export const ICS_TIMEZONE = 'Asia/Ho_Chi_Minh';
const UID_DOMAIN = 'ihanoi.hanoi.gov.vn';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A date ical-generator formats as Vietnam wall-clock time (it accepts a dayjs-like object: `tz()` and `format()`),
 * so that the output never depends on the process's time zone.
 */
function vietnamWallClock(at: Date) {
  const w = new Date(at.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  const value = {
    tz: () => value,
    utc: () => value,
    isValid: () => true,
    toDate: () => at,
    toJSON: () => at.toISOString(),
    toISOString: () => at.toISOString(),
    format: (f: string) =>
      f === 'YYYYMMDD' ? `${pad(w.getUTCFullYear(), 4)}${pad(w.getUTCMonth() + 1)}${pad(w.getUTCDate())}` : `${pad(w.getUTCHours())}${pad(w.getUTCMinutes())}${pad(w.getUTCSeconds())}`,
  };
  // ical-generator's types name its supported date libraries; this object behaves as a dayjs value there.
  return value as unknown as Date;
}

function vtimezone(name: string): string | null {
  const block = /BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE/.exec(getVtimezone(name) ?? '');
  return block ? block[0].replace(/\r?\n/g, '\r\n') : null;
}

function calendar(name: string): ICalCalendar {
  return ical({ name, prodId: { company: 'UBND Thanh pho Ha Noi', product: 'iHanoi tiep cong dan', language: 'VI' }, timezone: { name: null, generator: vtimezone } });
}

function sessionEvent(cal: ICalCalendar, s: SessionRow, now: Date, uid: string, summary: string, description: string) {
  cal.createEvent({
    id: uid,
    sequence: Math.max(0, s.version - 1),
    stamp: now,
    start: vietnamWallClock(s.starts_at),
    end: vietnamWallClock(s.ends_at),
    timezone: ICS_TIMEZONE,
    summary,
    description,
    location: s.place,
    status: s.state === 'cancelled' ? ICalEventStatus.CANCELLED : s.state === 'needs_rescheduling' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
}

export function bookingIcs(b: BookingWithSession, now: Date): string {
  const cal = calendar(`Lịch hẹn tiếp công dân ${b.code}`);
  const s = b.session;
  sessionEvent(
    cal,
    s,
    now,
    `${b.id}@${UID_DOMAIN}`,
    `Tiếp công dân — lịch hẹn ${b.code}`,
    `Lịch hẹn ${b.code}, buổi tiếp ${s.code}. Người tiếp: ${s.receiver}. Vụ việc: ${b.summary.slice(0, 300)}. Mang theo giấy tờ tùy thân (CCCD) và tài liệu liên quan.`,
  );
  return cal.toString();
}

export function sessionsFeedIcs(sessions: SessionRow[], now: Date): string {
  const cal = calendar('Lịch tiếp công dân — Ban Tiếp công dân Thành phố Hà Nội');
  for (const s of sessions) {
    const left = Math.max(0, s.capacity - s.booked);
    const topics = s.topics.length ? ` Chủ đề: ${s.topics.join('; ')}.` : '';
    sessionEvent(cal, s, now, `${s.id}@${UID_DOMAIN}`, `Tiếp công dân (${s.kind === 'regular' ? 'định kỳ' : 'đột xuất'}) — ${s.receiver}`, `Buổi tiếp ${s.code}. Còn ${left}/${s.capacity} chỗ.${topics}`);
  }
  return cal.toString();
}
