import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import { REPORTER_NOTIFICATION_ACTIONS, notificationSaid, notificationTitle } from './reporter-notifications.ts';

const transitions = Object.values(WORKFLOWS).flatMap((wf) => wf.transitions);

test('R-13 every notified action is a workflow action someone other than the reporter takes', () => {
  for (const action of REPORTER_NOTIFICATION_ACTIONS) {
    const name = action.replace(/^report\./, '');
    const ts = transitions.filter((t) => t.action === name);
    assert.ok(ts.length > 0, `${action} is not an action of any workflow`);
    assert.ok(ts.every((t) => !t.by.includes('citizen')), `${action} is the reporter's own action`);
  }
});

test('R-13 internal steps and oversight records are not notifications', () => {
  for (const internal of ['take', 'assign', 'dispatch', 'requestCooperation', 'draftResult', 'rejectDraft', 'returnForRerouting', 'returnToCenter', 'cooperationReturned', 'cooperationClosed'])
    assert.ok(!REPORTER_NOTIFICATION_ACTIONS.includes(`report.${internal}`), internal);
  for (const record of ['deadline.overdue', 'deadline.recomputed', 'report.submit']) assert.ok(!REPORTER_NOTIFICATION_ACTIONS.includes(record), record);
});

test('R-13 titles are Vietnamese and name the report; only what was asked or answered is passed on', () => {
  assert.equal(notificationTitle('report.accept', 'field_report', 'PA-2026-000001'), 'Phản ánh PA-2026-000001 đã được tiếp nhận');
  assert.equal(notificationTitle('report.decide', 'initiative', 'PA-2026-000002'), 'Sáng kiến PA-2026-000002 đã được trả lời');
  assert.deepEqual(
    notificationSaid({ rejectReason: 'e', explanation: 'Quảng cáo', targetAgencyId: 'x', classification: 'normal', assigneeId: 'y', rule: 'R-6.2' }),
    { rejectReason: 'e', explanation: 'Quảng cáo' },
  );
});
