/**
 * One report's life, simulated through the platform's own rules: every step is decided by the workflow engine
 * (`decide` on the kind's table, with the acting role and the guards' facts at that instant) and refused steps
 * are a generator bug, never data. The clocks a step starts are computed by `startClocks` (deadline policies and
 * the working calendar, the responsible agency as `responsibleAgency` says); a step stops the clocks its
 * transition names. Officers act in working time — a step takes a fraction of its clock's amount, counted with
 * `addWorkingTime` — and each agency misses its deadlines at its own rate; citizens act in calendar time.
 * Nothing happens after `until`: a report still open then keeps its state and its running clocks.
 *
 * The deadline sweep's work is done as it would have been: a clock past due before it was stopped (or before
 * `until`) is marked overdue a little after its due instant, with the sweep's `deadline.overdue` event; a
 * published report whose clarification window ended is closed by `system` (R-13). The events are chained per
 * report with `auditEventRow`, as the use cases write them.
 */
import type { Insertable } from 'kysely';
import type { UnitRef } from '../../server/domain/units/index.ts';
import {
  addWorkingTime,
  clarificationWindow,
  formatVietnamTime,
  workedMinutes,
  type Classification,
  type DeadlineStage,
  type ReportKind,
} from '../../server/domain/calendar/index.ts';
import { WORKFLOWS, decide, type Actor, type Facts, type Need } from '../../server/domain/workflow/index.ts';
import type { CurrentCalendar } from '../../server/app/calendar/current-calendar.ts';
import { NEED_FIELD, type ActionInput } from '../../server/app/reports/act-on-report.ts';
import { REPORT_SUBJECT, startClocks } from '../../server/app/reports/clocks.ts';
import { DEADLINE_OVERDUE } from '../../server/jobs/deadline-sweep.ts';
import { auditEventRow, type AuditEventInput } from '../../server/db/repos/audit.repo.ts';
import { deadlineValues, type NewDeadline } from '../../server/db/repos/calendar.repo.ts';
import type { ReportRow } from '../../server/db/repos/reports.repo.ts';
import type { DeadlinesTable } from '../../server/db/schema/calendar.ts';
import type { AuditEventsTable } from '../../server/db/schema/core.ts';
import { CLASSIFICATION_WEIGHTS, OUTCOMES, citizenDelayMs, stepFraction } from './distributions.ts';
import type { Rng } from './prng.ts';
import { EXPLANATIONS, ratingComment, resultProof, resultText } from './texts.ts';

/** The synthetic staff of one agency (see staff.ts). */
export interface AgencyStaff {
  agencyId: string;
  kind: string;
  /** agency_head, or commune_leader at a commune committee. */
  head: { id: string; role: 'agency_head' | 'commune_leader' };
  receiver: string;
  /** The Center's dispatchers (center_operator), who distribute initiatives. */
  operator: string | null;
  officers: readonly string[];
  /** The share of this agency's steps taken after their deadline. */
  lateShare: number;
}

/** What the simulation needs of the world: the calendar, the staff, where reports go, and the horizon. */
export interface World {
  cal: CurrentCalendar;
  until: Date;
  staff(agencyId: string): AgencyStaff;
  /** The agency the receiving officer hands a report to (R-7.2b): see generate.ts `processingAgency`. */
  processingAgency(receivingAgencyId: string, field: string, place: readonly UnitRef[]): string;
  /** The active commune committee of the place (R-8.1 step 2), if any. */
  communeCommittee(place: readonly UnitRef[]): string | null;
  /** An active city agency competent for the field (R-9 distribution), else the Center. */
  cityAgency(field: string): string;
}

/** A report as submitted (the row `submitReport` would store), before any step. */
export interface SubmittedReport {
  id: string;
  code: string;
  kind: ReportKind;
  categoryCode: string;
  field: string;
  title: string;
  description: string;
  reporterId: string;
  confidential: boolean;
  lat: number | null;
  lng: number | null;
  address: string | null;
  place: readonly UnitRef[];
  occurredAt: Date | null;
  submittedAt: Date;
  receivingAgencyId: string;
  routingNote: string;
  /** Photos stored with it (media.ts). */
  mediaCount: number;
}

