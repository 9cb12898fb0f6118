/**
 * /staff/reception/bookings/:id — one booking as the Board reviews it: the citizen and who they bring, the matter
 * (whether it was handled elsewhere, and the earlier decision), the session, what was asked and answered, and the
 * actions its state allows: accept, ask for more information, decline with a reason and where to go instead
 * check in on the session's day, record that the citizen did not come, record the outcome.
 * Every action sends the version shown; a refusal because the booking changed meanwhile offers to reload it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiError } from '../../api/client.ts';
import type { ReceptionReference } from '../../api/reception.ts';
import { ErrorBox, Loading, useAsync } from '../../components/async.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { formatDate, formatDateTime, hanoiNowInput } from '../../format.ts';
import { bookingStateNames, declineReasonNames, serverName, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import type { OfficerAction } from '../../../../server/domain/reception/workflow.ts';
import {
  ACTION_DONE,
  ACTION_LABEL,
  ActionError,
  allowedActions,
  ApplicantText,
  BookingStateBadge,
  categoryLabel,
  isoDate,
  LIMITS,
  OutcomeForm,
  ReschedulingWarning,
  SessionLink,
  SessionStateBadge,
  tabHref,
  useBookingAction,
  useReceptionReference,
  useTitle,
  type StaffBooking,
} from './reception-shared.tsx';
import { r } from './reception.strings.ts';

/** Actions that cannot be undone: confirmed first. */
const CONFIRMED = new Set<OfficerAction>(['accept', 'decline', 'noShow']);

export function BookingPage({ id }: { id: string }) {
  const t = useT(r);
  const state = useNames(bookingStateNames);
  const loaded = useAsync(() => api.get<StaffBooking>(`/api/v1/reception/bookings/${id}`), [id]);
  const [acted, setActed] = useState<StaffBooking | null>(null);
  const [status, setStatus] = useState('');
  // Each reload gives the action forms a fresh start (a refusal that did not change the version included).
  const [round, setRound] = useState(0);
  const booking = acted && loaded.data && acted.version >= loaded.data.version ? acted : (loaded.data ?? acted);
  const statusRef = useRef<HTMLDivElement>(null);
  // The code only: the citizen's name stays out of the browser's history.
  useTitle(booking ? `${t('bookingTitleUnknown')} ${booking.code}` : t('bookingTitleUnknown'));

  const reload = () => {
    setActed(null);
    setStatus('');
    setRound((n) => n + 1);
    loaded.reload();
  };
  const onDone = (result: StaffBooking, action: OfficerAction) => {
    setActed(result);
    setStatus(t(ACTION_DONE[action], { code: result.code, state: state(result.state) }));
    statusRef.current?.scrollIntoView({ block: 'center' });
  };
  const back = (
    <p>
      <Link href={tabHref(booking?.state === 'info_requested' ? 'info' : 'requested')}>← {t('backToBookings')}</Link>
    </p>
  );

  if (!booking) {
    return (
      <>
        {back}
        <h1>{t('bookingTitleUnknown')}</h1>
        {loaded.error ? <ErrorBox error={loaded.error.status === 404 ? new ApiError(404, loaded.error.code, t('bookingNotFound')) : loaded.error} onRetry={loaded.reload} /> : <Loading />}
      </>
    );
  }

  return (
    <>
      {back}
      <header className="staff-report-head">
        <p className="muted small">
          {t('bookingCode')}: <strong className="staff-code">{booking.code}</strong> · {t('bookedAt', { at: formatDateTime(booking.createdAt) })}
        </p>
        <h1>{t('bookingTitle', { code: booking.code, name: booking.citizen.fullName ?? t('noName') })}</h1>
        <p className="row">
          <BookingStateBadge state={booking.state} />
          {booking.handledElsewhere && <span className="badge warn">{t('handledElsewhereFlag')}</span>}
          <a href="#booking-actions" className="small staff-jump">
            {t('toActions')}
          </a>
        </p>
      </header>
      <div ref={statusRef} role="status" aria-live="polite" className={status ? 'notice' : undefined}>
        {status}
      </div>
      {loaded.loading && <Loading />}
      <div className="grid-side staff-detail">
        <div>
          <Citizen booking={booking} />
          <Matter booking={booking} />
          <SessionFacts booking={booking} />
          <History booking={booking} />
        </div>
        <aside className="staff-aside">
          <section className="card" id="booking-actions" aria-labelledby="booking-actions-title" tabIndex={-1}>
            <h2 id="booking-actions-title">{t('actionsTitle')}</h2>
            <Actions key={`${booking.id}:${booking.version}:${round}`} booking={booking} onDone={onDone} onReload={reload} />
          </section>
        </aside>
      </div>
    </>
  );
}

