import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  InvalidCalendarError,
  buildWorkingCalendar,
  describeDay,
  isWorkingDay,
  parseCalendarDefinition,
  parseWallClock,
  type CalendarDefinition,
} from './index.ts';

const raw = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The fields of the problems found in a mutated copy of the data file. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mutations deliberately write ill-typed values deep into untyped JSON
function problemsOf(mutate: (d: Record<string, any>) => void): string[] {
  const d = raw();
  mutate(d);
  const r = parseCalendarDefinition(d);
  return r.ok ? [] : r.problems.map((p) => p.field);
}

test('the data file validates and compiles: 2025–2027', () => {
  const r = parseCalendarDefinition(raw());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const cal = buildWorkingCalendar(r.calendar);
  assert.equal(cal.firstYear, 2025);
  assert.equal(cal.lastYear, 2027);
  assert.equal(cal.minutesPerWorkingDay, 480);
});

test('compiled days follow the data: swaps, make-up Saturdays, compensatory days, pending not in force', () => {
  const r = parseCalendarDefinition(raw());
  assert.ok(r.ok);
  const cal = buildWorkingCalendar(r.calendar);
  assert.equal(isWorkingDay(cal, '2026-01-02'), false);
  assert.deepEqual(describeDay(cal, '2026-01-02'), { date: '2026-01-02', weekday: 'FRI', working: false, kind: 'swap', reason: 'hoán đổi với thứ Bảy 10/01/2026' });
  assert.deepEqual(describeDay(cal, '2026-01-10'), { date: '2026-01-10', weekday: 'SAT', working: true, kind: 'make_up', reason: 'làm bù cho thứ Sáu 02/01/2026' });
  assert.equal(describeDay(cal, '2026-04-27').kind, 'compensatory');
  assert.deepEqual(describeDay(cal, '2026-01-03'), { date: '2026-01-03', weekday: 'SAT', working: false, kind: 'weekly_rest' });
  assert.deepEqual(describeDay(cal, '2026-11-24'), { date: '2026-11-24', weekday: 'TUE', working: true, kind: 'working' });
  // The year has 365 days; 2026: 261 weekdays − 12 weekday days off (1–2/1, 16–20/2, 27/4, 30/4, 1/5, 31/8, 1–2/9 → 13) + 2 make-up days.
  let working = 0;
  for (let i = 365; i < 730; i++) working += cal.working[i] ?? 0;
  assert.equal(working, 261 - 13 + 2);
});

test('the validator reports bad data, with the field of each problem', () => {
  assert.deepEqual(problemsOf((d) => (d.timezone = 'Asia/Bangkok')), ['timezone']);
  assert.deepEqual(problemsOf((d) => (d.weeklyRest = ['SATURDAY', 'SUN', 'SUN'])), ['weeklyRest/0', 'weeklyRest/2']);
  assert.deepEqual(problemsOf((d) => (d.workingIntervals = [['08:00', '12:00'], ['11:00', '17:00']])), ['workingIntervals/1']);
  assert.deepEqual(problemsOf((d) => (d.workingIntervals = [['08:00', '12:60'], ['13:00', '17:00']])), ['workingIntervals/0']);
  assert.deepEqual(problemsOf((d) => (d.workingIntervals = [['13:00', '12:00']])), ['workingIntervals/0']);
  // Lunch moved to 11:30–13:00 without changing hoursPerWorkingDay: one "day" would no longer fit in a day.
  assert.deepEqual(problemsOf((d) => (d.workingIntervals = [['08:00', '11:30'], ['13:00', '17:00']])), ['hoursPerWorkingDay']);
  assert.deepEqual(problemsOf((d) => (d.hoursPerWorkingDay = '8')), ['hoursPerWorkingDay']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].status = 'draft')), ['years/2026/status']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].offDays[0].date = '2026-02-30')), ['years/2026/offDays/0/date']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].offDays[0].date = '2025-12-31')), ['years/2026/offDays/0/date']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].offDays[0].kind = 'vacation')), ['years/2026/offDays/0/kind']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].offDays[1].date = '2026-01-01')), ['years/2026/offDays/1/date']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].offDays[0].reason = ' ')), ['years/2026/offDays/0/reason']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].extraWorkDays[0].date = '2026-01-09')), ['years/2026/extraWorkDays/0/date']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].extraWorkDays[0].date = '2026-02-14')), ['years/2026/extraWorkDays/0/date']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].pending[0].enabled = 'yes')), ['years/2026/pending/0/enabled']);
  assert.deepEqual(problemsOf((d) => (d.years['2026'].extraWorkdays = [])), ['years/2026/extraWorkdays']);
  assert.deepEqual(problemsOf((d) => delete d.years['2026']), ['years']);
  assert.deepEqual(problemsOf((d) => (d.years['27'] = d.years['2027'])), ['years/27']);
  assert.deepEqual(problemsOf((d) => (d.lunarReference.tet['2030'] = '2030-02-31')), ['lunarReference/tet/2030']);
  assert.deepEqual(problemsOf((d) => (d.colour = 'red')), ['colour']);
});

test('the validator lists every problem at once', () => {
  const fields = problemsOf((d) => {
    d.timezone = 'UTC';
    d.years['2025'].offDays[3].date = 'tomorrow';
    d.years['2027'].status = 'maybe';
  });
  assert.deepEqual(fields, ['timezone', 'years/2025/offDays/3/date', 'years/2027/status']);
  assert.equal(parseCalendarDefinition(null).ok, false);
  assert.equal(parseCalendarDefinition([]).ok, false);
});

test('buildWorkingCalendar refuses an invalid definition with InvalidCalendarError', () => {
  const d = raw() as unknown as CalendarDefinition;
  d.hoursPerWorkingDay = 9;
  assert.throws(
    () => buildWorkingCalendar(d),
    (e: unknown) => e instanceof InvalidCalendarError && e.problems.length === 1 && e.problems[0]?.field === 'hoursPerWorkingDay',
  );
});

test('a configurable lunch hour: 08:00–11:30, 13:30–18:00 is still 8 h', () => {
  const d = raw() as unknown as CalendarDefinition;
  d.workingIntervals = [['08:00', '11:30'], ['13:30', '18:00']];
  assert.doesNotThrow(() => buildWorkingCalendar(d));
  assert.equal(parseWallClock('24:00'), 1440);
  assert.equal(parseWallClock('24:01'), null);
  assert.equal(parseWallClock('7:00'), null);
});
