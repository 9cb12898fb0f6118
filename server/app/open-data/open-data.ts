/**
 * Open data (issue 8 item 3, R-18.5 / R-20): published reports as GeoJSON and CSV, and daily figures per commune
 * and category — public, without personal data (no reporter, no description or address written by residents, no
 * media: the report's own page has those), under an open licence (licence.ts).
 */
import { civilDayOf, formatIsoDate, formatVietnamTime, parseIsoDate, startOfCivilDay } from '../../domain/calendar/index.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import { parseBbox } from '../../domain/open311/index.ts';
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import { dailyFigures, openReports, type OpenDataFilter } from '../../db/repos/open-data.repo.ts';
import type { AppContext } from '../context.ts';
import { reportNames } from '../reports/read-reports.ts';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Most features or rows in one answer; more with `offset`. */
export const OPEN_REPORTS_MAX = 5000;
/** The longest period of daily figures in one answer. */
export const STATS_MAX_DAYS = 366;
const STATS_DEFAULT_DAYS = 30;
/** The platform's first day: no report is older. */
const FIRST_DAY = '2025-01-01';

export interface OpenDataQuery {
  /** Vietnam calendar days, `YYYY-MM-DD`, both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** `<structure version>/<commune code>`. */
  unit?: string | undefined;
  category?: string | undefined;
  /** `west,south,east,north` in degrees: only reports pinned inside (maps ask for what they show). */
  bbox?: string | undefined;
}

/** The period [from, to] in Vietnam days, as instants [start of from, start of the day after to). */
function period(q: OpenDataQuery, today: number, defaultFrom: (to: number) => number, maxDays: number | null): OpenDataFilter & { fromDay: string; toDay: string } {
  const problems: FieldProblem[] = [];
  const dayOf = (v: string | undefined, field: string, fallback: number) => {
    if (v === undefined) return fallback;
    const d = parseIsoDate(v);
    if (d === null) problems.push({ field, message: `"${v}" không phải ngày YYYY-MM-DD` });
    return d ?? fallback;
  };
  const to = dayOf(q.to, 'querystring.to', today);
  const from = dayOf(q.from, 'querystring.from', defaultFrom(to));
  if (!problems.length && from > to) problems.push({ field: 'querystring.from', message: 'Ngày bắt đầu phải không sau ngày kết thúc' });
  if (!problems.length && maxDays !== null && to - from + 1 > maxDays) problems.push({ field: 'querystring.from', message: `Tối đa ${maxDays} ngày mỗi lần` });
  const bbox = q.bbox === undefined ? undefined : parseBbox(q.bbox);
  if (bbox === null) problems.push({ field: 'querystring.bbox', message: 'bbox = tây,nam,đông,bắc (kinh độ, vĩ độ), ví dụ 105.84,21.02,105.86,21.04' });
  if (problems.length) throw invalid(problems);
  const [version, code] = q.unit ? q.unit.split('/') : [];
  return {
    from: new Date(startOfCivilDay(from)),
    to: new Date(startOfCivilDay(to + 1)),
    fromDay: formatIsoDate(from),
    toDay: formatIsoDate(to),
    ...(version && code ? { unit: { version, code } } : {}),
    ...(q.category ? { categoryCode: q.category } : {}),
    ...(bbox ? { bbox } : {}),
  };
}

export interface OpenReport {
  code: string;
  kind: string;
  categoryCode: string;
  categoryName: string;
  title: string;
  state: string;
  stateLabel: string;
  unitVersion: string | null;
  unitCode: string | null;
  communeName: string | null;
  lat: number | null;
  lng: number | null;
  submittedAt: string;
  publishedAt: string;
  handlingAgency: string | null;
  rating: string | null;
  url: string;
}

/** Reports whose result was published in the period (by publication day), oldest first; paged (`more`: another page follows). */
export async function openDataReports(ctx: Ctx, q: OpenDataQuery & { limit: number; offset: number }) {
  const today = civilDayOf(ctx.clock.now().getTime());
  const p = period(q, today, () => parseIsoDate(FIRST_DAY)!, null);
  const names = await reportNames(ctx);
  const { rows, more } = await openReports(ctx.db, { ...p, limit: q.limit, offset: q.offset });
  const reports: OpenReport[] = rows.map((r) => ({
    code: r.code,
    kind: r.kind,
    categoryCode: r.category_code,
    categoryName: names.category(r.category_code),
    title: r.title,
    state: r.state,
    stateLabel: WORKFLOWS[r.kind as keyof typeof WORKFLOWS]?.stateLabels[r.state] ?? r.state,
    unitVersion: r.unit_version,
    unitCode: r.unit_code,
    communeName: names.unit(r.unit_version, r.unit_code),
    lat: r.lat,
    lng: r.lng,
    submittedAt: formatVietnamTime(r.submitted_at),
    publishedAt: formatVietnamTime(r.result_published_at!),
    handlingAgency: names.agency(r.dispatched_agency_id ?? r.processing_agency_id ?? r.receiving_agency_id),
    rating: r.rating,
    url: `/reports/${r.code}`,
  }));
  return { from: p.fromDay, to: p.toDay, more, reports, generatedAt: formatVietnamTime(ctx.clock.now()) };
}

export interface DailyStat {
  date: string;
  unitVersion: string | null;
  unitCode: string | null;
  unitName: string | null;
  categoryCode: string;
  categoryName: string;
  received: number;
  published: number;
  rated: number;
}

/** Per Vietnam day, commune and category: reports received, results published, ratings given (default: the last 30 days). */
export async function openDataDailyStats(ctx: Ctx, q: OpenDataQuery) {
  const today = civilDayOf(ctx.clock.now().getTime());
  const p = period(q, today, (to) => to - STATS_DEFAULT_DAYS + 1, STATS_MAX_DAYS);
  const names = await reportNames(ctx);
  const days: DailyStat[] = (await dailyFigures(ctx.db, p)).map((r) => ({
    date: r.day,
    unitVersion: r.unit_version,
    unitCode: r.unit_code,
    unitName: names.unit(r.unit_version, r.unit_code),
    categoryCode: r.category_code,
    categoryName: names.category(r.category_code),
    received: r.received,
    published: r.published,
    rated: r.rated,
  }));
  return { from: p.fromDay, to: p.toDay, days, generatedAt: formatVietnamTime(ctx.clock.now()) };
}
