/**
 * The four parts of the web app, each loaded only when visited: public pages (/), the citizen PWA (/app),
 * the staff console (/staff) and the Center's dashboard (/overseer). Sign-in is shared.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Loading } from './components/async.tsx';
import { LoadBoundary } from './components/load-boundary.tsx';
import { NotFound } from './components/layout.tsx';
import { SessionProvider } from './session.tsx';

const PublicArea = lazy(() => import('./pages/public/index.tsx'));
const CitizenArea = lazy(() => import('./pages/citizen/index.tsx'));
const StaffArea = lazy(() => import('./pages/staff/index.tsx'));
const OverseerArea = lazy(() => import('./pages/overseer/index.tsx'));
const SignIn = lazy(() => import('./pages/sign-in.tsx'));

export function App() {
  return (
    <SessionProvider>
      <LoadBoundary>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/sign-in" component={SignIn} />
            <Route path="/app" nest component={CitizenArea} />
            <Route path="/staff" nest component={StaffArea} />
            <Route path="/overseer" nest component={OverseerArea} />
            <Route path="/reports/:code" component={PublicArea} />
            <Route path="/" component={PublicArea} />
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </LoadBoundary>
    </SessionProvider>
  );
}
