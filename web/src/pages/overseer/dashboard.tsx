/**
 * The Center's dashboard (R-18.3b, R-22, R-13, R-9): for a period of months and optional kind, category, agency
 * and commune/ward of today, the reports by state; received, accepted, not accepted (by Art. 6.2 reason),
 * transferred, in progress, published, on time and late per handling agency and month and per unit of today
 * (R-28.1); per handling stage the deadlines met and missed and how long they took in working time; the
 * reporters' ratings and the initiatives — from GET /api/v1/oversight/summary. The choice is kept in the address
 * (shareable); figures link to the reports behind them, and every chart has a table beside it.
 */
import { Suspense, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { EChartsCoreOption } from 'echarts/core';
import type { OversightSummary } from '../../../../server/app/oversight/summary-types.ts';
import { api } from '../../api/client.ts';
import { loadAgencies, loadCommunes } from '../../api/reference.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { CategoryFilter, SelectField } from '../../components/fields.tsx';
import { Layout } from '../../components/layout.tsx';
import { formatDateTime, formatNumber, hanoiNowInput, lastDayOfMonth } from '../../format.ts';
import { GROUP_BADGE, RATINGS, isCodeOf, kindNames, nameOf, optionsOf, ratingNames, stateGroup, stateName } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { publicListHref } from '../public/address.ts';
import { AlertsSection, ReprimandSection } from './activity-sections.tsx';
import { OverseerNav } from './area.tsx';
import { InitiativesSection, ReasonsSection, StagesSection, UnitSection } from './sections.tsx';
import { Chart, COLORS, HandlingTable, monthLabel, percentOf, ShareTable, usePercent } from './shared.tsx';
import { s } from './strings.ts';
import './overseer.css';

/** Agencies drawn in the bar chart (the table has them all). */
const CHART_AGENCIES = 15;
const MONTHS_BACK = 36;

interface Choice {
  from: string;
  to: string;
  kind: string;
  category: string;
  agency: string;
  /** A commune or ward of today's structure (its code, e.g. 00070). */
  unit: string;
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** For the chart's narrow axis only: "Ủy ban nhân dân Phường X" as people write it short, "UBND Phường X". */
const shortAgency = (name: string) => name.replace(/^Ủy ban nhân dân /u, 'UBND ');

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT = /^[0-9]{2,8}$/;

function readChoice(search: string, current: string): Choice {
  const p = new URLSearchParams(search);
  const to = MONTH.test(p.get('to') ?? '') ? (p.get('to') as string) : current;
  const from = MONTH.test(p.get('from') ?? '') ? (p.get('from') as string) : addMonths(to, -5);
  return {
    from,
    to,
    kind: isCodeOf(kindNames, p.get('kind')) ? (p.get('kind') as string) : '',
    category: p.get('category') ?? '',
    agency: UUID.test(p.get('agency') ?? '') ? (p.get('agency') as string) : '',
    unit: UNIT.test(p.get('unit') ?? '') ? (p.get('unit') as string) : '',
  };
}

function choiceHref(c: Choice): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(c)) if (v) p.set(k, v);
  return `/overseer?${p.toString()}`;
}

