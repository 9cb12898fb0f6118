import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  addWorkingTime,
  buildWorkingCalendar,
  formatVietnamTime,
  generateProvisionalYear,
  parseCalendarDefinition,
  parseInstant,
  parseIsoDate,
  weekdayOf,
  type CalendarDefinition,
} from './index.ts';

const parsed = parseCalendarDefinition(JSON.parse(readFileSync(new URL('../../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('data file does not validate');
const definition = parsed.calendar;

const isWeekday = (date: string): boolean => !['SAT', 'SUN'].includes(weekdayOf(parseIsoDate(date) as number));
const dates = (year: number): string[] => generateProvisionalYear(year).offDays.map((d) => `${d.date} ${d.kind}`);

test('Labour Code Art. 111(3), 112: the generated 2027 is exactly the data file\'s provisional 2027', () => {
  // Both are derived from the law alone with the same choices (Tết block = working days 28 Chạp – mùng 5, i.e.
  // Thu 04/02 – Wed 10/02; 1/5 on Saturday → compensatory Mon 03/05; 2/9 on Thursday → adjacent day Fri 03/09),
  // so they match field for field. Only `warnings` is extra: it is advice for administrators, not schedule data.
  const { warnings, ...generated } = generateProvisionalYear(2027);
  assert.deepEqual(generated, definition.years['2027']);
  assert.ok(warnings.length >= 3);
  assert.match(warnings[0] ?? '', /TẠM TÍNH/);
});

test('Labour Code Art. 112: for 2025 and 2026 the law-derived days are the announced ones, minus the government swaps', () => {
  // The announced years add swaps (02/05/2025; 02/01 and 31/08/2026, each with a make-up Saturday) that the law
  // cannot predict; every other weekday off — Tết, Giỗ Tổ, 30/4–1/5, 2/9 and its adjacent day, the compensatory
  // 27/04/2026 — is found by the generator.
  for (const year of [2025, 2026] as const) {
    const announced = (definition.years[String(year)]?.offDays ?? [])
      .filter((d) => d.kind !== 'swap' && isWeekday(d.date))
      .map((d) => `${d.date} ${d.kind}`);
    assert.deepEqual(dates(year), announced, String(year));
  }
});

test('Labour Code Art. 111(3): holidays on weekends give compensatory days on the next working days (2028)', () => {
  // 2028: 01/01 is a Saturday → Mon 03/01. Tết = Wed 26/01 → block Mon 24 – Fri 28/01. Giỗ Tổ Tue 04/04.
  // 30/04 is a Sunday and 01/05 a Monday → compensatory Tue 02/05. 02/09 is a Saturday → adjacent 01/09 (Fri)
  // and compensatory Mon 04/09.
  assert.deepEqual(dates(2028), [
    '2028-01-03 compensatory',
    '2028-01-24 holiday',
    '2028-01-25 holiday',
    '2028-01-26 holiday',
    '2028-01-27 holiday',
    '2028-01-28 holiday',
    '2028-04-04 holiday',
    '2028-05-01 holiday',
    '2028-05-02 compensatory',
    '2028-09-01 holiday',
    '2028-09-04 compensatory',
  ]);
  const reasons = generateProvisionalYear(2028).offDays.filter((d) => d.kind === 'compensatory').map((d) => d.reason);
  assert.deepEqual(reasons, [
    'nghỉ bù Tết Dương lịch (01/01 là thứ Bảy)',
    'nghỉ bù Ngày Chiến thắng (30/04 là Chủ nhật)',
    'nghỉ bù Quốc khánh (02/09 là thứ Bảy)',
  ]);
});

test('Labour Code Art. 111(3): 30/4 and 1/5 both on a weekend give Mon and Tue off (as announced in 2022)', () => {
  const may = dates(2022).filter((d) => d.startsWith('2022-05'));
  assert.deepEqual(may, ['2022-05-02 compensatory', '2022-05-03 compensatory']);
});

test('Labour Code Art. 112(1)(đ): the day adjacent to 2/9 follows past practice (2023, 2024)', () => {
  // 2023: 2/9 Saturday → 1/9 Friday + compensatory Mon 4/9 (announced: 1–4/9). 2024: 2/9 Monday → 3/9 (announced: 31/8–3/9).
  assert.deepEqual(dates(2023).filter((d) => d.startsWith('2023-09')), ['2023-09-01 holiday', '2023-09-04 compensatory']);
  assert.deepEqual(dates(2024).filter((d) => d.startsWith('2024-09')), ['2024-09-02 holiday', '2024-09-03 holiday']);
});

test('Labour Code Art. 112: the Tết placeholder is five working days and a 30-day Chạp is named correctly (2024)', () => {
  // Tết 2024 = Sat 10/02 after a 30-day Chạp: Tết − 2 = Thu 08/02 = 29 Chạp; block = Thu 8, Fri 9, Mon 12, Tue 13, Wed 14.
  const tet = generateProvisionalYear(2024).offDays.filter((d) => d.reason.startsWith('Tết Nguyên Đán'));
  assert.deepEqual(tet.map((d) => d.date), ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']);
  assert.equal(tet[0]?.reason, 'Tết Nguyên Đán Giáp Thìn (tạm tính: 29 Chạp – mùng 5)');
  for (let year = 2020; year <= 2050; year++) {
    const block = generateProvisionalYear(year).offDays.filter((d) => d.reason.startsWith('Tết Nguyên Đán'));
    assert.equal(block.length, 5, String(year));
  }
});

test('a generated year plugs into a definition and extends the coverage (2028)', () => {
  const extended: CalendarDefinition = structuredClone(definition);
  extended.years['2028'] = generateProvisionalYear(2028);
  const check = parseCalendarDefinition(extended);
  assert.ok(check.ok, JSON.stringify(!check.ok && check.problems));
  const cal = buildWorkingCalendar(extended);
  // Fri 31/12/2027 16:00 + 2 WH: 1 h on Friday; Sat 01/01/2028 holiday, Sun; Mon 03/01 compensatory; Tue 04/01 08–09.
  const from = parseInstant('2027-12-31T16:00:00+07:00');
  assert.ok(from);
  assert.equal(formatVietnamTime(addWorkingTime(cal, from, { hours: 2 })), '2028-01-04T09:00:00+07:00');
});
