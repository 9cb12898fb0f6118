/**
 * The Board's sessions: the list (upcoming first, by state) with the form to publish one, and one session's
 * page to edit or move it (its bookers are told: "Đã thông báo cho N người đăng ký"), cancel it with a reason
 * (its open bookings are cancelled and told why) and see its bookings. A session falls on a working day: the
 * server says so beside the date when it does not, and flags a session whose day became a day off.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { ErrorBox, Loaded, Loading, useAsync, useSubmit } from '../../components/async.tsx';
import { common } from '../../components/common.strings.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Pager, pageCount } from '../../components/pager.tsx';
import { formatDateTime, formatNumber, formatTimeRange, hanoiNowInput, isDate } from '../../format.ts';
import { optionsOf, sessionKindNames, sessionStateNames, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import {
  ActionError,
  BookingCard,
  ConflictBox,
  isConflict,
  isoDate,
  isoTime,
  LIMITS,
  ReschedulingWarning,
  SessionLink,
  SessionStateBadge,
  sessionHref,
  tabHref,
  useTitle,
  type StaffBooking,
  type StaffReceptionSession,
} from './reception-shared.tsx';
import { r } from './reception.strings.ts';

const PAGE_SIZE = 20;
const BOOKINGS_PAGE = 50;
/** Where the Board receives citizens, offered when a session is published (the officer may change it). */
const DEFAULT_PLACE = 'Trụ sở Tiếp công dân Thành phố, số 1 Trần Hưng Đạo, Hà Nội';

export interface SessionBody {
  startsAt: string;
  endsAt: string;
  place: string;
  receiver: string;
  capacity: number;
  topics: string[];
  kind: 'regular' | 'extra';
}

type Edited = StaffReceptionSession & { notified: number };

const todayInHanoi = () => hanoiNowInput().slice(0, 10);