function Citizen({ booking: b }: { booking: StaffBooking }) {
  const t = useT(r);
  const reps = b.applicant.representatives;
  return (
    <section className="card" aria-labelledby="sec-citizen">
      <h2 id="sec-citizen">{t('citizenTitle')}</h2>
      <dl className="staff-facts">
        <dt>{t('citizenName')}</dt>
        <dd>{b.citizen.fullName ?? t('noName')}</dd>
        <dt>{t('citizenPhone')}</dt>
        <dd>{b.citizen.phone ?? '—'}</dd>
        {b.citizen.organisation && (
          <>
            <dt>{t('citizenOrganisation')}</dt>
            <dd>{b.citizen.organisation}</dd>
          </>
        )}
        <dt>{t('applicant')}</dt>
        <dd>
          <ApplicantText applicant={{ ...b.applicant, representatives: [] }} />
        </dd>
      </dl>
      {reps.length > 0 && (
        <>
          <h3 className="staff-small-heading">{t('representatives')}</h3>
          <ul>
            {reps.map((p, i) => (
              <li key={i}>
                {p.fullName}
                {p.phone && <span className="muted"> · {p.phone}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Matter({ booking: b }: { booking: StaffBooking }) {
  const t = useT(r);
  const lang = useLang();
  const d = b.earlierDecision;
  return (
    <section className="card" aria-labelledby="sec-matter">
      <h2 id="sec-matter">{t('matterTitle')}</h2>
      <dl className="staff-facts">
        <dt>{t('category')}</dt>
        <dd>{categoryLabel(lang, b)}</dd>
        <dt>{t('handledElsewhere')}</dt>
        <dd>{b.handledElsewhere ? t('yes') : t('no')}</dd>
        <dt>{t('attachments')}</dt>
        <dd>{b.attachments.length ? t('attachmentsCount', { n: b.attachments.length }) : t('noAttachments')}</dd>
      </dl>
      <h3 className="staff-small-heading">{t('summary')}</h3>
      <p className="staff-text">{b.summary}</p>
      {d && (
        <>
          <h3 className="staff-small-heading">{t('earlierDecision')}</h3>
          <dl className="staff-facts">
            <dt>{t('earlierAgency')}</dt>
            <dd>{d.agency}</dd>
            {d.number && (
              <>
                <dt>{t('earlierNumber')}</dt>
                <dd>{d.number}</dd>
              </>
            )}
            {d.date && (
              <>
                <dt>{t('earlierDate')}</dt>
                <dd>{formatDate(`${d.date}T00:00:00+07:00`)}</dd>
              </>
            )}
            {d.summary && (
              <>
                <dt>{t('earlierSummary')}</dt>
                <dd className="staff-text">{d.summary}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}

function SessionFacts({ booking: b }: { booking: StaffBooking }) {
  const t = useT(r);
  const s = b.session;
  return (
    <section className="card" aria-labelledby="sec-booking-session">
      <h2 id="sec-booking-session">{t('session')}</h2>
      <ReschedulingWarning state={s.state} />
      <dl className="staff-facts">
        <dt>{t('sessionTime')}</dt>
        <dd>
          <SessionLink session={s} />
        </dd>
        <dt>{t('sessionPlace')}</dt>
        <dd>{s.place}</dd>
        <dt>{t('sessionReceiver')}</dt>
        <dd>{s.receiver}</dd>
        <dt>{t('colState')}</dt>
        <dd>
          <SessionStateBadge state={s.state} />
        </dd>
      </dl>
    </section>
  );
}

/** What happened since the booking: the information asked and given, the decline, the check-in, the outcome. */
function History({ booking: b }: { booking: StaffBooking }) {
  const t = useT(r);
  const lang = useLang();
  const nothing = !b.infoRequest && !b.infoAnswer && !b.decline && !b.checkedInAt && !b.outcome;
  return (
    <section className="card" aria-labelledby="sec-history">
      <h2 id="sec-history">{t('historyTitle')}</h2>
      {nothing && <p className="muted">{t('historyNone')}</p>}
      {b.infoRequest && (
        <>
          <h3 className="staff-small-heading">{t('infoRequestTitle')}</h3>
          <blockquote className="staff-quote">{b.infoRequest}</blockquote>
          {b.infoAnswer ? (
            <>
              <h3 className="staff-small-heading">{t('infoAnswerTitle')}</h3>
              <blockquote className="staff-quote">{b.infoAnswer}</blockquote>
            </>
          ) : (
            <p className="muted small">{t('infoNotAnswered')}</p>
          )}
        </>
      )}
      {b.decline && (
        <>
          <h3 className="staff-small-heading">{t('declineTitle')}</h3>
          <dl className="staff-facts">
            <dt>{t('declineReason')}</dt>
            <dd>{serverName(declineReasonNames, lang, b.decline.reason, b.decline.label)}</dd>
            {b.decline.explanation && (
              <>
                <dt>{t('declineExplanation')}</dt>
                <dd className="staff-text">{b.decline.explanation}</dd>
              </>
            )}
            <dt>{t('declineWhereToGo')}</dt>
            <dd className="staff-text">{b.decline.whereToGo}</dd>
          </dl>
        </>
      )}
      {b.checkedInAt && <p>{t('checkedInAt', { at: formatDateTime(b.checkedInAt) })}</p>}
      {b.outcome && (
        <>
          <h3 className="staff-small-heading">{t('outcomeTitle')}</h3>
          <dl className="staff-facts">
            <dt>{t('outcomeReceived')}</dt>
            <dd className="staff-text">{b.outcome.received}</dd>
            <dt>{t('outcomeAnsweredBy')}</dt>
            <dd>{b.outcome.answeredBy}</dd>
            <dt>{t('outcomeDue')}</dt>
            <dd>{t('outcomeDueValue', { days: b.outcome.dueWorkingDays, at: formatDateTime(b.outcome.dueAt) })}</dd>
          </dl>
        </>
      )}
    </section>
  );
}

/** The actions the booking's state allows, one chosen at a time, each with its own form. */
function Actions({ booking, onDone, onReload }: { booking: StaffBooking; onDone: (result: StaffBooking, action: OfficerAction) => void; onReload: () => void }) {
  const t = useT(r);
  const offered = allowedActions(booking.state);
  const [chosen, setChosen] = useState<OfficerAction | null>(offered.length === 1 ? (offered[0] ?? null) : null);
  if (offered.length === 0) return <p className="muted">{t('noActions')}</p>;
  return (
    <>
      <fieldset className="staff-action-choice">
        <legend>{t('chooseAction')}</legend>
        {offered.map((a) => (
          <label key={a} className="choice">
            <input type="radio" name="booking-action" value={a} checked={chosen === a} onChange={() => setChosen(a)} />
            {t(ACTION_LABEL[a])}
          </label>
        ))}
      </fieldset>
      {chosen && <ActionForm key={chosen} action={chosen} booking={booking} onDone={onDone} onReload={onReload} />}
    </>
  );
}

function ActionForm({ action, booking, onDone, onReload }: { action: OfficerAction; booking: StaffBooking; onDone: (result: StaffBooking, action: OfficerAction) => void; onReload: () => void }) {
  const t = useT(r);
  const lang = useLang();
  const reference = useReceptionReference();
  const { busy, error, send } = useBookingAction(onDone);
  const [question, setQuestion] = useState('');
  const [reason, setReason] = useState('');
  const [explanation, setExplanation] = useState('');
  const [whereToGo, setWhereToGo] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'question' | 'reason' | 'explanation', string>>>({});
  const [confirming, setConfirming] = useState<Record<string, unknown> | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const id = (f: string) => `act-${action}-${f}`;
  const label = t(ACTION_LABEL[action]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const reasons: ReceptionReference['declineReasons'] = reference.data?.declineReasons ?? [];
  const chooseReason = (code: string) => {
    setReason(code);
    // Where to go instead, as the reason says it; the officer may write it more precisely.
    setWhereToGo(reasons.find((x) => x.code === code)?.whereToGo ?? '');
  };
  const explanationNeeded = reason === 'other' || reason === 'not_city_authority';

  function body(): Record<string, unknown> | null {
    const p: typeof problems = {};
    const out: Record<string, unknown> = { action };
    if (action === 'requestInfo') {
      if (question.trim().length < 5) p.question = t('questionRequired');
      out.question = question.trim();
    }
    if (action === 'decline') {
      if (!reason) p.reason = t('reasonRequired');
      else if (explanationNeeded && explanation.trim().length < 5) p.explanation = t('explanationRequired');
      out.reason = reason;
      if (explanation.trim()) out.explanation = explanation.trim();
      if (whereToGo.trim()) out.whereToGo = whereToGo.trim();
    }
    setProblems(p);
    const first = (['question', 'reason', 'explanation'] as const).find((f) => p[f]);
    if (first) {
      document.getElementById(id(first))?.focus();
      return null;
    }
    return out;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const b = body();
    if (!b) return;
    if (CONFIRMED.has(action)) setConfirming(b);
    else void send(booking, b as { action: OfficerAction });
  }

  if (action === 'complete') {
    return (
      <>
        <h3>{label}</h3>
        <OutcomeForm idPrefix="act-complete" booking={booking} busy={busy} error={error} onSend={(outcome) => void send(booking, { action: 'complete', outcome })} onReload={onReload} />
      </>
    );
  }

  const sessionDay = isoDate(booking.session.startsAt);
  const today = hanoiNowInput().slice(0, 10);
  return (
    <form className="staff-action-form" noValidate onSubmit={submit} aria-labelledby={id('title')}>
      <h3 id={id('title')}>{label}</h3>
      {action === 'accept' && <p className="hint">{t('acceptHint')}</p>}
      {action === 'checkIn' && sessionDay !== today && <p className="warning-box">{t('checkInOnlyOnDay', { day: formatDate(booking.session.startsAt) })}</p>}
      {action === 'noShow' && <p className="hint">{t('noShowHint')}</p>}
      {action === 'requestInfo' && (
        <TextField
          id={id('question')}
          label={t('questionField')}
          value={question}
          onChange={setQuestion}
          multiline
          rows={4}
          maxLength={LIMITS.explanationMax}
          required
          hint={t('questionHint')}
          error={problems.question ?? error?.fieldMessage('question')}
        />
      )}
      {action === 'decline' && (
        <>
          <ErrorBox error={reference.error} onRetry={reference.reload} />
          <SelectField
            id={id('reason')}
            className="form"
            label={t('declineReason')}
            value={reason}
            onChange={chooseReason}
            placeholder={t('chooseOne')}
            required
            error={problems.reason ?? error?.fieldMessage('reason')}
            options={reasons.map((x) => ({ value: x.code, label: serverName(declineReasonNames, lang, x.code, x.label) }))}
          />
          <TextField
            id={id('explanation')}
            label={explanationNeeded ? t('declineExplanationRequired') : t('declineExplanationOptional')}
            value={explanation}
            onChange={setExplanation}
            multiline
            rows={3}
            maxLength={LIMITS.explanationMax}
            required={explanationNeeded}
            hint={t('declineExplanationHint')}
            error={problems.explanation ?? error?.fieldMessage('explanation')}
          />
          <TextField
            id={id('whereToGo')}
            label={t('declineWhereToGo')}
            value={whereToGo}
            onChange={setWhereToGo}
            multiline
            rows={4}
            maxLength={LIMITS.explanationMax}
            hint={t('declineWhereToGoHint')}
            error={error?.fieldMessage('whereToGo')}
          />
        </>
      )}
      <ActionError error={error} onReload={onReload} reloadLabel={t('reloadBooking')} />
      {confirming ? (
        <div className="warning-box staff-confirm" role="group" aria-labelledby={id('confirm')} tabIndex={-1} ref={confirmRef}>
          <h4 id={id('confirm')}>{t('confirmTitle')}</h4>
          <p>{t(`confirm_${action}` as 'confirm_accept', { code: booking.code })}</p>
          <div className="row">
            <button type="button" className="button" disabled={busy} onClick={() => void send(booking, confirming as { action: OfficerAction }).then(() => setConfirming(null))}>
              {busy ? t('sending') : t('confirmGo', { label })}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setConfirming(null)}>
              {t('confirmBack')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="button">
          {busy ? t('sending') : t(`submit_${action}` as 'submit_accept')}
        </button>
      )}
    </form>
  );
}