export type SyntheticReportRow = Omit<ReportRow, 'result_proofs'> & { result_proofs: string };

export interface SimulatedReport {
  row: SyntheticReportRow;
  deadlines: Insertable<DeadlinesTable>[];
  events: Insertable<AuditEventsTable>[];
}

interface Clock {
  deadline: NewDeadline;
  stoppedAt: Date | null;
}

const MINUTE = 60_000;

/** Working hours of a clock's amount. */
function workingHours(cal: CurrentCalendar, d: NewDeadline): number {
  return 'hours' in d.amount ? d.amount.hours : d.amount.days * cal.calendar.hoursPerWorkingDay;
}

class Simulation {
  readonly row: SyntheticReportRow;
  private readonly clocks: Clock[] = [];
  private readonly events: AuditEventInput[] = [];
  private readonly wf;
  private last: Date;

  constructor(
    private readonly r: SubmittedReport,
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    this.wf = WORKFLOWS[r.kind];
    this.last = r.submittedAt;
    this.row = {
      id: r.id,
      code: r.code,
      kind: r.kind,
      category_code: r.categoryCode,
      title: r.title,
      description: r.description,
      reporter_id: r.reporterId,
      confidential: r.confidential,
      lat: r.lat,
      lng: r.lng,
      address: r.address,
      unit_version: r.place[0]?.version ?? null,
      unit_code: r.place[0]?.code ?? null,
      occurred_at: r.occurredAt,
      state: this.wf.initial,
      classification: null,
      receiving_agency_id: r.receivingAgencyId,
      processing_agency_id: null,
      dispatched_agency_id: null,
      assignee_id: null,
      routing_note: r.routingNote,
      result_text: null,
      result_proofs: '[]',
      decision: null,
      result_published_at: null,
      rating: null,
      rating_comment: null,
      reject_reason: null,
      extended_to_days: null,
      version: 1,
      // The intake checks ran right after submission (issue 5): the sweep has nothing left to check.
      integrity_checked_at: new Date(r.submittedAt.getTime() + MINUTE),
      submitted_at: r.submittedAt,
      updated_at: r.submittedAt,
      idempotency_key: null,
      idempotency_hash: null,
    };
    this.start(this.wf.initialClocks, r.submittedAt);
    this.events.push({
      actor: { id: r.reporterId, role: 'citizen', agencyId: null },
      occurredAt: r.submittedAt,
      action: 'report.submit',
      subjectType: REPORT_SUBJECT,
      subjectId: r.id,
      toState: this.wf.initial,
      payload: { code: r.code, kind: r.kind, category: r.categoryCode, receivingAgencyId: r.receivingAgencyId, routing: r.routingNote, confidential: r.confidential, media: r.mediaCount },
    });
  }

  get state(): string {
    return this.row.state;
  }

  private start(stages: readonly DeadlineStage[], at: Date): void {
    for (const deadline of startClocks(this.world.cal, { ...this.row, kind: this.r.kind }, stages, at)) this.clocks.push({ deadline, stoppedAt: null });
  }

  running(stage: DeadlineStage): NewDeadline | undefined {
    return this.clocks.find((c) => c.deadline.clock === stage && c.stoppedAt === null)?.deadline;
  }

  /**
   * An officer's step: `share` of the running clock's amount of working time after the clock started (late when
   * the agency's draw says so), never before the previous step; without a clock, `hours` of working time after it.
   */
  officerTime(agencyId: string, clock: DeadlineStage | null, share = 1, hours = 2): Date {
    const cal = this.world.cal.calendar;
    const d = clock ? this.running(clock) : undefined;
    const f = stepFraction(this.rng, this.world.staff(agencyId).lateShare) * share;
    const at = d ? addWorkingTime(cal, d.startedAt, { hours: workingHours(this.world.cal, d) * f }) : addWorkingTime(cal, this.last, { hours: hours * f });
    // At least a minute after the previous step, inside working time.
    return at.getTime() > this.last.getTime() ? at : addWorkingTime(cal, this.last, { hours: 1 / 60 });
  }

