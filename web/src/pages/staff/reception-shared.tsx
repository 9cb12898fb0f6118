/**
 * What the pages of citizen reception (/staff/reception, R-5.4) share: where each page is, the officer's actions a
 * booking's state allows, a session's time in words, a booking as a card, the outcome form and how an
 * action is sent and its refusal shown.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, type ApiError } from '../../api/client.ts';
import { loadReceptionReference } from '../../api/reception.ts';
import type { StaffBooking, StaffReceptionSession } from '../../api/types.ts';
import { ErrorBox, useAsync, useSubmit } from '../../components/async.tsx';
import { TextField } from '../../components/fields.tsx';
import { formatTimeRange } from '../../format.ts';
import { applicantKindNames, BOOKING_BADGE, bookingStateNames, isCodeOf, matterCategoryNames, serverName, sessionStateNames, useNames } from '../../i18n/labels.ts';
import type { Lang } from '../../i18n/lang.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { RECEPTION_LIMITS } from '../../../../server/domain/reception/limits.ts';
import { BOOKING_TRANSITIONS, type OfficerAction } from '../../../../server/domain/reception/workflow.ts';
import { r, type ReceptionKey } from './reception.strings.ts';

export type { StaffBooking, StaffReceptionSession };

/** The limits the forms check before sending: the server's own (an import-free module). */
export const LIMITS = RECEPTION_LIMITS;

/** The officer's actions in the order the page offers them. */
export const OFFICER_ACTION_ORDER: readonly OfficerAction[] = ['accept', 'requestInfo', 'decline', 'checkIn', 'noShow', 'complete'];

/** The actions the server's workflow allows an officer from this state (BOOKING_TRANSITIONS, an import-free module). */
export const allowedActions = (state: string): OfficerAction[] => OFFICER_ACTION_ORDER.filter((a) => (BOOKING_TRANSITIONS[a].from as readonly string[]).includes(state));

/** Paths of the reception pages, from anywhere in the app. */
export const RECEPTION_HOME = '~/staff/reception';
export const bookingHref = (id: string) => `${RECEPTION_HOME}/bookings/${id}`;
export const sessionHref = (id: string) => `${RECEPTION_HOME}/sessions/${id}`;
/** The address of a tab of /staff/reception, with its own parameters (page, filters, date). */
export const tabHref = (key: string, params: Record<string, string | null | undefined> = {}) => {
  const q = new URLSearchParams({ tab: key });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `${RECEPTION_HOME}?${q.toString()}`;
};

/** The Hanoi date (YYYY-MM-DD) and time (HH:mm) of a server instant, which always carries +07:00. */
export const isoDate = (iso: string) => iso.slice(0, 10);
export const isoTime = (iso: string) => iso.slice(11, 16);

export function truncate(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The browser tab's title while a reception page is shown. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} — iHanoi`;
  }, [title]);
}

export const useReceptionReference = () => useAsync(() => loadReceptionReference(), []);

/** A refusal that reloading answers: someone changed the booking or session meanwhile, or its state no longer allows the action. */
export const isConflict = (e: ApiError | null): boolean => Boolean(e && e.status === 409 && (e.code === 'RECEPTION_VERSION_CONFLICT' || e.code === 'RECEPTION_TRANSITION_NOT_ALLOWED'));

export function BookingStateBadge({ state }: { state: string }) {
  const name = useNames(bookingStateNames);
  return <span className={isCodeOf(bookingStateNames, state) ? BOOKING_BADGE[state] : 'badge'}>{name(state)}</span>;
}

export function SessionStateBadge({ state }: { state: string }) {
  const name = useNames(sessionStateNames);
  const tone = state === 'scheduled' ? 'badge ok' : state === 'needs_rescheduling' ? 'badge warn' : 'badge';
  return <span className={tone}>{name(state)}</span>;
}

/** The warning on a session whose day became a day off in the working calendar. */
export function ReschedulingWarning({ state }: { state: string }) {
  const t = useT(r);
  if (state !== 'needs_rescheduling') return null;
  return <p className="warning-box staff-reschedule">{t('needsRescheduling')}</p>;
}

