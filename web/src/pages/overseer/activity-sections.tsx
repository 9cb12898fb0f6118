/**
 * The dashboard's sections of issue 10 items 2 and 3: the month's proposals for review (R-18.4, GET
 * /api/v1/oversight/reprimand-flags — "flags go to the Center's dashboard"), for a month of their own kept in the
 * address as `flags` (default: last month); and the activity of information and warnings (R-18.3b, GET
 * /api/v1/oversight/alert-figures) for the dashboard's period: per level and per issuing body.
 */
import { useId, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import type { AlertFigures, ReprimandFlags } from './api-types.ts';
import { addMonths, MONTH, monthsBack, staffCodeHref } from './area.tsx';
import { p } from './pages.strings.ts';
import { monthLabel, TableWrap, usePercent } from './shared.tsx';

/** Rows of the per-issuer table before "Xem tất cả". */
export const TOP_ISSUERS = 20;

/** The month of the flags in the address (`flags`), or last month. */
export function flagsMonthOf(search: string, current: string): string {
  const m = new URLSearchParams(search).get('flags') ?? '';
  return MONTH.test(m) ? m : addMonths(current, -1);
}

function CodeLinks({ codes }: { codes: readonly string[] }) {
  const t = useT(p);
  if (codes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="code-list">
      {codes.map((c) => (
        <li key={c}>
          <Link href={staffCodeHref(c)} aria-label={t('openReport', { code: c })}>
            {c}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function ReprimandSection({ current }: { current: string }) {
  const t = useT(p);
  const lang = useLang();
  const pct = usePercent();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const month = flagsMonthOf(search, current);
  const flags = useAsync(() => api.get<ReprimandFlags>('/api/v1/oversight/reprimand-flags', { month }), [month]);
  const choose = (m: string) => {
    const q = new URLSearchParams(search);
    q.set('flags', m);
    navigate(`${location}?${q.toString()}`, { replace: true });
  };
  const months = monthsBack(current, 36);
  return (
    <section aria-labelledby="flags-title" className="flags-section">
      <h2 id="flags-title">{t('flags')}</h2>
      <div className="row">
        <label htmlFor="d-flags-month" className="label">
          {t('flagsMonth')}
        </label>
        <select id="d-flags-month" className="auto-width" value={month} onChange={(e) => choose(e.target.value)}>
          {!months.includes(month) && <option value={month}>{monthLabel(lang, month)}</option>}
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(lang, m)}
            </option>
          ))}
        </select>
      </div>
      <Loaded state={flags}>
        {(f) => {
          const m = monthLabel(lang, f.month);
          const n = f.thresholds.unsatisfiedRatings;
          const latePct = f.thresholds.latePercent;
          return (
            <div aria-busy={flags.loading}>
              <p className="small muted">{t('flagsRules', { n, p: latePct })}</p>
              <p className="muted" role="status">
                {f.complete ? t('asOfComplete', { asOf: formatDateTime(f.asOf) }) : t('asOfProvisional', { asOf: formatDateTime(f.asOf) })}
              </p>
              <h3>{t('flagsAgencies', { p: latePct })}</h3>
              {f.agencies.length === 0 ? (
                <p className="card">{t('flagsAgenciesNone', { p: latePct, m })}</p>
              ) : (
                <TableWrap label={t('flagsAgenciesCaption', { m })}>
                  <table className="wide-table flags-agencies">
                    <caption>{t('flagsAgenciesCaption', { m })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('colAgencies')}</th>
                        <th scope="col" className="num">
                          {t('colDue')}
                        </th>
                        <th scope="col" className="num">
                          {t('colLateCount')}
                        </th>
                        <th scope="col" className="num">
                          {t('colPending')}
                        </th>
                        <th scope="col" className="num">
                          {t('colLateShare')}
                        </th>
                        <th scope="col">{t('colLateCodes')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {f.agencies.map((a) => (
                        <tr key={a.agencyId}>
                          <th scope="row">{a.agencyName}</th>
                          <td className="num">{formatNumber(a.reports)}</td>
                          <td className="num">{formatNumber(a.late)}</td>
                          <td className="num">{formatNumber(a.pending)}</td>
                          <td className="num late-cell">{pct(a.lateShare)}</td>
                          <td>
                            <CodeLinks codes={a.lateCodes} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              <h3>{t('flagsMatters', { n })}</h3>
              {f.matters.length === 0 ? (
                <p className="card">{t('flagsMattersNone', { n, m })}</p>
              ) : (
                <TableWrap label={t('flagsMattersCaption', { m })}>
                  <table className="wide-table flags-matters">
                    <caption>{t('flagsMattersCaption', { m })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('colMatter')}</th>
                        <th scope="col" className="num">
                          {t('colUnsatisfied')}
                        </th>
                        <th scope="col">{t('colReachedAt')}</th>
                        <th scope="col">{t('colAgencies')}</th>
                        <th scope="col">{t('colReports')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {f.matters.map((x) => (
                        <tr key={x.matter}>
                          <th scope="row">
                            <Link href={staffCodeHref(x.matter)} aria-label={t('openReport', { code: x.matter })}>
                              {x.matter}
                            </Link>
                          </th>
                          <td className="num">{formatNumber(x.unsatisfied)}</td>
                          <td>{formatDateTime(x.reachedAt)}</td>
                          <td>
                            <ul className="code-list">
                              {x.agencies.map((a) => (
                                <li key={a.agencyId}>
                                  {a.agencyName} ({formatNumber(a.unsatisfied)})
                                </li>
                              ))}
                            </ul>
                          </td>
                          <td>
                            <CodeLinks codes={x.reports.map((r) => r.code)} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}

type LevelKey = 'levelCity' | 'levelDistrict' | 'levelCommune';
const LEVEL_KEYS: Record<string, LevelKey> = { city: 'levelCity', district: 'levelDistrict', commune: 'levelCommune' };

export function useLevelName() {
  const t = useT(p);
  return (level: string) => (LEVEL_KEYS[level] ? t(LEVEL_KEYS[level]) : level);
}

export function AlertsSection({ from, to }: { from: string; to: string }) {
  const t = useT(p);
  const lang = useLang();
  const pct = usePercent();
  const levelName = useLevelName();
  const [all, setAll] = useState(false);
  const tableId = useId();
  const figures = useAsync(() => api.get<AlertFigures>('/api/v1/oversight/alert-figures', { from, to }), [from, to]);
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alerts')}</h2>
      <p className="small muted">{t('alertsNote')}</p>
      <Loaded state={figures}>
        {(a) => {
          const period = a.from === a.to ? monthLabel(lang, a.from) : `${monthLabel(lang, a.from)} – ${monthLabel(lang, a.to)}`;
          if (a.totals.sent === 0) return <p className="card">{t('alertsNone')}</p>;
          const count = a.byAgency.length;
          const long = count > TOP_ISSUERS;
          const rows = long && !all ? a.byAgency.slice(0, TOP_ISSUERS) : a.byAgency;
          const agencyCaption = long && !all ? t('alertsAgencyCaptionTop', { n: TOP_ISSUERS, total: count, period }) : t('alertsAgencyCaptionAll', { total: count, period });
          const cells = (x: AlertFigures['totals']) => (
            <>
              <td className="num">{formatNumber(x.sent)}</td>
              <td className="num">{formatNumber(x.information)}</td>
              <td className="num">{formatNumber(x.warning)}</td>
              <td className="num">{formatNumber(x.cancelled)}</td>
              <td className="num">{formatNumber(x.reach)}</td>
              <td className="num">{formatNumber(x.read)}</td>
              <td className="num">{pct(x.readPercent)}</td>
            </>
          );
          const heads = (['colSent', 'colInformation', 'colWarning', 'colCancelled', 'colReach', 'colRead', 'colReadPercent'] as const).map((k) => (
            <th key={k} scope="col" className="num">
              {t(k)}
            </th>
          ));
          return (
            <div aria-busy={figures.loading}>
              <TableWrap label={t('alertsLevelCaption', { period })}>
                <table className="wide-table alerts-level-table">
                  <caption>{t('alertsLevelCaption', { period })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('colLevel')}</th>
                      {heads}
                    </tr>
                  </thead>
                  <tbody>
                    {a.byLevel.map((l) => (
                      <tr key={l.level}>
                        <th scope="row">{levelName(l.level)}</th>
                        {cells(l)}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('total')}</th>
                      {cells(a.totals)}
                    </tr>
                  </tfoot>
                </table>
              </TableWrap>
              <TableWrap label={agencyCaption}>
                <table className="wide-table alerts-agency-table" id={tableId}>
                  <caption>{agencyCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('colIssuer')}</th>
                      <th scope="col">{t('colLevel')}</th>
                      {heads}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.agencyId}>
                        <th scope="row">{r.agencyName}</th>
                        <td>{levelName(r.level)}</td>
                        {cells(r)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {long && (
                <p>
                  <button type="button" className="button secondary small" aria-expanded={all} aria-controls={tableId} onClick={() => setAll((v) => !v)}>
                    {all ? t('showTop', { n: TOP_ISSUERS }) : t('showAll', { n: count })}
                  </button>
                </p>
              )}
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}