export function SessionsTab({ params }: { params: URLSearchParams }) {
  const t = useT(r);
  const tc = useT(common);
  const lang = useLang();
  const [, navigate] = useLocation();
  const state = params.get('state') ?? '';
  const when = params.get('when') === 'all' ? 'all' : 'upcoming';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [published, setPublished] = useState<StaffReceptionSession | null>(null);
  const [formKey, setFormKey] = useState(0);
  const list = useAsync(
    () =>
      api.get<Page<StaffReceptionSession>>('/api/v1/reception/staff/sessions', {
        state: state || undefined,
        from: when === 'upcoming' ? `${todayInHanoi()}T00:00:00+07:00` : undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [state, when, page],
  );
  const go = (changes: Record<string, string | null>) => navigate(tabHref('sessions', { state, when: when === 'all' ? 'all' : null, ...changes, page: changes.page ?? null }));

  const publish = async (body: SessionBody) => {
    const created = await api.post<StaffReceptionSession>('/api/v1/reception/sessions', body);
    setPublished(created);
    setFormKey((k) => k + 1);
    list.reload();
  };

  return (
    <div className="grid-side staff-detail">
      <section aria-labelledby="sessions-list-title">
        <h3 id="sessions-list-title" className="visually-hidden">
          {t('sessionsList')}
        </h3>
        <form className="card staff-filter-grid" role="search" aria-label={t('sessionFilters')} onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="f-session-when"
            className="form"
            label={t('filterWhen')}
            value={when}
            onChange={(v) => go({ when: v === 'all' ? 'all' : null })}
            options={[
              { value: 'upcoming', label: t('whenUpcoming') },
              { value: 'all', label: t('whenAll') },
            ]}
          />
          <SelectField id="f-session-state" className="form" label={t('filterSessionState')} value={state} onChange={(v) => go({ state: v || null })} all options={optionsOf(sessionStateNames, lang)} />
        </form>
        <p role="status" aria-live="polite" className="staff-count">
          {list.loading ? tc('loading') : list.data ? t('sessionCount', { total: formatNumber(list.data.total) }) : ''}
        </p>
        <Loaded state={list}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="notice">{t('noSessions')}</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table className="staff-queue staff-sessions">
                    <caption className="visually-hidden">{t('sessionsList')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('colWhen')}</th>
                        <th scope="col">{t('colPlaceReceiver')}</th>
                        <th scope="col">{t('colBooked')}</th>
                        <th scope="col">{t('colState')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((s) => (
                        <SessionRow key={s.id} session={s} />
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager page={page} pages={pageCount(data.total, PAGE_SIZE)} href={(n) => tabHref('sessions', { state, when: when === 'all' ? 'all' : null, page: n > 1 ? String(n) : null })} className="row staff-paging" />
              </>
            )
          }
        </Loaded>
      </section>
      <aside className="staff-aside">
        <section className="card" aria-labelledby="publish-title">
          <h3 id="publish-title">{t('publishTitle')}</h3>
          <p className="hint">{t('publishHint')}</p>
          <div role="status" aria-live="polite">
            {published && (
              <div className="notice">
                {t('published', { code: published.code, when: formatTimeRange(published.startsAt, published.endsAt) })}{' '}
                <Link href={sessionHref(published.id)}>{t('openSession', { code: published.code })}</Link>
              </div>
            )}
          </div>
          <SessionForm key={formKey} idPrefix="new-session" submitLabel={t('publishButton')} onSave={publish} onReload={list.reload} onEdit={() => setPublished(null)} />
        </section>
      </aside>
    </div>
  );
}

function SessionRow({ session: s }: { session: StaffReceptionSession }) {
  const t = useT(r);
  const kind = useNames(sessionKindNames);
  return (
    <tr className={s.state === 'needs_rescheduling' ? 'staff-row-warn' : undefined}>
      <td>
        <SessionLink session={s} />
        <br />
        <span className="muted small">{kind(s.kind)}</span>
      </td>
      <td>
        {s.place}
        <br />
        <span className="muted small">{s.receiver}</span>
      </td>
      <td className="staff-nowrap">
        {t('bookedOf', { booked: formatNumber(s.booked), capacity: formatNumber(s.capacity) })}
        <br />
        <span className="muted small">{t('seatsLeft', { n: formatNumber(s.seatsLeft) })}</span>
      </td>
      <td>
        <SessionStateBadge state={s.state} />
        {s.state === 'needs_rescheduling' && <p className="small staff-warn-text">{t('needsRescheduling')}</p>}
        {s.state === 'cancelled' && s.cancelReason && <p className="small muted">{t('cancelReasonShort', { reason: s.cancelReason })}</p>}
      </td>
    </tr>
  );
}

type FormField = 'date' | 'start' | 'end' | 'place' | 'receiver' | 'capacity' | 'topics';

/**
 * The session's date, hours, place, receiver, capacity, topics and kind — to publish one or to edit one (`initial`).
 * What can be checked here is; the working day, the time to come and the seats already booked are the server's to say.
 */
export function SessionForm({
  idPrefix,
  initial,
  submitLabel,
  onSave,
  onReload,
  onEdit,
}: {
  idPrefix: string;
  initial?: StaffReceptionSession;
  submitLabel: string;
  onSave: (body: SessionBody) => Promise<void>;
  onReload: () => void;
  /** Called on the first change after a save (to clear the last confirmation). */
  onEdit?: () => void;
}) {
  const t = useT(r);
  const kindName = useNames(sessionKindNames);
  const [v, setV] = useState(() => ({
    date: initial ? isoDate(initial.startsAt) : '',
    start: initial ? isoTime(initial.startsAt) : '08:00',
    end: initial ? isoTime(initial.endsAt) : '11:30',
    place: initial?.place ?? DEFAULT_PLACE,
    receiver: initial?.receiver ?? '',
    capacity: String(initial?.capacity ?? 20),
    topics: (initial?.topics ?? []).join('\n'),
    kind: (initial?.kind ?? 'regular') as 'regular' | 'extra',
  }));
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const { busy, error, run } = useSubmit();
  const id = (f: string) => `${idPrefix}-${f}`;
  const set = (k: keyof typeof v, value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    onEdit?.();
  };

  // The server's word beside the field it is about: the day and start beside the date, the end beside the end.
  const serverTopics = error?.errors.find((e) => /^body\.topics/.test(e.field))?.message;
  const fieldError = (f: FormField): string | undefined => {
    if (problems[f]) return problems[f];
    if (!error) return undefined;
    switch (f) {
      case 'date':
        return error.fieldMessage('startsAt');
      case 'end':
        return error.fieldMessage('endsAt');
      case 'topics':
        return serverTopics;
      case 'start':
        return undefined;
      default:
        return error.fieldMessage(f);
    }
  };

  function validate(): SessionBody | null {
    const p: Partial<Record<FormField, string>> = {};
    if (!isDate(v.date)) p.date = t('dateRequired');
    const time = /^\d{2}:\d{2}$/;
    if (!time.test(v.start)) p.start = t('timeRequired');
    if (!time.test(v.end)) p.end = t('timeRequired');
    else if (time.test(v.start) && v.end <= v.start) p.end = t('endAfterStart');
    if (!v.place.trim()) p.place = t('placeRequired');
    if (!v.receiver.trim()) p.receiver = t('receiverRequired');
    const capacity = Number(v.capacity);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > LIMITS.capacityMax) p.capacity = t('capacityRange', { max: LIMITS.capacityMax });
    const topics = v.topics
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    if (topics.length > LIMITS.topicsMax) p.topics = t('topicsTooMany', { max: LIMITS.topicsMax });
    else if (topics.some((x) => x.length > LIMITS.topicMax)) p.topics = t('topicTooLong', { max: LIMITS.topicMax });
    setProblems(p);
    const first = (['date', 'start', 'end', 'place', 'receiver', 'capacity', 'topics'] as const).find((f) => p[f]);
    if (first) {
      document.getElementById(id(first))?.focus();
      return null;
    }
    return {
      startsAt: `${v.date}T${v.start}:00+07:00`,
      endsAt: `${v.date}T${v.end}:00+07:00`,
      place: v.place.trim(),
      receiver: v.receiver.trim(),
      capacity,
      topics,
      kind: v.kind,
    };
  }

  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // After the server's refusal, the first field it names takes the focus.
    if (!error || error.status !== 400) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = validate();
    if (body) void run(() => onSave(body));
  }

  return (
    <form ref={formRef} className="form staff-session-form" noValidate onSubmit={submit}>
      <fieldset>
        <legend>{t('sessionTime')}</legend>
        <TextField id={id('date')} label={t('sessionDate')} type="date" min={initial ? undefined : todayInHanoi()} value={v.date} onChange={(x) => set('date', x)} required hint={t('sessionDateHint')} error={fieldError('date')} />
        <div className="staff-time-pair">
          <TextField id={id('start')} label={t('sessionStart')} type="time" value={v.start} onChange={(x) => set('start', x)} required error={fieldError('start')} />
          <TextField id={id('end')} label={t('sessionEnd')} type="time" value={v.end} onChange={(x) => set('end', x)} required error={fieldError('end')} />
        </div>
      </fieldset>
      <TextField id={id('place')} label={t('sessionPlace')} value={v.place} onChange={(x) => set('place', x)} maxLength={LIMITS.placeMax} required error={fieldError('place')} />
      <TextField id={id('receiver')} label={t('sessionReceiver')} value={v.receiver} onChange={(x) => set('receiver', x)} maxLength={LIMITS.receiverMax} required hint={t('sessionReceiverHint')} error={fieldError('receiver')} />
      <TextField id={id('capacity')} label={t('sessionCapacity')} type="number" min={1} max={LIMITS.capacityMax} value={v.capacity} onChange={(x) => set('capacity', x)} required error={fieldError('capacity')} />
      <TextField id={id('topics')} label={t('sessionTopics')} value={v.topics} onChange={(x) => set('topics', x)} multiline rows={3} hint={t('sessionTopicsHint')} error={fieldError('topics')} />
      <fieldset>
        <legend>{t('sessionKind')}</legend>
        {(['regular', 'extra'] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={id('kind')} value={k} checked={v.kind === k} onChange={() => set('kind', k)} />
            {kindName(k)}
          </label>
        ))}
        {error?.fieldMessage('kind') && <p className="field-error">{error.fieldMessage('kind')}</p>}
      </fieldset>
      <ActionError error={error} onReload={onReload} reloadLabel={t('reloadSession')} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('sending') : submitLabel}
      </button>
    </form>
  );
}

