import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { sendReceptionReminders } from '../../app/reception/reminders.ts';
import { currentCalendar } from '../../app/reference/reference-data.ts';
import { listAuditEvents } from '../../db/repos/audit.repo.ts';
import { findAgency } from '../../db/repos/agencies.repo.ts';
import { addWorkingTime, formatVietnamTime, vietnamTime } from '../../domain/calendar/index.ts';
import { createCitizen, signInHeaders, signedInStaff } from '../../../test/factories.ts';
import { receptionTestApp } from '../../../test/reception.ts';

/** Parses an iCalendar text with ical.js (an independent parser), registering its VTIMEZONEs. */
function parseIcs(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { comp, events: comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

test('R-5.4 R-3.8 R-4.3 the full path: publish a session, book, request information, accept, .ics, reminder, check-in, outcome due in working days — every step audited with its actor', async () => {
  const t = await receptionTestApp();
  const { app, ctx, clock, officer } = t;
  const session = await t.publish();
  assert.match(session.code, /^TD-2026-\d{6}$/);
  assert.equal(session.startsAt, '2026-03-10T08:00:00+07:00');
  assert.equal(session.bookingClosesAt, '2026-03-09T08:00:00+07:00');

  const pub = (await app.inject({ url: '/api/v1/reception/sessions' })).json();
  const listed = pub.items.find((s: { id: string }) => s.id === session.id);
  assert.equal(listed.seatsLeft, 20);
  assert.equal(listed.bookingOpen, true);

  const c = await t.citizen();
  const key = { 'idempotency-key': 'dat-lich-0001' };
  const first = await t.book(c.h, session.id, { summary: 'Đề nghị xem xét việc bồi thường giải phóng mặt bằng dự án đường vành đai 2,5 tại phường Định Công' }, key);
  assert.equal(first.statusCode, 201, first.body);
  const booking = first.json();
  assert.match(booking.code, /^LH-2026-\d{6}$/);
  assert.equal(booking.state, 'requested');
  assert.equal(booking.calendarFile, null);
  // A retry with the same key is the same booking, not a second seat.
  const again = await t.book(c.h, session.id, { summary: 'Đề nghị xem xét việc bồi thường giải phóng mặt bằng dự án đường vành đai 2,5 tại phường Định Công' }, key);
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().id, booking.id);
  assert.equal((await app.inject({ url: '/api/v1/reception/sessions' })).json().items.find((s: { id: string }) => s.id === session.id).seatsLeft, 19);

  // The Board reviews: who comes, then asks for more information.
  const queue = await t.ok('GET', '/api/v1/reception/bookings?state=requested', officer.h, undefined, 200);
  const mine = queue.items.find((b: { id: string }) => b.id === booking.id);
  assert.equal(mine.citizen.fullName, c.fullName);
  let res = await t.act(booking.id, { action: 'requestInfo', version: booking.version, question: 'Đề nghị gửi kèm quyết định thu hồi đất đã nhận' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'info_requested');
  let inbox = await t.inbox(c.h);
  const asked = inbox.items.find((n) => n.action === 'reception.requestInfo');
  assert.ok(asked, JSON.stringify(inbox));
  assert.equal(asked.bookingCode, booking.code);
  assert.equal(asked.said.question, 'Đề nghị gửi kèm quyết định thu hồi đất đã nhận');
  res = await t.call('POST', `/api/v1/me/reception/bookings/${booking.id}/answer`, c.h, { version: res.json().version, answer: 'Quyết định thu hồi đất số 123/QĐ-UBND ngày 05/01/2025' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'requested');

  res = await t.act(booking.id, { action: 'accept', version: res.json().version });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'accepted');
  inbox = await t.inbox(c.h);
  assert.ok(inbox.items.some((n) => n.action === 'reception.accept' && n.title.includes('08:00 ngày 10/03/2026')), JSON.stringify(inbox));

  // The booking as iCalendar: TZID=Asia/Ho_Chi_Minh with its VTIMEZONE, the session's instants.
  const ics = await app.inject({ url: `/api/v1/me/reception/bookings/${booking.id}/calendar.ics`, headers: c.h });
  assert.equal(ics.statusCode, 200, ics.body);
  assert.match(String(ics.headers['content-type']), /^text\/calendar/);
  assert.match(ics.body, /DTSTART;TZID=Asia\/Ho_Chi_Minh:20260310T080000/);
  const { comp, events } = parseIcs(ics.body);
  assert.equal(comp.getAllSubcomponents('vtimezone')[0]!.getFirstPropertyValue('tzid'), 'Asia/Ho_Chi_Minh');
  assert.equal(events.length, 1);
  const ev = events[0]!;
  assert.equal(ev.startDate.zone?.tzid, 'Asia/Ho_Chi_Minh');
  assert.equal(ev.startDate.toJSDate().getTime(), vietnamTime(2026, 3, 10, 8, 0).getTime());
  assert.equal(ev.endDate.toJSDate().getTime(), vietnamTime(2026, 3, 10, 11, 0).getTime());
  assert.equal(ev.location, session.place);

  // Reminder: once, 24 working… clock hours before the session (RECEPTION_REMINDER_HOURS).
  clock.set(vietnamTime(2026, 3, 9, 7, 0));
  assert.equal(await sendReceptionReminders(ctx), 0, 'not yet: 25 hours before');
  clock.set(vietnamTime(2026, 3, 9, 9, 0));
  assert.equal(await sendReceptionReminders(ctx), 1);
  assert.equal(await sendReceptionReminders(ctx), 0, 'once per booking');
  inbox = await t.inbox(c.h);
  assert.equal(inbox.items.filter((n) => n.action === 'reception.reminder').length, 1);

  // Check-in only on the session's day; then the outcome with a due date in working days.
  let b = await t.ok('GET', `/api/v1/me/reception/bookings/${booking.id}`, c.h, undefined, 200);
  res = await t.act(booking.id, { action: 'checkIn', version: b.version });
  assert.equal(res.statusCode, 409, res.body);
  assert.equal(res.json().code, 'RECEPTION_TRANSITION_NOT_ALLOWED');
  clock.set(vietnamTime(2026, 3, 10, 8, 5));
  res = await t.act(booking.id, { action: 'checkIn', version: b.version });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'checked_in');
  assert.equal(res.json().checkedInAt, '2026-03-10T08:05:00+07:00');
  const day = await t.ok('GET', '/api/v1/reception/day?date=2026-03-10', officer.h, undefined, 200);
  assert.ok(day.sessions.some((d: { session: { id: string }; bookings: { id: string }[] }) => d.session.id === session.id && d.bookings.some((x) => x.id === booking.id)));
  clock.set(vietnamTime(2026, 3, 10, 10, 30));
  res = await t.act(booking.id, { action: 'complete', version: res.json().version, outcome: { received: 'Tiếp nhận đề nghị xem xét lại mức bồi thường', answeredBy: 'Sở Nông nghiệp và Môi trường', dueWorkingDays: 15 } });
  assert.equal(res.statusCode, 200, res.body);
  b = res.json();
  assert.equal(b.state, 'completed');
  const due = addWorkingTime((await currentCalendar(ctx)).calendar, vietnamTime(2026, 3, 10, 10, 30), { days: 15 });
  assert.equal(b.outcome.dueAt, formatVietnamTime(due));
  assert.match(b.outcome.dueAt, /\+07:00$/);
  inbox = await t.inbox(c.h);
  assert.ok(inbox.items.some((n) => n.action === 'reception.complete' && n.title.includes('Sở Nông nghiệp và Môi trường')));

  const trail = await listAuditEvents(ctx.db, 'reception_booking', booking.id);
  assert.deepEqual(
    trail.map((e) => [e.action, e.actor_role, e.to_state]),
    [
      ['reception.book', 'citizen', 'requested'],
      ['reception.requestInfo', 'reception_officer', 'info_requested'],
      ['reception.answerInfo', 'citizen', 'requested'],
      ['reception.accept', 'reception_officer', 'accepted'],
      ['reception.reminder', 'system', 'accepted'],
      ['reception.checkIn', 'reception_officer', 'checked_in'],
      ['reception.complete', 'reception_officer', 'completed'],
    ],
  );
  assert.ok(trail.filter((e) => e.actor_role === 'reception_officer').every((e) => e.actor_id === officer.id));
});

test('R-1.3 R-5.4 a complaint is declined with its reason and where to go instead; the seat is given back', async () => {
  const t = await receptionTestApp();
  const session = await t.publish({ capacity: 1 });
  const c = await t.citizen();
  const booked = await t.book(c.h, session.id, { summary: 'Khiếu nại quyết định xử phạt vi phạm hành chính của UBND phường đối với gia đình tôi', category: 'other' });
  assert.equal(booked.statusCode, 201, booked.body);
  const full = await t.book((await t.citizen()).h, session.id);
  assert.equal(full.statusCode, 409);
  assert.equal(full.json().code, 'RECEPTION_SESSION_FULL');

  const bad = await t.act(booked.json().id, { action: 'decline', version: 1 });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().errors.some((e: { field: string }) => e.field === 'body.reason'), bad.body);
  const res = await t.act(booked.json().id, { action: 'decline', version: 1, reason: 'complaint_procedure' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'declined');
  assert.equal(res.json().decline.reason, 'complaint_procedure');
  assert.match(res.json().decline.label, /khiếu nại, tố cáo/);
  assert.match(res.json().decline.whereToGo, /Luật Khiếu nại/);
  // A declined booking cannot be accepted.
  const late = await t.act(booked.json().id, { action: 'accept', version: res.json().version });
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().code, 'RECEPTION_TRANSITION_NOT_ALLOWED');

  const mine = await t.ok('GET', `/api/v1/me/reception/bookings/${booked.json().id}`, c.h, undefined, 200);
  assert.equal(mine.decline.reason, 'complaint_procedure');
  const inbox = await t.inbox(c.h);
  const notice = inbox.items.find((n) => n.action === 'reception.decline');
  assert.ok(notice && /khiếu nại, tố cáo/.test(notice.title), JSON.stringify(inbox));
  // The seat is free again.
  const next = await t.book((await t.citizen()).h, session.id);
  assert.equal(next.statusCode, 201, next.body);
  // No .ics for a booking that was not accepted.
  assert.equal((await t.app.inject({ url: `/api/v1/me/reception/bookings/${booked.json().id}/calendar.ics`, headers: c.h })).statusCode, 409);
});

