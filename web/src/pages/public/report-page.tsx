/**
 * One public report: what was reported, where and when, which agency handles it, the public
 * copies of its photos, the result with its proofs, the rating, and the timeline of what happened and which
 * agency did it. The API gives no identity of the reporter and this page adds none. Citizens who have
 * the same problem follow the report instead of sending it again (R-6.2c).
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client.ts';
import type { PublicReport } from '../../api/types.ts';
import { ErrorBox, Loading, useAsync, useSubmit } from '../../components/async.tsx';
import { Layout, SignInLink } from '../../components/layout.tsx';
import { LazyMap } from '../../components/lazy-map.tsx';
import { ResultProofs, Thumbs } from '../../components/thumbs.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { GROUP_BADGE, RATING_BADGE, actionName, decisionNames, isCodeOf, kindNames, nameOf, ratingNames, stateGroup, stateName } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { s } from './strings.ts';

const CODE = /^PA-\d{4}-\d{6,}$/;
/** Steps the reporter takes (shown as "the reporter", never by name — ). */
const BY_REPORTER = ['submit', 'provideInformation', 'requestClarification', 'rate'];
/** States in which a report may still be followed (the server says the same: handling, not yet answered). */
const FOLLOWABLE = ['submitted', 'verifying', 'accepted', 'taken', 'dispatched', 'assigned', 'resultDrafted', 'draftRejected', 'clarificationRequested', 'consulting'];

export default function ReportPage({ code }: { code: string }) {
  const t = useT(s);
  const valid = CODE.test(code);
  const report = useAsync(() => (valid ? api.get<PublicReport>(`/api/v1/public/reports/${encodeURIComponent(code)}`) : Promise.resolve(null)), [code]);
  const notFound = !valid || report.data === null || report.error?.status === 404 || report.error?.status === 400;
  const title = report.data?.title;
  const lang = useLang();

  useEffect(() => {
    document.title = `${notFound ? t('notFoundTitle', { code }) : (title ?? code)} — iHanoi`;
  }, [title, notFound, code, lang]);

  return (
    <Layout>
      <p className="small">
        <Link href="/">← {t('backToList')}</Link>
      </p>
      {notFound ? (
        <>
          <h1>{t('notFoundTitle', { code })}</h1>
          <p>{t('notFoundText')}</p>
        </>
      ) : report.data ? (
        <Report r={report.data} />
      ) : report.error ? (
        <ErrorBox error={report.error} onRetry={report.reload} />
      ) : (
        <Loading />
      )}
    </Layout>
  );
}