export default function Dashboard() {
  const t = useT(s);
  const lang = useLang();
  const search = useSearch();
  const [, navigate] = useLocation();
  const current = hanoiNowInput().slice(0, 7);
  // The flags' month (`flags`) is the reprimand section's own: changing it does not ask for the summary again.
  const choiceSearch = useMemo(() => {
    const q = new URLSearchParams(search);
    q.delete('flags');
    return q.toString();
  }, [search]);
  const choice = useMemo(() => readChoice(choiceSearch, current), [choiceSearch, current]);
  const [form, setForm] = useState<Choice>(choice);
  useEffect(() => setForm(choice), [choice]);
  useEffect(() => {
    document.title = `${t('title')} — iHanoi`;
  }, [lang]);

  const months = useMemo(() => Array.from({ length: MONTHS_BACK }, (_, i) => addMonths(current, -i)), [current]);
  const agencies = useAsync(loadAgencies, []);
  const agencyList = useMemo(() => [...(agencies.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [agencies.data]);
  const communes = useAsync(loadCommunes, []);
  const communeList = useMemo(() => [...(communes.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [communes.data]);
  // The public and staff lists name a unit with its structure version (the one in force here).
  const unitRef = choice.unit && communes.data ? `${communes.data.version}/${choice.unit}` : '';
  const summary = useAsync(
    () =>
      api.get<OversightSummary>('/api/v1/oversight/summary', {
        from: choice.from,
        to: choice.to,
        kind: choice.kind,
        categoryCode: choice.category,
        agencyId: choice.agency,
        unitCode: choice.unit,
      }),
    [choice],
  );

  const forbidden = summary.error?.code === 'FORBIDDEN' && !summary.data;

  const set = (k: keyof Choice) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const monthOptions = months.map((m) => ({ value: m, label: monthLabel(lang, m) }));
  const keepMonth = (m: string) => monthLabel(lang, m);
  function submit(e: FormEvent) {
    e.preventDefault();
    // A reversed period is put the right way round rather than refused.
    const [from, to] = form.from <= form.to ? [form.from, form.to] : [form.to, form.from];
    navigate(choiceHref({ ...form, from, to }));
  }

  return (
    <Layout wide>
      <OverseerNav />
      <h1>{t('title')}</h1>
      {!forbidden && (
        <form className="card form dash-filters" onSubmit={submit} aria-label={t('filters')}>
          <div className="dash-filter-grid">
            <SelectField id="d-from" label={t('fromMonth')} value={form.from} onChange={set('from')} keep={keepMonth} options={monthOptions} />
            <SelectField id="d-to" label={t('toMonth')} value={form.to} onChange={set('to')} keep={keepMonth} options={monthOptions} />
            <SelectField id="d-kind" label={t('kind')} value={form.kind} onChange={set('kind')} all options={optionsOf(kindNames, lang)} />
            <CategoryFilter id="d-category" label={t('category')} kind={form.kind} value={form.category} onChange={set('category')} />
            <SelectField id="d-agency" label={t('agency')} value={form.agency} onChange={set('agency')} all keep={(id) => id} options={agencyList.map((a) => ({ value: a.id, label: a.name }))} />
            <SelectField id="d-unit" label={t('unit')} value={form.unit} onChange={set('unit')} all keep={(code) => code} options={communeList.map((u) => ({ value: u.code, label: u.fullName }))} />
          </div>
          <div>
            <button type="submit" className="button">
              {t('show')}
            </button>
          </div>
        </form>
      )}

      {forbidden ? (
        // A role of the Center without the oversight permission: say so, not "something went wrong".
        <p className="warning-box" role="alert">
          {t('gateNoRole')}
        </p>
      ) : (
        <>
          <Loaded state={summary}>{(data) => <Figures data={data} choice={choice} unitRef={unitRef} busy={summary.loading} />}</Loaded>
          <ReprimandSection current={current} />
          <AlertsSection from={choice.from} to={choice.to} />
        </>
      )}
    </Layout>
  );
}

function Figures({ data, choice, unitRef, busy }: { data: OversightSummary; choice: Choice; unitRef: string; busy: boolean }) {
  const t = useT(s);
  const lang = useLang();
  const pct = usePercent();
  const periodText = data.from === data.to ? monthLabel(lang, data.from) : `${monthLabel(lang, data.from)} – ${monthLabel(lang, data.to)}`;
  // Drill-down: the public list of the same period and filters (dates are Hanoi dates).
  const listHref = (extra: { state?: string; from?: string; to?: string } = {}) =>
    `~${publicListHref({ kind: choice.kind, category: choice.category, unit: unitRef, from: `${data.from}-01`, to: lastDayOfMonth(data.to), ...extra })}`;
  const staffHref = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams({
      from: `${data.from}-01`,
      to: lastDayOfMonth(data.to),
      ...(choice.kind ? { kind: choice.kind } : {}),
      ...(choice.category ? { category: choice.category } : {}),
      ...(unitRef ? { unit: unitRef } : {}),
      ...extra,
    });
    return `~/staff?${p.toString()}`;
  };
  const unitHref = (code: string) => `~${choiceHref({ ...choice, unit: code })}`;
  const tot = data.totals;
  const ofReceived = (n: number) => t('ofReceived', { p: pct(percentOf(n, tot.received)) });

  return (
    <div aria-busy={busy}>
      <p className="muted" role="status">
        {t('periodLine', { from: monthLabel(lang, data.from), to: monthLabel(lang, data.to), asOf: formatDateTime(data.asOf) })}
      </p>

      <section aria-labelledby="overview-title">
        <h2 id="overview-title">{t('overview')}</h2>
        <dl className="stat-grid">
          <Stat label={t('received')} value={formatNumber(tot.received)} />
          <Stat label={t('accepted')} value={formatNumber(tot.accepted)} note={ofReceived(tot.accepted)} />
          <Stat label={t('rejected')} value={formatNumber(tot.rejected)} note={ofReceived(tot.rejected)} />
          <Stat label={t('transferred')} value={formatNumber(tot.transferred)} note={ofReceived(tot.transferred)} />
          <Stat label={t('inProgress')} value={formatNumber(tot.inProgress)} note={ofReceived(tot.inProgress)} />
          <Stat label={t('published')} value={formatNumber(tot.published)} note={t('ofReceived', { p: pct(tot.publishedPercent) })} />
          <Stat tone="ok" label={t('onTime')} value={formatNumber(tot.onTime)} note={t('ofReceived', { p: pct(tot.onTimePercent) })} />
          <Stat tone="late" label={t('late')} value={formatNumber(tot.late)} note={t('ofReceived', { p: pct(tot.latePercent) })} />
          <Stat label={t('satisfaction')} value={pct(data.ratings.satisfactionPercent)} note={t('ofRated', { n: formatNumber(data.ratings.rated) })} />
        </dl>
        <p className="small muted">{t('overviewNote')}</p>
      </section>

      {data.total === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <>
          <section aria-labelledby="state-title">
            <h2 id="state-title">{t('byState')}</h2>
            <p className="small muted">{t('byStateNote')}</p>
            <ul className="stat-grid state-grid">
              {data.byState.map((st) => (
                <li key={st.state} className="stat">
                  <Link href={st.state === 'rejected' ? staffHref({ state: st.state }) : listHref({ state: st.state })}>
                    <span className="stat-value">{formatNumber(st.count)}</span> <span className={GROUP_BADGE[stateGroup(st.state)]}>{stateName(lang, st.state, st.label)}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <p>
              <Link href={staffHref()}>{t('staffList')}</Link>
            </p>
          </section>

          <ReasonsSection data={data} periodText={periodText} staffHref={staffHref({ state: 'rejected' })} />
          <AgencySection data={data} periodText={periodText} listHref={listHref} />
          <StagesSection data={data} periodText={periodText} />
          <UnitSection data={data} periodText={periodText} unitHref={unitHref} />
          <RatingsSection data={data} listHref={listHref} />
          {(choice.kind === '' || choice.kind === 'initiative') && <InitiativesSection data={data} />}
        </>
      )}
    </div>
  );
}

/** One figure of the overview: its name, the number, what it is a share of. */
function Stat({ label, value, note, tone }: { label: string; value: string; note?: string; tone?: 'ok' | 'late' }) {
  return (
    <div className={tone ? `stat ${tone}` : 'stat'}>
      <dt>{label}</dt>
      <dd className="stat-value">{value}</dd>
      {note && <dd className="small muted">{note}</dd>}
    </div>
  );
}

function AgencySection({ data, periodText, listHref }: { data: OversightSummary; periodText: string; listHref: (extra?: { state?: string; from?: string; to?: string }) => string }) {
  const t = useT(s);
  const lang = useLang();
  const pct = usePercent();
  const [month, setMonth] = useState('');
  const shownMonth = data.months.includes(month) ? month : '';
  const rows = useMemo(
    () =>
      shownMonth
        ? data.byAgencyMonth.filter((r) => r.month === shownMonth).sort((a, b) => b.received - a.received || a.agencyName.localeCompare(b.agencyName, 'vi'))
        : data.byAgency,
    [data, shownMonth],
  );
  const shownPeriod = shownMonth ? monthLabel(lang, shownMonth) : periodText;
  const top = rows.slice(0, CHART_AGENCIES);
  const narrow = typeof window !== 'undefined' && window.innerWidth < 600;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { fontSize: 13, color: '#1a1a1a' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => pct(Number(v)) },
      legend: { top: 0, data: [t('onTime'), t('late')], textStyle: { fontSize: 13 } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => shortAgency(r.agencyName)), axisLabel: { width: narrow ? 150 : 260, overflow: 'truncate', fontSize: 12, color: '#1a1a1a' } },
      series: [
        { name: t('onTime'), type: 'bar', stack: 'share', data: top.map((r) => r.onTimePercent), itemStyle: { color: COLORS.onTime } },
        { name: t('late'), type: 'bar', stack: 'share', data: top.map((r) => r.latePercent), itemStyle: { color: COLORS.late } },
      ],
    }),
    [top, lang, narrow],
  );
  const drillFrom = shownMonth ? `${shownMonth}-01` : `${data.from}-01`;
  const drillTo = shownMonth ? lastDayOfMonth(shownMonth) : lastDayOfMonth(data.to);

  return (
    <section aria-labelledby="agency-title">
      <h2 id="agency-title">{t('byAgency')}</h2>
      <p className="small muted">{t('byAgencyNote')}</p>
      <div className="row">
        <label htmlFor="d-chart-month" className="label">
          {t('chartMonth')}
        </label>
        <select id="d-chart-month" className="auto-width" value={shownMonth} onChange={(e) => setMonth(e.target.value)}>
          <option value="">
            {t('wholePeriod')} ({periodText})
          </option>
          {data.months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(lang, m)}
            </option>
          ))}
        </select>
      </div>
      <figure className="card chart-figure">
        <Suspense fallback={<p className="loading">{t('chartLoading')}</p>}>
          <Chart option={option} height={56 + Math.max(1, top.length) * 34} />
        </Suspense>
        <figcaption className="small muted">{t('barCaption', { n: top.length, period: shownPeriod })}</figcaption>
      </figure>
      <HandlingTable caption={t('tableCaption', { period: shownPeriod })} head={t('colAgency')} rows={rows} rowKey={(r) => r.agencyId} rowName={(r) => r.agencyName} />
      <p>
        <Link href={listHref({ from: drillFrom, to: drillTo })}>{t('drillPeriod', { period: shownMonth ? t('monthN', { m: shownPeriod }) : shownPeriod })}</Link>
      </p>
      <details className="card month-details">
        <summary>{t('monthTable')}</summary>
        <HandlingTable
          caption={t('monthTableCaption')}
          head={t('colAgency')}
          rows={data.byAgencyMonth}
          rowKey={(r) => `${r.agencyId}/${r.month}`}
          rowName={(r) => r.agencyName}
          extra={{ head: t('colMonth'), cell: (r) => <Link href={listHref({ from: `${r.month}-01`, to: lastDayOfMonth(r.month) })}>{monthLabel(lang, r.month)}</Link> }}
        />
      </details>
    </section>
  );
}

