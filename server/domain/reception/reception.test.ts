import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOOKING_ACTIONS, BOOKING_STATES, BOOKING_TRANSITIONS, DECLINE_REASONS, OPEN_BOOKING_STATES, holdsSeat, matterKey, nextBookingState } from './reception.ts';

test('R-5.4 one matter: the same category and summary, whatever the case, punctuation, spacing or tone marks', () => {
  const a = matterKey('land', 'Đề nghị cấp Giấy chứng nhận, thửa số 12!');
  assert.equal(a, matterKey('land', '  de nghi cap giay chung nhan thua so 12 '));
  assert.notEqual(a, matterKey('construction', 'Đề nghị cấp Giấy chứng nhận, thửa số 12!'));
  assert.notEqual(a, matterKey('land', 'Đề nghị cấp Giấy chứng nhận, thửa số 13'));
});

test('R-5.4 the booking workflow: terminal states have no exit, every state is reachable, open states hold a seat', () => {
  const terminal = ['declined', 'cancelled', 'completed', 'no_show'];
  for (const s of terminal) for (const a of BOOKING_ACTIONS) assert.equal(nextBookingState(s as never, a), null, `${a} from ${s}`);
  const reached = new Set<string>(['requested']);
  for (const t of Object.values(BOOKING_TRANSITIONS)) reached.add(t.to);
  assert.deepEqual([...reached].sort(), [...BOOKING_STATES].sort());
  for (const s of OPEN_BOOKING_STATES) assert.ok(holdsSeat(s), s);
  assert.equal(holdsSeat('declined'), false);
  assert.equal(holdsSeat('cancelled'), false);
  assert.equal(nextBookingState('requested', 'accept'), 'accepted');
  assert.equal(nextBookingState('accepted', 'accept'), null);
});

test('R-1.3 every decline reason says where to go instead', () => {
  for (const [code, r] of Object.entries(DECLINE_REASONS)) assert.ok(r.label.length > 5 && r.whereToGo.length > 10, code);
  assert.match(DECLINE_REASONS.complaint_procedure.label, /khiếu nại, tố cáo/);
});
