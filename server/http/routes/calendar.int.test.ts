import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { insertDeadline } from '../../db/repos/calendar.repo.ts';
import { listAgencies } from '../../db/repos/agencies.repo.ts';
import { testApp } from '../../../test/context.ts';
import { createStaff, signInHeaders } from '../../../test/factories.ts';

const deadline = (qs: string) => `/api/v1/calendar/deadline?${qs}`;

test('R-8.5 the deadline API adds working hours and days with the exact public shape', async () => {
  const { app } = await testApp();
  const cases: [string, string][] = [
    // Mon 08:00 + 8 WH = Mon 17:00, not Tue 08:00.
    ['from=2026-03-02T08:00:00%2B07:00&hours=8', '2026-03-02T17:00:00+07:00'],
    // Tue 11:00 (given in UTC) + 1 WH = Tue 12:00: the lunch break is not added.
    ['from=2026-03-03T04:00:00Z&hours=1', '2026-03-03T12:00:00+07:00'],
    // Wed 12:30 + 4 WH = Wed 17:00 (the start moves to 13:00).
    ['from=2026-03-04T12:30:00%2B07:00&hours=4', '2026-03-04T17:00:00+07:00'],
    // 31/12/2025 16:00 + 1 WD: 1 h that day, 1/1 holiday, 2/1 swapped off, weekend, then 7 h on Mon 5/1.
    ['from=2025-12-31T16:00:00%2B07:00&days=1', '2026-01-05T16:00:00+07:00'],
    // Fri 9/1/2026 16:00 + 2 WH: the make-up Saturday 10/01/2026 is a working day.
    ['from=2026-01-09T16:00:00%2B07:00&hours=2', '2026-01-10T09:00:00+07:00'],
    // A time without offset is Vietnam time: Sun 26/4/2026 → compensatory Mon 27/4 → Tue 28/4 08:00 + 4 WH.
    ['from=2026-04-26T10:00&hours=4', '2026-04-28T12:00:00+07:00'],
    // 0 hours: nothing elapses.
    ['from=2026-03-02T09:15:00%2B07:00&hours=0', '2026-03-02T09:15:00+07:00'],
  ];
  for (const [qs, due] of cases) {
    const res = await app.inject({ url: deadline(qs) });
    assert.equal(res.statusCode, 200, `${qs}: ${res.body}`);
    assert.deepEqual(res.json(), { due, calendarVersion: 1, provisional: false }, qs);
  }
});

test('R-8.5 a deadline that runs into a year without an announced schedule is flagged provisional', async () => {
  const { app } = await testApp();
  const inside = (await app.inject({ url: deadline('from=2027-03-01T08:00:00%2B07:00&hours=1') })).json();
  assert.deepEqual(inside, { due: '2027-03-01T09:00:00+07:00', calendarVersion: 1, provisional: true });
  const across = (await app.inject({ url: deadline('from=2026-12-28T08:00:00%2B07:00&days=10') })).json();
  assert.equal(across.provisional, true, 'starts in 2026 (final), ends in 2027 (provisional)');
  // Years after the data file are generated from the Labour Code and still computable.
  const later = await app.inject({ url: deadline('from=2035-06-04T08:00:00%2B07:00&days=7') });
  assert.equal(later.statusCode, 200);
  assert.equal(later.json().provisional, true);
});

test('R-13 the clarification window: 2 calendar days after receipt, to the end of the next working day when the last is off', async () => {
  const { app } = await testApp();
  const window = async (received: string) => (await app.inject({ url: `/api/v1/calendar/clarification-window?received=${encodeURIComponent(received)}` })).json();
  // Received Mon 2/3: 3/3 and 4/3 count, the window closes at 24:00 on Wed 4/3.
  assert.deepEqual(await window('2026-03-02T10:00:00+07:00'), { closesAt: '2026-03-05T00:00:00+07:00' });
  // Received Thu 12/2/2026: the second day (Sat 14/2) is in Tết; it runs to the end of Mon 23/2.
  assert.deepEqual(await window('2026-02-12T15:00:00+07:00'), { closesAt: '2026-02-24T00:00:00+07:00' });
  // Received late on Thu 8/1/2026: second day is the make-up Saturday 10/1, a working day.
  assert.deepEqual(await window('2026-01-08T23:30:00+07:00'), { closesAt: '2026-01-11T00:00:00+07:00' });
});

test('bad calendar input answers 400 problem+json naming the parameter', async () => {
  const { app } = await testApp();
  const cases: [string, string][] = [
    ['hours=4', 'querystring.from'],
    ['from=2026-03-02T08:00:00Z', 'querystring.hours'],
    ['from=2026-03-02T08:00:00Z&hours=4&days=1', 'querystring.days'],
    ['from=2026-03-02T08:00:00Z&hours=-1', 'querystring.hours'],
    ['from=2026-03-02T08:00:00Z&hours=1.5', 'querystring.hours'],
    ['from=2026-03-02T08:00:00Z&days=366', 'querystring.days'],
    ['from=2026-03-02T08:00:00Z&days=abc', 'querystring.days'],
    ['from=h%C3%B4m-nay&hours=4', 'querystring.from'],
    ['from=2026-02-30T08:00:00Z&hours=4', 'querystring.from'],
    ['from=2024-06-03T08:00:00%2B07:00&hours=4', 'querystring.from'],
    ['from=2050-12-28T08:00:00%2B07:00&days=30', 'querystring.days'],
  ];
  for (const [qs, field] of cases) {
    const res = await app.inject({ url: deadline(qs) });
    assert.equal(res.statusCode, 400, qs);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    const body = res.json();
    assert.equal(body.code, 'VALIDATION_FAILED', qs);
    assert.ok(body.errors.some((e: { field: string }) => e.field === field), `${qs} names ${field}: ${res.body}`);
  }
  const unknown = await app.inject({ url: deadline('from=2026-03-02T08:00:00Z&hours=1&minutes=3') });
  assert.equal(unknown.statusCode, 400, 'unknown parameters are refused');
  const noReceived = await app.inject({ url: '/api/v1/calendar/clarification-window' });
  assert.equal(noReceived.statusCode, 400);
  assert.ok(noReceived.json().errors.some((e: { field: string }) => e.field.includes('received')));
});