  citizenTime(meanHours: number): Date {
    return new Date(this.last.getTime() + citizenDelayMs(this.rng, meanHours));
  }

  facts(at: Date): Facts {
    const published = this.row.result_published_at;
    return {
      classification: this.row.classification,
      openCooperations: 0,
      extendedToDays: this.row.extended_to_days,
      clarificationWindowOpen: published ? at < clarificationWindow(this.world.cal.calendar, published) : false,
    };
  }

  /**
   * Takes `input.action` at `at` as `role` (of `agencyId`, or the citizen / the platform), if `at` is not after
   * the horizon: the engine decides, the changes are applied, clocks stop and start, the event is recorded.
   * False when the horizon came first: the report stays where it is.
   */
  act(input: Omit<ActionInput, 'version'>, role: Actor, actorId: string | null, agencyId: string | null, at: Date, changes: Partial<SyntheticReportRow> = {}): boolean {
    if (at.getTime() > this.world.until.getTime()) return false;
    const needs: Partial<Record<Need, unknown>> = {};
    for (const [need, field] of Object.entries(NEED_FIELD) as [Need, keyof ActionInput][]) needs[need] = (input as Partial<ActionInput>)[field];
    if (input.action === 'approve') needs.proof = JSON.parse(this.row.result_proofs) as unknown[];
    const decision = decide(this.wf, this.row.state, input.action, [role], needs, this.facts(at));
    if (!decision.ok) throw new Error(`synthetic ${this.r.code}: ${input.action} refused in ${this.row.state} (${decision.code}: ${decision.en})`);
    const t = decision.transition;
    const from = this.row.state;
    Object.assign(this.row, changes, { state: t.to, version: this.row.version + 1, updated_at: at });
    for (const stage of t.stops ?? []) {
      const c = this.clocks.find((x) => x.deadline.clock === stage && x.stoppedAt === null);
      if (c) c.stoppedAt = at;
    }
    this.start(t.starts ?? [], at);
    this.events.push({
      actor: { id: actorId, role, agencyId },
      occurredAt: at,
      action: `report.${input.action}`,
      subjectType: REPORT_SUBJECT,
      subjectId: this.r.id,
      fromState: from,
      toState: t.to,
      payload: Object.fromEntries(Object.entries({ ...input, rule: t.rule }).filter(([, v]) => v !== undefined)),
    });
    this.last = at;
    return true;
  }

  /** The rows: the report, its deadlines with the sweep's marks, its events chained in time order. */
  finish(): SimulatedReport {
    const until = this.world.until.getTime();
    const events = [...this.events];
    const deadlines = this.clocks.map(({ deadline: d, stoppedAt }) => {
      const row = { ...deadlineValues(d), stopped_at: stoppedAt, worked_minutes: stoppedAt ? workedMinutes(this.world.cal.calendar, d.startedAt, stoppedAt) : null };
      // The sweep (every minute) saw it overdue if it was still running then.
      const seen = d.dueAt.getTime() + 1_000 + this.rng.int(MINUTE);
      if (seen <= until && (stoppedAt === null || seen < stoppedAt.getTime())) {
        row.overdue_at = new Date(seen);
        events.push({
          actor: { id: null, role: 'system', agencyId: null },
          occurredAt: row.overdue_at,
          action: DEADLINE_OVERDUE,
          subjectType: REPORT_SUBJECT,
          subjectId: this.r.id,
          payload: { clock: d.clock, due: formatVietnamTime(d.dueAt), agencyId: d.agencyId ?? null },
        });
      }
      return row;
    });
    events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    let prev: string | null = null;
    const rows = events.map((e) => {
      const row = auditEventRow(e, prev);
      prev = row.hash;
      return row;
    });
    return { row: this.row, deadlines, events: rows };
  }
}

