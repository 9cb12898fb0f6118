/**
 * /staff/reception — citizen reception with the City's Citizen Reception Board (R-3.8, R-5.4; issue 11), for the
 * Board's officers (`reception_officer`): the bookings to review and those waiting for the citizen's answer, the
 * sessions (publish, move, cancel), the day's list (check-in, outcome), and one booking with its actions
 * (accept, ask for more information, decline with a reason and where to go instead — ). Paths below are
 * relative to /staff/reception (wouter nest); the tab and its page are kept in the address.
 */
import { useMemo } from 'react';
import { Link, Route, Switch, useSearch } from 'wouter';
import type { Page } from '../../api/types.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { common } from '../../components/common.strings.ts';
import { NotFoundText } from '../../components/layout.tsx';
import { Pager, pageCount } from '../../components/pager.tsx';
import { formatNumber } from '../../format.ts';
import { useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { api } from '../../api/client.ts';
import { REPORT_ROLES, rolesOf } from './data.ts';
import { BookingPage } from './reception-booking.tsx';
import { DayTab } from './reception-day.tsx';
import { SessionPage, SessionsTab } from './reception-sessions.tsx';
import { BookingCard, RECEPTION_HOME, tabHref, useTitle, type StaffBooking } from './reception-shared.tsx';
import { r, type ReceptionKey } from './reception.strings.ts';

export const RECEPTION_ROLE = 'reception_officer';

/** Whether this staff member works for the Board, and whether they also read reports. */
export function useStaffAreas(): { reception: boolean; reports: boolean } {
  const { me } = useSession();
  const roles = rolesOf(me);
  return { reception: roles.includes(RECEPTION_ROLE), reports: REPORT_ROLES.some((x) => roles.includes(x)) };
}

/**
 * Between the report queues and citizen reception, for a reception officer; the reports only when they also have
 * a report role.
 */
export function StaffAreaNav({ current }: { current: 'reports' | 'reception' }) {
  const t = useT(r);
  const areas = useStaffAreas();
  if (!areas.reception) return null;
  return (
    <nav aria-label={t('areaNav')} className="staff-area-nav">
      <ul>
        {areas.reports && (
          <li>
            <Link href="~/staff" aria-current={current === 'reports' ? 'page' : undefined}>
              {t('areaReports')}
            </Link>
          </li>
        )}
        <li>
          <Link href={RECEPTION_HOME} aria-current={current === 'reception' ? 'page' : undefined}>
            {t('areaReception')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** The area inside /staff/reception (the staff console has already checked that a staff member is signed in). */
export default function ReceptionArea() {
  const t = useT(r);
  const areas = useStaffAreas();
  if (!areas.reception) {
    return (
      <>
        <h1>{t('title')}</h1>
        <div className="card staff-gate" role="alert">
          <p>{t('notReceptionOfficer')}</p>
          {areas.reports && (
            <p>
              <Link href="~/staff">{t('toReportQueues')}</Link>
            </p>
          )}
        </div>
      </>
    );
  }
  return (
    <>
      <StaffAreaNav current="reception" />
      <Switch>
        <Route path="/">
          <ReceptionTabs />
        </Route>
        <Route path="/bookings/:id">{(params) => <BookingPage key={params.id} id={params.id} />}</Route>
        <Route path="/sessions/:id">{(params) => <SessionPage key={params.id} id={params.id} />}</Route>
        <Route>
          <NotFoundText home={{ href: RECEPTION_HOME, label: t('backToReception') }} />
        </Route>
      </Switch>
    </>
  );
}

type TabKey = 'requested' | 'info' | 'sessions' | 'day';
const TABS: { key: TabKey; label: ReceptionKey; hint: ReceptionKey }[] = [
  { key: 'requested', label: 'tabRequested', hint: 'tabRequestedHint' },
  { key: 'info', label: 'tabInfo', hint: 'tabInfoHint' },
  { key: 'sessions', label: 'tabSessions', hint: 'tabSessionsHint' },
  { key: 'day', label: 'tabDay', hint: 'tabDayHint' },
];
const BOOKING_TAB_STATE: Partial<Record<TabKey, string>> = { requested: 'requested', info: 'info_requested' };
const PAGE_SIZE = 20;

function ReceptionTabs() {
  const t = useT(r);
  const search = useSearch();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const tab = TABS.find((x) => x.key === params.get('tab')) ?? TABS[0]!;
  useTitle(`${t(tab.label)} — ${t('title')}`);
  const counts = useAsync(
    () =>
      Promise.all(
        (['requested', 'info_requested'] as const).map((state) => api.get<Page<StaffBooking>>('/api/v1/reception/bookings', { state, limit: 1 }).then((p) => p.total)),
      ),
    [search],
  );
  const count = (key: TabKey) => (key === 'requested' ? counts.data?.[0] : key === 'info' ? counts.data?.[1] : undefined);

  return (
    <>
      <div className="spread">
        <h1>{t('title')}</h1>
        <p className="muted small">{t('board')}</p>
      </div>
      <nav aria-label={t('tabsLabel')} className="tabs staff-tabs">
        {TABS.map((x) => {
          const n = count(x.key);
          return (
            <Link key={x.key} href={tabHref(x.key)} aria-current={x.key === tab.key ? 'page' : undefined}>
              {t(x.label)}
              {n !== undefined && n > 0 && (
                <>
                  {' '}
                  <span className="count-badge">
                    {formatNumber(n)}
                    <span className="visually-hidden"> {t('waiting')}</span>
                  </span>
                </>
              )}
            </Link>
          );
        })}
      </nav>
      <h2>{t(tab.label)}</h2>
      <p className="hint">{t(tab.hint)}</p>
      {tab.key === 'sessions' ? (
        <SessionsTab params={params} />
      ) : tab.key === 'day' ? (
        <DayTab params={params} />
      ) : (
        <BookingsTab tab={tab.key} state={BOOKING_TAB_STATE[tab.key]!} params={params} />
      )}
    </>
  );
}

/** The bookings in one state, oldest session first as the API gives them. */
function BookingsTab({ tab, state, params }: { tab: TabKey; state: string; params: URLSearchParams }) {
  const t = useT(r);
  const tc = useT(common);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useAsync(() => api.get<Page<StaffBooking>>('/api/v1/reception/bookings', { state, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [state, page]);
  return (
    <>
      <p role="status" aria-live="polite" className="staff-count">
        {list.loading ? tc('loading') : list.data ? t('bookingCount', { total: formatNumber(list.data.total) }) : ''}
      </p>
      <Loaded state={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="notice">{t(tab === 'requested' ? 'noRequested' : 'noInfoRequested')}</p>
          ) : (
            <>
              <ul className="list staff-bookings">
                {data.items.map((b) => (
                  <BookingCard key={b.id} booking={b} />
                ))}
              </ul>
              <Pager page={page} pages={pageCount(data.total, PAGE_SIZE)} href={(n) => tabHref(tab, { page: n > 1 ? String(n) : null })} className="row staff-paging" />
            </>
          )
        }
      </Loaded>
    </>
  );
}
