import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  civilDate,
  civilDayOf,
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  formatVietnamTime,
  parseInstant,
  parseVietnamInstant,
  parseIsoDate,
  vietnamTime,
  weekdayOf,
  WEEKDAYS,
} from './index.ts';

test('formatVietnamTime writes +07:00 whatever the process zone', () => {
  assert.equal(formatVietnamTime(new Date('2026-01-05T10:00:00Z')), '2026-01-05T17:00:00+07:00');
  assert.equal(formatVietnamTime(new Date('2025-12-31T17:00:00Z')), '2026-01-01T00:00:00+07:00');
  assert.equal(formatVietnamTime(new Date('2026-01-05T10:00:00.250Z')), '2026-01-05T17:00:00.250+07:00');
  assert.throws(() => formatVietnamTime(new Date(Number.NaN)), RangeError);
});

test('parseInstant accepts Z and offsets, and rejects text without an offset', () => {
  assert.equal(parseInstant('2026-01-05T17:00:00+07:00')?.toISOString(), '2026-01-05T10:00:00.000Z');
  assert.equal(parseInstant('2026-01-05T10:00:00Z')?.toISOString(), '2026-01-05T10:00:00.000Z');
  assert.equal(parseInstant('2026-01-05T05:00-05:00')?.toISOString(), '2026-01-05T10:00:00.000Z');
  assert.equal(parseInstant('2026-01-05T17:00:00+0700')?.toISOString(), '2026-01-05T10:00:00.000Z');
  assert.equal(parseInstant('2026-01-05T10:00:00.123456Z')?.toISOString(), '2026-01-05T10:00:00.123Z');
  for (const bad of [
    '2026-01-05T17:00:00', // no offset: ambiguous
    '2026-01-05',
    '2026-01-05 17:00:00+07:00',
    '2026-13-05T17:00:00Z',
    '2026-02-29T17:00:00Z',
    '2026-01-05T24:00:00Z',
    '2026-01-05T17:60:00Z',
    '2026-01-05T17:00:60Z',
    '2026-01-05T17:00:00+25:00',
    'yesterday',
    '',
  ]) {
    assert.equal(parseInstant(bad), null, bad);
  }
});

test('parseInstant ∘ formatVietnamTime is the identity (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), (ms) => {
      assert.equal(parseInstant(formatVietnamTime(new Date(ms)))?.getTime(), ms);
    }),
  );
});

test('civil dates agree with the proleptic Gregorian calendar of Date.UTC (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
      const d = new Date(day * 86_400_000);
      const c = civilFromDays(day);
      assert.deepEqual(c, { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
      assert.equal(daysFromCivil(c.year, c.month, c.day), day);
      assert.equal(WEEKDAYS.indexOf(weekdayOf(day)), (d.getUTCDay() + 6) % 7);
      assert.equal(parseIsoDate(formatIsoDate(day)), day);
    }),
  );
});

test('the Vietnamese civil day changes at 17:00 UTC', () => {
  assert.equal(formatIsoDate(civilDayOf(Date.parse('2026-03-09T16:59:59.999Z'))), '2026-03-09');
  assert.equal(formatIsoDate(civilDayOf(Date.parse('2026-03-09T17:00:00Z'))), '2026-03-10');
  assert.equal(vietnamTime(2026, 3, 10).toISOString(), '2026-03-09T17:00:00.000Z');
  assert.equal(civilDate(new Date('2026-03-09T16:59:59.999Z')), '2026-03-09');
  assert.equal(civilDate(new Date('2026-03-09T17:00:00Z')), '2026-03-10');
  assert.equal(parseIsoDate('2026-02-29'), null);
  assert.equal(parseIsoDate('2028-02-29'), daysFromCivil(2028, 2, 29));
});

test('parseVietnamInstant reads a date-time without offset as Vietnam time, whatever the server zone', () => {
  assert.equal(parseVietnamInstant('2026-01-05T08:00')?.toISOString(), '2026-01-05T01:00:00.000Z');
  assert.equal(parseVietnamInstant('2026-01-05 08:00:30')?.toISOString(), '2026-01-05T01:00:30.000Z');
  assert.equal(parseVietnamInstant('2026-01-05T08:00:00Z')?.toISOString(), '2026-01-05T08:00:00.000Z');
  assert.equal(parseVietnamInstant(' 2026-01-05T08:00:00+07:00 ')?.toISOString(), '2026-01-05T01:00:00.000Z');
  for (const bad of ['2026-01-05', '2026-02-30T08:00', 'hôm nay', '2026-01-05T25:00', '']) assert.equal(parseVietnamInstant(bad), null, bad);
});
