/**
 * The Center's dashboard at /overseer: for Center operators, city overseers and administrators; anyone
 * else is told so plainly, with a way to sign in.
 *
 * app.tsx mounts this area in a nested route, which makes every wouter link and location inside it relative to
 * /overseer — the shared header's links too ("/" would point at /overseer/). A router with its own location hook
 * starts again from the site's root, so that the header and the drill-down links mean what they say.
 */
import { Link, Router } from 'wouter';
import { useBrowserLocation } from 'wouter/use-browser-location';
import { Loading } from '../../components/async.tsx';
import { Layout, OVERSEER_ROLES, SignInLink } from '../../components/layout.tsx';
import { useT } from '../../i18n/strings.ts';
import { hasRole, useSession } from '../../session.tsx';
import Dashboard from './dashboard.tsx';
import { s } from './strings.ts';

export default function Area() {
  return (
    <Router hook={useBrowserLocation}>
      <Gate />
    </Router>
  );
}

function Gate() {
  const t = useT(s);
  const { me, loading } = useSession();
  if (loading && !me)
    return (
      <Layout wide>
        <Loading />
      </Layout>
    );
  if (!me || !hasRole(me, ...OVERSEER_ROLES))
    return (
      <Layout>
        <h1>{t('title')}</h1>
        <p>{t('gateText')}</p>
        {me ? (
          <p>
            {t('gateNoRole')} <Link href="/">{t('gateHome')}</Link>
          </p>
        ) : (
          <p>
            <SignInLink className="button">{t('gateSignIn')}</SignInLink>
          </p>
        )}
      </Layout>
    );
  return <Dashboard />;
}