/** Receiving: verification, then acceptance with a classification and a processing agency, or rejection. */
function receive(s: Simulation, r: SubmittedReport, world: World, rng: Rng): boolean {
  const receiving = world.staff(r.receivingAgencyId);
  const officer = (at: Date, input: Omit<ActionInput, 'version'>, changes?: Partial<SyntheticReportRow>) =>
    s.act(input, 'receiving_officer', receiving.receiver, receiving.agencyId, at, changes);
  if (rng.chance(OUTCOMES.verify)) {
    if (!officer(s.officerTime(receiving.agencyId, 'receive', 0.3), { action: 'startVerification' })) return false;
    if (rng.chance(OUTCOMES.provideInformation) && !s.act({ action: 'provideInformation', answer: EXPLANATIONS.information }, 'citizen', r.reporterId, null, s.citizenTime(3))) return false;
  }
  const at = s.officerTime(receiving.agencyId, 'receive');
  if (rng.chance(OUTCOMES.reject)) {
    const rejectReason = OUTCOMES.rejectReasons.draw(rng);
    officer(at, { action: 'reject', rejectReason, explanation: EXPLANATIONS.reject }, { reject_reason: rejectReason });
    return false;
  }
  const classification: Classification = CLASSIFICATION_WEIGHTS.draw(rng);
  const processing = world.processingAgency(r.receivingAgencyId, r.field, r.place);
  return officer(at, { action: 'accept', targetAgencyId: processing, classification }, { processing_agency_id: processing, classification });
}

/** The five steps: take, assign or dispatch to the commune, draft (perhaps redone), approve. */
function process(s: Simulation, r: SubmittedReport, world: World, rng: Rng): boolean {
  const processing = world.staff(s.row.processing_agency_id as string);
  const head = (input: Omit<ActionInput, 'version'>, at: Date, changes?: Partial<SyntheticReportRow>) =>
    s.act(input, processing.head.role, processing.head.id, processing.agencyId, at, changes);
  if (!head({ action: 'take' }, s.officerTime(processing.agencyId, 'assign', 0.5))) return false;
  const commune = processing.head.role === 'agency_head' ? world.communeCommittee(r.place) : null;
  let handling = processing;
  if (commune && rng.chance(OUTCOMES.dispatch)) {
    if (!head({ action: 'dispatch', targetAgencyId: commune }, s.officerTime(processing.agencyId, 'assign'), { dispatched_agency_id: commune })) return false;
    handling = world.staff(commune);
    const assignee = rng.pick(handling.officers);
    if (!s.act({ action: 'assign', assigneeId: assignee }, 'commune_leader', handling.head.id, handling.agencyId, s.officerTime(handling.agencyId, 'process', 0.1), { assignee_id: assignee })) return false;
  } else {
    const assignee = rng.pick(processing.officers);
    if (!head({ action: 'assign', assigneeId: assignee }, s.officerTime(processing.agencyId, 'assign'), { assignee_id: assignee })) return false;
  }
  const officer = s.row.assignee_id as string;
  const draft = (clock: DeadlineStage) => {
    const text = resultText(rng);
    const proofs = [resultProof(rng)];
    return s.act({ action: 'draftResult', resultText: text, proofs }, 'processing_officer', officer, handling.agencyId, s.officerTime(handling.agencyId, clock), {
      result_text: text,
      result_proofs: JSON.stringify(proofs),
    });
  };
  if (!draft('process')) return false;
  const approver = s.row.dispatched_agency_id ? handling : processing;
  if (rng.chance(OUTCOMES.rejectDraft)) {
    const at = s.officerTime(approver.agencyId, 'approve_publication');
    if (!s.act({ action: 'rejectDraft', explanation: EXPLANATIONS.rejectDraft }, approver.head.role, approver.head.id, approver.agencyId, at)) return false;
    if (!draft('redo')) return false;
  }
  const at = s.officerTime(approver.agencyId, 'approve_publication');
  return s.act({ action: 'approve' }, approver.head.role, approver.head.id, approver.agencyId, at, { result_published_at: at });
}

