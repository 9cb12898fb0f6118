/**
 * /app/reception/bookings/:id: one of my bookings (R-5.4) — where it stands and what it asks of me: answer the
 * Board's request for information, read why it was declined and where to go instead (R-1.3), download the
 * accepted booking to a calendar (.ics), read the session's outcome, or cancel it (after confirming).
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import type { Booking } from '../../api/types.ts';
import { ErrorBox, Loaded, useAsync, useSubmit } from '../../components/async.tsx';
import { formatDate, formatDateTime, formatTimeRange } from '../../format.ts';
import { applicantKindNames, BOOKING_BADGE, bookingStateNames, declineReasonNames, matterCategoryNames, serverName, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { SessionFacts } from './reception.tsx';
import { r } from './reception.strings.ts';
import { GatedPage } from './shared.tsx';

const CANCELLABLE: readonly Booking['state'][] = ['requested', 'info_requested', 'accepted'];

export default function ReceptionBooking({ id }: { id: string }) {
  const t = useT(r);
  return (
    <GatedPage title={t('title')}>
      {() => (
        <>
          <p>
            <Link href="/reception">{t('allBookings')}</Link>
          </p>
          <BookingView id={id} />
        </>
      )}
    </GatedPage>
  );
}

function BookingView({ id }: { id: string }) {
  const t = useT(r);
  const search = useSearch();
  const [said, setSaid] = useState(() => (new URLSearchParams(search).get('sent') ? 'sent' : ''));
  const booking = useAsync(() => api.get<Booking>(`/api/v1/me/reception/bookings/${id}`), [id]);
  const done = (message: string) => {
    setSaid(message);
    booking.reload();
  };
  return (
    <Loaded state={booking}>
      {(b) => (
        <article aria-labelledby="booking-title">
          <p role="status" className={said ? 'notice' : 'visually-hidden'}>
            {said === 'sent' ? t('sent', { code: b.code }) : said}
          </p>
          <div className="spread">
            <h2 id="booking-title">{t('bookingTitle', { code: b.code })}</h2>
            <StateBadge state={b.state} />
          </div>
          <p>{t(`state_${b.state}`)}</p>
          {b.calendarFile && (
            <p>
              <a className="button secondary" href={b.calendarFile} download={`${b.code}.ics`}>
                {t('calendar')}
              </a>
            </p>
          )}
          <Decline b={b} />
          <InfoRequest b={b} onAnswered={() => done(t('answered'))} />
          <Outcome b={b} />
          <section aria-labelledby="booking-session">
            <h3 id="booking-session">{t('session')}</h3>
            <p>
              <strong>{formatTimeRange(b.session.startsAt, b.session.endsAt)}</strong>
            </p>
            <SessionFacts s={b.session} />
            {b.checkedInAt && <p className="small">{t('checkedIn', { at: formatDateTime(b.checkedInAt) })}</p>}
          </section>
          <Matter b={b} />
          {CANCELLABLE.includes(b.state) && <Cancel b={b} onCancelled={() => done(t('cancelled', { code: b.code }))} />}
        </article>
      )}
    </Loaded>
  );
}

function StateBadge({ state }: { state: Booking['state'] }) {
  const name = useNames(bookingStateNames);
  return <span className={BOOKING_BADGE[state]}>{name(state)}</span>;
}

function Decline({ b }: { b: Booking }) {
  const t = useT(r);
  const lang = useLang();
  if (!b.decline) return null;
  return (
    <dl className="said">
      <div>
        <dt>{t('declineReason')}</dt>
        <dd>{serverName(declineReasonNames, lang, b.decline.reason, b.decline.label)}</dd>
      </div>
      {b.decline.explanation && (
        <div>
          <dt>{t('declineExplanation')}</dt>
          <dd className="prewrap">{b.decline.explanation}</dd>
        </div>
      )}
      <div>
        <dt>{t('whereToGo')}</dt>
        <dd className="prewrap">{b.decline.whereToGo}</dd>
      </div>
    </dl>
  );
}

function InfoRequest({ b, onAnswered }: { b: Booking; onAnswered: () => void }) {
  const t = useT(r);
  const [answer, setAnswer] = useState('');
  const { busy, error, run } = useSubmit();
  if (!b.infoRequest) return null;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post<Booking>(`/api/v1/me/reception/bookings/${b.id}/answer`, { version: b.version, answer });
      setAnswer('');
      onAnswered();
    });
  };
  return (
    <section aria-labelledby="booking-info">
      <h3 id="booking-info">{t('question')}</h3>
      <p className="prewrap">{b.infoRequest}</p>
      {b.infoAnswer && (
        <dl className="said">
          <div>
            <dt>{t('yourAnswer')}</dt>
            <dd className="prewrap">{b.infoAnswer}</dd>
          </div>
        </dl>
      )}
      {b.state === 'info_requested' && (
        <form className="form" onSubmit={(e) => void send(e)} noValidate aria-busy={busy}>
          <ErrorBox error={error} />
          <label htmlFor="info-answer">{t('answer')}</label>
          <textarea
            id="info-answer"
            rows={4}
            value={answer}
            required
            aria-describedby="info-answer-hint"
            aria-invalid={error?.fieldMessage('answer') ? true : undefined}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <p className="hint" id="info-answer-hint">
            {t('answerHint')}
          </p>
          {error?.fieldMessage('answer') && <p className="field-error">{error.fieldMessage('answer')}</p>}
          <button type="submit" className="button" disabled={busy}>
            {t('answerSend')}
          </button>
        </form>
      )}
    </section>
  );
}

function Outcome({ b }: { b: Booking }) {
  const t = useT(r);
  if (!b.outcome) return null;
  return (
    <section aria-labelledby="booking-outcome">
      <h3 id="booking-outcome">{t('outcome')}</h3>
      <dl className="said">
        <div>
          <dt>{t('outcomeReceived')}</dt>
          <dd className="prewrap">{b.outcome.received}</dd>
        </div>
        <div>
          <dt>{t('outcomeBy')}</dt>
          <dd>{b.outcome.answeredBy}</dd>
        </div>
        <div>
          <dt>{t('outcomeDue')}</dt>
          <dd>{t('outcomeDueValue', { days: b.outcome.dueWorkingDays, at: formatDate(b.outcome.dueAt) })}</dd>
        </div>
      </dl>
    </section>
  );
}

function Matter({ b }: { b: Booking }) {
  const t = useT(r);
  const lang = useLang();
  const applicant = useNames(applicantKindNames);
  const people = b.applicant.representatives.map((p) => p.fullName).join(', ');
  return (
    <section aria-labelledby="booking-matter">
      <h3 id="booking-matter">{t('matter')}</h3>
      <dl className="said">
        <div>
          <dt>{t('category')}</dt>
          <dd>{serverName(matterCategoryNames, lang, b.category, b.categoryLabel)}</dd>
        </div>
        <div>
          <dt>{t('summary')}</dt>
          <dd className="prewrap">{b.summary}</dd>
        </div>
        <div>
          <dt>{t('applicant')}</dt>
          <dd>
            {applicant(b.applicant.kind)}
            {b.applicant.organisation ? ` — ${b.applicant.organisation.name}${b.applicant.organisation.position ? ` (${b.applicant.organisation.position})` : ''}` : ''}
            {people ? ` — ${people}` : ''}
          </dd>
        </div>
        {b.earlierDecision && (
          <div>
            <dt>{t('earlier')}</dt>
            <dd className="prewrap">
              {[b.earlierDecision.agency, b.earlierDecision.number, b.earlierDecision.date ? formatDate(b.earlierDecision.date) : null, b.earlierDecision.summary].filter(Boolean).join(' — ')}
            </dd>
          </div>
        )}
      </dl>
      {b.attachments.length > 0 && <p className="small muted">{t('attachments', { n: b.attachments.length })}</p>}
    </section>
  );
}

function Cancel({ b, onCancelled }: { b: Booking; onCancelled: () => void }) {
  const t = useT(r);
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useSubmit();
  const cancel = () =>
    run(async () => {
      await api.post<Booking>(`/api/v1/me/reception/bookings/${b.id}/cancel`, { version: b.version });
      setAsking(false);
      onCancelled();
    });
  return (
    <section className="cancel-booking">
      <ErrorBox error={error} />
      {asking ? (
        <div className="warning-box" role="alertdialog" aria-labelledby="cancel-question">
          <p id="cancel-question">{t('cancelConfirm', { code: b.code })}</p>
          <p className="row">
            <button type="button" className="button danger" disabled={busy} onClick={() => void cancel()}>
              {t('cancelYes')}
            </button>
            <button type="button" className="button secondary" onClick={() => setAsking(false)}>
              {t('cancelNo')}
            </button>
          </p>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setAsking(true)}>
          {t('cancel')}
        </button>
      )}
    </section>
  );
}