function Report({ r }: { r: PublicReport }) {
  const t = useT(s);
  const lang = useLang();
  const group = stateGroup(r.state);
  const photos = r.media.filter((m) => m.role !== 'proof');
  const place = r.place;
  return (
    <article className="public-report" aria-labelledby="report-title">
      <header>
        <h1 id="report-title">{r.title}</h1>
        <p className="row">
          <span>
            {t('code')}: <strong>{r.code}</strong>
          </span>
          <span className={GROUP_BADGE[group]}>{stateName(lang, r.state, r.stateLabel)}</span>
        </p>
      </header>

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          {t('facts')}
        </h2>
        <dl className="facts">
          <div>
            <dt>{t('kind')}</dt>
            <dd>{nameOf(kindNames, lang, r.kind)}</dd>
          </div>
          <div>
            <dt>{t('category')}</dt>
            <dd>{r.category.name}</dd>
          </div>
          {r.commune && (
            <div>
              <dt>{t('commune')}</dt>
              <dd>{r.commune}</dd>
            </div>
          )}
          {r.handlingAgency && (
            <div>
              <dt>{t('agency')}</dt>
              <dd>{r.handlingAgency}</dd>
            </div>
          )}
          <div>
            <dt>{t('submittedAt')}</dt>
            <dd>{formatDateTime(r.submittedAt)}</dd>
          </div>
          {r.occurredAt && (
            <div>
              <dt>{t('occurredAt')}</dt>
              <dd>{formatDateTime(r.occurredAt)}</dd>
            </div>
          )}
          {place?.address && (
            <div>
              <dt>{t('address')}</dt>
              <dd>{place.address}</dd>
            </div>
          )}
        </dl>
      </section>

      <FollowBox r={r} />

      <div className="grid-2">
        <section className="card" aria-labelledby="description-title">
          <h2 id="description-title">{t('description')}</h2>
          <p className="prewrap">{r.description}</p>
          {photos.length > 0 && (
            <>
              <h3>{t('media')}</h3>
              <Thumbs items={photos} alt={(n) => t('photoAlt', { n, code: r.code })} />
            </>
          )}
        </section>
        <section className="card" aria-labelledby="place-title">
          <h2 id="place-title">{t('place')}</h2>
          {place ? (
            <>
              {place.address && <p>{place.address}</p>}
              <LazyMap pin={place} focus={place} height={280} label={t('placeMap', { code: r.code })} />
            </>
          ) : (
            <p className="muted">{t('noPlace')}</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="result-title">
        <h2 id="result-title">{t('result')}</h2>
        {r.result ? (
          <>
            {r.result.publishedAt && <p className="muted small">{t('resultPublishedAt', { at: formatDateTime(r.result.publishedAt) })}</p>}
            {r.result.decision && (
              <p>
                <strong>{t('decision')}:</strong> {nameOf(decisionNames, lang, r.result.decision)}
              </p>
            )}
            {r.result.text && <p className="prewrap">{r.result.text}</p>}
            <ResultProofs proofs={r.result.proofs} heading={t('proofs')} photoAlt={(n) => t('proofAlt', { n, code: r.code })} />
          </>
        ) : (
          <p className="muted">{t('noResult')}</p>
        )}
        {r.rating && (
          <>
            <h3>{t('rating')}</h3>
            <p>
              <span className={isCodeOf(ratingNames, r.rating) ? RATING_BADGE[r.rating] : 'badge'}>{nameOf(ratingNames, lang, r.rating)}</span>
            </p>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <p className="small muted">{t('timelineNote')}</p>
        <ol className="timeline">
          {r.timeline.map((e, i) => (
            <li key={i}>
              <div className="small muted">
                <time dateTime={e.at ?? undefined}>{formatDateTime(e.at)}</time>
              </div>
              <div>
                <strong>{actionName(lang, e.action, e.label)}</strong>
                {e.state && e.stateLabel && <span className="muted"> → {stateName(lang, e.state, e.stateLabel)}</span>}
              </div>
              {e.agency ? (
                <div className="small">{t('byAgency', { agency: e.agency })}</div>
              ) : BY_REPORTER.includes(e.action) ? (
                <div className="small">{t('byCitizen')}</div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function FollowBox({ r }: { r: PublicReport }) {
  const t = useT(s);
  const { me } = useSession();
  const [followers, setFollowers] = useState(r.followers);
  const [following, setFollowing] = useState(false);
  const { busy, error, run } = useSubmit();
  const followable = FOLLOWABLE.includes(r.state);

  async function toggle() {
    await run(async () => {
      const path = `/api/v1/public/reports/${encodeURIComponent(r.code)}/follow`;
      const res = following ? await api.del<{ following: boolean; followers: number }>(path) : await api.post<{ following: boolean; followers: number }>(path);
      setFollowers(res.followers);
      setFollowing(res.following);
    });
  }

  return (
    <section className="card follow-box" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('follow')}</h2>
      <p aria-live="polite">{followers > 0 ? t('followers', { n: formatNumber(followers) }) : t('followersNone')}</p>
      {!followable ? (
        <p className="muted">
          {t('notFollowable')} <Link href="/app/reports/new">{t('submitReport')}</Link>
        </p>
      ) : !me ? (
        <>
          <p className="small muted">{t('followHint')}</p>
          <SignInLink className="button secondary">{t('signInToFollow')}</SignInLink>
        </>
      ) : me.kind === 'staff' ? (
        <p className="small muted">{t('staffCannotFollow')}</p>
      ) : (
        <>
          <ErrorBox error={error} />
          {following ? (
            <div className="row">
              <span className="badge ok" role="status">
                {t('following')}
              </span>
              <button type="button" className="button secondary small" onClick={() => void toggle()} disabled={busy}>
                {busy ? t('followBusy') : t('unfollow')}
              </button>
            </div>
          ) : (
            <>
              <p className="small muted">{t('followHint')}</p>
              <button type="button" className="button" onClick={() => void toggle()} disabled={busy}>
                {busy ? t('followBusy') : t('followButton')}
              </button>
            </>
          )}
        </>
      )}
    </section>
  );
}
