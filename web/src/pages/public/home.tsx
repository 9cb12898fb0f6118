/**
 * The public home page: what iHanoi is, the way to send a report, a map of the reports being handled or with a
 * result, and the list of public reports with filters (kind, category, commune, status, period) kept in the
 * address, so that a filtered list can be linked to (the dashboard's drill-down links do).
 */
import { lazy, Suspense, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import type { Page, PublicReport, PublicSummary } from '../../api/types.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { common } from '../../components/common.strings.ts';
import { Layout } from '../../components/layout.tsx';
import type { MapMarker } from '../../components/map-view.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import {
  GROUP_BADGE,
  GROUP_COLOR,
  KINDS,
  PUBLIC_STATES,
  groupNames,
  isDate,
  kindNames,
  nameOf,
  nextDay,
  stateGroup,
  stateName,
  stateNames,
  type StateGroup,
} from './labels.ts';
import { s } from './strings.ts';

const MapView = lazy(() => import('../../components/map-view.tsx'));

const PAGE_SIZE = 20;
/** Reports shown on the map: being handled or with a result (not those still waiting to be received). */
const ON_MAP: StateGroup[] = ['processing', 'result'];

interface Filters {
  kind: string;
  category: string;
  unit: string;
  state: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { kind: '', category: '', unit: '', state: '', from: '', to: '' };

function readFilters(search: string): Filters & { page: number } {
  const p = new URLSearchParams(search);
  const get = (k: keyof Filters) => p.get(k) ?? '';
  const page = Math.max(1, Math.floor(Number(p.get('page')) || 1));
  return {
    kind: (KINDS as readonly string[]).includes(get('kind')) ? get('kind') : '',
    category: get('category'),
    unit: /^[0-9]{4}(-[0-9]{2})?\/[0-9]{2,5}$/.test(get('unit')) ? get('unit') : '',
    state: get('state'),
    from: isDate(get('from')) ? get('from') : '',
    to: isDate(get('to')) ? get('to') : '',
    page,
  };
}

function filtersSearch(f: Filters, page = 1): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(NO_FILTERS) as (keyof Filters)[]) if (f[k]) p.set(k, f[k]);
  if (page > 1) p.set('page', String(page));
  const q = p.toString();
  return q ? `/?${q}` : '/';
}

interface Category {
  code: string;
  name: string;
  kinds: string[];
}
interface Unit {
  version: string;
  code: string;
  name: string;
  fullName: string;
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
  const tc = useT(common);
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

  const categories = useAsync(() => api.get<{ items: Category[] }>('/api/v1/categories', { kind: form.kind || undefined }), [form.kind]);
  const units = useAsync(() => api.get<{ version: string; items: Unit[] }>('/api/v1/units', { level: 'commune' }), []);
  const communes = useMemo(() => [...(units.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi')), [units.data]);

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

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(filtersSearch(form));
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
        </div>
      </section>

      <div className="public-home">
        <section className="public-map" aria-labelledby="map-title">
          <h2 id="map-title">{t('mapTitle')}</h2>
          <Suspense fallback={<div className="map map-placeholder" style={{ height: 360 }} />}>
            <MapView markers={markers} height={360} label={t('mapLabel')} />
          </Suspense>
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
                <div className="field">
                  <label htmlFor="f-kind">{t('kind')}</label>
                  <select id="f-kind" value={form.kind} onChange={set('kind')}>
                    <option value="">{t('all')}</option>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {nameOf(kindNames, lang, k)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="f-category">{t('category')}</label>
                  <select id="f-category" value={form.category} onChange={set('category')}>
                    <option value="">{t('all')}</option>
                    {form.category && !categories.data?.items.some((c) => c.code === form.category) && <option value={form.category}>{form.category}</option>}
                    {(categories.data?.items ?? []).map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="f-unit">{t('commune')}</label>
                  <select id="f-unit" value={form.unit} onChange={set('unit')}>
                    <option value="">{t('all')}</option>
                    {communes.map((u) => (
                      <option key={u.code} value={`${u.version}/${u.code}`}>
                        {u.fullName}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="f-state">{t('state')}</label>
                  <select id="f-state" value={form.state} onChange={set('state')}>
                    <option value="">{t('all')}</option>
                    {PUBLIC_STATES.map((st) => (
                      <option key={st} value={st}>
                        {nameOf(stateNames, lang, st)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="f-from">{t('from')}</label>
                  <input id="f-from" type="date" value={form.from} max={form.to || undefined} onChange={set('from')} />
                </div>
                <div className="field">
                  <label htmlFor="f-to">{t('to')}</label>
                  <input id="f-to" type="date" value={form.to} min={form.from || undefined} onChange={set('to')} />
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
              const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
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
                  {pages > 1 && (
                    <nav className="spread paging" aria-label={t('paging')}>
                      {applied.page > 1 ? (
                        <Link href={filtersSearch(applied, applied.page - 1)} className="button secondary small" rel="prev">
                          {tc('previous')}
                        </Link>
                      ) : (
                        <span />
                      )}
                      <span aria-current="page">{tc('pageOf', { page: applied.page, pages })}</span>
                      {applied.page < pages ? (
                        <Link href={filtersSearch(applied, applied.page + 1)} className="button secondary small" rel="next">
                          {tc('next')}
                        </Link>
                      ) : (
                        <span />
                      )}
                    </nav>
                  )}
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
