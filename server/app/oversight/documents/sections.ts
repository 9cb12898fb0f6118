/**
 * The figures of a report document mapped to its tables (issue 10 item 4; R-18.3b handling of reports, R-22/R-25.4
 * per agency, R-13 ratings, R-18.4 the month's reprimand flags): the ONE place that decides what a document shows.
 * Pure: it takes the figures the use cases computed (oversightSummary, reprimandFlags) and returns the generic
 * model the renderers draw (domain/oversight/document.ts). A new figure is one more section here.
 * Counts, report codes and agency names only — never a reporter.
 */
import { formatVietnamTime } from '../../../domain/calendar/index.ts';
import type { DocumentColumn, DocumentModel, DocumentRow, DocumentSection } from '../../../domain/oversight/document.ts';
import { workingTimeInWords } from '../../../domain/oversight/working-time.ts';
import { vietnameseDateTime } from '../../../domain/sanctions/index.ts';
import { RATINGS } from '../../../domain/workflow/index.ts';
import type { AlertFigures } from '../alert-figures.ts';
import type { ReprimandFlags } from '../reprimand.ts';
import { handlingFigures, sumHandling, percent, type HandlingFigures, type OversightSummary } from '../summary.ts';
import { monthLabel, periodTitle, type DocumentPeriod } from './periods.ts';

export interface DocumentFigures {
  period: DocumentPeriod;
  /** null: the whole city. */
  agencyName: string | null;
  generatedAt: Date;
  summary: OversightSummary;
  /** The month's reprimand flags (monthly documents only, R-18.4). */
  flags: ReprimandFlags | null;
  /** The alerts sent in the period (R-18.3b alert activity; levels). */
  alerts: AlertFigures;
}

/** How many agencies the chart of the agencies' table draws (the table has them all). */
const CHART_AGENCIES = 15;

const int = (key: string, label: string): DocumentColumn => ({ key, label, kind: 'integer', total: 'sum' });
const pct = (key: string, label: string, of: [string, string]): DocumentColumn => ({ key, label, kind: 'percent', total: { ratioOf: of } });

/** The handling columns shared by the agencies' and the months' tables (R-8.5: on time, late). */
const HANDLING: DocumentColumn[] = [
  int('received', 'Tiếp nhận'),
  int('accepted', 'Đã tiếp nhận xử lý'),
  int('rejected', 'Không tiếp nhận'),
  int('transferred', 'Đã chuyển'),
  int('inProgress', 'Đang xử lý'),
  int('published', 'Có kết quả'),
  int('onTime', 'Đúng hạn'),
  int('late', 'Trễ hạn'),
  pct('publishedPercent', 'Tỷ lệ có kết quả', ['published', 'received']),
  pct('onTimePercent', 'Tỷ lệ đúng hạn', ['onTime', 'received']),
  pct('latePercent', 'Tỷ lệ trễ hạn', ['late', 'received']),
];
const handlingRow = (f: HandlingFigures): DocumentRow => ({
  received: f.received,
  accepted: f.accepted,
  rejected: f.rejected,
  transferred: f.transferred,
  inProgress: f.inProgress,
  published: f.published,
  onTime: f.onTime,
  late: f.late,
  publishedPercent: f.publishedPercent,
  onTimePercent: f.onTimePercent,
  latePercent: f.latePercent,
});

/** The totals row of a section: sums, and percentages of the summed columns (as `percent` computes every figure). */
export function withTotals(section: DocumentSection): DocumentSection {
  if (!section.columns.some((c) => c.total) || section.rows.length === 0) return section;
  const totals: DocumentRow = {};
  const sum = (key: string) => section.rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
  for (const c of section.columns) {
    if (c.total === 'sum') totals[c.key] = sum(c.key);
    else if (c.total) totals[c.key] = percent(sum(c.total.ratioOf[0]), sum(c.total.ratioOf[1]));
    else totals[c.key] = null;
  }
  return { ...section, totals };
}

