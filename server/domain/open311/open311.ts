/**
 * Open311 GeoReport v2 (issue 8, R-18.5, R-20) as pure rules: which services we offer (one per category and
 * report kind), the attributes each takes, how our detailed states become Open311's `open`/`closed`, which
 * running deadline is "the current stage", the date window of a list, the bounding box, the reporter's
 * contact fields an Open311 form must carry (R-5.5) and the title a report gets when the form has none.
 * Field names are the spec's (wiki.open311.org/GeoReport_v2); problems name the form's fields.
 */
import type { DeadlineStage, ReportKind } from '../calendar/index.ts';
import { parseVietnamInstant } from '../calendar/index.ts';
import type { FieldProblem } from '../errors.ts';
import { SUBMISSION_LIMITS } from '../reports/limits.ts';

/** Our jurisdiction as an Open311 client names it (`jurisdiction_id`; optional, since we serve one city). */
export const OPEN311_JURISDICTION = 'hanoi.gov.vn';

/**
 * Kinds taken through Open311: the requests for a service at a place or about a matter. An initiative is
 * a proposal the Center distributes and decides, not a service request, so it is not offered.
 */
export const OPEN311_KINDS: readonly ReportKind[] = ['field_report', 'waste_report', 'regulation_feedback', 'investor_feedback'];

/** The GeoReport spec limits `description` to 4,000 characters (our own API allows more). */
export const OPEN311_DESCRIPTION_MAX = 4000;
/** A list covers at most 90 days (the spec's default window); paging is our extension. */
export const OPEN311_MAX_WINDOW_DAYS = 90;
export const OPEN311_PAGE_SIZE = { default: 50, max: 200 } as const;
/** FixMyStreet's `address_id` for a report that has no pin: the address string says where. */
export const NOT_PINPOINTED = '#NOTPINPOINTED#';

/** `field_report.hu-hong-mat-duong`: category codes have no dot, kinds have none either. */
export function serviceCode(kind: string, categoryCode: string): string {
  return `${kind}.${categoryCode}`;
}

export function parseServiceCode(code: string): { kind: ReportKind; categoryCode: string } | null {
  const dot = code.indexOf('.');
  if (dot < 0) return null;
  const kind = code.slice(0, dot) as ReportKind;
  const categoryCode = code.slice(dot + 1);
  if (!OPEN311_KINDS.includes(kind) || !/^[a-z0-9]+([-_][a-z0-9]+)*$/.test(categoryCode)) return null;
  return { kind, categoryCode };
}

