/**
 * Agencies are data: the Center, city departments, the inspectorate, the citizen-reception
 * board, the police, public-service companies and the People's Committees, each with a jurisdiction (a list
 * of units) and fields of competence; the Center keeps each agency's focal officers (R-18.2b).
 * Messages are in Vietnamese: they are shown to the administrator editing the agency.
 */
import type { FieldProblem } from '../errors.ts';
import { normaliseEmail, normalisePhone } from '../identity/index.ts';
import type { UnitRef } from '../units/index.ts';
import { isFieldCode, type FieldCode } from './fields.ts';

export const AGENCY_LEVELS = ['city', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_KINDS = [
  'center',
  'department',
  'inspectorate',
  'reception_board',
  'police',
  'public_service',
  'district_committee',
  'commune_committee',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A stable, human-readable agency code: `so-xay-dung`, `ubnd-phuong-hoan-kiem`. */
export const AGENCY_CODE_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

export interface Agency {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  active: boolean;
  /** Civil dates (YYYY-MM-DD) of the agency's existence, when known (history of reorganisations, R-28.1). */
  validFrom: string | null;
  validTo: string | null;
  fields: string[];
  jurisdiction: UnitRef[];
}

export const NAME_MAX = 300;
export const SHORT_NAME_MAX = 100;
export const JURISDICTION_MAX = 1_000;
export const FOCAL_OFFICERS_MAX = 20;

export interface AgencyChanges {
  name?: string | undefined;
  shortName?: string | null | undefined;
  fields?: readonly string[] | undefined;
  jurisdiction?: readonly UnitRef[] | undefined;
  active?: boolean | undefined;
}

export interface CheckedAgencyChanges {
  name?: string;
  shortName?: string | null;
  fields?: FieldCode[];
  jurisdiction?: UnitRef[];
  active?: boolean;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const tidy = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/**
 * Checks an edit of an agency against its current state; names every bad field. Whether the units exist is
 * the caller's question (it needs the database).
 */
export function checkAgencyChanges(
  current: { active: boolean; jurisdictionSize: number },
  changes: AgencyChanges,
): Checked<CheckedAgencyChanges> {
  const problems: FieldProblem[] = [];
  const value: CheckedAgencyChanges = {};
  if (changes.name !== undefined) {
    value.name = tidy(changes.name);
    if (value.name.length < 2 || value.name.length > NAME_MAX)
      problems.push({ field: 'body.name', message: `Tên cơ quan phải có từ 2 đến ${NAME_MAX} ký tự` });
  }
  if (changes.shortName !== undefined) {
    value.shortName = changes.shortName === null ? null : tidy(changes.shortName) || null;
    if (value.shortName !== null && value.shortName.length > SHORT_NAME_MAX)
      problems.push({ field: 'body.shortName', message: `Tên viết tắt không được quá ${SHORT_NAME_MAX} ký tự` });
  }
  if (changes.fields !== undefined) {
    const fields: FieldCode[] = [];
    changes.fields.forEach((f, i) => {
      if (!isFieldCode(f)) problems.push({ field: `body.fields.${i}`, message: `Không có lĩnh vực "${f}"` });
      else if (fields.includes(f)) problems.push({ field: `body.fields.${i}`, message: `Lĩnh vực "${f}" bị lặp` });
      else fields.push(f);
    });
    value.fields = fields;
  }
  if (changes.jurisdiction !== undefined) {
    const seen = new Set<string>();
    if (changes.jurisdiction.length > JURISDICTION_MAX)
      problems.push({ field: 'body.jurisdiction', message: `Không được quá ${JURISDICTION_MAX} đơn vị` });
    changes.jurisdiction.forEach((u, i) => {
      const k = `${u.version}/${u.code}`;
      if (seen.has(k)) problems.push({ field: `body.jurisdiction.${i}`, message: `Đơn vị ${k} bị lặp` });
      seen.add(k);
    });
    value.jurisdiction = changes.jurisdiction.map((u) => ({ version: u.version, code: u.code }));
  }
  if (changes.active !== undefined) value.active = changes.active;
  // An agency that receives reports must cover some area, or nothing could ever be routed to it.
  if ((value.active ?? current.active) && (value.jurisdiction?.length ?? current.jurisdictionSize) === 0)
    problems.push({ field: 'body.jurisdiction', message: 'Cơ quan đang hoạt động phải có ít nhất một đơn vị thuộc phạm vi' });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

export interface FocalOfficerInput {
  name: string;
  position: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

export interface FocalOfficer {
  name: string;
  position: string;
  /** E.164 (+84…): officials' work numbers, not citizens' identity data. */
  phone: string | null;
  email: string | null;
}

/** Checks the list of an agency's focal officers (R-18.2b): a name, a position and a way to reach them. */
export function checkFocalOfficers(officers: readonly FocalOfficerInput[]): Checked<FocalOfficer[]> {
  const problems: FieldProblem[] = [];
  if (officers.length > FOCAL_OFFICERS_MAX)
    problems.push({ field: 'body.officers', message: `Không được quá ${FOCAL_OFFICERS_MAX} cán bộ đầu mối` });
  const value = officers.map((o, i): FocalOfficer => {
    const at = `body.officers.${i}`;
    const name = tidy(o.name);
    const position = tidy(o.position);
    if (name.length < 2 || name.length > 200) problems.push({ field: `${at}.name`, message: 'Họ và tên phải có từ 2 đến 200 ký tự' });
    if (position.length < 2 || position.length > 200) problems.push({ field: `${at}.position`, message: 'Chức vụ phải có từ 2 đến 200 ký tự' });
    const phone = o.phone ? normalisePhone(o.phone) : null;
    if (o.phone && !phone) problems.push({ field: `${at}.phone`, message: 'Số điện thoại không hợp lệ' });
    const email = o.email ? normaliseEmail(o.email) : null;
    if (o.email && !email) problems.push({ field: `${at}.email`, message: 'Địa chỉ e-mail không hợp lệ' });
    if (!o.phone && !o.email) problems.push({ field: at, message: 'Cần ít nhất số điện thoại hoặc e-mail để liên hệ' });
    return { name, position, phone, email };
  });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}