/** Who asks to be received: the citizen alone, an organisation's representative, or a group and its representatives. */
export function ApplicantText({ applicant }: { applicant: StaffBooking['applicant'] }) {
  const t = useT(r);
  const kind = useNames(applicantKindNames);
  const people = applicant.representatives.map((p) => (p.phone ? `${p.fullName} (${p.phone})` : p.fullName)).join('; ');
  return (
    <>
      {kind(applicant.kind)}
      {applicant.organisation && <> — {t('organisationOf', { name: applicant.organisation.name, position: applicant.organisation.position || '—' })}</>}
      {people && <> — {t('representativesAre', { people })}</>}
    </>
  );
}

export function categoryLabel(lang: Lang, b: { category: string; categoryLabel: string }): string {
  return serverName(matterCategoryNames, lang, b.category, b.categoryLabel);
}

/** A booking in a list: who, for which session, what about; the code opens the booking. */
export function BookingCard({ booking: b, showSession = true }: { booking: StaffBooking; showSession?: boolean }) {
  const t = useT(r);
  const lang = useLang();
  return (
    <li className="staff-booking">
      <h3 className="staff-booking-title">
        <Link href={bookingHref(b.id)}>{b.code}</Link> <span className="staff-booking-name">{b.citizen.fullName ?? t('noName')}</span>
      </h3>
      <p className="row">
        <BookingStateBadge state={b.state} />
        {b.handledElsewhere && <span className="badge warn">{t('handledElsewhereFlag')}</span>}
        {b.attachments.length > 0 && <span className="badge">{t('attachmentsCount', { n: b.attachments.length })}</span>}
      </p>
      <dl className="staff-facts">
        <dt>{t('citizenPhone')}</dt>
        <dd>{b.citizen.phone ?? '—'}</dd>
        <dt>{t('applicant')}</dt>
        <dd>
          <ApplicantText applicant={b.applicant} />
        </dd>
        {showSession && (
          <>
            <dt>{t('session')}</dt>
            <dd>
              {formatTimeRange(b.session.startsAt, b.session.endsAt)} <span className="muted small staff-code">({b.session.code})</span>
            </dd>
          </>
        )}
        <dt>{t('category')}</dt>
        <dd>{categoryLabel(lang, b)}</dd>
        <dt>{t('summary')}</dt>
        <dd className="staff-text">{truncate(b.summary)}</dd>
      </dl>
    </li>
  );
}

/** The booking or session changed meanwhile (or no longer allows the action): the server's words and a way to reload. */
export function ConflictBox({ error, onReload, reloadLabel }: { error: ApiError; onReload: () => void; reloadLabel: string }) {
  const t = useT(r);
  return (
    <div className="warning-box" role="alert">
      <p>
        <strong>{t('conflictTitle')}</strong> {error.message}
      </p>
      <button type="button" className="button secondary small" onClick={onReload}>
        {reloadLabel}
      </button>
    </div>
  );
}

