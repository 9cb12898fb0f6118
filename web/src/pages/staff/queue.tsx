/**
 * /staff: the officer's queues (issue 4 item 11), one tab per kind of work their roles have — receiving,
 * assigning, processing, approving, cooperation, clarification — plus everything in scope and what is overdue.
 * Each line shows the nearest running deadline coloured by the time left (R-8.5) and the automatic checks'
 * findings (issue 5). Filters and the page live in the address, so a queue can be bookmarked and shared.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { Query } from '../../api/client.ts';
import { loadAgencies, loadCategories, loadCommunes, type Unit } from '../../api/reference.ts';
import type { Page, StaffQueueItem } from '../../api/types.ts';
import { allStateLabels, loadWorkflows } from '../../api/workflows.ts';
import { ErrorBox, Loading, useAsync } from '../../components/async.tsx';
import { common } from '../../components/common.strings.ts';
import { SelectField, type Option } from '../../components/fields.tsx';
import { Pager, pageCount } from '../../components/pager.tsx';
import { formatNumber } from '../../format.ts';
import { classificationNames, kindShortNames, optionsOf, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { HEAD_ROLES, REPORT_ROLES, loadQueue, rolesOf } from './data.ts';
import { DeadlineBadge } from './deadline.tsx';
import { FINDING_LABELS, s, type StaffKey } from './strings.ts';

type TabKey = 'receive' | 'assign' | 'processing' | 'approve' | 'cooperation' | 'clarification' | 'all' | 'overdue';

interface TabDef {
  key: TabKey;
  label: StaffKey;
  hint: StaffKey;
  /** The states of this queue; empty: any state. */
  states: string[];
  query: Query;
}

const PAGE_SIZE = 20;
const has = (roles: string[], ...wanted: string[]) => wanted.some((r) => roles.includes(r));

/** The queues that make sense for these roles (R-4.3: each step within its role's authority). */
export function tabsFor(roles: string[]): TabDef[] {
  const tabs: TabDef[] = [];
  const head = has(roles, ...HEAD_ROLES);
  const officer = roles.includes('processing_officer');
  if (has(roles, 'receiving_officer', 'center_operator'))
    tabs.push({ key: 'receive', label: 'tabReceive', hint: 'tabReceiveHint', states: ['submitted', 'verifying'], query: { actionable: true } });
  if (head)
    tabs.push({
      key: 'assign',
      label: 'tabAssign',
      hint: 'tabAssignHint',
      states: ['accepted', 'taken', ...(roles.includes('commune_leader') ? ['dispatched'] : [])],
      query: { actionable: true },
    });
  if (head || officer)
    tabs.push({
      key: 'processing',
      label: 'tabProcessing',
      hint: head ? 'tabProcessingHint' : 'tabProcessingMine',
      // `consulting`: an initiative the unit put to residents (R-9).
      states: head ? ['assigned', 'dispatched', 'draftRejected', ...(roles.includes('agency_head') ? ['consulting'] : [])] : ['assigned', 'draftRejected'],
      query: head ? {} : { assignee: 'me' },
    });
  if (head) tabs.push({ key: 'approve', label: 'tabApprove', hint: 'tabApproveHint', states: ['resultDrafted'], query: { actionable: true } });
  if (head || officer) tabs.push({ key: 'cooperation', label: 'tabCooperation', hint: 'tabCooperationHint', states: [], query: { cooperating: true } });
  if (head || officer) tabs.push({ key: 'clarification', label: 'tabClarification', hint: 'tabClarificationHint', states: ['clarificationRequested'], query: { actionable: true } });
  if (has(roles, ...REPORT_ROLES)) {
    tabs.push({ key: 'all', label: 'tabAll', hint: 'tabAllHint', states: [], query: {} });
    tabs.push({ key: 'overdue', label: 'tabOverdue', hint: 'tabOverdueHint', states: [], query: { overdue: true } });
  }
  return tabs;
}

/** A local date (YYYY-MM-DD) as the start of that day in Hanoi; `plusDays` 1 gives the next day's start. */
function dayStart(date: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays));
  return `${d.toISOString().slice(0, 10)}T00:00:00+07:00`;
}

const FILTER_KEYS = ['unit', 'category', 'kind', 'state', 'finding', 'overdue', 'sort', 'from', 'to', 'q'] as const;

