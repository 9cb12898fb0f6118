import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  LUNAR_HOLIDAYS,
  LUNAR_TABLE_FIRST_YEAR,
  LUNAR_TABLE_LAST_YEAR,
  canChi,
  computeLunarHolidays,
  formatIsoDate,
  lunarHolidays,
  lunarToEpochDay,
  parseIsoDate,
} from './index.ts';

const data = JSON.parse(readFileSync(new URL('../../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')) as {
  lunarReference: { tet: Record<string, string>; gioTo: Record<string, string> };
};

test('Labour Code Art. 112 Tết and Giỗ Tổ agree with the data file lunarReference (2024–2031)', () => {
  for (const [year, date] of Object.entries(data.lunarReference.tet)) assert.equal(lunarHolidays(Number(year)).tet, date, `Tết ${year}`);
  for (const [year, date] of Object.entries(data.lunarReference.gioTo)) assert.equal(lunarHolidays(Number(year)).gioTo, date, `Giỗ Tổ ${year}`);
});

test('Labour Code Art. 112 known dates: Tết 2025, 2026, 2030 (Vietnam, not China) and Giỗ Tổ 2025, 2026', () => {
  assert.equal(lunarHolidays(2025).tet, '2025-01-29');
  assert.equal(lunarHolidays(2026).tet, '2026-02-17');
  assert.equal(lunarHolidays(2030).tet, '2030-02-02'); // China: 2030-02-03 (new moon just after midnight at UTC+8)
  assert.equal(lunarHolidays(2025).gioTo, '2025-04-07');
  assert.equal(lunarHolidays(2026).gioTo, '2026-04-26');
});

test('the precomputed table 2020–2050 is what the algorithm computes', () => {
  for (let year = LUNAR_TABLE_FIRST_YEAR; year <= LUNAR_TABLE_LAST_YEAR; year++) {
    assert.deepEqual(LUNAR_HOLIDAYS[year], computeLunarHolidays(year), String(year));
  }
  assert.equal(Object.keys(LUNAR_HOLIDAYS).length, LUNAR_TABLE_LAST_YEAR - LUNAR_TABLE_FIRST_YEAR + 1);
});

test('the table is plausible: Tết between 21/01 and 20/02; Giỗ Tổ 67–69 days after Tết, or 96–99 after a leap month 1 or 2', () => {
  for (let year = LUNAR_TABLE_FIRST_YEAR; year <= LUNAR_TABLE_LAST_YEAR; year++) {
    const h = LUNAR_HOLIDAYS[year];
    assert.ok(h);
    assert.ok(h.tet >= `${year}-01-21` && h.tet <= `${year}-02-20`, `Tết ${year} = ${h.tet}`);
    const gap = (parseIsoDate(h.gioTo) as number) - (parseIsoDate(h.tet) as number);
    // Two lunar months of 29–30 days plus 9 days; one more month when a leap month 1 or 2 comes first.
    assert.ok((gap >= 67 && gap <= 69) || (gap >= 96 && gap <= 99), `Giỗ Tổ ${year}: ${gap} days after Tết`);
  }
});

test('a leap month is found when it exists: 2023 had a leap month 2 (nhuận tháng 2), 2025 a leap month 6', () => {
  assert.equal(formatIsoDate(lunarToEpochDay(1, 2, 2023, true) as number), '2023-03-22');
  assert.equal(formatIsoDate(lunarToEpochDay(1, 6, 2025, true) as number), '2025-07-25');
  assert.equal(lunarToEpochDay(1, 3, 2025, true), null, 'no leap month 3 in 2025');
  assert.equal(lunarToEpochDay(1, 3, 2026, true), null, 'no leap month at all in 2026');
});

test('Can Chi names of the years in the data file', () => {
  assert.equal(canChi(2025), 'Ất Tỵ');
  assert.equal(canChi(2026), 'Bính Ngọ');
  assert.equal(canChi(2027), 'Đinh Mùi');
  assert.equal(canChi(1984), 'Giáp Tý');
});

test('years outside the table are computed on demand', () => {
  assert.deepEqual(lunarHolidays(2051), computeLunarHolidays(2051));
  assert.equal(lunarHolidays(2019).tet, '2019-02-05');
});
