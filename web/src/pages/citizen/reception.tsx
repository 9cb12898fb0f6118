/**
 * /app/reception: booking a meeting with the City's Citizen Reception Board. Everyone sees the
 * upcoming sessions with their seats left and the Board's iCalendar feed; a signed-in citizen also sees their
 * bookings. Booking itself is /app/reception/book, one booking /app/reception/bookings/:id.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client.ts';
import { RECEPTION_FEED } from '../../api/reception.ts';
import type { Booking, Page as ApiPage, ReceptionSession } from '../../api/types.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { formatDateTime, formatTimeRange } from '../../format.ts';
import { BOOKING_BADGE, bookingStateNames, useNames } from '../../i18n/labels.ts';
import { useT } from '../../i18n/strings.ts';
import { r } from './reception.strings.ts';
import { Deeper, Gate, H, Page, Pager, VerifyCall } from './shared.tsx';

const LIMIT = 10;

export default function Reception() {
  const t = useT(r);
  return (
    <Page>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p className="notice">{t('introComplaint')}</p>
      <Gate>{(me) => (me.identityVerified ? <MyBookings /> : <VerifyCall />)}</Gate>
      <Sessions />
    </Page>
  );
}

/** The lines that announce a session: when, where, who receives, which fields. */
export function SessionFacts({ s }: { s: ReceptionSession }) {
  const t = useT(r);
  return (
    <>
      <p className="small">{t('place', { place: s.place })}</p>
      <p className="small">{t('receiver', { who: s.receiver })}</p>
      {s.topics.length > 0 && <p className="small muted">{t('topics', { topics: s.topics.join('; ') })}</p>}
    </>
  );
}

function Sessions() {
  const t = useT(r);
  const [offset, setOffset] = useState(0);
  const sessions = useAsync(() => api.get<ApiPage<ReceptionSession>>('/api/v1/reception/sessions', { limit: LIMIT, offset }), [offset]);
  return (
    <section aria-labelledby="reception-sessions">
      <h2 id="reception-sessions">{t('sessions')}</h2>
      <Loaded state={sessions}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{t('sessionsNone')}</p>
          ) : (
            <>
              <Deeper>
              <ul className="list session-list">
                {page.items.map((s) => {
                  const when = formatTimeRange(s.startsAt, s.endsAt);
                  return (
                    <li key={s.id}>
                      <div className="spread">
                        <H className="session-when">{when}</H>
                        {s.kind === 'extra' && <span className="badge info">{t('extra')}</span>}
                      </div>
                      <SessionFacts s={s} />
                      <p className="small">
                        <span className={s.seatsLeft > 0 ? 'badge ok' : 'badge late'}>{s.seatsLeft > 0 ? t('seats', { left: s.seatsLeft, capacity: s.capacity }) : t('full')}</span>{' '}
                        <span className="muted">{t('closesAt', { at: formatDateTime(s.bookingClosesAt) })}</span>
                      </p>
                      {s.bookingOpen ? (
                        <Link className="button" href={`/reception/book?session=${s.id}`}>
                          {t('book')}
                          <span className="visually-hidden"> — {when}</span>
                        </Link>
                      ) : (
                        s.seatsLeft > 0 && <p className="small muted">{t('closed')}</p>
                      )}
                    </li>
                  );
                })}
              </ul>
              </Deeper>
              <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
            </>
          )
        }
      </Loaded>
      <p>
        <a href={RECEPTION_FEED} aria-describedby="reception-feed-hint">
          {t('feed')}
        </a>
      </p>
      <p className="hint" id="reception-feed-hint">
        {t('feedHint')}
      </p>
    </section>
  );
}

function MyBookings() {
  const t = useT(r);
  const state = useNames(bookingStateNames);
  const [offset, setOffset] = useState(0);
  const bookings = useAsync(() => api.get<ApiPage<Booking>>('/api/v1/me/reception/bookings', { limit: LIMIT, offset }), [offset]);
  return (
    <section aria-labelledby="my-bookings">
      <h2 id="my-bookings">{t('mine')}</h2>
      <Loaded state={bookings}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">{t('mineNone')}</p>
          ) : (
            <>
              <ul className="list booking-list">
                {page.items.map((b) => (
                  <li key={b.id}>
                    <div className="spread">
                      <Link href={`/reception/bookings/${b.id}`}>{t('codeLine', { code: b.code })}</Link>
                      <span className={BOOKING_BADGE[b.state]}>{state(b.state)}</span>
                    </div>
                    <p className="small">{t('sessionLine', { when: formatTimeRange(b.session.startsAt, b.session.endsAt) })}</p>
                    <p className="small muted clamp">{b.summary}</p>
                  </li>
                ))}
              </ul>
              <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
