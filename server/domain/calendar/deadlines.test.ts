// Deadline arithmetic against the real data file. Every expected value below was worked out by hand from
// data/calendar/vn-civil-service-calendar.json (working days Mon–Fri, 08:00–12:00 and 13:00–17:00), not copied
// from the implementation's output; the reasoning is in each test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  CalendarRangeError,
  addWorkingTime,
  buildWorkingCalendar,
  formatVietnamTime,
  isWorkingTime,
  parseCalendarDefinition,
  parseInstant,
  workingTimeBetween,
  type CalendarDefinition,
  type WorkingAmount,
  type WorkingCalendar,
} from './index.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8'));
const parsed = parseCalendarDefinition(raw);
if (!parsed.ok) throw new Error(`data file does not validate: ${JSON.stringify(parsed.problems)}`);
const definition: CalendarDefinition = parsed.calendar;
const cal: WorkingCalendar = buildWorkingCalendar(definition);

/** `2026-01-05 08:00` (Vietnam wall clock) → instant. */
function vn(text: string): Date {
  const d = parseInstant(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+07:00`);
  if (!d) throw new Error(`bad test instant ${text}`);
  return d;
}
const add = (from: string, amount: WorkingAmount): string => formatVietnamTime(addWorkingTime(cal, vn(from), amount));
const at = (text: string): string => formatVietnamTime(vn(text));

describe('the examples of the platform rule (data/calendar/README.md)', () => {
  test('R-8.5 Mon 08:00 + 8 WH = Mon 17:00, not Tue 08:00', () => {
    assert.equal(add('2026-01-05 08:00', { hours: 8 }), at('2026-01-05 17:00'));
  });
  test('R-8.5 Tue 11:00 + 1 WH = Tue 12:00, not 13:00', () => {
    assert.equal(add('2026-01-06 11:00', { hours: 1 }), at('2026-01-06 12:00'));
  });
  test('R-8.5 Wed 12:30 (lunch) + 4 WH = Wed 17:00: the start moves to 13:00', () => {
    assert.equal(add('2026-01-07 12:30', { hours: 4 }), at('2026-01-07 17:00'));
  });
  test('R-8.5 a make-up Saturday (10/01/2026) is a full working day: Fri 17:00 + 8 WH = Sat 17:00', () => {
    assert.equal(add('2026-01-09 17:00', { hours: 8 }), at('2026-01-10 17:00'));
  });
  test('R-7.2d a swapped-off weekday (Fri 02/01/2026) is not: Wed 31/12 16:00 + 4 WH = Mon 05/01 11:00', () => {
    // 31/12 16–17 = 1 h; 01/01 holiday, 02/01 swap, 03–04/01 weekend (03/01 is not a make-up day); Mon 08–11 = 3 h.
    assert.equal(add('2025-12-31 16:00', { hours: 4 }), at('2026-01-05 11:00'));
  });
  test('R-8.5 amount 0 returns the instant itself, even outside working time', () => {
    assert.equal(add('2026-01-10 21:13', { hours: 0 }), at('2026-01-10 21:13'));
    assert.equal(add('2026-01-06 09:00', { days: 0 }), at('2026-01-06 09:00'));
  });
  test('R-8.5 working days are 480 working minutes: Tue 09:00 + 1 WD = Wed 09:00', () => {
    assert.equal(add('2026-01-06 09:00', { days: 1 }), at('2026-01-07 09:00'));
  });
});

describe('Tết 2025 (off 25/01–02/02: weekdays 27–31/01)', () => {
  test('R-7.2d Thu 23/01 15:00 + 8 WH = Fri 24/01 15:00, before the break', () => {
    // Thu 15–17 = 2 h; Fri 08–12 = 4 h (6), 13–15 = 2 h (8).
    assert.equal(add('2025-01-23 15:00', { hours: 8 }), at('2025-01-24 15:00'));
  });
  test('R-8.5 urgent: Fri 24/01 14:00 + 4 WH = Mon 03/02 09:00, over the whole break', () => {
    // Fri 14–17 = 3 h; 25/01–02/02 off; Mon 03/02 08–09 = 1 h.
    assert.equal(add('2025-01-24 14:00', { hours: 4 }), at('2025-02-03 09:00'));
  });
  test('R-8.5 normal: Wed 22/01 10:00 + 7 WD = Fri 07/02 10:00', () => {
    // Working days after 22/01: 23, 24/01, 03, 04, 05, 06, 07/02 → the 7th is Fri 07/02, same time of day.
    assert.equal(add('2025-01-22 10:00', { days: 7 }), at('2025-02-07 10:00'));
  });
  test('R-8.5 assign: received on Sun 26/01 (in Tết) + 4 WH = Mon 03/02 12:00', () => {
    assert.equal(add('2025-01-26 09:00', { hours: 4 }), at('2025-02-03 12:00'));
  });
  test('R-8.5 Giỗ Tổ Mon 07/04/2025: Fri 04/04 16:00 + 1 WD = Tue 08/04 16:00', () => {
    // Fri 16–17 = 1 h; weekend; Mon 07/04 holiday; Tue 08–12 (5), 13–16 (8).
    assert.equal(add('2025-04-04 16:00', { days: 1 }), at('2025-04-08 16:00'));
  });
});

describe('Tết 2026 (off 14/02–22/02: weekdays 16–20/02)', () => {
  test('R-7.2d Fri 13/02 13:00 + 8 WH = Mon 23/02 12:00', () => {
    // Fri 13–17 = 4 h; 14–22/02 off; Mon 08–12 = 4 h, ending at the interval end.
    assert.equal(add('2026-02-13 13:00', { hours: 8 }), at('2026-02-23 12:00'));
  });
  test('R-12.3 approve publication: Thu 12/02 16:30 + 1 WD = Fri 13/02 16:30', () => {
    // Thu 16:30–17 = 0.5 h; Fri 08–12 = 4 h (4.5), 13:00 + 3.5 h = 16:30 (8).
    assert.equal(add('2026-02-12 16:30', { days: 1 }), at('2026-02-13 16:30'));
  });
  test('R-13 answer a clarification: Fri 13/02 09:15 + 2 WD = Tue 24/02 09:15', () => {
    // Fri 09:15–12 = 2.75 h, 13–17 = 4 h (6.75); Mon 23/02 8 h (14.75); Tue 08:00 + 1.25 h = 09:15 (16).
    assert.equal(add('2026-02-13 09:15', { days: 2 }), at('2026-02-24 09:15'));
  });
});

describe('30/4–1/5 and the compensatory day 27/04/2026', () => {
  test('R-8.5 urgent: Tue 29/04/2025 15:00 + 4 WH = Mon 05/05/2025 10:00 (30/4, 1/5, swap 2/5 off)', () => {
    assert.equal(add('2025-04-29 15:00', { hours: 4 }), at('2025-05-05 10:00'));
  });
  test('R-8.5 make-up Sat 26/04/2025: Fri 25/04 16:00 + 4 WH = Sat 26/04 11:00', () => {
    assert.equal(add('2025-04-25 16:00', { hours: 4 }), at('2025-04-26 11:00'));
  });
  test('R-8.5 compensatory Mon 27/04/2026: Fri 24/04 17:00 + 4 WH = Tue 28/04 12:00', () => {
    // 17:00 is already outside working time; Sat, Sun rest; Mon 27/04 off (Giỗ Tổ on Sunday); Tue 08–12.
    assert.equal(add('2026-04-24 17:00', { hours: 4 }), at('2026-04-28 12:00'));
  });
  test('R-12.1 redo: Wed 29/04/2026 13:00 + 2 WD = Tue 05/05/2026 12:00', () => {
    // Wed 13–17 = 4 h; Thu 30/4, Fri 1/5 off, weekend; Mon 04/05 8 h (12); Tue 08–12 (16).
    assert.equal(add('2026-04-29 13:00', { days: 2 }), at('2026-05-05 12:00'));
  });
  test('R-11 normal 30 WD: Mon 06/04/2026 09:00 + 30 WD = Thu 21/05/2026 09:00', () => {
    // Working days after 06/04: 7–10/04 (4), 13–17 (9), 20–24 (14), [27 comp off] 28, 29 (16), [30/4, 1/5 off],
    // 4–8/05 (21), 11–15 (26), 18, 19, 20, 21 (30).
    assert.equal(add('2026-04-06 09:00', { days: 30 }), at('2026-05-21 09:00'));
  });
});

describe('Quốc khánh', () => {
  test('R-8.5 2/9/2025: Fri 29/08 10:00 + 8 WH = Wed 03/09 10:00 (30/8–2/9 off)', () => {
    // Fri 10–12 (2), 13–17 (6); Sat 30/8 … Tue 2/9 off; Wed 08–10 (8).
    assert.equal(add('2025-08-29 10:00', { hours: 8 }), at('2025-09-03 10:00'));
  });
  test('R-8.5 make-up Sat 22/08/2026: Fri 21/08 16:00 + 4 WH = Sat 22/08 11:00', () => {
    assert.equal(add('2026-08-21 16:00', { hours: 4 }), at('2026-08-22 11:00'));
  });
  test('R-8.5 normal across the 2026 break (31/8 swap, 1–2/9): Fri 28/08 15:00 + 7 WD = Fri 11/09 15:00', () => {
    // Working days after 28/08: 03, 04, 07, 08, 09, 10, 11/09 → the 7th is Fri 11/09.
    assert.equal(add('2026-08-28 15:00', { days: 7 }), at('2026-09-11 15:00'));
  });
});

describe('the 02/01/2026 swap and the year boundary', () => {
  test('R-7.2d Wed 31/12/2025 09:00 + 8 WH = Mon 05/01/2026 09:00', () => {
    // Wed 09–12 (3), 13–17 (7); 1/1 holiday, 2/1 swap, weekend; Mon 08–09 (8).
    assert.equal(add('2025-12-31 09:00', { hours: 8 }), at('2026-01-05 09:00'));
  });
  test('R-8.5 complex: Tue 23/12/2025 14:00 + 15 WD = Wed 14/01/2026 14:00 (make-up Sat 10/01 counts)', () => {
    // Working days after 23/12: 24, 25, 26, 29, 30, 31/12 (6), [1, 2/1 off] 5–9/1 (11), Sat 10/1 (12), 12, 13, 14/1 (15).
    assert.equal(add('2025-12-23 14:00', { days: 15 }), at('2026-01-14 14:00'));
  });
});

describe('lunch, before and after hours, weekends', () => {
  test('R-8.5 Tue 10:30 + 2 WH = 13:30: the lunch hour does not count', () => {
    assert.equal(add('2026-03-10 10:30', { hours: 2 }), at('2026-03-10 13:30'));
  });
  test('R-8.5 a start at 12:00 waits for 13:00: + 1 WH = 14:00', () => {
    assert.equal(add('2026-03-10 12:00', { hours: 1 }), at('2026-03-10 14:00'));
  });
  test('R-7.2d before hours: Tue 06:45 + 1 WH = 09:00', () => {
    assert.equal(add('2026-03-10 06:45', { hours: 1 }), at('2026-03-10 09:00'));
  });
  test('R-7.2d after hours: Tue 18:20 + 1 WH = Wed 09:00', () => {
    assert.equal(add('2026-03-10 18:20', { hours: 1 }), at('2026-03-11 09:00'));
  });
  test('R-8.5 weekend: Sat 10:00 + 4 WH = Mon 12:00', () => {
    assert.equal(add('2026-03-14 10:00', { hours: 4 }), at('2026-03-16 12:00'));
  });
  test('R-8.5 Fri 17:00 + 1 WH = Mon 09:00', () => {
    assert.equal(add('2026-03-13 17:00', { hours: 1 }), at('2026-03-16 09:00'));
  });
  test('R-10 normal 30 WD: Mon 02/03/2026 08:00 + 30 WD = Fri 10/04/2026 17:00', () => {
    // No holiday in March–mid April 2026: 30 working days from Mon 02/03 inclusive end with Fri 10/04.
    assert.equal(add('2026-03-02 08:00', { days: 30 }), at('2026-04-10 17:00'));
  });
  test('R-8.5 an instant inside a minute counts from that instant (ms-exact)', () => {
    assert.equal(add('2026-03-10 09:00:30', { hours: 1 }), at('2026-03-10 10:00:30'));
  });
});

describe('workingTimeBetween', () => {
  test('R-8.5 a full working day is 480 minutes', () => {
    assert.equal(workingTimeBetween(cal, vn('2026-01-05 08:00'), vn('2026-01-05 17:00')), 480);
  });
  test('R-8.5 elapsed time skips Tết 2026; negative when reversed', () => {
    // 13/02 16–17 = 60 min; 23/02 08–09 = 60 min.
    assert.equal(workingTimeBetween(cal, vn('2026-02-13 16:00'), vn('2026-02-23 09:00')), 120);
    assert.equal(workingTimeBetween(cal, vn('2026-02-23 09:00'), vn('2026-02-13 16:00')), -120);
  });
  test('R-8.5 lunch does not count; half minutes are fractional', () => {
    assert.equal(workingTimeBetween(cal, vn('2026-03-10 11:30'), vn('2026-03-10 13:30')), 60);
    assert.equal(workingTimeBetween(cal, vn('2026-03-10 08:00:30'), vn('2026-03-10 08:01')), 0.5);
  });
});

describe('coverage', () => {
  test('R-8.5 an instant before the first covered year throws CalendarRangeError with the year', () => {
    assert.throws(
      () => addWorkingTime(cal, vn('2024-12-31 10:00'), { hours: 1 }),
      (e: unknown) => e instanceof CalendarRangeError && e.year === 2024 && e.firstYear === 2025 && e.lastYear === 2027,
    );
  });
  test('R-8.5 an instant after the last covered year throws', () => {
    assert.throws(() => addWorkingTime(cal, vn('2028-01-03 10:00'), { days: 1 }), (e: unknown) => e instanceof CalendarRangeError && e.year === 2028);
    assert.throws(() => workingTimeBetween(cal, vn('2027-06-01 10:00'), vn('2028-01-03 10:00')), CalendarRangeError);
  });
  test('R-8.5 a deadline that would fall after the covered years throws', () => {
    // Fri 31/12/2027 16:00 + 2 WH needs 2028.
    assert.throws(() => addWorkingTime(cal, vn('2027-12-31 16:00'), { hours: 2 }), (e: unknown) => e instanceof CalendarRangeError && e.year === 2028);
    assert.equal(add('2027-12-31 16:00', { hours: 1 }), at('2027-12-31 17:00'));
  });
  test('R-8.5 coverage starts at 00:00 +07:00, i.e. 17:00 UTC the day before', () => {
    assert.doesNotThrow(() => addWorkingTime(cal, new Date('2024-12-31T17:00:00Z'), { hours: 1 }));
    assert.throws(() => addWorkingTime(cal, new Date('2024-12-31T16:59:59.999Z'), { hours: 1 }), CalendarRangeError);
  });
  test('invalid Dates and negative amounts are refused', () => {
    assert.throws(() => addWorkingTime(cal, new Date(Number.NaN), { hours: 1 }), TypeError);
    assert.throws(() => addWorkingTime(cal, vn('2026-03-10 09:00'), { hours: -1 }), RangeError);
    assert.throws(() => addWorkingTime(cal, vn('2026-03-10 09:00'), { days: Number.POSITIVE_INFINITY }), RangeError);
  });
});

describe('pending entries', () => {
  test('R-8.5 a pending day off (24/11/2026) is not in force until enabled', () => {
    // Mon 23/11 16:00 + 2 WH: 1 h on Monday, then Tue 24/11 08–09 — or Wed 25/11 08–09 once 24/11 is off.
    assert.equal(add('2026-11-23 16:00', { hours: 2 }), at('2026-11-24 09:00'));
    const enabled: CalendarDefinition = structuredClone(definition);
    const pending = enabled.years['2026']?.pending?.[0];
    assert.ok(pending);
    pending.enabled = true;
    const withCultureDay = buildWorkingCalendar(enabled);
    assert.equal(formatVietnamTime(addWorkingTime(withCultureDay, vn('2026-11-23 16:00'), { hours: 2 })), at('2026-11-25 09:00'));
  });
});

describe('the process time zone does not matter', () => {
  test('R-8.5 the same results with TZ = UTC, America/New_York, Pacific/Kiritimati, Asia/Ho_Chi_Minh', () => {
    const saved = process.env.TZ;
    const results: string[] = [];
    const offsets = new Set<number>();
    try {
      for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh']) {
        process.env.TZ = tz; // Node re-reads the zone when TZ is assigned
        offsets.add(new Date(Date.UTC(2026, 0, 5)).getTimezoneOffset());
        results.push(
          [
            add('2026-01-05 08:00', { hours: 8 }),
            add('2025-12-31 16:00', { hours: 4 }),
            add('2026-02-13 13:00', { hours: 8 }),
            String(workingTimeBetween(cal, vn('2026-02-13 16:00'), vn('2026-02-23 09:00'))),
          ].join(' '),
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    assert.ok(offsets.size > 1, 'the process zone really changed');
    assert.equal(new Set(results).size, 1, results.join('\n'));
  });
});

// --- properties ---------------------------------------------------------------------------------------------

const MIN = 60_000;
const rangeStart = vn('2025-01-01 00:00').getTime() / MIN;
const rangeEnd = vn('2027-10-01 00:00').getTime() / MIN; // leaves room for + 30 WD inside 2027
/** Whole-minute instants anywhere in the covered years (working time or not). */
const anyInstant = fc.integer({ min: rangeStart, max: rangeEnd }).map((m) => new Date(m * MIN));
/** Amounts up to 30 working days, in whole minutes. */
const minutes = fc.integer({ min: 0, max: 30 * 480 });
const addMinutes = (t: Date, n: number): Date => addWorkingTime(cal, t, { hours: n / 60 });

/** A reference implementation that walks minute by minute over the raw data (no prefix sums, no search). */
function naiveAdd(t: Date, n: number): Date {
  const off = new Set<string>();
  const extra = new Set<string>();
  for (const y of Object.values(definition.years)) {
    for (const o of y.offDays) off.add(o.date);
    for (const p of y.pending ?? []) if (p.enabled) off.add(p.date);
    for (const e of y.extraWorkDays) extra.add(e.date);
  }
  let ms = t.getTime();
  let left = n;
  while (left > 0) {
    const local = new Date(ms + 7 * 3_600_000); // read as UTC fields = Vietnam wall clock
    const date = local.toISOString().slice(0, 10);
    const dow = local.getUTCDay();
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    const workingDay = !off.has(date) && (extra.has(date) || (dow !== 0 && dow !== 6));
    const inHours = (minuteOfDay >= 480 && minuteOfDay < 720) || (minuteOfDay >= 780 && minuteOfDay < 1020);
    if (workingDay && inHours) left--;
    ms += MIN;
  }
  return new Date(ms);
}

describe('properties', () => {
  test('R-8.5 addWorkingTime agrees with a minute-walking reference (up to 3 WD)', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 3 * 480 }), (t, n) => {
        assert.equal(addMinutes(t, n).getTime(), naiveAdd(t, n).getTime());
      }),
      { numRuns: 300 },
    );
  });
  test('R-8.5 workingTimeBetween(t, add(t, n)) = n', () => {
    fc.assert(
      fc.property(anyInstant, minutes, (t, n) => {
        assert.equal(workingTimeBetween(cal, t, addMinutes(t, n)), n);
        const normalised = addMinutes(t, 1); // a normalised start: inside working time (or at an interval end)
        assert.equal(workingTimeBetween(cal, normalised, addMinutes(normalised, n)), n);
      }),
    );
  });
  test('R-8.5 additivity: add(add(t, a), b) = add(t, a + b)', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 15 * 480 }), fc.integer({ min: 0, max: 15 * 480 }), (t, a, b) => {
        assert.equal(addMinutes(addMinutes(t, a), b).getTime(), addMinutes(t, a + b).getTime());
      }),
    );
  });
  test('R-8.5 a deadline is in working time or exactly at the end of a working interval', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 30 * 480 }), (t, n) => {
        const d = addMinutes(t, n);
        if (isWorkingTime(cal, d)) return;
        const clock = formatVietnamTime(d).slice(11, 19);
        assert.ok(clock === '12:00:00' || clock === '17:00:00', `deadline ${formatVietnamTime(d)} in non-working time`);
        assert.ok(isWorkingTime(cal, new Date(d.getTime() - 1)), 'the minute before the deadline is working time');
      }),
    );
  });
  test('R-8.5 the deadline is the earliest instant: one millisecond earlier, the time is not yet used up', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 30 * 480 }), (t, n) => {
        const d = addMinutes(t, n);
        assert.ok(d.getTime() > t.getTime());
        assert.ok(workingTimeBetween(cal, t, new Date(d.getTime() - 1)) < n);
      }),
    );
  });
  test('R-8.5 monotonic in the start and in the amount', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, minutes, minutes, (t1, t2, n1, n2) => {
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [small, large] = n1 <= n2 ? [n1, n2] : [n2, n1];
        assert.ok(addMinutes(early, small).getTime() <= addMinutes(late, small).getTime());
        assert.ok(addMinutes(early, small).getTime() <= addMinutes(early, large).getTime());
      }),
    );
  });
});