export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface ServiceAttribute {
  /** False: set by the client's software, not asked of its user. */
  variable: boolean;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

/** The attributes of a service of `kind` (GET services/<code>). */
export function serviceAttributes(kind: ReportKind): ServiceAttribute[] {
  const L = SUBMISSION_LIMITS;
  const needsMoment = kind === 'field_report';
  return [
    {
      variable: true,
      code: 'title',
      datatype: 'string',
      required: false,
      datatype_description: `${L.titleMin}–${L.titleMax} ký tự`,
      order: 1,
      description: 'Tiêu đề phản ánh. Không có thì lấy câu đầu của nội dung.',
      values: [],
    },
    {
      variable: true,
      code: 'occurred_at',
      datatype: 'datetime',
      required: needsMoment,
      datatype_description: 'ISO 8601, ví dụ 2026-03-02T07:30:00+07:00 (không ghi múi giờ: giờ Việt Nam)',
      order: 2,
      description: needsMoment ? 'Thời điểm xảy ra sự việc (bắt buộc với phản ánh hiện trường, R-5.2)' : 'Thời điểm xảy ra sự việc',
      values: [],
    },
    {
      variable: true,
      code: 'confidential',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'true hoặc false; không gửi thì là true',
      order: 3,
      description: 'Đề nghị bảo mật danh tính người phản ánh (R-5.7). Không gửi: bảo mật.',
      values: [
        { key: 'true', name: 'Bảo mật danh tính' },
        { key: 'false', name: 'Không cần bảo mật' },
      ],
    },
    {
      variable: false,
      code: 'fixmystreet_id',
      datatype: 'string',
      required: false,
      datatype_description: 'Tối đa 64 ký tự',
      order: 4,
      description: 'Mã của phản ánh trong hệ thống gửi (FixMyStreet); gửi lại cùng mã không tạo phản ánh thứ hai.',
      values: [],
    },
    {
      variable: false,
      code: 'external_id',
      datatype: 'string',
      required: false,
      datatype_description: 'Tối đa 64 ký tự',
      order: 5,
      description: 'Mã của phản ánh trong hệ thống gửi; gửi lại cùng mã không tạo phản ánh thứ hai.',
      values: [],
    },
  ];
}

export interface ParsedAttributes {
  title: string | undefined;
  occurredAt: Date | undefined;
  confidential: boolean;
  /** The sender's own id of the report (fixmystreet_id or external_id), for idempotency. */
  externalId: string | undefined;
  /** What is kept beside the report (the sender's ids). */
  kept: Record<string, string>;
}

/** Reads `attribute[code]` values against the service's attributes; unknown ones are refused, not dropped. */
export function parseAttributes(kind: ReportKind, given: Readonly<Record<string, string>>): { ok: true; value: ParsedAttributes } | { ok: false; problems: FieldProblem[] } {
  const known = new Set(serviceAttributes(kind).map((a) => a.code));
  const problems: FieldProblem[] = [];
  for (const code of Object.keys(given)) if (!known.has(code)) problems.push({ field: `attribute[${code}]`, message: `Dịch vụ này không có thuộc tính “${code}”; xem services/<service_code>` });
  const title = given.title?.trim() || undefined;
  let occurredAt: Date | undefined;
  if (given.occurred_at !== undefined && given.occurred_at.trim() !== '') {
    const at = parseVietnamInstant(given.occurred_at.trim());
    if (at) occurredAt = at;
    else problems.push({ field: 'attribute[occurred_at]', message: `“${given.occurred_at}” không phải thời điểm ISO 8601` });
  }
  let confidential = true;
  if (given.confidential !== undefined) {
    const v = given.confidential.trim().toLowerCase();
    if (v === 'true') confidential = true;
    else if (v === 'false') confidential = false;
    else problems.push({ field: 'attribute[confidential]', message: 'Chỉ nhận true hoặc false' });
  }
  const kept: Record<string, string> = {};
  for (const code of ['fixmystreet_id', 'external_id'] as const) {
    const v = given[code]?.trim();
    if (v === undefined || v === '') continue;
    if (v.length > 64) problems.push({ field: `attribute[${code}]`, message: 'Tối đa 64 ký tự' });
    else kept[code] = v;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { title, occurredAt, confidential, externalId: kept.fixmystreet_id ?? kept.external_id, kept } };
}

/**
 * A title from the description when the form has none: its first line or sentence, cut at a word within the
 * limit. Not invented text: the reporter's own words.
 */
export function titleFromDescription(description: string): string {
  const L = SUBMISSION_LIMITS;
  const text = description.normalize('NFC').trim();
  const first = (text.split(/\r?\n/)[0] ?? '').split(/(?<=[.!?])\s/)[0]?.trim() ?? '';
  const base = first.length >= L.titleMin ? first : text.replace(/\s+/g, ' ');
  if (base.length <= L.titleMax) return base;
  const cut = base.slice(0, L.titleMax - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > L.titleMax / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Open311 knows `open` and `closed`: closed once the workflow reached an end or the result is published (a
 * clarification request, R-13, opens it again). Our detailed state goes in `status_notes`.
 */
export function open311Status(state: string, terminal: readonly string[]): 'open' | 'closed' {
  return terminal.includes(state) || state === 'published' || state === 'closed' ? 'closed' : 'open';
}

/**
 * The deadline of the current stage among the running ones: the verification window (R-6.2d) is part of
 * receiving, so it counts only when nothing else runs; then the nearest due.
 */
export function currentStageDeadline<D extends { clock: string; dueAt: Date }>(running: readonly D[]): D | null {
  const main = running.filter((d) => (d.clock as DeadlineStage) !== 'verify');
  const pool = main.length ? main : running;
  return [...pool].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
}

/**
 * The window of a list: `start_date`/`end_date` (ISO 8601; without an offset, Vietnam time), by default the 90 days up to now; at
 * most 90 days. `end` is exclusive.
 */
export function dateWindow(start: string | undefined, end: string | undefined, now: Date): { ok: true; from: Date; to: Date } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const read = (v: string | undefined, field: string) => {
    if (v === undefined || v === '') return undefined;
    const at = parseVietnamInstant(v);
    if (!at) problems.push({ field, message: `“${v}” không phải thời điểm ISO 8601 (ví dụ 2026-03-01T00:00:00+07:00)` });
    return at ?? undefined;
  };
  const s = read(start, 'start_date');
  const e = read(end, 'end_date');
  if (problems.length) return { ok: false, problems };
  const span = OPEN311_MAX_WINDOW_DAYS * 86_400_000;
  const to = e ?? (s ? new Date(Math.min(now.getTime(), s.getTime() + span) + 1) : new Date(now.getTime() + 1));
  const from = s ?? new Date(to.getTime() - span);
  if (from.getTime() >= to.getTime()) return { ok: false, problems: [{ field: 'start_date', message: 'start_date phải trước end_date' }] };
  if (to.getTime() - from.getTime() > span + 1) return { ok: false, problems: [{ field: 'end_date', message: `Khoảng thời gian tối đa ${OPEN311_MAX_WINDOW_DAYS} ngày` }] };
  return { ok: true, from, to };
}

/** `bbox=west,south,east,north` in degrees (our extension, as several Open311 servers have it). */
export function parseBbox(text: string): { west: number; south: number; east: number; north: number } | null {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return null;
  const [west, south, east, north] = parts as [number, number, number, number];
  if (west < -180 || east > 180 || south < -90 || north > 90 || west > east || south > north) return null;
  return { west, south, east, north };
}

export interface ContactFields {
  first_name?: string | undefined;
  last_name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/**
 * a report carries its reporter's full identity. The account bound to the key holds the verified CCCD;
 * the form must name the person writing (first_name or last_name) and give their e-mail and phone.
 */
export function missingContact(form: ContactFields): FieldProblem[] {
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  const problems: FieldProblem[] = [];
  if (blank(form.first_name) && blank(form.last_name)) problems.push({ field: 'first_name', message: 'Thiếu họ tên người phản ánh (first_name, last_name) — R-5.5' });
  if (blank(form.email)) problems.push({ field: 'email', message: 'Thiếu thư điện tử của người phản ánh — R-5.5' });
  if (blank(form.phone)) problems.push({ field: 'phone', message: 'Thiếu số điện thoại của người phản ánh — R-5.5' });
  return problems;
}

/** Our native fields, as the Open311 form names them (for the problems of a submission). */
export const OPEN311_FIELD_OF: Readonly<Record<string, string>> = {
  'body.title': 'attribute[title]',
  'body.description': 'description',
  'body.place': 'lat',
  'body.place.address': 'address_string',
  'body.occurredAt': 'attribute[occurred_at]',
  'body.media': 'media_url',
  'body.kind': 'service_code',
  'body.categoryCode': 'service_code',
  'body.confidential': 'attribute[confidential]',
};