function overview(s: OversightSummary, flags: ReprimandFlags | null): DocumentSection {
  const t = s.totals;
  const r = s.ratings;
  const rows: DocumentRow[] = [
    { item: 'Phản ánh, kiến nghị tiếp nhận', count: t.received, share: null },
    { item: 'Đã tiếp nhận, chuyển cơ quan xử lý', count: t.accepted, share: percent(t.accepted, t.received) },
    { item: 'Không tiếp nhận (Điều 6.2)', count: t.rejected, share: percent(t.rejected, t.received) },
    { item: 'Đã chuyển cơ quan khác / cấp trên', count: t.transferred, share: percent(t.transferred, t.received) },
    { item: 'Đang xử lý', count: t.inProgress, share: percent(t.inProgress, t.received) },
    { item: 'Có kết quả xử lý', count: t.published, share: t.publishedPercent },
    { item: 'Xử lý đúng hạn', count: t.onTime, share: t.onTimePercent },
    { item: 'Trễ hạn', count: t.late, share: t.latePercent },
    { item: 'Được người phản ánh đánh giá', count: r.rated, share: percent(r.rated, t.received) },
    { item: 'Hài lòng (tỷ lệ hài lòng trên số lượt đánh giá)', count: r.satisfied, share: r.satisfactionPercent },
    { item: 'Sáng kiến tiếp nhận (R-9)', count: s.initiatives.received, share: null },
    { item: 'Sáng kiến đã trả lời', count: s.initiatives.answered, share: percent(s.initiatives.answered, s.initiatives.received) },
    { item: 'Sáng kiến được tiếp thu (toàn bộ hoặc một phần, trên số đã trả lời)', count: s.initiatives.adopted + s.initiatives.adoptedInPart, share: s.initiatives.adoptedPercent },
  ];
  if (flags)
    rows.push(
      { item: 'Cơ quan bị đề xuất kiểm điểm vì trễ hạn (R-18.4)', count: flags.agencies.length, share: null },
      { item: 'Vụ việc bị phản ánh lại, đề xuất kiểm điểm (R-18.4)', count: flags.matters.length, share: null },
    );
  return {
    key: 'overview',
    title: 'Tổng hợp',
    note: 'Phản ánh, kiến nghị gửi trong kỳ. Tỷ lệ tính trên số phản ánh tiếp nhận, trừ tỷ lệ hài lòng.',
    columns: [
      { key: 'item', label: 'Chỉ tiêu', kind: 'text' },
      { key: 'count', label: 'Số lượng', kind: 'integer' },
      { key: 'share', label: 'Tỷ lệ', kind: 'percent' },
    ],
    rows,
  };
}

function byAgency(s: OversightSummary): DocumentSection {
  return withTotals({
    key: 'agencies',
    title: 'Tình hình xử lý theo cơ quan',
    note: 'Theo cơ quan đang xử lý phản ánh (UBND cấp xã được giao, cơ quan xử lý, hoặc cơ quan tiếp nhận); nhiều phản ánh nhất trước.',
    columns: [{ key: 'agency', label: 'Cơ quan', kind: 'text' }, ...HANDLING],
    rows: s.byAgency.map((a) => ({ agency: a.agencyName, ...handlingRow(a) })),
    chart: { type: 'bar', title: `Đúng hạn và trễ hạn (${CHART_AGENCIES} cơ quan nhiều phản ánh nhất)`, categoryKey: 'agency', series: ['onTime', 'late'], maxCategories: CHART_AGENCIES },
  });
}

/** Every month of a longer period, months without reports included. */
function byMonth(s: OversightSummary): DocumentSection {
  const rows = s.months.map((month) => {
    const of = s.byAgencyMonth.filter((r) => r.month === month);
    return { month: monthLabel(month), ...handlingRow(handlingFigures(sumHandling(of))) };
  });
  return withTotals({
    key: 'months',
    title: 'Tình hình xử lý theo tháng',
    note: 'Theo tháng gửi phản ánh (giờ Việt Nam).',
    columns: [{ key: 'month', label: 'Tháng', kind: 'text' }, ...HANDLING],
    rows,
    chart: { type: 'bar', title: 'Đúng hạn và trễ hạn theo tháng', categoryKey: 'month', series: ['onTime', 'late'] },
  });
}

function byState(s: OversightSummary): DocumentSection {
  return withTotals({
    key: 'states',
    title: 'Phản ánh theo trạng thái',
    note: 'Trạng thái của các phản ánh gửi trong kỳ, tại thời điểm lập báo cáo.',
    columns: [{ key: 'state', label: 'Trạng thái', kind: 'text' }, int('count', 'Số phản ánh'), pct('share', 'Tỷ lệ', ['count', 'count'])],
    rows: s.byState.map((x) => ({ state: x.label, count: x.count, share: percent(x.count, s.total) })),
    chart: { type: 'pie', title: 'Phản ánh theo trạng thái', categoryKey: 'state', series: ['count'] },
  });
}

