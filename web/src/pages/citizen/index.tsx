/**
 * The citizen PWA (/app): home, registration and identity verification, profile, sending reports and
 * initiatives (offline too), my report with its actions, the notifications inbox, and booking a meeting with the
 * City's Citizen Reception Board. Paths are relative to /app (a nested wouter route); `~/…` links leave the area.
 */
import { Route, Switch } from 'wouter';
import { NotFoundText } from '../../components/layout.tsx';
import { defineStrings, useT } from '../../i18n/strings.ts';
import Alerts from './alerts.tsx';
import Home from './home.tsx';
import Initiatives from './initiatives.tsx';
import NewReport from './new-report.tsx';
import { useOutboxSync } from './outbox-view.tsx';
import Profile from './profile.tsx';
import Reception from './reception.tsx';
import ReceptionBook from './reception-book.tsx';
import ReceptionBooking from './reception-booking.tsx';
import Register from './register.tsx';
import ReportDetail from './report-detail.tsx';
import { Page } from './shared.tsx';
import Verify from './verify.tsx';
import './citizen.css';

const s = defineStrings({ home: 'Về trang của tôi' }, { home: 'Back to my page' });

function CitizenNotFound() {
  const t = useT(s);
  return (
    <Page>
      <NotFoundText home={{ href: '/', label: t('home') }} />
    </Page>
  );
}

export default function CitizenArea() {
  // Reports written offline go out when the area opens and when the device is back online.
  useOutboxSync();
  return (
    <Switch>
      <Route path="/" component={Home} />
      <Route path="/register" component={Register} />
      <Route path="/verify" component={Verify} />
      <Route path="/profile" component={Profile} />
      <Route path="/reports/new" component={NewReport} />
      <Route path="/reports/:id" component={ReportDetail} />
      <Route path="/initiatives" component={Initiatives} />
      <Route path="/alerts" component={Alerts} />
      <Route path="/reception" component={Reception} />
      <Route path="/reception/book" component={ReceptionBook} />
      <Route path="/reception/bookings/:id">{(params) => <ReceptionBooking id={params.id} />}</Route>
      <Route component={CitizenNotFound} />
    </Switch>
  );
}