/** After the result: clarification, rating, closing by the platform when the window ends. */
function followUp(s: Simulation, r: SubmittedReport, world: World, rng: Rng): void {
  const cal = world.cal.calendar;
  const windowEnd = clarificationWindow(cal, s.row.result_published_at as Date);
  const citizen = (input: Omit<ActionInput, 'version'>, at: Date, changes?: Partial<SyntheticReportRow>) => s.act(input, 'citizen', r.reporterId, null, at, changes);
  const rating = () => {
    const value = OUTCOMES.ratings.draw(rng);
    const comment = ratingComment(rng);
    return { input: { action: 'rate', rating: value, ...(comment ? { comment } : {}) }, changes: { rating: value, rating_comment: comment } };
  };
  if (rng.chance(OUTCOMES.clarification)) {
    const asked = new Date(s.row.result_published_at!.getTime() + rng.next() * (windowEnd.getTime() - s.row.result_published_at!.getTime() - MINUTE));
    if (!citizen({ action: 'requestClarification', question: EXPLANATIONS.question }, asked)) return;
    const handling = world.staff(s.row.dispatched_agency_id ?? (s.row.processing_agency_id as string));
    if (!s.act({ action: 'answerClarification', answer: EXPLANATIONS.answer }, 'processing_officer', s.row.assignee_id, handling.agencyId, s.officerTime(handling.agencyId, 'answer_clarification'))) return;
  }
  const rated = rng.chance(OUTCOMES.rate) ? s.citizenTime(20) : null;
  if (rated && rated < windowEnd) {
    const { input, changes } = rating();
    citizen(input, rated, changes);
    return;
  }
  const closeAt = new Date(Math.max(windowEnd.getTime(), s.row.updated_at.getTime()) + 1_000 + rng.int(MINUTE));
  if (!s.act({ action: 'close' }, 'system', null, null, closeAt)) return;
  if (rated || rng.chance(OUTCOMES.rateAfterClose)) {
    const { input, changes } = rating();
    citizen(input, s.citizenTime(72), changes);
  }
}

/** Initiatives: the Center distributes or rejects; the unit may consult residents, then decides. */
function initiative(s: Simulation, r: SubmittedReport, world: World, rng: Rng): void {
  const center = world.staff(r.receivingAgencyId);
  const operator = center.operator ?? center.receiver;
  const at = s.officerTime(center.agencyId, null, 1, 8);
  if (rng.chance(OUTCOMES.initiativeReject)) {
    const rejectReason = OUTCOMES.rejectReasons.draw(rng);
    s.act({ action: 'reject', rejectReason, explanation: EXPLANATIONS.reject }, 'center_operator', operator, center.agencyId, at, { reject_reason: rejectReason });
    return;
  }
  const unit = world.staff(world.cityAgency(r.field));
  if (!s.act({ action: 'distribute', targetAgencyId: unit.agencyId }, 'center_operator', operator, center.agencyId, at, { processing_agency_id: unit.agencyId })) return;
  const head = (input: Omit<ActionInput, 'version'>, when: Date, changes?: Partial<SyntheticReportRow>) => s.act(input, 'agency_head', unit.head.id, unit.agencyId, when, changes);
  if (rng.chance(OUTCOMES.consultation)) {
    if (!head({ action: 'openConsultation', question: EXPLANATIONS.consultation }, s.officerTime(unit.agencyId, 'process', 0.3))) return;
    // Residents are consulted for about ten days (calendar time).
    if (!head({ action: 'closeConsultation' }, s.citizenTime(24 * 10))) return;
  }
  const decided = s.officerTime(unit.agencyId, 'process');
  const decision = OUTCOMES.decisions.draw(rng);
  const text = resultText(rng);
  head({ action: 'decide', decision, resultText: text }, decided, { decision, result_text: text, result_published_at: decided });
}

/** The report as it stands at `world.until`, with its deadlines and its events. */
export function simulateReport(r: SubmittedReport, world: World, rng: Rng): SimulatedReport {
  const s = new Simulation(r, world, rng);
  if (r.kind === 'initiative') initiative(s, r, world, rng);
  else if (receive(s, r, world, rng) && process(s, r, world, rng)) followUp(s, r, world, rng);
  return s.finish();
}
