/**
 * The dashboard's sections of issue 10 (item 5): reports not accepted per Art. 6.2 reason, per commune or ward of
 * today, per handling stage — on time, late, and how long the stopped deadlines took in working time —
 * per owing agency and stage, and the initiatives. Every chart has its table.
 */
import { Suspense, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { EChartsCoreOption } from 'echarts/core';
import type { OversightSummary, StageFigures } from '../../../../server/app/oversight/summary-types.ts';
import { formatNumber } from '../../format.ts';
import { rejectReasonNames, serverName, stageNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { Chart, COLORS, HandlingTable, LATE_SHARE, ShareTable, TableWrap, usePercent, workingTime } from './shared.tsx';
import { s } from './strings.ts';

/** Units listed before "Xem tất cả". */
export const TOP_UNITS = 20;

export function ReasonsSection({ data, periodText, staffHref }: { data: OversightSummary; periodText: string; staffHref: string }) {
  const t = useT(s);
  const lang = useLang();
  const rows = data.rejectedByReason;
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t('reasons')}</h2>
      {total === 0 ? (
        <p className="card">{t('reasonsNone')}</p>
      ) : (
        <>
          <ShareTable
            caption={t('reasonsCaption', { period: periodText })}
            head={t('colReason')}
            className="reasons-table"
            rows={rows.map((r) => ({ key: r.reason, name: serverName(rejectReasonNames, lang, r.reason, r.label), count: r.count }))}
            total={total}
          />
          <p>
            <Link href={staffHref}>{t('reasonsStaff')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export function UnitSection({ data, periodText, unitHref }: { data: OversightSummary; periodText: string; unitHref: (code: string) => string }) {
  const t = useT(s);
  const lang = useLang();
  const [all, setAll] = useState(false);
  const tableId = useId();
  const count = data.byUnit.length;
  const long = count > TOP_UNITS;
  const rows = long && !all ? data.byUnit.slice(0, TOP_UNITS) : data.byUnit;
  const caption = long && !all ? t('unitCaptionTop', { n: TOP_UNITS, total: count, period: periodText }) : t('unitCaptionAll', { total: count, period: periodText });
  return (
    <section aria-labelledby="unit-title">
      <h2 id="unit-title">{t('byUnit')}</h2>
      <p className="small muted">{t('byUnitNote')}</p>
      <HandlingTable
        id={tableId}
        caption={caption}
        head={t('colUnit')}
        rows={rows}
        rowKey={(r) => r.unitCode ?? '-'}
        rowName={(r) => (r.unitCode === null ? (lang === 'vi' ? r.unitName : t('unitUnknown')) : <Link href={unitHref(r.unitCode)}>{r.unitName}</Link>)}
      />
      {long && (
        <p>
          <button type="button" className="button secondary small" aria-expanded={all} aria-controls={tableId} onClick={() => setAll((v) => !v)}>
            {all ? t('showTopUnits', { n: TOP_UNITS }) : t('showAllUnits', { n: count })}
          </button>
        </p>
      )}
    </section>
  );
}

/** "50% trong vòng 2 giờ làm việc, 90% trong vòng 1,5 ngày làm việc"; "—" when no deadline of the stage stopped. */
export function useDuration() {
  const t = useT(s);
  const lang = useLang();
  return (st: Pick<StageFigures, 'finished' | 'medianWithinMinutes' | 'p90WithinMinutes'>) => {
    if (st.finished === 0) return '—';
    const bound = (m: number | null) => (m === null ? t('beyond') : t('within', { t: workingTime(t, lang, m) }));
    return t('durationLine', { median: bound(st.medianWithinMinutes), p90: bound(st.p90WithinMinutes) });
  };
}

export function StagesSection({ data, periodText }: { data: OversightSummary; periodText: string }) {
  const t = useT(s);
  const lang = useLang();
  const pct = usePercent();
  const duration = useDuration();
  const stageName = (st: { stage: string; label: string }) => serverName(stageNames, lang, st.stage, st.label);
  const stages = data.stages;
  const narrow = typeof window !== 'undefined' && window.innerWidth < 600;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { fontSize: 13, color: '#1a1a1a' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => pct(Number(v)) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: stages.map(stageName), axisLabel: { width: narrow ? 140 : 240, overflow: 'truncate', fontSize: 12, color: '#1a1a1a' } },
      series: [
        {
          name: t('colLatePercent'),
          type: 'bar',
          data: stages.map((st) => st.latePercent),
          itemStyle: { color: COLORS.late },
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => pct(Number(p.value)) },
        },
      ],
    }),
    [stages, lang, narrow],
  );

  // Agency × stage: the stages in the workflow's order (as `stages` lists them), the agencies by name.
  const stageOrder = useMemo(() => {
    const known = stages.map((st) => st.stage);
    const more = [...new Set(data.byAgencyStage.map((c) => c.stage))].filter((st) => !known.includes(st));
    return [...known, ...more];
  }, [data]);
  const matrix = useMemo(() => {
    const rows = new Map<string, { agencyName: string; cells: Map<string, OversightSummary['byAgencyStage'][number]> }>();
    for (const c of data.byAgencyStage) {
      const row = rows.get(c.agencyId) ?? { agencyName: c.agencyName, cells: new Map() };
      row.cells.set(c.stage, c);
      rows.set(c.agencyId, row);
    }
    return [...rows.entries()];
  }, [data]);
  const labelOf = (stage: string) => {
    const known = stages.find((st) => st.stage === stage) ?? data.byAgencyStage.find((c) => c.stage === stage);
    return stageName({ stage, label: known?.label ?? stage });
  };

  return (
    <section aria-labelledby="stages-title">
      <h2 id="stages-title">{t('stages')}</h2>
      <p className="small muted">{t('stagesNote')}</p>
      {stages.length === 0 ? (
        <p className="card">{t('stagesNone')}</p>
      ) : (
        <>
          <figure className="card chart-figure">
            <Suspense fallback={<p className="loading">{t('chartLoading')}</p>}>
              <Chart option={option} height={40 + Math.max(1, stages.length) * 38} />
            </Suspense>
            <figcaption className="small muted">{t('stagesChartCaption', { period: periodText })}</figcaption>
          </figure>
          <TableWrap label={t('stagesCaption', { period: periodText })}>
            <table className="wide-table stages-table">
              <caption>{t('stagesCaption', { period: periodText })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colStage')}</th>
                  {(['colDeadlines', 'colOnTime', 'colLate', 'colLatePercent', 'colFinished', 'colRunning'] as const).map((k) => (
                    <th key={k} scope="col" className="num">
                      {t(k)}
                    </th>
                  ))}
                  <th scope="col">{t('colDuration')}</th>
                </tr>
              </thead>
              <tbody>
                {stages.map((st) => (
                  <tr key={st.stage}>
                    <th scope="row">{stageName(st)}</th>
                    <td className="num">{formatNumber(st.deadlines)}</td>
                    <td className="num">{formatNumber(st.onTime)}</td>
                    <td className="num">{formatNumber(st.late)}</td>
                    <td className={st.latePercent > LATE_SHARE ? 'num late-cell' : 'num'}>{pct(st.latePercent)}</td>
                    <td className="num">{formatNumber(st.finished)}</td>
                    <td className="num">{formatNumber(st.running)}</td>
                    <td>{duration(st)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {matrix.length > 0 && (
            <details className="card month-details agency-stage-details">
              <summary>{t('agencyStage')}</summary>
              <TableWrap label={t('agencyStageCaption', { period: periodText })}>
                <table className="wide-table agency-stage-table">
                  <caption>{t('agencyStageCaption', { period: periodText })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('colAgency')}</th>
                      {stageOrder.map((st) => (
                        <th key={st} scope="col" className="num">
                          {labelOf(st)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {matrix.map(([agencyId, row]) => (
                      <tr key={agencyId}>
                        <th scope="row">{row.agencyName}</th>
                        {stageOrder.map((st) => {
                          const c = row.cells.get(st);
                          if (!c)
                            return (
                              <td key={st} className="num muted">
                                <span aria-hidden="true">—</span>
                                <span className="visually-hidden">{t('none')}</span>
                              </td>
                            );
                          return (
                            <td key={st} className={c.latePercent > LATE_SHARE ? 'num late-cell' : 'num'}>
                              {formatNumber(c.late)}/{formatNumber(c.deadlines)} <span className="muted">({pct(c.latePercent)})</span>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          )}
        </>
      )}
    </section>
  );
}

export function InitiativesSection({ data }: { data: OversightSummary }) {
  const t = useT(s);
  const pct = usePercent();
  const i = data.initiatives;
  return (
    <section aria-labelledby="initiatives-title">
      <h2 id="initiatives-title">{t('initiatives')}</h2>
      {i.received === 0 && i.answered === 0 ? (
        <p className="card">{t('initNone')}</p>
      ) : (
        <dl className="stat-grid initiative-grid">
          {(
            [
              ['initReceived', i.received],
              ['initAnswered', i.answered],
              ['initAdopted', i.adopted],
              ['initAdoptedInPart', i.adoptedInPart],
              ['initDeclined', i.declined],
            ] as const
          ).map(([k, n]) => (
            <div key={k} className="stat">
              <dt>{t(k)}</dt>
              <dd className="stat-value">{formatNumber(n)}</dd>
            </div>
          ))}
          <div className="stat ok">
            <dt>{t('initAdoptedPercent')}</dt>
            <dd className="stat-value">{i.answered === 0 ? '—' : pct(i.adoptedPercent)}</dd>
            <dd className="small muted">{t('ofAnswered', { n: formatNumber(i.answered) })}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
