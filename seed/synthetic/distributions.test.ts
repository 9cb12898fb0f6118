import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildWorkingCalendar, civilDate, isWorkingDay, parseCalendarDefinition, vietnamTime } from '../../server/domain/calendar/index.ts';
import { INNER_WARD_WEIGHT, SubmissionTimes, URBAN_WEIGHT, communeWeight, stepFraction } from './distributions.ts';
import { Rng } from './prng.ts';

const parsed = parseCalendarDefinition(JSON.parse(readFileSync(new URL('../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('data file does not validate');
const cal = buildWorkingCalendar(parsed.calendar);
const from = vietnamTime(2025, 1, 1);
const until = vietnamTime(2026, 11, 29, 17, 0);
const times = new SubmissionTimes(cal, from, until);

test('issue 9: submissions fall in the period and come in time order (to the hour) whatever the chunk', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.nat(), (n, a, seed) => {
      const i = a % n;
      const j = Math.min(n - 1, i + 1 + (seed % 1000));
      const ti = times.instant(i, n, new Rng(seed));
      const tj = times.instant(j, n, new Rng(seed + 1));
      assert.ok(ti >= from && ti < until && tj < until);
      if (j > i) assert.ok(tj.getTime() >= ti.getTime() - 3_600_000, 'later reports are not in an earlier hour');
    }),
  );
});

test('issue 9: more reports on working days and in the day than on days off and at night', () => {
  const n = 50_000;
  const rng = new Rng(3);
  let working = 0;
  let night = 0;
  for (let i = 0; i < n; i++) {
    const t = times.instant(i, n, rng);
    if (isWorkingDay(cal, civilDate(t))) working++;
    const hour = (t.getUTCHours() + 7) % 24;
    if (hour < 5) night++;
  }
  // About 69 % of days are working days; weighted 1 against 0.6 they hold about 79 % of reports.
  assert.ok(working / n > 0.75 && working / n < 0.83, `${working} on working days`);
  assert.ok(night / n < 0.02, `${night} at night`);
});

test('issue 9: wards weigh more than communes, compact inner wards most', () => {
  assert.equal(communeWeight('xa', 40), 1);
  assert.equal(communeWeight('phuong', 12), URBAN_WEIGHT);
  assert.equal(communeWeight('phuong', 2.5), INNER_WARD_WEIGHT);
});

test('R-8.5 a step takes part of its deadline, or up to three times it when the agency is late', () => {
  fc.assert(
    fc.property(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, late) => {
      const f = stepFraction(new Rng(seed), late);
      assert.ok(f > 0 && f <= 3.02);
    }),
  );
  const rng = new Rng(9);
  let over = 0;
  for (let i = 0; i < 20_000; i++) if (stepFraction(rng, 0.1) > 1) over++;
  assert.ok(Math.abs(over / 20_000 - 0.1) < 0.01);
});