/** /staff/reception/sessions/:id */
export function SessionPage({ id }: { id: string }) {
  const t = useT(r);
  const kind = useNames(sessionKindNames);
  const loaded = useAsync(() => api.get<StaffReceptionSession>(`/api/v1/reception/sessions/${id}`), [id]);
  const [bookingsPage, setBookingsPage] = useState(1);
  const bookings = useAsync(
    () => api.get<Page<StaffBooking>>('/api/v1/reception/bookings', { sessionId: id, limit: BOOKINGS_PAGE, offset: (bookingsPage - 1) * BOOKINGS_PAGE }),
    [id, bookingsPage],
  );
  const [saved, setSaved] = useState<StaffReceptionSession | null>(null);
  const [status, setStatus] = useState('');
  // Each reload gives the forms a fresh start (a refusal that did not change the version included).
  const [round, setRound] = useState(0);
  const session = saved && loaded.data && saved.version >= loaded.data.version ? saved : (loaded.data ?? saved);
  useTitle(session ? `${t('sessionTitleUnknown')} ${session.code}` : t('sessionTitleUnknown'));

  const reload = () => {
    setSaved(null);
    setStatus('');
    setRound((n) => n + 1);
    loaded.reload();
    bookings.reload();
  };
  const back = (
    <p>
      <Link href={tabHref('sessions')}>← {t('backToSessions')}</Link>
    </p>
  );

  if (!session) {
    return (
      <>
        {back}
        <h1>{t('sessionTitleUnknown')}</h1>
        {loaded.error ? <ErrorBox error={loaded.error.status === 404 ? new ApiError(404, loaded.error.code, t('sessionNotFound')) : loaded.error} onRetry={loaded.reload} /> : <Loading />}
      </>
    );
  }

  const save = async (body: SessionBody) => {
    const result = await api.put<Edited>(`/api/v1/reception/sessions/${session.id}`, { ...body, version: session.version });
    const { notified, ...rest } = result;
    setSaved(rest);
    setStatus(`${t('sessionSaved', { code: result.code, when: formatTimeRange(result.startsAt, result.endsAt) })} ${notified > 0 ? t('notified', { n: formatNumber(notified) }) : t('notifiedNone')}`);
    bookings.reload();
  };
  const cancelled = (result: Edited) => {
    const { notified, ...rest } = result;
    setSaved(rest);
    setStatus(`${t('sessionCancelled', { code: result.code })} ${notified > 0 ? t('notified', { n: formatNumber(notified) }) : t('notifiedNone')}`);
    bookings.reload();
  };

  return (
    <>
      {back}
      <header className="staff-report-head">
        <p className="muted small">
          {kind(session.kind)} · {t('sessionCode')}: <strong className="staff-code">{session.code}</strong>
        </p>
        <h1>{t('sessionTitle', { when: formatTimeRange(session.startsAt, session.endsAt) })}</h1>
        <p className="row">
          <SessionStateBadge state={session.state} />
          <span>{t('bookedOf', { booked: formatNumber(session.booked), capacity: formatNumber(session.capacity) })}</span>
        </p>
      </header>
      <div role="status" aria-live="polite" className={status ? 'notice' : undefined}>
        {status}
      </div>
      <ReschedulingWarning state={session.state} />
      <div className="grid-side staff-detail">
        <div>
          <section className="card" aria-labelledby="sec-session">
            <h2 id="sec-session">{t('sessionFacts')}</h2>
            <dl className="staff-facts">
              <dt>{t('sessionTime')}</dt>
              <dd>{formatTimeRange(session.startsAt, session.endsAt)}</dd>
              <dt>{t('sessionPlace')}</dt>
              <dd>{session.place}</dd>
              <dt>{t('sessionReceiver')}</dt>
              <dd>{session.receiver}</dd>
              <dt>{t('sessionKind')}</dt>
              <dd>{kind(session.kind)}</dd>
              <dt>{t('sessionTopicsShort')}</dt>
              <dd>{session.topics.length ? session.topics.join('; ') : '—'}</dd>
              <dt>{t('sessionSeats')}</dt>
              <dd>
                {t('bookedOf', { booked: formatNumber(session.booked), capacity: formatNumber(session.capacity) })} · {t('seatsLeft', { n: formatNumber(session.seatsLeft) })}
              </dd>
              <dt>{t('bookingClosesAt')}</dt>
              <dd>
                {formatDateTime(session.bookingClosesAt)} {session.bookingOpen ? '' : <span className="badge">{t('bookingClosed')}</span>}
              </dd>
              {session.cancelReason && (
                <>
                  <dt>{t('cancelReason')}</dt>
                  <dd className="staff-text">{session.cancelReason}</dd>
                </>
              )}
            </dl>
          </section>
          <section className="card" aria-labelledby="sec-session-bookings">
            <h2 id="sec-session-bookings">{t('sessionBookings')}</h2>
            <Loaded state={bookings}>
              {(data) =>
                data.items.length === 0 ? (
                  <p className="muted">{t('sessionNoBookings')}</p>
                ) : (
                  <>
                    <p className="muted small">{t('bookingCount', { total: formatNumber(data.total) })}</p>
                    <ul className="list staff-bookings">
                      {data.items.map((b) => (
                        <BookingCard key={b.id} booking={b} showSession={false} />
                      ))}
                    </ul>
                    <Pager page={bookingsPage} pages={pageCount(data.total, BOOKINGS_PAGE)} onPage={setBookingsPage} label={t('bookingsPaging')} className="row staff-paging" />
                  </>
                )
              }
            </Loaded>
          </section>
        </div>
        <aside className="staff-aside">
          {session.state === 'cancelled' ? (
            <section className="card" aria-labelledby="sec-session-cancelled">
              <h2 id="sec-session-cancelled">{t('sessionIsCancelled')}</h2>
              <p>{t('sessionIsCancelledHint')}</p>
            </section>
          ) : (
            <>
              <section className="card" aria-labelledby="sec-session-edit">
                <h2 id="sec-session-edit">{t('editTitle')}</h2>
                <p className="hint">{t('editHint')}</p>
                <SessionForm key={`edit-${session.version}-${round}`} idPrefix="edit-session" initial={session} submitLabel={t('saveButton')} onSave={save} onReload={reload} />
              </section>
              <CancelSession key={`cancel-${session.version}-${round}`} session={session} onDone={cancelled} onReload={reload} />
            </>
          )}
        </aside>
      </div>
    </>
  );
}

