/**
 * The day's list: the Board's sessions of a day (today in Hanoi unless another is chosen) and the citizens
 * accepted for them — check in those who came, record those who did not, and record the outcome of each
 * reception. The list is read again after each action, and prints without the console around it.
 */
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../../api/client.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { formatDate, formatDateTime, formatNumber, hanoiNowInput, isDate } from '../../format.ts';
import { bookingStateNames, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import type { OfficerAction } from '../../../../server/domain/reception/workflow.ts';
import {
  ACTION_DONE,
  ActionError,
  ApplicantText,
  BookingStateBadge,
  bookingHref,
  categoryLabel,
  OutcomeForm,
  ReschedulingWarning,
  SessionLink,
  SessionStateBadge,
  tabHref,
  truncate,
  useBookingAction,
  type StaffBooking,
  type StaffReceptionSession,
} from './reception-shared.tsx';
import { r } from './reception.strings.ts';

interface DayList {
  date: string;
  sessions: { session: StaffReceptionSession; bookings: StaffBooking[] }[];
}

export function DayTab({ params }: { params: URLSearchParams }) {
  const t = useT(r);
  const [, navigate] = useLocation();
  const today = hanoiNowInput().slice(0, 10);
  const chosen = params.get('date');
  const date = isDate(chosen) ? chosen : today;
  const day = useAsync(() => api.get<DayList>('/api/v1/reception/day', { date }), [date]);
  const [status, setStatus] = useState('');
  // "Reload" after a refusal gives the bookings' lines a fresh start (also when the refusal changed no version).
  const [round, setRound] = useState(0);
  const reload = () => {
    setRound((n) => n + 1);
    day.reload();
  };
  // After an action the booking has a new version, so its line starts afresh; the others keep what is being typed.
  const changed = (message: string) => {
    setStatus(message);
    day.reload();
  };

  return (
    <>
      <form className="card staff-filter-grid" role="search" aria-label={t('dayFilter')} onSubmit={(e) => e.preventDefault()}>
        <div className="form">
          <label htmlFor="day-date">{t('dayDate')}</label>
          <input
            id="day-date"
            type="date"
            value={date}
            onChange={(e) => {
              if (isDate(e.target.value)) {
                setStatus('');
                navigate(tabHref('day', { date: e.target.value }));
              }
            }}
          />
        </div>
        <div className="staff-filter-actions row">
          {date !== today && (
            <Link href={tabHref('day')} className="button secondary small">
              {t('dayToday')}
            </Link>
          )}
          {/* For the reception room: the list on paper, without the console around it (staff.css @media print). */}
          <button type="button" className="button secondary small" onClick={() => window.print()}>
            {t('dayPrint')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite" className={status ? 'notice' : undefined}>
        {status}
      </div>
      <Loaded state={day}>
        {(data) =>
          data.sessions.length === 0 ? (
            <p className="notice">{t('dayNoSessions', { date: formatDate(`${data.date}T00:00:00+07:00`) })}</p>
          ) : (
            <>
              <p className="muted small">{t('daySessions', { n: formatNumber(data.sessions.length), date: formatDate(`${data.date}T00:00:00+07:00`) })}</p>
              {data.sessions.map((d) => (
                <DaySession key={d.session.id} session={d.session} bookings={d.bookings} round={round} onChanged={changed} onReload={reload} />
              ))}
            </>
          )
        }
      </Loaded>
    </>
  );
}

function DaySession({
  session: s,
  bookings,
  round,
  onChanged,
  onReload,
}: {
  session: StaffReceptionSession;
  bookings: StaffBooking[];
  round: number;
  onChanged: (message: string) => void;
  onReload: () => void;
}) {
  const t = useT(r);
  const state = useNames(bookingStateNames);
  const counts = new Map<string, number>();
  for (const b of bookings) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
  return (
    <section className="card staff-day-session" aria-labelledby={`day-${s.id}`}>
      <h3 id={`day-${s.id}`}>
        <SessionLink session={s} />
      </h3>
      <p className="row">
        <SessionStateBadge state={s.state} />
        <span>{s.place}</span>
        <span className="muted">{s.receiver}</span>
      </p>
      <ReschedulingWarning state={s.state} />
      {bookings.length === 0 ? (
        <p className="muted">{t('dayNoBookings')}</p>
      ) : (
        <>
          <p className="small">{[...counts].map(([st, n]) => `${state(st)}: ${formatNumber(n)}`).join(' · ')}</p>
          <ul className="list staff-day-list">
            {bookings.map((b) => (
              <DayBooking key={`${b.id}:${b.version}:${round}`} booking={b} onChanged={onChanged} onReload={onReload} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DayBooking({ booking: b, onChanged, onReload }: { booking: StaffBooking; onChanged: (message: string) => void; onReload: () => void }) {
  const t = useT(r);
  const lang = useLang();
  const state = useNames(bookingStateNames);
  const name = b.citizen.fullName ?? t('noName');
  const { busy, error, send } = useBookingAction((result: StaffBooking, action: OfficerAction) => onChanged(`${t(ACTION_DONE[action], { code: result.code, state: state(result.state) })} (${name})`));
  const [confirmNoShow, setConfirmNoShow] = useState(false);
  const [outcomeOpen, setOutcomeOpen] = useState(false);
  const who = (
    <span className="visually-hidden">
      {' '}
      {b.code} ({name})
    </span>
  );

  return (
    <li className="staff-day-booking">
      <div className="spread">
        <p className="staff-day-who">
          <Link href={bookingHref(b.id)} className="staff-code">
            {b.code}
          </Link>{' '}
          <strong>{name}</strong> <span className="muted">· {b.citizen.phone ?? '—'}</span>
        </p>
        <BookingStateBadge state={b.state} />
      </div>
      <p className="small">
        <ApplicantText applicant={b.applicant} /> · {categoryLabel(lang, b)}
      </p>
      <p className="small staff-text">{truncate(b.summary, 240)}</p>
      {b.checkedInAt && <p className="small">{t('checkedInAt', { at: formatDateTime(b.checkedInAt) })}</p>}
      {b.outcome && <p className="small">{t('outcomeLine', { by: b.outcome.answeredBy, days: b.outcome.dueWorkingDays, at: formatDateTime(b.outcome.dueAt) })}</p>}
      {b.state === 'accepted' && (
        <div className="row">
          <button type="button" className="button small" disabled={busy} onClick={() => void send(b, { action: 'checkIn' })}>
            {t('checkInButton')}
            {who}
          </button>
          {confirmNoShow ? (
            <span className="row staff-inline-confirm" role="group" aria-label={t('noShowConfirm')}>
              <span>{t('noShowConfirm')}</span>
              <button type="button" className="button small" disabled={busy} onClick={() => void send(b, { action: 'noShow' })}>
                {t('noShowYes')}
                {who}
              </button>
              <button type="button" className="button secondary small" disabled={busy} onClick={() => setConfirmNoShow(false)}>
                {t('confirmBack')}
              </button>
            </span>
          ) : (
            <button type="button" className="button secondary small" disabled={busy} onClick={() => setConfirmNoShow(true)}>
              {t('noShowButton')}
              {who}
            </button>
          )}
        </div>
      )}
      {b.state === 'checked_in' && (
        <>
          <button type="button" className="button small" aria-expanded={outcomeOpen} aria-controls={`outcome-${b.id}`} onClick={() => setOutcomeOpen((o) => !o)}>
            {t('outcomeButton')}
            {who}
          </button>
          <div id={`outcome-${b.id}`} hidden={!outcomeOpen}>
            {outcomeOpen && <OutcomeForm idPrefix={`outcome-${b.id}`} booking={b} busy={busy} error={error} onSend={(outcome) => void send(b, { action: 'complete', outcome })} onReload={onReload} />}
          </div>
        </>
      )}
      {!(b.state === 'checked_in' && outcomeOpen) && <ActionError error={error} onReload={onReload} reloadLabel={t('reloadDay')} />}
    </li>
  );
}
