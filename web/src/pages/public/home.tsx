/**
 * The public home page: what iHanoi is, the way to send a report, a map of the reports being handled or with a
 * result, and the list of public reports with filters (kind, category, commune, status, period) kept in the
 * address, so that a filtered list can be linked to (the dashboard's drill-down links do).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import { loadCommunes } from '../../api/reference.ts';
import type { Page, PublicReport, PublicSummary } from '../../api/types.ts';
import { allStateLabels, useWorkflows } from '../../api/workflows.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { CategoryFilter, SelectField } from '../../components/fields.tsx';
import { Layout } from '../../components/layout.tsx';
import { LazyMap } from '../../components/lazy-map.tsx';
import type { MapMarker } from '../../components/map-view.tsx';
import { Pager, pageCount } from '../../components/pager.tsx';
import { formatDateTime, formatNumber, isDate, nextDay } from '../../format.ts';
import { GROUP_BADGE, GROUP_COLOR, byStateOrder, groupNames, isCodeOf, kindNames, nameOf, optionsOf, stateGroup, stateName, type StateGroup } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { PUBLIC_FILTERS, publicListHref, type PublicFilters as Filters } from './address.ts';
import { s } from './strings.ts';

const PAGE_SIZE = 20;
/** Reports shown on the map: being handled or with a result (not those still waiting to be received). */
const ON_MAP: StateGroup[] = ['processing', 'result'];

const NO_FILTERS = Object.fromEntries(PUBLIC_FILTERS.map((k) => [k, ''])) as Filters;

function readFilters(search: string): Filters & { page: number } {
  const p = new URLSearchParams(search);
  const get = (k: keyof Filters) => p.get(k) ?? '';
  const page = Math.max(1, Math.floor(Number(p.get('page')) || 1));
  return {
    kind: isCodeOf(kindNames, get('kind')) ? get('kind') : '',
    category: get('category'),
    unit: /^[0-9]{4}(-[0-9]{2})?\/[0-9]{2,5}$/.test(get('unit')) ? get('unit') : '',
    state: get('state'),
    from: isDate(get('from')) ? get('from') : '',
    to: isDate(get('to')) ? get('to') : '',
    page,
  };
}

type Place = { lat: number; lng: number };
/** Places already read, by report code (they do not change once a report is public). */
const placeCache = new Map<string, Place | null>();

/**
 * The places of the reports to draw. The list's items carry no place today, so each report on the page is read
 * once (4 at a time, remembered); when the list gains `place`, it is used directly and nothing more is fetched.
 */
function usePlaces(items: PublicSummary[] | undefined): { places: Record<string, Place | null>; loading: boolean } {
  const [places, setPlaces] = useState<Record<string, Place | null>>({});
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!items) return;
    let alive = true;
    const known: Record<string, Place | null> = {};
    const missing: string[] = [];
    for (const item of items) {
      if (!ON_MAP.includes(stateGroup(item.state))) continue;
      const inline = (item as PublicSummary & { place?: Place | null }).place;
      if (inline !== undefined) known[item.code] = inline ? { lat: inline.lat, lng: inline.lng } : null;
      else if (placeCache.has(item.code)) known[item.code] = placeCache.get(item.code) ?? null;
      else missing.push(item.code);
    }
    setPlaces(known);
    setLoading(missing.length > 0);
    const worker = async () => {
      for (let code = missing.shift(); code && alive; code = missing.shift()) {
        try {
          const r = await api.get<PublicReport>(`/api/v1/public/reports/${encodeURIComponent(code)}`);
          const place = r.place ? { lat: r.place.lat, lng: r.place.lng } : null;
          placeCache.set(code, place);
          if (alive) setPlaces((p) => ({ ...p, [code]: place }));
        } catch {
          /* not drawn: the list still shows it */
        }
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]).then(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [items]);
  return { places, loading };
}

