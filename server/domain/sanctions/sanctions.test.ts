import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatVietnamTime, vietnamTime } from '../calendar/index.ts';
import { REJECT_REASONS } from '../workflow/index.ts';
import {
  VALID_REPORT_ACTIONS,
  imposesSanction,
  sanctionEnd,
  sanctionReason,
  sanctionedSubmissionDetail,
  vietnameseDateTime,
  violationMarkerProblem,
  violationOf,
} from './index.ts';

test('R-27.3 R-6.2đ R-6.2e R-5.2 false, advertising and abusive rejections are violations; no other reason is', () => {
  assert.equal(violationOf('d2', undefined), 'false_report');
  assert.equal(violationOf('e', undefined), 'advertising');
  assert.equal(violationOf('a', 'abusive'), 'abusive');
  assert.equal(violationOf('a', undefined), null, 'an incomplete report is not misconduct without the officer saying so');
  for (const reason of Object.keys(REJECT_REASONS).filter((r) => !['d2', 'e'].includes(r)))
    assert.equal(violationOf(reason, undefined), null, reason);
});

test('R-27.3 the violation marker goes only on a rejection under reason a', () => {
  assert.equal(violationMarkerProblem('reject', 'a', undefined), null);
  assert.equal(violationMarkerProblem('accept', undefined, undefined), null);
  assert.equal(violationMarkerProblem('reject', 'a', 'abusive'), null);
  assert.equal(violationMarkerProblem('accept', undefined, 'abusive')?.field, 'body.violation');
  assert.match(violationMarkerProblem('reject', 'd2', 'abusive')?.message ?? '', /d2/);
  assert.ok(violationMarkerProblem('reject', 'c', 'abusive'));
  assert.ok(violationMarkerProblem('reject', 'a', 'spam'));
});

test('R-27.3 more than 3 consecutive violations: the 4th imposes the sanction, for 30 days to the minute', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map(imposesSanction), [false, false, false, true, true]);
  const start = vietnamTime(2026, 3, 2, 9, 41);
  assert.equal(formatVietnamTime(sanctionEnd(start)), '2026-04-01T09:41:00+07:00');
  assert.deepEqual([...VALID_REPORT_ACTIONS].sort(), ['accept', 'distribute']);
});

test('R-27.3 the reason and the refusal are Vietnamese and name the reports and the end date', () => {
  const reason = sanctionReason([
    { code: 'PA-2026-000001', kind: 'false_report' },
    { code: 'PA-2026-000002', kind: 'advertising' },
    { code: 'PA-2026-000003', kind: 'abusive' },
    { code: 'PA-2026-000004', kind: 'false_report' },
  ]);
  assert.match(reason, /^Vi phạm 4 lần liên tiếp/);
  assert.match(reason, /PA-2026-000002 — Quảng cáo \(R-6\.2e\)/);
  assert.match(reason, /R-6\.2đ/);
  assert.match(reason, /R-5\.2/);
  const until = vietnamTime(2026, 4, 1, 9, 41);
  assert.equal(vietnameseDateTime(until), '09:41 ngày 01/04/2026');
  const detail = sanctionedSubmissionDetail(until);
  assert.match(detail.vi, /đến 09:41 ngày 01\/04\/2026 \(giờ Việt Nam\)/);
  assert.match(detail.en, /2026-04-01T09:41:00\+07:00/);
});