function RatingsSection({ data, listHref }: { data: OversightSummary; listHref: (extra?: { state?: string }) => string }) {
  const t = useT(s);
  const lang = useLang();
  const pct = usePercent();
  const r = data.ratings;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { fontSize: 13, color: '#1a1a1a' },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, textStyle: { fontSize: 13 } },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '45%'],
          label: { formatter: '{d}%' },
          // Empty slices are left out (their "0%" labels would overlap); the table lists every rating.
          data: RATINGS.filter((k) => r[k] > 0).map((k) => ({ name: nameOf(ratingNames, lang, k), value: r[k], itemStyle: { color: COLORS[k] } })),
        },
      ],
    }),
    [r, lang],
  );
  return (
    <section aria-labelledby="ratings-title">
      <h2 id="ratings-title">{t('ratings')}</h2>
      {r.rated === 0 ? (
        <p className="card">{t('ratingsNone')}</p>
      ) : (
        <div className="grid-2 ratings">
          <figure className="card chart-figure">
            <Suspense fallback={<p className="loading">{t('chartLoading')}</p>}>
              <Chart option={option} height={280} />
            </Suspense>
            <figcaption className="small muted">{t('pieCaption')}</figcaption>
          </figure>
          <div>
            <ShareTable
              caption={t('ratingsCaption')}
              head={t('colRating')}
              rows={RATINGS.map((k) => ({
                key: k,
                name: (
                  <>
                    <span className="legend-swatch" style={{ background: COLORS[k] }} aria-hidden="true" /> {nameOf(ratingNames, lang, k)}
                  </>
                ),
                count: r[k],
              }))}
              total={r.rated}
            />
            <p>{t('satisfactionLine', { p: pct(r.satisfactionPercent), n: formatNumber(r.satisfied), rated: formatNumber(r.rated) })}</p>
            <p>
              <Link href={listHref({ state: 'rated' })}>{t('drillRated')}</Link>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