/** Cancels the session with a reason, after a confirmation: its open bookings are cancelled and told why. */
function CancelSession({ session, onDone, onReload }: { session: StaffReceptionSession; onDone: (result: Edited) => void; onReload: () => void }) {
  const t = useT(r);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useSubmit();
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) {
      setProblem(t('cancelReasonRequired'));
      document.getElementById('cancel-reason')?.focus();
      return;
    }
    setProblem(undefined);
    setConfirming(true);
  }
  const send = () =>
    run(async () => {
      try {
        onDone(await api.post<Edited>(`/api/v1/reception/sessions/${session.id}/cancel`, { version: session.version, reason: reason.trim() }));
      } finally {
        setConfirming(false);
      }
    });

  return (
    <section className="card" aria-labelledby="sec-session-cancel">
      <h2 id="sec-session-cancel">{t('cancelTitle')}</h2>
      <p className="hint">{t('cancelHint', { n: formatNumber(session.booked) })}</p>
      <form className="form" noValidate onSubmit={submit}>
        <TextField id="cancel-reason" label={t('cancelReasonField')} value={reason} onChange={setReason} multiline rows={3} maxLength={LIMITS.explanationMax} required hint={t('cancelReasonHint')} error={problem ?? error?.fieldMessage('reason')} />
        {error && isConflict(error) ? <ConflictBox error={error} onReload={onReload} reloadLabel={t('reloadSession')} /> : !error?.fieldMessage('reason') && <ErrorBox error={error} />}
        {confirming ? (
          <div className="warning-box staff-confirm" role="group" aria-labelledby="cancel-confirm-title" tabIndex={-1} ref={confirmRef}>
            <h3 id="cancel-confirm-title">{t('cancelConfirmTitle', { code: session.code })}</h3>
            <p>{t('cancelConfirmBody')}</p>
            <div className="row">
              <button type="button" className="button" disabled={busy} onClick={() => void send()}>
                {busy ? t('sending') : t('cancelConfirmGo')}
              </button>
              <button type="button" className="button secondary" disabled={busy} onClick={() => setConfirming(false)}>
                {t('confirmBack')}
              </button>
            </div>
          </div>
        ) : (
          <button type="submit" className="button secondary">
            {t('cancelButton')}
          </button>
        )}
      </form>
    </section>
  );
}
