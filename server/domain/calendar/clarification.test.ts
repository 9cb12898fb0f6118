// R-13 "02 ngày" window, counted in calendar days per Civil Code 2015 Art. 147–148. Expected values worked out by
// hand from data/calendar/vn-civil-service-calendar.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  CalendarRangeError,
  buildWorkingCalendar,
  clarificationWindow,
  formatVietnamTime,
  isWorkingDay,
  parseCalendarDefinition,
  parseInstant,
} from './index.ts';

const parsed = parseCalendarDefinition(JSON.parse(readFileSync(new URL('../../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('data file does not validate');
const cal = buildWorkingCalendar(parsed.calendar);

const window = (receivedAt: string): string => {
  const d = parseInstant(receivedAt.includes('Z') ? receivedAt : `${receivedAt.replace(' ', 'T')}:00+07:00`);
  if (!d) throw new Error(receivedAt);
  return formatVietnamTime(clarificationWindow(cal, d));
};

test('R-13 the day of receipt does not count; the window ends at 24:00 of the second day', () => {
  // Received Mon 09/03/2026: day 1 = Tue 10, day 2 = Wed 11 (working) → ends 24:00 on 11/03.
  assert.equal(window('2026-03-09 15:00'), '2026-03-12T00:00:00+07:00');
  // Even a receipt at 00:01 does not make the day of receipt count.
  assert.equal(window('2026-03-09 00:01'), '2026-03-12T00:00:00+07:00');
});

test('R-13 a second day on a Saturday extends the window to the end of Monday (Art. 148(1))', () => {
  // Received Thu 12/03/2026: day 2 = Sat 14 → next working day Mon 16 → 24:00 on 16/03.
  assert.equal(window('2026-03-12 10:00'), '2026-03-17T00:00:00+07:00');
  // Received Fri 13/03 late evening: day 2 = Sun 15 → Mon 16.
  assert.equal(window('2026-03-13 23:59'), '2026-03-17T00:00:00+07:00');
});

test('R-13 a second day in Tết 2026 runs to the end of the first working day after Tết', () => {
  // Received Fri 13/02/2026: day 2 = Sun 15/02 (Tết break 14–22/02) → Mon 23/02 is the next working day.
  assert.equal(window('2026-02-13 10:00'), '2026-02-24T00:00:00+07:00');
  // Received Tue 17/02 (mùng 1, itself a holiday — receipt on a day off changes nothing): day 2 = Thu 19 → Mon 23.
  assert.equal(window('2026-02-17 09:00'), '2026-02-24T00:00:00+07:00');
});

test('R-13 Tết 2025: a window ending just before the break is not extended; one ending inside it is', () => {
  // Received Wed 22/01/2025: day 2 = Fri 24/01 (working) → 24:00 on 24/01.
  assert.equal(window('2025-01-22 11:00'), '2025-01-25T00:00:00+07:00');
  // Received Thu 23/01/2025: day 2 = Sat 25/01 (Tết break 25/01–02/02) → Mon 03/02.
  assert.equal(window('2025-01-23 11:00'), '2025-02-04T00:00:00+07:00');
});

test('R-13 a make-up Saturday is a working day: the window ends with it', () => {
  // Received Thu 08/01/2026: day 2 = Sat 10/01, the make-up day for 02/01 → 24:00 on 10/01.
  assert.equal(window('2026-01-08 10:00'), '2026-01-11T00:00:00+07:00');
});

test('R-13 a second day on 1/1/2026 runs over the 02/01 swap and the weekend to Mon 05/01', () => {
  // Received Tue 30/12/2025: day 2 = Thu 01/01 (holiday); 02/01 swapped off; 03–04/01 weekend → Mon 05/01.
  assert.equal(window('2025-12-30 09:00'), '2026-01-06T00:00:00+07:00');
});

test('R-13 the day of receipt is the Vietnamese civil day, whatever the UTC date', () => {
  // 16:59:59Z = 23:59:59 on 09/03 in Vietnam; 17:00:00Z = 00:00 on 10/03 (day 2 = Thu 12/03, working).
  assert.equal(window('2026-03-09T16:59:59Z'), '2026-03-12T00:00:00+07:00');
  assert.equal(window('2026-03-09T17:00:00Z'), '2026-03-13T00:00:00+07:00');
});

test('R-13 a window that needs days after the covered years throws CalendarRangeError', () => {
  const at = parseInstant('2027-12-30T10:00:00+07:00');
  assert.ok(at);
  assert.throws(() => clarificationWindow(cal, at), (e: unknown) => e instanceof CalendarRangeError && e.year === 2028);
});

test('R-13 property: the window closes at midnight after a working day, 3 to 13 days after the start of the day of receipt', () => {
  const start = Date.parse('2025-01-01T00:00:00+07:00');
  const end = Date.parse('2027-12-01T00:00:00+07:00');
  fc.assert(
    fc.property(fc.integer({ min: start, max: end }), (ms) => {
      const received = new Date(ms);
      const closes = formatVietnamTime(clarificationWindow(cal, received));
      assert.match(closes, /T00:00:00\+07:00$/);
      const lastDay = formatVietnamTime(new Date(Date.parse(closes) - 1)).slice(0, 10);
      assert.ok(isWorkingDay(cal, lastDay), `${lastDay} should be a working day`);
      const receiptDay = Date.parse(`${formatVietnamTime(received).slice(0, 10)}T00:00:00+07:00`);
      const days = (Date.parse(closes) - receiptDay) / 86_400_000;
      assert.ok(days >= 3 && days <= 13, `${days} days`);
    }),
  );
});