test('R-5.4 50 concurrent bookings for a 20-seat session: exactly 20 bookings stored and 30 clear refusals (409 "Buổi tiếp đã đủ chỗ")', async () => {
  const t = await receptionTestApp();
  const session = await t.publish({ capacity: 20 });
  const citizens = [];
  for (let i = 0; i < 50; i += 10) citizens.push(...(await Promise.all(Array.from({ length: 10 }, () => t.citizen()))));
  assert.equal(new Set(citizens.map((c) => c.id)).size, 50);
  const results = await Promise.all(citizens.map((c) => t.book(c.h, session.id)));
  const created = results.filter((r) => r.statusCode === 201);
  const refused = results.filter((r) => r.statusCode !== 201);
  assert.equal(created.length, 20, results.map((r) => r.statusCode).join(','));
  assert.equal(refused.length, 30);
  for (const r of refused) {
    assert.equal(r.statusCode, 409, r.body);
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
    assert.equal(r.json().code, 'RECEPTION_SESSION_FULL');
    assert.equal(r.json().title, 'Buổi tiếp đã đủ chỗ');
  }
  const stored = await t.ctx.db.selectFrom('reception_bookings').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', session.id).executeTakeFirstOrThrow();
  assert.equal(Number(stored.n), 20);
  const s = await t.ok('GET', `/api/v1/reception/sessions/${session.id}`, t.officer.h, undefined, 200);
  assert.equal(s.booked, 20);
  assert.equal(s.seatsLeft, 0);
});

