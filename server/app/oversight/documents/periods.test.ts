import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vietnamTime } from '../../../domain/calendar/index.ts';
import { finishedPeriods, periodTitle } from './periods.ts';

const periods = (at: Date) => finishedPeriods(at).map((p) => `${p.kind} ${p.firstMonth}..${p.lastMonth}`);

test('R-18.3b the periods that ended last, in Vietnam time: 00:05 on 1 January in Hà Nội (still 31 December in UTC) ends December, Q4 and the year', () => {
  assert.deepEqual(periods(vietnamTime(2027, 1, 1, 0, 5)), ['month 2026-12..2026-12', 'quarter 2026-10..2026-12', 'year 2026-01..2026-12']);
  assert.deepEqual(periods(vietnamTime(2026, 12, 31, 23, 59)), ['month 2026-11..2026-11', 'quarter 2026-07..2026-09', 'year 2025-01..2025-12']);
  assert.deepEqual(periods(vietnamTime(2026, 4, 1, 0, 0)), ['month 2026-03..2026-03', 'quarter 2026-01..2026-03', 'year 2025-01..2025-12']);
  assert.deepEqual(periods(vietnamTime(2026, 2, 10, 12, 0)), ['month 2026-01..2026-01', 'quarter 2025-10..2025-12', 'year 2025-01..2025-12']);
});

test('R-18.3b Vietnamese titles of the periods', () => {
  assert.equal(periodTitle({ kind: 'month', firstMonth: '2026-10', lastMonth: '2026-10' }), 'Báo cáo tháng 10/2026');
  assert.equal(periodTitle({ kind: 'quarter', firstMonth: '2026-10', lastMonth: '2026-12' }), 'Báo cáo quý IV/2026');
  assert.equal(periodTitle({ kind: 'quarter', firstMonth: '2026-01', lastMonth: '2026-03' }), 'Báo cáo quý I/2026');
  assert.equal(periodTitle({ kind: 'year', firstMonth: '2026-01', lastMonth: '2026-12' }), 'Báo cáo năm 2026');
  assert.equal(periodTitle({ kind: 'custom', firstMonth: '2026-08', lastMonth: '2026-10' }), 'Báo cáo từ tháng 08/2026 đến tháng 10/2026');
  assert.equal(periodTitle({ kind: 'custom', firstMonth: '2026-08', lastMonth: '2026-08' }), 'Báo cáo tháng 08/2026 (đột xuất)');
});