function ratings(s: OversightSummary): DocumentSection {
  const r = s.ratings;
  const rows = (Object.keys(RATINGS) as (keyof typeof RATINGS)[]).map((k) => ({ rating: RATINGS[k], count: r[k], share: percent(r[k], r.rated) }));
  return withTotals({
    key: 'ratings',
    title: 'Đánh giá của người phản ánh',
    note: 'Đánh giá kết quả xử lý của các phản ánh gửi trong kỳ (R-13); tỷ lệ trên số lượt đánh giá.',
    columns: [{ key: 'rating', label: 'Mức đánh giá', kind: 'text' }, int('count', 'Số lượt'), pct('share', 'Tỷ lệ', ['count', 'count'])],
    rows: r.rated === 0 ? [] : rows,
    chart: { type: 'pie', title: 'Tỷ lệ hài lòng', categoryKey: 'rating', series: ['count'] },
  });
}

/** the rejected reports per reason (a–e). */
function rejections(s: OversightSummary): DocumentSection {
  return withTotals({
    key: 'rejections',
    title: 'Không tiếp nhận theo lý do (Điều 6.2)',
    shortTitle: 'Không tiếp nhận theo lý do',
    note: 'Phản ánh gửi trong kỳ đã bị từ chối tiếp nhận, theo lý do tại Điều 6.2 Quy chế.',
    columns: [{ key: 'reason', label: 'Lý do', kind: 'text' }, int('count', 'Số phản ánh'), pct('share', 'Tỷ lệ', ['count', 'count'])],
    rows: s.rejectedByReason.map((r) => ({ reason: r.label, count: r.count, share: percent(r.count, s.totals.rejected) })),
  });
}

/** per unit of today's structure, reports filed under former units counted under today's. */
function byUnit(s: OversightSummary): DocumentSection {
  return withTotals({
    key: 'units',
    title: 'Tình hình xử lý theo xã, phường',
    note: 'Theo xã, phường hiện nay nơi xảy ra vụ việc; phản ánh gửi theo đơn vị hành chính cũ (trước 01/7/2025) được tính vào đơn vị hiện nay chứa vị trí phản ánh, hoặc đơn vị kế thừa duy nhất.',
    columns: [{ key: 'unit', label: 'Xã, phường', kind: 'text' }, ...HANDLING],
    rows: s.byUnit.map((u) => ({ unit: u.unitName, ...handlingRow(u) })),
  });
}

/** per stage, deadlines met and missed, and how long the finished stages took in working time. */
function stages(s: OversightSummary): DocumentSection {
  const within = (m: number | null, finished: number) => (m !== null ? `trong vòng ${workingTimeInWords(m)}` : finished > 0 ? 'trên 60 ngày làm việc' : '—');
  return withTotals({
    key: 'stages',
    title: 'Thời hạn và thời gian xử lý theo giai đoạn',
    shortTitle: 'Theo giai đoạn',
    note: 'Các thời hạn của phản ánh gửi trong kỳ, theo giai đoạn; thời gian tính bằng thời gian làm việc, cho các giai đoạn đã kết thúc (50% và 90% kết thúc trong vòng).',
    columns: [
      { key: 'stage', label: 'Giai đoạn', kind: 'text' },
      int('deadlines', 'Số thời hạn'),
      int('onTime', 'Đúng hạn'),
      int('late', 'Trễ hạn'),
      pct('latePercent', 'Tỷ lệ trễ hạn', ['late', 'deadlines']),
      int('finished', 'Đã kết thúc'),
      { key: 'median', label: '50% kết thúc', kind: 'text' },
      { key: 'p90', label: '90% kết thúc', kind: 'text' },
    ],
    rows: s.stages.map((x) => ({
      stage: x.label,
      deadlines: x.deadlines,
      onTime: x.onTime,
      late: x.late,
      latePercent: x.latePercent,
      finished: x.finished,
      median: within(x.medianWithinMinutes, x.finished),
      p90: within(x.p90WithinMinutes, x.finished),
    })),
    chart: { type: 'bar', title: 'Đúng hạn và trễ hạn theo giai đoạn', categoryKey: 'stage', series: ['onTime', 'late'] },
  });
}

const LEVELS = { city: 'Cấp Thành phố', district: 'Cấp huyện (trước 01/7/2025)', commune: 'Cấp xã' } as const;

/** R-18.3b alert activity: alerts sent per issuing level, residents reached and how many read them. */
function alertActivity(a: AlertFigures): DocumentSection {
  return withTotals({
    key: 'alerts',
    title: 'Hoạt động thông tin, cảnh báo',
    shortTitle: 'Thông tin, cảnh báo',
    note: 'Thông tin, cảnh báo gửi trong kỳ theo cấp gửi (R-15, R-16, R-17); lượt tiếp cận là số người dân trong phạm vi nhận của từng tin, cộng theo tin; đã xem trên số lượt tiếp cận.',
    columns: [
      { key: 'level', label: 'Cấp gửi', kind: 'text' },
      int('sent', 'Số tin đã gửi'),
      int('warning', 'Trong đó cảnh báo'),
      int('cancelled', 'Đã hủy sau khi gửi'),
      int('reach', 'Lượt tiếp cận'),
      int('read', 'Lượt đã xem'),
      pct('readPercent', 'Tỷ lệ đã xem', ['read', 'reach']),
    ],
    rows: a.byLevel.map((l) => ({ level: LEVELS[l.level], sent: l.sent, warning: l.warning, cancelled: l.cancelled, reach: l.reach, read: l.read, readPercent: l.readPercent })),
  });
}