test('R-5.4 R-8.5 a calendar edit making a session\'s day a holiday flags it for rescheduling and tells its bookers; moving it tells them too; sessions only on working days', async () => {
  const t = await receptionTestApp();
  const { app } = t;
  // Not on a day off: Sunday 8 March 2026.
  const sunday = await t.call('POST', '/api/v1/reception/sessions', t.officer.h, t.sessionBody({ startsAt: '2026-03-08T08:00:00+07:00', endsAt: '2026-03-08T11:00:00+07:00' }));
  assert.equal(sunday.statusCode, 400, sunday.body);
  const problem = sunday.json().errors.find((e: { field: string }) => e.field === 'body.startsAt');
  assert.match(problem.message, /không phải ngày làm việc/);

  const session = await t.publish({ startsAt: '2026-03-12T14:00:00+07:00', endsAt: '2026-03-12T17:00:00+07:00' });
  const a = await t.citizen();
  const b = await t.citizen();
  const ba = (await t.book(a.h, session.id)).json();
  const bb = (await t.book(b.h, session.id)).json();
  await t.act(ba.id, { action: 'accept', version: ba.version });

  const center = (await findAgency(t.ctx.db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const admin = await signedInStaff(app, center.id, 'administrator');
  const y = (await app.inject({ url: '/api/v1/calendar/years/2026' })).json();
  const edit = await t.call('PUT', '/api/v1/calendar/years/2026', admin.h, {
    status: y.status,
    offDays: [...y.offDays, { date: '2026-03-12', reason: 'Nghỉ bù thử nghiệm', kind: 'other' }],
    extraWorkDays: y.extraWorkDays,
    pending: y.pending,
    sources: y.sources,
    note: 'Điều chỉnh lịch nghỉ thử nghiệm',
  });
  assert.equal(edit.statusCode, 200, edit.body);

  const flagged = await t.ok('GET', `/api/v1/reception/sessions/${session.id}`, t.officer.h, undefined, 200);
  assert.equal(flagged.state, 'needs_rescheduling');
  for (const who of [a, b]) {
    const inbox = await t.inbox(who.h);
    const n = inbox.items.find((x) => x.action === 'reception.sessionNeedsRescheduling');
    assert.ok(n, JSON.stringify(inbox));
    assert.match(n.said.explanation ?? '', /không phải ngày làm việc/);
  }
  assert.ok(!(await app.inject({ url: '/api/v1/reception/sessions?limit=100' })).json().items.some((s: { id: string }) => s.id === session.id), 'no longer offered');
  const refused = await t.book((await t.citizen()).h, session.id);
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().code, 'RECEPTION_SESSION_NOT_OPEN');

  // Moving it to a working day: scheduled again, both bookers told the new time.
  const moved = await t.call('PUT', `/api/v1/reception/sessions/${session.id}`, t.officer.h, { ...t.sessionBody({ startsAt: '2026-03-13T14:00:00+07:00', endsAt: '2026-03-13T17:00:00+07:00' }), version: flagged.version });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().state, 'scheduled');
  assert.equal(moved.json().notified, 2);
  assert.equal(moved.json().startsAt, '2026-03-13T14:00:00+07:00');
  for (const who of [a, b]) {
    const n = (await t.inbox(who.h)).items.find((x) => x.action === 'reception.sessionMoved');
    assert.ok(n && n.title.includes('14:00 ngày 13/03/2026'), n?.title);
  }
  // A stale version is refused.
  const stale = await t.call('PUT', `/api/v1/reception/sessions/${session.id}`, t.officer.h, { ...t.sessionBody(), version: flagged.version });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().code, 'RECEPTION_VERSION_CONFLICT');

  // Cancelling the session cancels its bookings with the reason and tells the bookers.
  const cancelled = await t.call('POST', `/api/v1/reception/sessions/${session.id}/cancel`, t.officer.h, { version: moved.json().version, reason: 'Lãnh đạo Thành phố có lịch công tác đột xuất' });
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  assert.equal(cancelled.json().notified, 2);
  const mine = await t.ok('GET', `/api/v1/me/reception/bookings/${bb.id}`, b.h, undefined, 200);
  assert.equal(mine.state, 'cancelled');
  const n = (await t.inbox(b.h)).items.find((x) => x.action === 'reception.sessionCancelled');
  assert.equal(n?.said.explanation, 'Lãnh đạo Thành phố có lịch công tác đột xuất');
});

