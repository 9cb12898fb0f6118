/**
 * The staff console (/staff): the queues and one report with its action forms, and citizen reception
 * (/staff/reception) for the Citizen Reception Board's officers. Officers only: anyone else is told so, with a way
 * to sign in that comes back here. Paths below are relative to /staff (wouter nest).
 */
import { Link, Redirect, Route, Switch } from 'wouter';
import { Loading } from '../../components/async.tsx';
import { Layout, NotFound, SignInLink } from '../../components/layout.tsx';
import { useT } from '../../i18n/strings.ts';
import { isStaff, useSession } from '../../session.tsx';
import QueuePage from './queue.tsx';
import ReceptionArea, { StaffAreaNav, useStaffAreas } from './reception.tsx';
import ReportPage from './report.tsx';
import { s } from './strings.ts';
import './staff.css';

export default function StaffArea() {
  const t = useT(s);
  const { me, loading } = useSession();
  const areas = useStaffAreas();
  if (loading) {
    return (
      <Layout wide>
        <Loading />
      </Layout>
    );
  }
  if (!me || !isStaff(me)) {
    return (
      <Layout wide>
        <h1>{t('signInTitle')}</h1>
        <div className="card staff-gate">
          <p>{me ? t('notStaff') : t('signInNeeded')}</p>
          <p className="row">
            <SignInLink className="button">{t('signInLink')}</SignInLink>
            {me && <Link href="~/app">{t('notStaffApp')}</Link>}
          </p>
        </div>
      </Layout>
    );
  }
  return (
    <Switch>
      <Route path="/">
        {/* A reception officer with no report role has no queue: their work is citizen reception. */}
        {areas.reception && !areas.reports ? (
          <Redirect to="/reception" replace />
        ) : (
          <Layout wide>
            <StaffAreaNav current="reports" />
            <QueuePage />
          </Layout>
        )}
      </Route>
      <Route path="/reception" nest>
        <Layout wide>
          <ReceptionArea />
        </Layout>
      </Route>
      <Route path="/reports/:id">
        {(params) => (
          <Layout wide>
            <ReportPage id={params.id} />
          </Layout>
        )}
      </Route>
      <Route component={NotFound} />
    </Switch>
  );
}

