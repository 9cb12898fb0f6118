import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileCalendar } from '../../server/app/calendar/current-calendar.ts';
import { REPORT_KINDS, addWorkingTime, clarificationWindow, parseCalendarDefinition, vietnamTime, type ReportKind } from '../../server/domain/calendar/index.ts';
import { WORKFLOWS, explore } from '../../server/domain/workflow/index.ts';
import type { AgencyStaff, SubmittedReport, World } from './lifecycle.ts';
import { simulateReport } from './lifecycle.ts';
import { Rng } from './prng.ts';

const parsed = parseCalendarDefinition(JSON.parse(readFileSync(new URL('../../data/calendar/vn-civil-service-calendar.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('data file does not validate');
const cal = compileCalendar(1, parsed.calendar);

const staff = (id: string): AgencyStaff => ({
  agencyId: id,
  kind: id,
  head: { id: `${id}-head`, role: id === 'commune' ? 'commune_leader' : 'agency_head' },
  receiver: `${id}-receiver`,
  operator: id === 'center' ? 'center-operator' : null,
  officers: [`${id}-officer-1`, `${id}-officer-2`],
  lateShare: id === 'dept' ? 0.3 : 0.05,
});
const world = (until: Date): World => ({
  cal,
  until,
  staff,
  processingAgency: (receiving) => (receiving === 'center' ? 'dept' : receiving),
  communeCommittee: () => 'commune',
  cityAgency: () => 'dept',
});

const FROM = vietnamTime(2025, 1, 1).getTime();
const report = (kind: ReportKind, submittedAt: Date, receiving: string): SubmittedReport => ({
  id: 'r1',
  code: 'PA-2025-000001',
  kind,
  categoryCode: 'trat-tu-do-thi',
  field: 'trat_tu_do_thi',
  title: 'Lấn chiếm vỉa hè',
  description: 'Mô tả',
  reporterId: 'citizen',
  confidential: false,
  lat: 21.03,
  lng: 105.85,
  address: null,
  place: [{ version: '2025-07', code: '00004' }],
  occurredAt: null,
  submittedAt,
  receivingAgencyId: kind === 'initiative' ? 'center' : receiving,
  routingNote: 'rule',
  mediaCount: 1,
});

/** (state, running clocks) pairs the workflow tables can reach: every report must stand in one of them. */
const reachable = Object.fromEntries(
  REPORT_KINDS.map((kind) => [kind, new Set(explore(WORKFLOWS[kind]).configurations.map((c) => `${c.state}|${[...c.running].sort().join(',')}`))]),
);

const arbitrary = fc.record({
  seed: fc.nat(),
  kind: fc.constantFrom(...REPORT_KINDS),
  receiving: fc.constantFrom('commune', 'dept', 'center'),
  at: fc.integer({ min: 0, max: 640 * 86_400_000 }),
  horizonDays: fc.integer({ min: 0, max: 120 }),
});

test('R-8.1, R-9, R-13 a simulated report goes only through the transitions of its table, in time order, before the horizon', () => {
  fc.assert(
    fc.property(arbitrary, ({ seed, kind, receiving, at, horizonDays }) => {
      const submittedAt = new Date(FROM + at);
      const until = new Date(submittedAt.getTime() + horizonDays * 86_400_000 + 60_000);
      const { row, events } = simulateReport(report(kind, submittedAt, receiving), world(until), new Rng(seed));
      const wf = WORKFLOWS[kind];
      assert.equal(events[0]!.action, 'report.submit');
      let state: string = wf.initial;
      let last = submittedAt.getTime();
      let prev: string | null = null;
      for (const e of events) {
        const t = (e.occurred_at as Date).getTime();
        assert.ok(t >= last && t <= until.getTime(), 'in time order, never after the horizon');
        last = t;
        assert.equal(e.prev_hash, prev, 'chained');
        prev = e.hash as string;
        if (e.action === 'report.submit' || e.action === 'deadline.overdue') continue;
        const action = (e.action as string).slice('report.'.length);
        assert.ok(wf.transitions.some((x) => x.from === state && x.action === action && x.to === e.to_state && x.by.includes(e.actor_role as never)), `${state} --${action}--> ${e.to_state} by ${e.actor_role}`);
        state = e.to_state as string;
      }
      assert.equal(row.state, state);
      assert.ok(row.updated_at.getTime() <= until.getTime());
      if (row.rating !== null) assert.ok(row.state === 'rated' && row.result_published_at !== null, 'R-13 a rating follows a published result');
      if (row.result_published_at) {
        assert.ok(row.result_text && row.result_published_at > submittedAt);
        const closed = events.find((e) => e.action === 'report.close');
        if (closed) assert.ok((closed.occurred_at as Date) >= clarificationWindow(cal.calendar, row.result_published_at), 'R-13 closed once the window ended');
      }
    }),
    { numRuns: 400 },
  );
});

test('R-8.5 the clocks running at the horizon are those the tables give the state; due instants are the calendar’s; the sweep marked what fell due', () => {
  fc.assert(
    fc.property(arbitrary, ({ seed, kind, receiving, at, horizonDays }) => {
      const submittedAt = new Date(FROM + at);
      const until = new Date(submittedAt.getTime() + horizonDays * 86_400_000 + 60_000);
      const { row, deadlines, events } = simulateReport(report(kind, submittedAt, receiving), world(until), new Rng(seed));
      const running = deadlines.filter((d) => d.stopped_at === null).map((d) => d.clock as string);
      assert.ok(reachable[kind]!.has(`${row.state}|${running.sort().join(',')}`), `${kind} ${row.state} with ${running.join(',')}`);
      for (const d of deadlines) {
        const amount = d.amount_unit === 'hours' ? { hours: d.amount as number } : { days: d.amount as number };
        assert.equal((d.due_at as Date).getTime(), addWorkingTime(cal.calendar, d.started_at as Date, amount).getTime());
        if (d.stopped_at) assert.ok((d.stopped_at as Date) >= (d.started_at as Date));
        if (d.overdue_at) {
          assert.ok((d.overdue_at as Date) > (d.due_at as Date) && (d.overdue_at as Date) <= until);
          assert.ok(d.stopped_at === null || (d.overdue_at as Date) < (d.stopped_at as Date));
        }
      }
      assert.equal(events.filter((e) => e.action === 'deadline.overdue').length, deadlines.filter((d) => d.overdue_at).length);
    }),
    { numRuns: 400 },
  );
});

test('R-8.5 an agency that often misses deadlines is late more often than a punctual one', () => {
  const lateShare = (receiving: string) => {
    let late = 0;
    let all = 0;
    for (let seed = 0; seed < 400; seed++) {
      const submittedAt = new Date(FROM + seed * 86_400_000);
      const { deadlines } = simulateReport(report('field_report', submittedAt, receiving), world(new Date(submittedAt.getTime() + 90 * 86_400_000)), new Rng(seed));
      for (const d of deadlines.filter((x) => x.stopped_at)) {
        all++;
        if ((d.stopped_at as Date) > (d.due_at as Date)) late++;
      }
    }
    return late / all;
  };
  assert.ok(lateShare('dept') > lateShare('commune') * 2);
});