test('R-5.4 booking closes RECEPTION_BOOKING_CLOSES_HOURS before the session; one open booking per matter', async () => {
  const t = await receptionTestApp({ receptionBookingClosesHours: 24 });
  // Tomorrow 08:00: booking closed today at 08:00, before now (09:00).
  const soon = await t.publish({ startsAt: '2026-03-03T08:00:00+07:00', endsAt: '2026-03-03T11:00:00+07:00' });
  assert.equal(soon.bookingOpen, false);
  const c = await t.citizen();
  const closed = await t.book(c.h, soon.id);
  assert.equal(closed.statusCode, 409, closed.body);
  assert.equal(closed.json().code, 'RECEPTION_BOOKING_CLOSED');
  assert.match(closed.json().detail, /2026-03-02T08:00:00\+07:00/);

  const s1 = await t.publish();
  const s2 = await t.publish({ startsAt: '2026-03-11T08:00:00+07:00', endsAt: '2026-03-11T11:00:00+07:00' });
  const matter = { summary: 'Đề nghị giải quyết dứt điểm việc lấn chiếm ngõ đi chung tại ngõ 12 phố Hàng Bạc', category: 'construction' };
  const first = await t.book(c.h, s1.id, matter);
  assert.equal(first.statusCode, 201, first.body);
  // The same matter (differently written: case, punctuation, tone marks) in another session: refused.
  const twice = await t.book(c.h, s2.id, { ...matter, summary: 'de nghi giai quyet dut diem viec lan chiem ngo di chung tai ngo 12 pho Hang Bac!' });
  assert.equal(twice.statusCode, 409, twice.body);
  assert.equal(twice.json().code, 'RECEPTION_MATTER_ALREADY_BOOKED');
  // Another matter is fine; so is the same matter once the first booking is cancelled.
  assert.equal((await t.book(c.h, s2.id, { summary: 'Đề nghị xem xét chế độ trợ cấp cho người có công với cách mạng của gia đình tôi', category: 'social_policy' })).statusCode, 201);
  const cancel = await t.call('POST', `/api/v1/me/reception/bookings/${first.json().id}/cancel`, c.h, { version: first.json().version });
  assert.equal(cancel.statusCode, 200, cancel.body);
  assert.equal(cancel.json().state, 'cancelled');
  assert.equal((await t.book(c.h, s2.id, matter)).statusCode, 201);
  // A group names its representatives.
  const group = await t.book((await t.citizen()).h, s1.id, { applicant: { kind: 'group' } });
  assert.equal(group.statusCode, 400);
  assert.ok(group.json().errors.some((e: { field: string }) => e.field === 'body.applicant.representatives'), group.body);
  const handled = await t.book((await t.citizen()).h, s1.id, { handledElsewhere: true });
  assert.equal(handled.statusCode, 400);
  assert.ok(handled.json().errors.some((e: { field: string }) => e.field === 'body.earlierDecision'), handled.body);
});