export default function QueuePage() {
  const t = useT(s);
  const tc = useT(common);
  const lang = useLang();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const roles = rolesOf(me);
  const tabs = tabsFor(roles);
  const tab = tabs.find((x) => x.key === params.get('tab')) ?? tabs[0];
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(params.get('q') ?? '');

  const refs = useAsync(() => Promise.all([loadWorkflows(), loadAgencies(), loadCommunes(), loadCategories()]), []);

  /** Changes filters in the address; any change but the page's own goes back to page 1. */
  const setParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    const q = next.toString();
    navigate(`~/staff${q ? `?${q}` : ''}`);
  };

  const tabHref = (key: TabKey) => {
    const next = new URLSearchParams();
    next.set('tab', key);
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v && k !== 'state') next.set(k, v);
    }
    return `~/staff?${next.toString()}`;
  };

  // The queue's query: the tab's own narrowing, then the officer's filters.
  const chosenState = params.get('state') ?? '';
  const tabStates = tab?.states ?? [];
  const states = chosenState && (tabStates.length === 0 || tabStates.includes(chosenState)) ? [chosenState] : tabStates;
  const query: Query = {
    ...(tab?.query ?? {}),
    sort: params.get('sort') === 'submitted' ? 'submitted' : 'due',
    unit: params.get('unit'),
    category: params.get('category'),
    kind: params.get('kind'),
    finding: params.get('finding'),
    q: params.get('q'),
    from: dayStart(params.get('from') ?? ''),
    to: dayStart(params.get('to') ?? '', 1),
    ...(params.get('overdue') === 'true' || tab?.query.overdue ? { overdue: true } : {}),
  };
  const offset = (page - 1) * PAGE_SIZE;
  const queueKey = JSON.stringify([query, states, offset]);
  const list = useAsync<Page<StaffQueueItem> | null>(async () => (tab ? loadQueue(query, states, offset, PAGE_SIZE) : null), [queueKey, tab?.key]);

  // Totals per queue, for the tab labels (no filters: what waits in each queue).
  const counts = useAsync(async () => {
    const out: Partial<Record<TabKey, number>> = {};
    await Promise.all(
      tabs.map(async (x) => {
        out[x.key] = (await loadQueue(x.query, x.states, 0, 1)).total;
      }),
    );
    return out;
  }, [roles.join(',')]);

  useEffect(() => setText(params.get('q') ?? ''), [params]);

  if (!tab) {
    return (
      <>
        <h1>{t('queueTitle')}</h1>
        <p className="notice">{t('noReportRole')}</p>
      </>
    );
  }

  const [wf, agencies, communes, categories] = refs.data ?? [];
  const stateLabels = wf ? allStateLabels(wf) : new Map<string, string>();
  const stateOptions = tab.states.length ? tab.states : [...stateLabels.keys()];
  const myAgencyIds = new Set((me?.memberships ?? []).map((m) => m.agencyId));
  const communeOptions = scopeCommunes(communes?.items ?? [], (agencies ?? []).filter((a) => myAgencyIds.has(a.id)).flatMap((a) => a.jurisdiction), roles);
  const roleNames = roles.map((r) => t(`role_${r}` as StaffKey)).join(', ');
  /** A filter kept in the address under its own name. */
  const filter = (key: 'unit' | 'category' | 'kind' | 'finding', label: string, options: Option[]) => (
    <SelectField id={`f-${key}`} className="form" label={label} value={params.get(key) ?? ''} onChange={(v) => setParams({ [key]: v })} all options={options} />
  );

  const data = list.data;
  const shown = data?.items ?? [];
  const pages = data ? pageCount(data.total, PAGE_SIZE) : 1;

  return (
    <>
      <div className="spread">
        <h1>{t('queueTitle')}</h1>
        <p className="muted small">{t('myRoles', { roles: roleNames })}</p>
      </div>
      <nav aria-label={t('tabsLabel')} className="tabs staff-tabs">
        {tabs.map((x) => (
          <Link key={x.key} href={tabHref(x.key)} aria-current={x.key === tab.key ? 'page' : undefined}>
            {t(x.label)}
            {counts.data?.[x.key] !== undefined && counts.data[x.key]! > 0 && (
              <>
                {' '}
                <span className="count-badge">{formatNumber(counts.data[x.key]!)}</span>
              </>
            )}
          </Link>
        ))}
      </nav>
      <p className="hint">{t(tab.hint)}</p>
      <ErrorBox error={refs.error} onRetry={refs.reload} />

      <form className="card staff-filter-grid" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        {filter('unit', t('filterUnit'), communeOptions.map((u) => ({ value: `${u.version}/${u.code}`, label: u.fullName })))}
        {filter('category', t('filterCategory'), (categories ?? []).map((c) => ({ value: c.code, label: c.name })))}
        {filter('kind', t('filterKind'), optionsOf(kindShortNames, lang))}
        <SelectField
          id="f-state"
          className="form"
          label={t('filterState')}
          value={states.length === 1 && chosenState ? chosenState : ''}
          onChange={(v) => setParams({ state: v })}
          all
          options={stateOptions.map((st) => ({ value: st, label: stateLabels.get(st) ?? st }))}
        />
        {filter('finding', t('filterFinding'), optionsOf(FINDING_LABELS, lang))}
        <SelectField
          id="f-sort"
          className="form"
          label={t('filterSort')}
          value={params.get('sort') === 'submitted' ? 'submitted' : 'due'}
          onChange={(v) => setParams({ sort: v === 'due' ? null : v })}
          options={[
            { value: 'due', label: t('sortDue') },
            { value: 'submitted', label: t('sortSubmitted') },
          ]}
        />
        <div className="form">
          <label htmlFor="f-from">{t('filterFrom')}</label>
          <input id="f-from" type="date" value={params.get('from') ?? ''} onChange={(e) => setParams({ from: e.target.value })} />
        </div>
        <div className="form">
          <label htmlFor="f-to">{t('filterTo')}</label>
          <input id="f-to" type="date" value={params.get('to') ?? ''} onChange={(e) => setParams({ to: e.target.value })} />
        </div>
        {tab.key !== 'overdue' && (
          <label className="choice staff-check">
            <input type="checkbox" checked={params.get('overdue') === 'true'} onChange={(e) => setParams({ overdue: e.target.checked ? 'true' : null })} />
            {t('filterOverdue')}
          </label>
        )}
        <div className="staff-filter-actions">
          <button type="button" className="button secondary small" onClick={() => navigate(`~/staff?tab=${tab.key}`)}>
            {t('filterClear')}
          </button>
        </div>
      </form>

      <form
        className="form staff-search"
        role="search"
        aria-label={t('search')}
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: text.trim() || null });
        }}
      >
        <label htmlFor="f-search">{t('search')}</label>
        <div className="row">
          <input id="f-search" type="search" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} aria-describedby="f-search-hint" />
          <button type="submit" className="button small">
            {t('searchButton')}
          </button>
        </div>
        <p id="f-search-hint" className="hint">
          {t('searchHint')}
        </p>
      </form>

      <p role="status" aria-live="polite" className="staff-count">
        {list.loading ? tc('loading') : data ? t('resultCount', { total: formatNumber(data.total) }) : ''}
      </p>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {!data && list.loading && <Loading />}
      {data && shown.length === 0 && !list.loading && <p className="notice">{t('emptyQueue')}</p>}
      {data && shown.length > 0 && (
        <div className="table-wrap">
          <table className="staff-queue">
            <caption className="visually-hidden">{t(tab.label)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colReport')}</th>
                <th scope="col">{t('colWhere')}</th>
                <th scope="col">{t('colStateClass')}</th>
                <th scope="col">{t('colDeadline')}</th>
                <th scope="col">{t('colFindings')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <QueueRow key={item.id} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && <Pager page={page} pages={pages} onPage={(n) => setParams({ page: n > 1 ? String(n) : null })} className="row staff-paging" />}
      <p className="hint">{t('deadlineTimeNote')}</p>
    </>
  );
}

function QueueRow({ item }: { item: StaffQueueItem }) {
  const t = useT(s);
  const nearest = item.deadlines[0];
  return (
    <tr>
      <td>
        <Link href={`/reports/${item.id}`}>{item.title}</Link>
        <br />
        <span className="muted small staff-code">{item.code}</span>
      </td>
      <td>
        {item.category.name}
        <br />
        <span className="muted small">{item.commune ?? '—'}</span>
      </td>
      <td>
        {item.stateLabel}
        <br />
        {item.classification ? <ClassificationBadge value={item.classification} /> : <span className="muted small">{t('notClassified')}</span>}
      </td>
      <td>{nearest?.due ? <DeadlineBadge deadline={nearest} /> : <span className="muted small">{t('noDeadline')}</span>}</td>
      <td>
        <FindingBadges findings={item.findings} />
      </td>
    </tr>
  );
}

export function ClassificationBadge({ value }: { value: string }) {
  const classification = useNames(classificationNames);
  const tone = value === 'urgent' ? 'late' : value === 'complex' ? 'info' : '';
  return <span className={`badge ${tone}`}>{classification(value)}</span>;
}

/** Checks that point to an Art. 6.2 reason are amber; suggestions blue; the rest neutral. */
const REASON_CHECKS = new Set(['duplicate_media_exact', 'duplicate_media_near', 'known_public_image', 'duplicate_text', 'edited_photo', 'advertising', 'abusive', 'not_vietnamese']);
export function findingTone(check: string): string {
  if (REASON_CHECKS.has(check)) return 'warn';
  if (check === 'urgent_suggested' || check === 'complex_suggested') return 'info';
  return '';
}

/** Short names of the findings (the full wording is on the report); the server's label when the check is new. */
export function FindingBadges({ findings }: { findings: { check: string; label: string }[] }) {
  const finding = useNames(FINDING_LABELS);
  if (findings.length === 0) return <span className="muted small">—</span>;
  return (
    <ul className="staff-badges">
      {findings.map((f) => (
        <li key={f.check}>
          <span className={`badge ${findingTone(f.check)}`} title={f.label}>
            {finding(f.check, f.label)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Communes an officer can filter by: those of their agencies' jurisdictions when all are communes; every
 * commune for city-wide roles or agencies with a wider jurisdiction.
 */
function scopeCommunes(communes: Unit[], jurisdiction: { version: string; code: string }[], roles: string[]): Unit[] {
  if (has(roles, 'center_operator', 'city_overseer') || jurisdiction.length === 0) return communes;
  const inScope = communes.filter((u) => jurisdiction.some((j) => j.version === u.version && j.code === u.code));
  return inScope.length === jurisdiction.length ? inScope : communes;
}
