/**
 * The agencies' ranking (R-22, R-25.4) for a month, quarter or year kept in the address (`period`, default last
 * month) — GET /api/v1/oversight/rankings — with the agencies without enough reports listed "Chưa đủ số liệu";
 * the officers proposed for commendation (R-27.4, GET /api/v1/oversight/commendations); the criteria in force and
 * who changed them (GET /api/v1/oversight/evaluation-criteria). The administrator (evaluation.manage) edits the
 * criteria here (PUT): whole numbers within their ranges, weights adding up to 100 and a reason, checked before
 * sending; the server's own objections are shown beside their fields.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import { ErrorBox, Loaded, useAsync, useSubmit } from '../../components/async.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Layout } from '../../components/layout.tsx';
import { formatDateTime, formatNumber, hanoiNowInput } from '../../format.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { CRITERIA_KEYS, CRITERIA_LIMITS } from '../../../../server/domain/oversight/ranking.ts';
import type { AgencyRanking, Commendations, CriteriaInForce, EvaluationCriteria } from './api-types.ts';
import { addMonths, MONTH, monthsBack, OverseerNav, periodKindOf, periodLabel, QUARTER, quartersBack, useCanSee, useTitle, YEAR, yearsBack, type PeriodKind } from './area.tsx';
import { p } from './pages.strings.ts';
import { TableWrap, usePercent } from './shared.tsx';

/** The ranges of the criteria, both ends included: the server's own (its module has type imports only). */
const LIMITS = CRITERIA_LIMITS;
const KEYS = CRITERIA_KEYS;
const NOTE_MIN = 3;
const NOTE_MAX = 500;

const isPeriod = (s: string) => MONTH.test(s) || QUARTER.test(s) || YEAR.test(s);

function useScore() {
  const lang = useLang();
  const f = useMemo(() => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 3 }), [lang]);
  return (n: number) => f.format(n);
}