/** What went wrong with an action: "check the fields" (each says why beside it), a conflict with its reload, or the error. */
export function ActionError({ error, onReload, reloadLabel }: { error: ApiError | null; onReload: () => void; reloadLabel: string }) {
  const t = useT(r);
  if (!error) return null;
  if (isConflict(error)) return <ConflictBox error={error} onReload={onReload} reloadLabel={reloadLabel} />;
  if (error.status === 400 && error.errors.length > 0) {
    // Problems about no field of the forms are listed here.
    const elsewhere = error.errors.filter((e) => !FORM_FIELDS.some((f) => new RegExp(`(^|\\.)${f}(\\.|$)`).test(e.field)));
    return (
      <div className="field-error" role="alert">
        <p>{t('checkFields')}</p>
        {elsewhere.length > 0 && (
          <ul>
            {elsewhere.map((e) => (
              <li key={e.field + e.message}>{e.message}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return <ErrorBox error={error} />;
}

/** The request fields the forms show their problems beside. */
const FORM_FIELDS = ['question', 'reason', 'explanation', 'whereToGo', 'received', 'answeredBy', 'dueWorkingDays', 'startsAt', 'endsAt', 'place', 'receiver', 'capacity', 'topics', 'kind'];

/** Sends an officer's action on a booking at the version shown; `onDone` gets the booking as it now is. */
export function useBookingAction(onDone: (result: StaffBooking, action: OfficerAction) => void) {
  const { busy, error, setError, run } = useSubmit();
  const send = (b: { id: string; version: number }, body: { action: OfficerAction } & Record<string, unknown>) =>
    run(async () => {
      const result = await api.post<StaffBooking>(`/api/v1/reception/bookings/${b.id}/actions`, { ...body, version: b.version });
      onDone(result, body.action);
    });
  return { busy, error, setError, send };
}

/** The default time the answering agency has (working days), changed by the officer as the matter needs. */
export const DEFAULT_DUE_DAYS = '10';

/**
 * The outcome of a reception: what was received, who answers and within how many working days. Checks what
 * it can before sending; the server's word on each field is shown beside it.
 */
export function OutcomeForm({
  idPrefix,
  booking,
  busy,
  error,
  onSend,
  onReload,
}: {
  idPrefix: string;
  booking: { code: string };
  busy: boolean;
  error: ApiError | null;
  onSend: (outcome: { received: string; answeredBy: string; dueWorkingDays: number }) => void;
  onReload: () => void;
}) {
  const t = useT(r);
  const [received, setReceived] = useState('');
  const [answeredBy, setAnsweredBy] = useState('');
  const [days, setDays] = useState(DEFAULT_DUE_DAYS);
  const [problems, setProblems] = useState<Partial<Record<'received' | 'answeredBy' | 'days', string>>>({});
  const id = (f: string) => `${idPrefix}-${f}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    const p: typeof problems = {};
    if (received.trim().length < 5) p.received = t('receivedTooShort');
    if (answeredBy.trim().length < 2) p.answeredBy = t('answeredByRequired');
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > LIMITS.outcomeDaysMax) p.days = t('dueDaysRange', { max: LIMITS.outcomeDaysMax });
    setProblems(p);
    const first = (['received', 'answeredBy', 'days'] as const).find((f) => p[f]);
    if (first) {
      document.getElementById(id(first))?.focus();
      return;
    }
    onSend({ received: received.trim(), answeredBy: answeredBy.trim(), dueWorkingDays: n });
  }

  return (
    <form className="staff-action-form" noValidate onSubmit={submit} aria-label={t('outcomeFormLabel', { code: booking.code })}>
      <TextField
        id={id('received')}
        label={t('outcomeReceived')}
        value={received}
        onChange={setReceived}
        multiline
        rows={4}
        maxLength={LIMITS.explanationMax}
        required
        error={problems.received ?? error?.fieldMessage('outcome.received') ?? error?.fieldMessage('outcome')}
      />
      <TextField
        id={id('answeredBy')}
        label={t('outcomeAnsweredBy')}
        value={answeredBy}
        onChange={setAnsweredBy}
        maxLength={300}
        required
        hint={t('outcomeAnsweredByHint')}
        error={problems.answeredBy ?? error?.fieldMessage('outcome.answeredBy')}
      />
      <TextField
        id={id('days')}
        label={t('outcomeDueDays')}
        type="number"
        min={1}
        max={LIMITS.outcomeDaysMax}
        value={days}
        onChange={setDays}
        required
        hint={t('outcomeDueDaysHint')}
        error={problems.days ?? error?.fieldMessage('outcome.dueWorkingDays')}
      />
      <ActionError error={error} onReload={onReload} reloadLabel={t('reloadBooking')} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('sending') : t('completeButton')}
      </button>
    </form>
  );
}

/** The texts of the officer's actions, by action. */
export const ACTION_LABEL: Record<OfficerAction, ReceptionKey> = {
  accept: 'act_accept',
  requestInfo: 'act_requestInfo',
  decline: 'act_decline',
  checkIn: 'act_checkIn',
  noShow: 'act_noShow',
  complete: 'act_complete',
};
export const ACTION_DONE: Record<OfficerAction, ReceptionKey> = {
  accept: 'done_accept',
  requestInfo: 'done_requestInfo',
  decline: 'done_decline',
  checkIn: 'done_checkIn',
  noShow: 'done_noShow',
  complete: 'done_complete',
};

/** A session in a line of a list: its day and hours linking to its page, then its code. */
export function SessionLink({ session }: { session: Pick<StaffReceptionSession, 'id' | 'code' | 'startsAt' | 'endsAt'> }) {
  return (
    <>
      <Link href={sessionHref(session.id)}>{formatTimeRange(session.startsAt, session.endsAt)}</Link> <span className="muted small staff-code">{session.code}</span>
    </>
  );
}
