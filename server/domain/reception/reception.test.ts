import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BOOKING_ACTIONS, BOOKING_STATES, BOOKING_TRANSITIONS, DECLINE_REASONS, OPEN_BOOKING_STATES, holdsSeat, matterKey, nextBookingState, type BookingState } from './reception.ts';

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

test('R-5.4 property: whatever actions come in whatever order, a seat is never taken back once given up, a booking is received only after it was accepted and checked in, and nothing leaves an ended booking', () => {
  const ended = new Set(['declined', 'cancelled', 'completed', 'no_show']);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...BOOKING_ACTIONS), { maxLength: 30 }), (actions) => {
      let state: BookingState = 'requested';
      const path: BookingState[] = [state];
      for (const action of actions) {
        const next = nextBookingState(state, action);
        if (ended.has(state)) assert.equal(next, null, `${action} from ${state}`);
        if (next === null) continue;
        // The seat is held from the booking on; the capacity count gives it back at most once, and never takes it again.
        assert.ok(holdsSeat(state) || !holdsSeat(next), `${state} → ${next} would take a seat again`);
        state = next;
        path.push(state);
      }
      if (state === 'completed') assert.deepEqual(path.slice(-3), ['accepted', 'checked_in', 'completed']);
      if (state === 'no_show') assert.equal(path.at(-2), 'accepted');
      // An open booking holds its seat.
      if (OPEN_BOOKING_STATES.includes(state)) assert.ok(holdsSeat(state));
    }),
    { numRuns: 2000 },
  );
});

test('R-5.4 property: one matter whatever the case, spacing and punctuation; another category is another matter', () => {
  const words = fc.array(fc.stringMatching(/^[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ0-9]{1,8}$/), { minLength: 3, maxLength: 12 });
  const separator = fc.constantFrom(' ', '  ', ', ', ' – ', '\n', '! ', '; ');
  fc.assert(
    fc.property(words, fc.array(separator, { minLength: 12, maxLength: 12 }), (ws, seps) => {
      const plain = ws.join(' ');
      const dressed = ws.map((w, i) => (i % 2 ? w.toUpperCase() : w) + seps[i]).join('');
      assert.equal(matterKey('land', dressed), matterKey('land', plain));
      assert.notEqual(matterKey('construction', plain), matterKey('land', plain));
    }),
    { numRuns: 500 },
  );
});