test('the calendar of a year: off days, make-up days and status; generated years say so', async () => {
  const { app } = await testApp();
  const y2026 = (await app.inject({ url: '/api/v1/calendar/years/2026' })).json();
  assert.equal(y2026.status, 'final');
  assert.equal(y2026.generated, false);
  assert.ok(y2026.offDays.some((d: { date: string; kind: string }) => d.date === '2026-01-02' && d.kind === 'swap'));
  assert.ok(y2026.extraWorkDays.some((d: { date: string }) => d.date === '2026-01-10'));
  assert.ok(y2026.exceptions.some((d: { date: string; kind: string; working: boolean }) => d.date === '2026-01-10' && d.kind === 'make_up' && d.working));
  assert.ok(y2026.workingDays > 240 && y2026.workingDays < 255, String(y2026.workingDays));
  const y2031 = (await app.inject({ url: '/api/v1/calendar/years/2031' })).json();
  assert.equal(y2031.status, 'provisional');
  assert.equal(y2031.generated, true);
  assert.ok(y2031.warnings.length > 0, 'administrators are warned to replace a provisional year');
  assert.equal((await app.inject({ url: '/api/v1/calendar/years/2024' })).statusCode, 404);
  assert.equal((await app.inject({ url: '/api/v1/calendar/years/hai-nghin' })).statusCode, 400);
});

test('R-28.1 an administrator edits a year: a new version, open deadlines recomputed and audited, closed ones kept', async () => {
  const { app, ctx } = await testApp();
  const center = (await listAgencies(ctx.db, {})).find((a) => a.kind === 'center')!;
  const admin = await createStaff(ctx, [{ agencyId: center.id, role: 'administrator' }]);
  const operator = await createStaff(ctx, [{ agencyId: center.id, role: 'center_operator' }]);

  // Fri 26/2/2027 16:00 + 2 WH = Mon 1/3/2027 09:00 with version 1.
  const open = { id: uuidv7(), subjectType: 'report', subjectId: uuidv7(), clock: 'process', startedAt: new Date('2027-02-26T09:00:00Z'), amount: { hours: 2 }, dueAt: new Date('2027-03-01T02:00:00Z'), calendarVersion: 1 };
  const closed = { ...open, id: uuidv7(), subjectId: uuidv7() };
  await insertDeadline(ctx.db, open);
  await insertDeadline(ctx.db, closed);
  await ctx.db.updateTable('deadlines').set({ stopped_at: new Date('2027-02-26T10:00:00Z') }).where('id', '=', closed.id).execute();

  const y = (await app.inject({ url: '/api/v1/calendar/years/2027' })).json();
  const body = {
    status: 'final',
    offDays: [...y.offDays, { date: '2027-03-01', reason: 'ngày nghỉ thử nghiệm', kind: 'other' }],
    extraWorkDays: y.extraWorkDays,
    pending: y.pending,
    sources: ['Thông báo thử nghiệm'],
    note: 'Công bố lịch nghỉ năm 2027',
  };
  const url = '/api/v1/calendar/years/2027';
  assert.equal((await app.inject({ method: 'PUT', url, payload: body })).statusCode, 401);
  assert.equal((await app.inject({ method: 'PUT', url, payload: body, headers: await signInHeaders(app, operator.username) })).statusCode, 403);

  const h = await signInHeaders(app, admin.username);
  const bad = await app.inject({ method: 'PUT', url, headers: h, payload: { ...body, offDays: [{ date: '2028-01-03', reason: 'sai năm', kind: 'other' }] } });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().errors.some((e: { field: string }) => e.field.startsWith('body.offDays.0')), bad.body);

  const res = await app.inject({ method: 'PUT', url, headers: h, payload: body });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { calendarVersion: 2, recomputedDeadlines: 1, changedDeadlines: 1 });

  const rows = await ctx.db.selectFrom('deadlines').select(['id', 'due_at', 'calendar_version']).execute();
  const after = (id: string) => rows.find((r) => r.id === id)!;
  assert.equal(after(open.id).due_at.toISOString(), '2027-03-02T02:00:00.000Z', 'Mon 1/3 is now off: due Tue 2/3 09:00');
  assert.equal(after(open.id).calendar_version, 2);
  assert.equal(after(closed.id).due_at.toISOString(), closed.dueAt.toISOString(), 'a stopped clock keeps its due instant');
  assert.equal(after(closed.id).calendar_version, 1);

  const events = await ctx.db.selectFrom('audit_events').select(['action', 'actor_id', 'subject_id']).where('action', 'in', ['calendar.yearEdited', 'deadline.recomputed']).execute();
  assert.ok(events.some((e) => e.action === 'calendar.yearEdited' && e.actor_id === admin.id));
  assert.ok(events.some((e) => e.action === 'deadline.recomputed' && e.subject_id === open.subjectId && e.actor_id === admin.id));

  const now = (await app.inject({ url: deadline('from=2027-02-26T16:00:00%2B07:00&hours=2') })).json();
  assert.deepEqual(now, { due: '2027-03-02T09:00:00+07:00', calendarVersion: 2, provisional: false });
  assert.equal((await app.inject({ url: '/api/v1/calendar/years/2027' })).json().status, 'final');
});