export default function RankingsPage() {
  const t = useT(p);
  const lang = useLang();
  const can = useCanSee();
  useTitle(t('rankingsTitle'));
  const search = useSearch();
  const [, navigate] = useLocation();
  const current = hanoiNowInput().slice(0, 7);
  const asked = new URLSearchParams(search).get('period') ?? '';
  const period = isPeriod(asked) ? asked : addMonths(current, -1);
  const [kind, setKind] = useState<PeriodKind>(periodKindOf(period));
  const [chosen, setChosen] = useState(period);
  useEffect(() => {
    setKind(periodKindOf(period));
    setChosen(period);
  }, [period]);
  const choices: Record<PeriodKind, string[]> = useMemo(
    () => ({ month: monthsBack(current, 36), quarter: quartersBack(current, 12), year: yearsBack(current, 6) }),
    [current],
  );
  const [tick, setTick] = useState(0);
  const ranking = useAsync(() => (can.overseer ? api.get<AgencyRanking>('/api/v1/oversight/rankings', { period }) : Promise.resolve(null)), [period, can.overseer, tick]);
  const commendations = useAsync(() => (can.overseer ? api.get<Commendations>('/api/v1/oversight/commendations', { period }) : Promise.resolve(null)), [period, can.overseer, tick]);
  const criteria = useAsync(() => api.get<CriteriaInForce>('/api/v1/oversight/evaluation-criteria'), [tick]);

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`/overseer/rankings?${new URLSearchParams({ period: chosen }).toString()}`);
  }
  const kindOptions = (['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: t(k === 'month' ? 'kindMonth' : k === 'quarter' ? 'kindQuarter' : 'kindYear') }));
  const shown = periodLabel(lang, period);

  return (
    <Layout wide>
      <OverseerNav />
      <h1>{t('rankingsTitle')}</h1>
      {can.overseer && (
        <form className="card form dash-filters" onSubmit={submit} aria-label={t('periodChoice')}>
          <div className="dash-filter-grid">
            <SelectField
              id="r-kind"
              label={t('periodKind')}
              value={kind}
              onChange={(v) => {
                const k = v as PeriodKind;
                setKind(k);
                setChosen(choices[k][k === 'month' ? 1 : 0]!);
              }}
              options={kindOptions}
            />
            <SelectField
              id="r-period"
              label={t('period')}
              value={chosen}
              onChange={setChosen}
              keep={(v) => periodLabel(lang, v)}
              options={choices[kind].map((v) => ({ value: v, label: periodLabel(lang, v) }))}
            />
          </div>
          <div>
            <button type="submit" className="button">
              {t('showRanking')}
            </button>
          </div>
        </form>
      )}

      {can.overseer ? (
        <>
          <Loaded state={ranking}>{(r) => r && <RankingTable data={r} label={shown} busy={ranking.loading} />}</Loaded>
          <Loaded state={commendations}>{(c) => c && <CommendationsTable data={c} label={shown} />}</Loaded>
        </>
      ) : (
        <p className="notice">{t('rankingForbidden')}</p>
      )}

      <Loaded state={criteria}>
        {(c) => (
          <>
            <CriteriaInForceView data={c} />
            {can.admin && <CriteriaForm current={c} onSaved={() => setTick((n) => n + 1)} />}
          </>
        )}
      </Loaded>
    </Layout>
  );
}

function RankingTable({ data, label, busy }: { data: AgencyRanking; label: string; busy: boolean }) {
  const t = useT(p);
  const pct = usePercent();
  const score = useScore();
  const c = data.criteria;
  const caption = t('rankingCaption', { period: label });
  return (
    <section aria-labelledby="ranking-title" aria-busy={busy}>
      <h2 id="ranking-title">{caption}</h2>
      <p className="muted" role="status">
        {data.complete ? t('asOfComplete', { asOf: formatDateTime(data.asOf) }) : t('asOfProvisional', { asOf: formatDateTime(data.asOf) })}
      </p>
      <p className="small muted">{t('rankingNote', { w1: c.onTimeWeight, w2: c.satisfactionWeight, n: c.minReports })}</p>
      {data.agencies.length === 0 ? (
        <p className="card">{t('rankingNone')}</p>
      ) : (
        <TableWrap label={caption}>
          <table className="wide-table ranking-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('colRank')}
                </th>
                <th scope="col">{t('colAgency')}</th>
                <th scope="col" className="num">
                  {t('colScore')}
                </th>
                <th scope="col" className="num">
                  {t('colOnTime')}
                </th>
                <th scope="col" className="num">
                  {t('colSatisfaction')}
                </th>
                <th scope="col" className="num">
                  {t('colReportCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.agencies.map((a) => (
                <tr key={a.agencyId} className={a.ranked ? undefined : 'unranked'}>
                  <td className="num">{a.ranked && a.rank !== null ? formatNumber(a.rank) : <span className="muted">{t('insufficient')}</span>}</td>
                  <th scope="row">{a.agencyName}</th>
                  <td className="num">{a.ranked ? score(a.score) : '—'}</td>
                  <td className="num">{pct(a.onTimePercent)}</td>
                  <td className="num">{pct(a.satisfactionPercent)}</td>
                  <td className="num">{formatNumber(a.reports)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function CommendationsTable({ data, label }: { data: Commendations; label: string }) {
  const t = useT(p);
  const pct = usePercent();
  const score = useScore();
  const c = data.criteria;
  const caption = t('commendationsCaption', { period: label });
  return (
    <section aria-labelledby="commend-title">
      <h2 id="commend-title">{t('commendations')}</h2>
      <p className="small muted">{t('commendationsNote', { n: c.officerMinHandled, s: c.officerMinSatisfactionPercent, o: c.officerMinOnTimePercent, max: c.officerMaxListed })}</p>
      {data.officers.length === 0 ? (
        <p className="card">{t('commendationsNone')}</p>
      ) : (
        <TableWrap label={caption}>
          <table className="wide-table commendations-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colOfficer')}</th>
                <th scope="col">{t('colAgency')}</th>
                <th scope="col" className="num">
                  {t('colScore')}
                </th>
                <th scope="col" className="num">
                  {t('colHandled')}
                </th>
                <th scope="col" className="num">
                  {t('colOnTime')}
                </th>
                <th scope="col" className="num">
                  {t('colSatisfaction')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.officers.map((o) => (
                <tr key={`${o.officerId}/${o.agencyId}`}>
                  <th scope="row">{o.officerName}</th>
                  <td>{o.agencyName}</td>
                  <td className="num">{score(o.score)}</td>
                  <td className="num">{formatNumber(o.handled)}</td>
                  <td className="num">{pct(o.onTimePercent)}</td>
                  <td className="num">{pct(o.satisfactionPercent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function CriteriaInForceView({ data }: { data: CriteriaInForce }) {
  const t = useT(p);
  const at = formatDateTime(data.changedAt);
  return (
    <section aria-labelledby="criteria-title">
      <h2 id="criteria-title">{t('criteria')}</h2>
      <p>{data.changedBy ? t('criteriaVersion', { v: data.version, at, who: data.changedBy.name }) : t('criteriaDefault', { v: data.version, at })}</p>
      <dl className="criteria-list card">
        {KEYS.map((k) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{formatNumber(data.criteria[k])}</dd>
          </div>
        ))}
      </dl>
      <p className="small">{t('criteriaReason', { note: data.note })}</p>
    </section>
  );
}

type Draft = Record<keyof EvaluationCriteria | 'note', string>;

function CriteriaForm({ current, onSaved }: { current: CriteriaInForce; onSaved: () => void }) {
  const t = useT(p);
  const [draft, setDraft] = useState<Draft>(() => ({ ...(Object.fromEntries(KEYS.map((k) => [k, String(current.criteria[k])])) as Record<keyof EvaluationCriteria, string>), note: '' }));
  const [local, setLocal] = useState<Partial<Record<keyof Draft, string>>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);

  const serverError = submit.error;
  const forbidden = serverError?.status === 403;
  const problem = (k: keyof Draft) => local[k] ?? serverError?.fieldMessage(k);

  function check(): Partial<Record<keyof Draft, string>> {
    const out: Partial<Record<keyof Draft, string>> = {};
    for (const k of KEYS) {
      const v = draft[k].trim();
      const n = Number(v);
      const { min, max } = LIMITS[k];
      if (!/^-?\d+$/.test(v) || n < min || n > max) out[k] = t('errNotInteger', { min, max });
    }
    if (!out.onTimeWeight && !out.satisfactionWeight) {
      const sum = Number(draft.onTimeWeight) + Number(draft.satisfactionWeight);
      if (sum !== 100) out.onTimeWeight = out.satisfactionWeight = t('errSum', { sum });
    }
    if (draft.note.trim().length < NOTE_MIN) out.note = t('errNote');
    return out;
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const found = check();
    setLocal(found);
    submit.setError(null);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#c-${first}`)?.focus();
      return;
    }
    await submit.run(async () => {
      const body = { ...Object.fromEntries(KEYS.map((k) => [k, Number(draft[k])])), note: draft.note.trim() };
      const result = await api.put<CriteriaInForce>('/api/v1/oversight/evaluation-criteria', body);
      setSaved(result.version);
      setDraft((d) => ({ ...d, note: '' }));
      onSaved();
    });
  }

  const set = (k: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [k]: value }));
    setSaved(null);
  };
  const hasLocal = Object.keys(local).length > 0;
  // The server's field problems are beside their fields; anything else (network, 5xx …) goes in the box.
  const onFields = Boolean(serverError && [...KEYS, 'note'].some((k) => serverError.fieldMessage(k)));
  const otherError = serverError && !forbidden && !onFields ? serverError : null;

  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">{t('editCriteria')}</h2>
      <p className="small muted">{t('editNote')}</p>
      <form ref={form} className="card form criteria-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="edit-title">
        {(hasLocal || onFields) && (
          <p className="error-box" role="alert">
            {t('errFix')}
          </p>
        )}
        {forbidden ? (
          <p className="error-box" role="alert">
            {t('editForbidden')}
          </p>
        ) : (
          <ErrorBox error={otherError} />
        )}
        <div className="criteria-grid">
          {KEYS.map((k) => (
            <TextField key={k} className="field" type="number" required id={`c-${k}`} label={t(k)} value={draft[k]} onChange={set(k)} hint={t('range', LIMITS[k])} error={problem(k)} min={LIMITS[k].min} max={LIMITS[k].max} />
          ))}
        </div>
        <label htmlFor="c-note">{t('note')}</label>
        <textarea
          id="c-note"
          rows={3}
          maxLength={NOTE_MAX}
          required
          value={draft.note}
          onChange={(e) => set('note')(e.target.value)}
          aria-invalid={problem('note') ? true : undefined}
          aria-describedby={['c-note-hint', problem('note') ? 'c-note-err' : ''].filter(Boolean).join(' ')}
        />
        <p className="hint" id="c-note-hint">
          {t('noteHint')}
        </p>
        {problem('note') && (
          <p className="field-error" id="c-note-err">
            {problem('note')}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={submit.busy}>
            {submit.busy ? t('saving') : t('saveCriteria')}
          </button>
        </div>
        <p role="status" className={saved !== null ? 'notice' : 'visually-hidden'}>
          {saved !== null ? t('saved', { v: saved }) : ''}
        </p>
      </form>
    </section>
  );
}
