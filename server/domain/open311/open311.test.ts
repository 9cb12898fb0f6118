import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadlinesInWords, vietnamTime } from '../calendar/index.ts';
import { WORKFLOWS } from '../workflow/index.ts';
import { currentStageDeadline, dateWindow, missingContact, open311Status, parseAttributes, parseBbox, parseServiceCode, serviceCode, titleFromDescription } from './open311.ts';

test('R-7.2d R-8.5 service_notice gives the deadlines in words, as the regulation writes them', () => {
  assert.equal(deadlinesInWords('field_report', null), 'Tiếp nhận trong 08 giờ làm việc; xử lý trong 07 ngày làm việc');
  assert.equal(deadlinesInWords('field_report', 'urgent'), 'Tiếp nhận trong 08 giờ làm việc; xử lý trong 04 giờ làm việc');
  assert.equal(deadlinesInWords('field_report', 'complex'), 'Tiếp nhận trong 08 giờ làm việc; xử lý trong 15 ngày làm việc (gia hạn đến 30 ngày làm việc)');
  assert.equal(deadlinesInWords('waste_report', 'normal'), 'Tiếp nhận trong 08 giờ làm việc; xử lý trong 30 ngày làm việc', 'R-10');
  assert.equal(deadlinesInWords('initiative', null), 'Xử lý trong 30 ngày làm việc', 'R-9: no receiving deadline');
});

test('R-18.5 a service code is <kind>.<category> for the kinds taken through Open311', () => {
  assert.equal(serviceCode('field_report', 'hu-hong-mat-duong'), 'field_report.hu-hong-mat-duong');
  assert.deepEqual(parseServiceCode('waste_report.lang_phi_tai_san_cong'), { kind: 'waste_report', categoryCode: 'lang_phi_tai_san_cong' });
  for (const bad of ['initiative.y-tuong', 'field_report', 'complaint.x', 'field_report.Ổ-gà', 'field_report.a..b']) assert.equal(parseServiceCode(bad), null, bad);
});

test('R-18.5 Open311 status is open or closed; published results and ends of the workflow are closed', () => {
  const wf = WORKFLOWS.field_report;
  assert.deepEqual(
    ['submitted', 'assigned', 'clarificationRequested', 'published', 'rated', 'rejected', 'closed'].map((s) => open311Status(s, wf.terminal)),
    ['open', 'open', 'open', 'closed', 'closed', 'closed', 'closed'],
  );
});

test('R-6.2d R-7.2d the current stage is receiving while verification also runs; otherwise the nearest deadline', () => {
  const d = (clock: string, hour: number) => ({ clock, dueAt: vietnamTime(2026, 3, 3, hour) });
  assert.equal(currentStageDeadline([d('verify', 13), d('receive', 9)])?.clock, 'receive');
  assert.equal(currentStageDeadline([d('verify', 13)])?.clock, 'verify');
  assert.equal(currentStageDeadline([d('process', 15), d('answer_clarification', 10)])?.clock, 'answer_clarification');
  assert.equal(currentStageDeadline([]), null);
});

test('R-18.5 a list covers at most 90 days, by default the 90 days up to now; a time without offset is Vietnam time', () => {
  const now = vietnamTime(2026, 3, 2, 9);
  const def = dateWindow(undefined, undefined, now);
  assert.ok(def.ok && def.to.getTime() === now.getTime() + 1 && now.getTime() - def.from.getTime() === 90 * 86_400_000 - 1);
  assert.ok(dateWindow('2026-01-01T00:00:00+07:00', '2026-03-31T00:00:00+07:00', now).ok, 'exactly 89 days');
  const wide = dateWindow('2025-12-01T00:00:00+07:00', '2026-03-02T00:00:00+07:00', now);
  assert.deepEqual(!wide.ok && wide.problems.map((p) => p.field), ['end_date']);
  const local = dateWindow('2026-03-01T00:00:00', undefined, now);
  assert.ok(local.ok && local.from.getTime() === vietnamTime(2026, 3, 1).getTime());
  const garbled = dateWindow('hôm qua', undefined, now);
  assert.deepEqual(!garbled.ok && garbled.problems.map((p) => p.field), ['start_date']);
  const reversed = dateWindow('2026-03-02T00:00:00+07:00', '2026-03-01T00:00:00+07:00', now);
  assert.equal(reversed.ok, false);
});

test('R-5.5 the form must name the writer and give their e-mail and phone; each missing item is named', () => {
  assert.deepEqual(missingContact({}).map((p) => p.field), ['first_name', 'email', 'phone']);
  assert.deepEqual(missingContact({ last_name: 'Trần', email: 'a@b.vn', phone: ' ' }).map((p) => p.field), ['phone']);
  assert.deepEqual(missingContact({ first_name: 'Bình', email: 'a@b.vn', phone: '0912345678' }), []);
});

test('R-5.7 R-5.2 attributes: confidential unless told otherwise, the time checked, unknown attributes refused', () => {
  const ok = parseAttributes('field_report', { occurred_at: '2026-03-02T07:30:00+07:00', fixmystreet_id: '4711' });
  assert.ok(ok.ok);
  assert.equal(ok.value.confidential, true);
  assert.equal(ok.value.externalId, '4711');
  assert.deepEqual(ok.value.kept, { fixmystreet_id: '4711' });
  const bad = parseAttributes('field_report', { confidential: 'maybe', occurred_at: 'hôm qua', colour: 'red' });
  assert.deepEqual(!bad.ok && bad.problems.map((p) => p.field), ['attribute[colour]', 'attribute[occurred_at]', 'attribute[confidential]']);
});

test('R-5.1 without a title the report takes the first sentence of its description, cut at a word', () => {
  assert.equal(titleFromDescription('Ổ gà lớn trên phố Huế. Xe máy dễ ngã.'), 'Ổ gà lớn trên phố Huế.');
  assert.equal(titleFromDescription('Ổ gà\nrất sâu trước cửa nhà số 5'), 'Ổ gà rất sâu trước cửa nhà số 5', 'a first line too short for a title');
  const long = titleFromDescription(`${'đường hỏng '.repeat(40)}.`);
  assert.ok(long.length <= 200 && long.endsWith('…'));
});

test('R-18.5 bbox is west,south,east,north in degrees', () => {
  assert.deepEqual(parseBbox('105.8,21.0,105.9,21.1'), { west: 105.8, south: 21, east: 105.9, north: 21.1 });
  for (const bad of ['1,2,3', '105.9,21,105.8,21.1', 'a,b,c,d', '0,-91,1,1']) assert.equal(parseBbox(bad), null, bad);
});