test('R-5.4 the Board\'s sessions as a subscribable .ics feed, parsed by ical.js: TZID Asia/Ho_Chi_Minh and the published instants (+07:00)', async () => {
  const t = await receptionTestApp();
  const a = await t.publish({ startsAt: '2026-03-10T08:00:00+07:00', endsAt: '2026-03-10T11:30:00+07:00' });
  const b = await t.publish({ startsAt: '2026-03-17T13:30:00+07:00', endsAt: '2026-03-17T16:30:00+07:00', kind: 'extra' });
  const res = await t.app.inject({ url: '/api/v1/reception/sessions.ics' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/calendar/);
  const { comp, events } = parseIcs(res.body);
  assert.equal(comp.getFirstPropertyValue('version'), '2.0');
  assert.ok(comp.getAllSubcomponents('vtimezone').some((z) => z.getFirstPropertyValue('tzid') === 'Asia/Ho_Chi_Minh'));
  for (const s of [a, b]) {
    const ev = events.find((e) => e.uid.startsWith(s.id));
    assert.ok(ev, `session ${s.code} in the feed`);
    assert.equal(ev.startDate.zone?.tzid, 'Asia/Ho_Chi_Minh');
    assert.equal(ev.startDate.toJSDate().toISOString(), new Date(s.startsAt).toISOString());
    assert.equal(ev.endDate.toJSDate().toISOString(), new Date(s.endsAt).toISOString());
  }
  // The wall clock as published (+07:00): 13:30 in Hà Nội.
  const evb = events.find((e) => e.uid.startsWith(b.id))!;
  assert.equal(evb.startDate.hour, 13);
  assert.equal(evb.startDate.minute, 30);
});

test('R-4.3 access: another citizen gets 404, an officer outside the Board 403, an unverified citizen may not book', async () => {
  const t = await receptionTestApp();
  const session = await t.publish();
  const c = await t.citizen();
  const booking = (await t.book(c.h, session.id)).json();
  const other = await t.citizen();
  for (const url of [`/api/v1/me/reception/bookings/${booking.id}`, `/api/v1/me/reception/bookings/${booking.id}/calendar.ics`]) {
    const res = await t.app.inject({ url, headers: other.h });
    assert.equal(res.statusCode, 404, url);
  }
  assert.equal((await t.call('POST', `/api/v1/me/reception/bookings/${booking.id}/cancel`, other.h, { version: 1 })).statusCode, 404);
  assert.equal((await t.ok('GET', '/api/v1/me/reception/bookings', other.h, undefined, 200)).total, 0);

  const hoanKiem = (await findAgency(t.ctx.db, { code: 'ubnd-phuong-hoan-kiem' }))!;
  const outsider = await signedInStaff(t.app, hoanKiem.id, 'receiving_officer');
  for (const [method, url, payload] of [
    ['GET', '/api/v1/reception/bookings', undefined],
    ['GET', `/api/v1/reception/bookings/${booking.id}`, undefined],
    ['POST', `/api/v1/reception/bookings/${booking.id}/actions`, { action: 'accept', version: 1 }],
    ['POST', '/api/v1/reception/sessions', t.sessionBody()],
  ] as const) {
    const res = await t.call(method, url, outsider.h, payload);
    assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
  }
  // A reception officer of another agency does not see the Board's bookings.
  const elsewhere = await signedInStaff(t.app, hoanKiem.id, 'reception_officer');
  assert.equal((await t.call('GET', `/api/v1/reception/bookings/${booking.id}`, elsewhere.h)).statusCode, 404);
  assert.equal((await t.ok('GET', '/api/v1/reception/bookings', elsewhere.h, undefined, 200)).total, 0);

  const unverified = await createCitizen(t.app);
  const res = await t.book(await signInHeaders(t.app, unverified.phone), session.id);
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'IDENTITY_NOT_VERIFIED');
  assert.equal((await t.book({}, session.id)).statusCode, 401);
});