/** R-18.4 (2): agencies late in more than 30 % of the month's reports, with the late reports' codes. */
function lateAgencies(f: ReprimandFlags): DocumentSection {
  return {
    key: 'reprimand-agencies',
    title: `Đề xuất kiểm điểm: cơ quan trễ hạn trên ${f.thresholds.latePercent}% phản ánh`,
    shortTitle: 'Kiểm điểm - cơ quan trễ hạn',
    note: 'R-18.4: phản ánh có thời hạn tiếp nhận hoặc xử lý của cơ quan đến hạn trong tháng; trễ khi một thời hạn kết thúc sau hạn hoặc đã quá hạn.',
    columns: [
      { key: 'agency', label: 'Cơ quan', kind: 'text' },
      { key: 'reports', label: 'Phản ánh đến hạn', kind: 'integer' },
      { key: 'late', label: 'Trễ hạn', kind: 'integer' },
      { key: 'latePercent', label: 'Tỷ lệ trễ hạn', kind: 'percent' },
      { key: 'codes', label: 'Mã phản ánh trễ hạn', kind: 'text' },
    ],
    rows: f.agencies.map((a) => ({ agency: a.agencyName, reports: a.reports, late: a.late, latePercent: percent(a.late, a.reports), codes: a.lateCodes.join(', ') })),
  };
}

/** R-18.4 (1): matters re-reported with 5 or more "Chưa hài lòng" ratings, flagged in the month of the 5th. */
function matters(f: ReprimandFlags): DocumentSection {
  return {
    key: 'reprimand-matters',
    title: 'Đề xuất kiểm điểm: vụ việc chưa được giải quyết dứt điểm',
    shortTitle: 'Kiểm điểm - vụ việc',
    note: `R-18.4: vụ việc bị phản ánh lại với từ ${f.thresholds.unsatisfiedRatings} lượt đánh giá "Chưa hài lòng"; thuộc tháng có lượt thứ ${f.thresholds.unsatisfiedRatings}.`,
    columns: [
      { key: 'matter', label: 'Vụ việc (mã phản ánh đầu tiên)', kind: 'text' },
      { key: 'unsatisfied', label: 'Lượt chưa hài lòng', kind: 'integer' },
      { key: 'reachedAt', label: 'Đạt ngưỡng lúc', kind: 'text' },
      { key: 'agencies', label: 'Cơ quan xử lý', kind: 'text' },
      { key: 'reports', label: 'Các phản ánh', kind: 'text' },
    ],
    rows: f.matters.map((m) => ({
      matter: m.matter,
      unsatisfied: m.unsatisfied,
      // reachedAt is already Vietnam time (+07:00): shown as "10:00 ngày 20/04/2026".
      reachedAt: vietnameseDateTime(new Date(m.reachedAt)),
      agencies: m.agencies.map((a) => a.agencyName).join('; '),
      reports: m.reports.map((r) => r.code).join(', '),
    })),
  };
}

export function documentModel(f: DocumentFigures): DocumentModel {
  const s = f.summary;
  const months = s.months.length > 1 ? [byMonth(s)] : [];
  const flags = f.flags ? [lateAgencies(f.flags), matters(f.flags)] : [];
  return {
    title: periodTitle(f.period),
    subtitle: `Tình hình tiếp nhận, xử lý phản ánh, kiến nghị trên iHanoi — ${f.agencyName ?? 'Toàn Thành phố'}`,
    facts: [
      `Kỳ báo cáo: từ ${vietnameseDateTime(new Date(s.period.start))} đến trước ${vietnameseDateTime(new Date(s.period.end))} (giờ Việt Nam)`,
      `Số liệu tính đến: ${vietnameseDateTime(new Date(s.asOf))}`,
      `Lập lúc: ${vietnameseDateTime(f.generatedAt)} (${formatVietnamTime(f.generatedAt)})`,
      'Nguồn: Nền tảng iHanoi — Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
    ],
    sections: [overview(s, f.flags), byAgency(s), ...months, byUnit(s), stages(s), byState(s), rejections(s), ratings(s), alertActivity(f.alerts), ...flags],
  };
}
