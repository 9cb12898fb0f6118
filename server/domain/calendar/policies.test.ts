import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  CLASSIFICATIONS,
  DEADLINE_POLICIES,
  DEADLINE_STAGES,
  REPORT_KINDS,
  addWorkingTime,
  buildWorkingCalendar,
  deadlinePolicy,
  formatVietnamTime,
  parseCalendarDefinition,
  parseInstant,
  type ReportKind,
} from './index.ts';

const amountOf = (kind: ReportKind, stage: Parameters<typeof deadlinePolicy>[1], classification?: Parameters<typeof deadlinePolicy>[2]) =>
  deadlinePolicy(kind, stage, classification)?.amount;

describe('field reports (Art. 6–8)', () => {
  test('R-6.2d verification ≤ 4 WH from submission', () => {
    assert.deepEqual(deadlinePolicy('field_report', 'verify'), { kind: 'field_report', stage: 'verify', amount: { hours: 4 }, startsAt: 'submitted', rule: 'R-6.2d' });
  });
  test('R-7.2d receiving ≤ 8 WH; R-8.5 assigning ≤ 4 WH after receipt', () => {
    assert.deepEqual(amountOf('field_report', 'receive'), { hours: 8 });
    assert.equal(deadlinePolicy('field_report', 'receive')?.rule, 'R-7.2d');
    assert.deepEqual(amountOf('field_report', 'assign'), { hours: 4 });
    assert.equal(deadlinePolicy('field_report', 'assign')?.startsAt, 'received');
  });
  test('R-8.5 processing: urgent 4 WH, normal 7 WD, complex 15 WD extendable to 30 WD, from assignment', () => {
    assert.deepEqual(amountOf('field_report', 'process', 'urgent'), { hours: 4 });
    assert.deepEqual(amountOf('field_report', 'process', 'normal'), { days: 7 });
    const complex = deadlinePolicy('field_report', 'process', 'complex');
    assert.deepEqual(complex?.amount, { days: 15 });
    assert.deepEqual(complex?.extendableTo, { days: 30 });
    assert.equal(complex?.startsAt, 'assigned');
    assert.equal(complex?.rule, 'R-8.5');
  });
  test('R-12.1 redo 1 WD; R-12.3 approve publication 1 WD; R-13 answer a clarification 2 WD', () => {
    assert.deepEqual(deadlinePolicy('field_report', 'redo'), { kind: 'field_report', stage: 'redo', amount: { days: 1 }, startsAt: 'draft_rejected', rule: 'R-12.1' });
    assert.deepEqual(amountOf('field_report', 'approve_publication'), { days: 1 });
    assert.equal(deadlinePolicy('field_report', 'approve_publication')?.rule, 'R-12.3');
    assert.deepEqual(amountOf('field_report', 'answer_clarification'), { days: 2 });
    assert.equal(deadlinePolicy('field_report', 'answer_clarification')?.rule, 'R-13');
  });
  test('R-8.4 the process stage without a classification has no policy', () => {
    assert.equal(deadlinePolicy('field_report', 'process', undefined), undefined);
  });
});

describe('wasteful behaviour, investors, initiatives, regulations', () => {
  test('R-10 waste reports: receive 8 WH, assign 4 WH, urgent 4 WH, normal 30 WD', () => {
    assert.deepEqual(amountOf('waste_report', 'receive'), { hours: 8 });
    assert.deepEqual(amountOf('waste_report', 'assign'), { hours: 4 });
    assert.deepEqual(amountOf('waste_report', 'process', 'urgent'), { hours: 4 });
    assert.deepEqual(amountOf('waste_report', 'process', 'normal'), { days: 30 });
    assert.equal(deadlinePolicy('waste_report', 'process', 'normal')?.rule, 'R-10');
  });
  test('R-11 investor feedback: as R-10', () => {
    assert.deepEqual(amountOf('investor_feedback', 'process', 'urgent'), { hours: 4 });
    assert.deepEqual(amountOf('investor_feedback', 'process', 'normal'), { days: 30 });
    assert.equal(deadlinePolicy('investor_feedback', 'process', 'normal')?.rule, 'R-11');
  });
  test('R-10 R-11 complex has no figure: 30 WD assumed and flagged', () => {
    for (const kind of ['waste_report', 'investor_feedback'] as const) {
      const p = deadlinePolicy(kind, 'process', 'complex');
      assert.deepEqual(p?.amount, { days: 30 });
      assert.equal(p?.assumption, true);
      assert.ok(p?.note);
    }
  });
  test('R-9 initiatives: answer within 30 WD whatever the classification; no receive/assign deadline', () => {
    for (const c of CLASSIFICATIONS) assert.deepEqual(amountOf('initiative', 'process', c), { days: 30 });
    assert.equal(deadlinePolicy('initiative', 'process', 'normal')?.rule, 'R-9');
    assert.equal(deadlinePolicy('initiative', 'assign'), undefined);
    assert.equal(deadlinePolicy('initiative', 'receive'), undefined);
  });
  test('R-5.3 regulation feedback uses the field-report figures, flagged as an assumption', () => {
    for (const stage of DEADLINE_STAGES) {
      const classes = stage === 'process' ? CLASSIFICATIONS : [undefined];
      for (const c of classes) {
        const p = deadlinePolicy('regulation_feedback', stage, c);
        const f = deadlinePolicy('field_report', stage, c);
        assert.ok(p && f, `${stage} ${c ?? ''}`);
        assert.deepEqual(p.amount, f.amount);
        assert.deepEqual(p.extendableTo, f.extendableTo);
        assert.equal(p.rule, 'R-5.3');
        assert.equal(p.basedOn, f.rule);
        assert.equal(p.assumption, true);
        assert.match(p.note ?? '', /13\/2023\/QĐ-UBND/);
      }
    }
  });
});

describe('the table as a whole', () => {
  test('every entry cites a rule and has a positive amount; no duplicates', () => {
    const keys = new Set<string>();
    for (const p of DEADLINE_POLICIES) {
      assert.match(p.rule, /^R-\d+(\.\d+)?[a-zđ]?$/);
      const n = 'hours' in p.amount ? p.amount.hours : p.amount.days;
      assert.ok(n > 0);
      const key = `${p.kind}/${p.stage}/${p.classification ?? '*'}`;
      assert.ok(!keys.has(key), key);
      keys.add(key);
    }
  });
  test('R-8.1 the five-step kinds have a policy for every stage and classification', () => {
    for (const kind of REPORT_KINDS.filter((k) => k !== 'initiative')) {
      for (const stage of DEADLINE_STAGES) {
        for (const c of stage === 'process' ? CLASSIFICATIONS : [undefined]) {
          assert.ok(deadlinePolicy(kind, stage, c), `${kind} ${stage} ${c ?? ''}`);
        }
      }
    }
  });
  test('R-8.5 a policy turns into a deadline with the calendar: normal field report assigned Mon 09/03/2026 10:00 → Wed 18/03 10:00', () => {
    const parsed = parseCalendarDefinition(JSON.parse(readFileSync(new URL('../../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')));
    assert.ok(parsed.ok);
    const cal = buildWorkingCalendar(parsed.calendar);
    const policy = deadlinePolicy('field_report', 'process', 'normal');
    assert.ok(policy);
    const assigned = parseInstant('2026-03-09T10:00:00+07:00');
    assert.ok(assigned);
    // 7 working days after Mon 09/03: 10, 11, 12, 13, 16, 17, 18/03.
    assert.equal(formatVietnamTime(addWorkingTime(cal, assigned, policy.amount)), '2026-03-18T10:00:00+07:00');
  });
});