test('R-5.4 a schedule asked from a time that is not ISO 8601 is a 400 naming the field, on the public and the Board\'s lists', async () => {
  const t = await receptionTestApp();
  for (const [url, headers] of [['/api/v1/reception/sessions', {}], ['/api/v1/reception/staff/sessions', t.officer.h]] as const) {
    const res = await t.app.inject({ url: `${url}?from=h%C3%B4m-qua`, headers });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().errors, [{ field: 'querystring.from', message: '"hôm-qua" không phải thời điểm ISO 8601' }]);
    const ok = await t.app.inject({ url: `${url}?from=2026-03-01T00:00:00&to=2026-03-31T23:59:59`, headers });
    assert.equal(ok.statusCode, 200, ok.body);
  }
});

test('R-5.4 a bad booking field is named once, with what is wrong with it — not also "must be null" for a field that may be left empty', async () => {
  const t = await receptionTestApp();
  const c = await t.citizen();
  const s = await t.publish();
  const cases: [Record<string, unknown>, { field: string; message: string }[]][] = [
    [{ handledElsewhere: true, earlierDecision: { agency: '', number: null, date: null, summary: null } }, [{ field: 'body.earlierDecision.agency', message: 'Phải có ít nhất 1 ký tự' }]],
    [{ applicant: { kind: 'group', representatives: [{ fullName: 'Lê Văn An', phone: '12' }] } }, [{ field: 'body.applicant.representatives.0.phone', message: 'Không đúng định dạng' }]],
    [{ handledElsewhere: true, earlierDecision: { agency: 'UBND phường Hoàn Kiếm', number: null, date: '30/02/2026', summary: null } }, [{ field: 'body.earlierDecision.date', message: 'Không đúng định dạng date' }]],
  ];
  for (const [over, errors] of cases) {
    const res = await t.book(c.h, s.id, over);
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().errors, errors, JSON.stringify(over));
  }
  // Left empty (null), the same fields are accepted.
  const ok = await t.book(c.h, s.id, { applicant: { kind: 'group', organisation: null, representatives: [{ fullName: 'Lê Văn An', phone: null }] }, handledElsewhere: true, earlierDecision: { agency: 'UBND phường Hoàn Kiếm', number: null, date: null, summary: null } });
  assert.equal(ok.statusCode, 201, ok.body);
});