export default function Home() {
  const t = useT(s);
  const lang = useLang();
  const search = useSearch();
  const [, navigate] = useLocation();
  const applied = useMemo(() => readFilters(search), [search]);
  const [form, setForm] = useState<Filters>(applied);
  useEffect(() => setForm(applied), [applied]);
  const anyFilter = Object.values({ ...applied, page: '' }).some(Boolean);
  const [filtersOpen] = useState(() => anyFilter || window.matchMedia('(min-width: 700px)').matches);

  useEffect(() => {
    document.title = `${t('listTitle')} — iHanoi`;
  }, [lang]);

  const units = useAsync(loadCommunes, []);
  const communes = useMemo(() => [...(units.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [units.data]);
  const wf = useWorkflows();
  // The public sees every state but "not accepted" (it may be advertising or abuse, R-6.2e).
  const stateLabels = wf ? allStateLabels(wf) : new Map<string, string>();
  const publicStates = byStateOrder(stateLabels.keys()).filter((st) => st !== 'rejected');

  const list = useAsync(
    () =>
      api.get<Page<PublicSummary>>('/api/v1/public/reports', {
        kind: applied.kind,
        category: applied.category,
        unit: applied.unit,
        state: applied.state,
        from: applied.from ? `${applied.from}T00:00` : undefined,
        to: applied.to ? `${nextDay(applied.to)}T00:00` : undefined,
        limit: PAGE_SIZE,
        offset: (applied.page - 1) * PAGE_SIZE,
      }),
    [search],
  );
  const items = list.data?.items;
  const { places, loading: placesLoading } = usePlaces(items);
  const markers = useMemo<MapMarker[]>(
    () =>
      (items ?? []).flatMap((r) => {
        const place = places[r.code];
        if (!place) return [];
        const group = stateGroup(r.state);
        return [{ ...place, color: GROUP_COLOR[group], label: `${r.code} — ${r.title} (${stateName(lang, r.state, r.stateLabel)})`, onClick: () => navigate(`/reports/${r.code}`) }];
      }),
    [items, places, lang, navigate],
  );

  const set = (k: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(publicListHref(form));
  }

  return (
    <Layout wide>
      <section className="public-hero" aria-labelledby="home-title">
        <div>
          <h1 id="home-title">{t('homeTitle')}</h1>
          <p>{t('intro')}</p>
          <p>{t('introPublic')}</p>
        </div>
        <div className="public-cta">
          <Link href="/app/reports/new" className="button cta">
            {t('submitReport')}
          </Link>
          <p className="small">{t('submitHint')}</p>
          <p className="small">
            <Link href="/app/reception">{t('reception')}</Link>
          </p>
        </div>
      </section>

      <div className="public-home">
        <section className="public-map" aria-labelledby="map-title">
          <h2 id="map-title">{t('mapTitle')}</h2>
          <LazyMap markers={markers} height={360} label={t('mapLabel')} />
          <p className="small muted">
            {t('mapNote')} {placesLoading && <span role="status">{t('mapLoading')}</span>}
          </p>
          <ul className="legend small" aria-label={t('legend')}>
            {ON_MAP.map((g) => (
              <li key={g}>
                <span className="legend-dot" style={{ background: GROUP_COLOR[g] }} aria-hidden="true" />
                {nameOf(groupNames, lang, g)}
              </li>
            ))}
          </ul>
        </section>

        <section className="public-list" aria-labelledby="list-title">
          <h2 id="list-title">{t('listTitle')}</h2>
          <details className="card filters" open={filtersOpen}>
            <summary>{t('filters')}</summary>
            <form className="form" onSubmit={submit} role="search" aria-label={t('filters')}>
              <div className="filter-grid">
                <SelectField id="f-kind" label={t('kind')} value={form.kind} onChange={set('kind')} all options={optionsOf(kindNames, lang)} />
                <CategoryFilter id="f-category" label={t('category')} kind={form.kind} value={form.category} onChange={set('category')} />
                <SelectField id="f-unit" label={t('commune')} value={form.unit} onChange={set('unit')} all options={communes.map((u) => ({ value: `${u.version}/${u.code}`, label: u.fullName }))} />
                <SelectField
                  id="f-state"
                  label={t('state')}
                  value={form.state}
                  onChange={set('state')}
                  all
                  options={publicStates.map((st) => ({ value: st, label: stateName(lang, st, stateLabels.get(st)) }))}
                />
                <div className="field">
                  <label htmlFor="f-from">{t('from')}</label>
                  <input id="f-from" type="date" value={form.from} max={form.to || undefined} onChange={(e) => set('from')(e.target.value)} />
                </div>
                <div className="field">
                  <label htmlFor="f-to">{t('to')}</label>
                  <input id="f-to" type="date" value={form.to} min={form.from || undefined} onChange={(e) => set('to')(e.target.value)} />
                </div>
              </div>
              <div className="row">
                <button type="submit" className="button">
                  {t('apply')}
                </button>
                {anyFilter && (
                  <Link href="/" className="button secondary" onClick={() => setForm(NO_FILTERS)}>
                    {t('clear')}
                  </Link>
                )}
              </div>
            </form>
          </details>

          <Loaded state={list}>
            {(page) => {
              const pages = pageCount(page.total, PAGE_SIZE);
              return (
                <>
                  <p role="status" aria-live="polite" className="muted">
                    {page.total === 0 ? t('foundNone') : t('found', { n: formatNumber(page.total) })}
                  </p>
                  {page.items.length > 0 && (
                    <ul className="list report-list" aria-label={t('results')} aria-busy={list.loading}>
                      {page.items.map((r) => (
                        <ReportItem key={r.code} r={r} />
                      ))}
                    </ul>
                  )}
                  <Pager page={applied.page} pages={pages} href={(n) => publicListHref(applied, n)} className="spread paging" />
                </>
              );
            }}
          </Loaded>
        </section>
      </div>
    </Layout>
  );
}

function ReportItem({ r }: { r: PublicSummary }) {
  const t = useT(s);
  const lang = useLang();
  const group = stateGroup(r.state);
  return (
    <li>
      <h3 className="report-title">
        <Link href={`/reports/${r.code}`}>{r.title}</Link>
      </h3>
      <div className="row small">
        <span className={GROUP_BADGE[group]}>{stateName(lang, r.state, r.stateLabel)}</span>
        <span>
          <span className="visually-hidden">{t('code')}: </span>
          {r.code}
        </span>
        <span>{r.category.name}</span>
      </div>
      <div className="small muted">
        {[r.commune, r.handlingAgency && `${t('agency')}: ${r.handlingAgency}`, r.submittedAt && `${t('submittedAt')} ${formatDateTime(r.submittedAt)}`].filter(Boolean).join(' · ')}
      </div>
    </li>
  );
}
