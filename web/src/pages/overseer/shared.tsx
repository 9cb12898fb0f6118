/**
 * What the dashboard's sections share: month names, percentages, working times in words, the lazily loaded chart,
 * and the table of handling figures (received, accepted, rejected, transferred, in progress, published, on time,
 * late) drawn per agency, per agency and month, and per unit of today.
 */
import { lazy, useMemo, type ReactNode } from 'react';
import type { HandlingFigures } from '../../../../server/app/oversight/summary-types.ts';
import { workingTimeAmount } from '../../../../server/domain/oversight/working-time.ts';
import { formatNumber } from '../../format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { useLang, useT, type T } from '../../i18n/strings.ts';
import { s } from './strings.ts';

export const Chart = lazy(() => import('./chart.tsx'));

export const COLORS = { onTime: '#2e7d32', late: '#c62828', satisfied: '#2e7d32', acceptable: '#f9a825', unsatisfied: '#c62828' };

/** Above this share of late reports (or deadlines) a cell is drawn as late (R-18.4(2): more than 30 %). */
export const LATE_SHARE = 30;

export function monthLabel(lang: Lang, month: string): string {
  const [y, m] = month.split('-');
  if (lang === 'vi') return `${m}/${y}`;
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A percentage (of 100) in the interface's language: "33,3 %" / "33.3%". */
export function usePercent() {
  const lang = useLang();
  const f = useMemo(() => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }), [lang]);
  return (p: number) => f.format(p / 100);
}

/** A part of a whole in percent with one decimal, as the server rounds its own; 0 when the whole is 0. */
export const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);

/** Working minutes as people say them (the server's rule, workingTimeAmount), in the interface's language, one decimal at most. */
export function workingTime(t: T<keyof (typeof s)['vi']>, lang: Lang, minutes: number): string {
  const { unit, amount } = workingTimeAmount(minutes);
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(amount);
  if (unit === 'minutes') return t('minutes', { n });
  if (unit === 'hours') return t(amount === 1 ? 'hour' : 'hours', { n });
  return t(amount === 1 ? 'day' : 'days', { n });
}

/**
 * A table's horizontal scroller: a labelled region that takes the focus, so that a keyboard can scroll a table
 * wider than a phone.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A table of counts, each with its share of the total, and the total row: the reports not accepted per reason, the
 * ratings. `head` names the first column; each row's `name` is its row header.
 */
export function ShareTable({ caption, head, rows, total, className }: { caption: string; head: string; rows: { key: string; name: ReactNode; count: number }[]; total: number; className?: string }) {
  const t = useT(s);
  const pct = usePercent();
  return (
    <TableWrap label={caption}>
      <table className={className}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              {t('colCount')}
            </th>
            <th scope="col" className="num">
              {t('colShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td className="num">{formatNumber(r.count)}</td>
              <td className="num">{pct(percentOf(r.count, total))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            <td className="num">{formatNumber(total)}</td>
            <td className="num">{pct(100)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

const HANDLING_COLUMNS = ['colReceived', 'colAccepted', 'colRejected', 'colTransferred', 'colInProgress', 'colPublished', 'colOnTime', 'colLate'] as const;

/**
 * Handling figures per row (an agency, an agency and month, a unit): the row's name, `extra` columns after it,
 * then received, accepted, not accepted, transferred, in progress, published, on time and late (with their
 * shares of received). Late cells above 30 % are drawn as late.
 */
export function HandlingTable<R extends HandlingFigures>({
  caption,
  head,
  rows,
  rowKey,
  rowName,
  extra,
  id,
}: {
  caption: string;
  head: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowName: (row: R) => ReactNode;
  extra?: { head: string; cell: (row: R) => ReactNode };
  id?: string;
}) {
  const t = useT(s);
  const pct = usePercent();
  const cell = (n: number, p: number) => (
    <>
      {formatNumber(n)} <span className="muted">({pct(p)})</span>
    </>
  );
  return (
    <TableWrap label={caption}>
      <table className="wide-table handling-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {extra && <th scope="col">{extra.head}</th>}
            {HANDLING_COLUMNS.map((k) => (
              <th key={k} scope="col" className="num">
                {t(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              <th scope="row">{rowName(r)}</th>
              {extra && <td>{extra.cell(r)}</td>}
              <td className="num">{formatNumber(r.received)}</td>
              <td className="num">{formatNumber(r.accepted)}</td>
              <td className="num">{formatNumber(r.rejected)}</td>
              <td className="num">{formatNumber(r.transferred)}</td>
              <td className="num">{formatNumber(r.inProgress)}</td>
              <td className="num">{cell(r.published, r.publishedPercent)}</td>
              <td className="num">{cell(r.onTime, r.onTimePercent)}</td>
              <td className={r.latePercent > LATE_SHARE ? 'num late-cell' : 'num'}>{cell(r.late, r.latePercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
