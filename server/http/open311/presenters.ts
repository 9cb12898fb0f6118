/**
 * Open311 GeoReport v2 answers (issue 8), built from allow-lists like every presenter: a request is made of the
 * public report's fields — never the reporter, who is not even in the rows given here.
 * Ids and zipcode are strings; times are ISO 8601 with +07:00.
 */
import { deadlinesInWords, formatVietnamTime, type Classification, type ReportKind } from '../../domain/calendar/index.ts';
import { currentStageDeadline, open311Status, OPEN311_JURISDICTION } from '../../domain/open311/index.ts';
import { REPORT_KIND_NAMES } from '../../domain/catalogue/index.ts';
import { WORKFLOWS } from '../../domain/workflow/index.ts';
import type { Open311RequestView, Open311Service } from '../../app/open311/read-requests.ts';
import type { ReportNames } from '../../app/reports/read-reports.ts';
import type { ReportUpdateRow } from '../../db/repos/open311.repo.ts';
import type { ReportRow } from '../../db/repos/reports.repo.ts';
import type { ServiceAttribute } from '../../domain/open311/index.ts';
import { actionLabel } from '../presenters/report.ts';
import type { Value } from './format.ts';

const time = (d: Date | null) => (d ? formatVietnamTime(d) : null);

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export function presentDiscovery(baseUrl: string, changeset: Date): { [key: string]: Value } {
  return {
    changeset: time(changeset),
    contact: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội — iHanoi',
    key_service: `${baseUrl}/api/v1/admin/integration-keys (quản trị viên cấp api_key)`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${baseUrl}/open311/v2`,
        changeset: time(changeset),
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

export function presentService(s: Open311Service): { [key: string]: Value } {
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.description,
    metadata: true,
    type: 'realtime',
    keywords: s.keywords.join(', '),
    group: s.group,
  };
}

export function presentServiceDefinition(code: string, attributes: readonly ServiceAttribute[]): { [key: string]: Value } {
  return {
    service_code: code,
    attributes: attributes.map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description,
      order: a.order,
      description: a.description,
      values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

/** The deadlines of the report's kind in words, for its classification when known. */
export function serviceNotice(r: Pick<ReportRow, 'kind' | 'classification'>): string {
  return deadlinesInWords(r.kind as ReportKind, (r.classification as Classification | null) ?? null);
}

export function presentRequest(v: Open311RequestView, names: ReportNames, baseUrl: string): { [key: string]: Value } {
  const r = v.report;
  const wf = WORKFLOWS[r.kind as keyof typeof WORKFLOWS];
  const due = currentStageDeadline(v.running);
  return {
    service_request_id: r.code,
    status: open311Status(r.state, wf.terminal),
    status_notes: `${wf.stateLabels[r.state] ?? r.state} (${r.state})`,
    service_name: `${names.category(r.category_code)} — ${REPORT_KIND_NAMES[r.kind as ReportKind] ?? r.kind}`,
    service_code: `${r.kind}.${r.category_code}`,
    description: r.description,
    // The lead agency (chủ trì, R-8.2): the processing agency once there is one, the receiving agency before.
    agency_responsible: names.agency(r.processing_agency_id ?? r.receiving_agency_id),
    service_notice: serviceNotice(r),
    requested_datetime: time(r.submitted_at),
    updated_datetime: time(r.updated_at),
    expected_datetime: time(due?.dueAt ?? null),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: v.mediaSha256 ? `${baseUrl}/api/v1/media/${v.mediaSha256}` : null,
  };
}

/** The answer to a POST: the id (our report code) and the deadlines in words. */
export function presentCreated(r: Pick<ReportRow, 'code' | 'kind' | 'classification'>): { [key: string]: Value } {
  return { service_request_id: r.code, service_notice: serviceNotice(r), account_id: null };
}

export function presentToken(code: string): { [key: string]: Value } {
  return { service_request_id: code, token: code };
}

/** One event of a public report, as FixMyStreet reads updates: what happened, never who. */
export function presentUpdate(u: ReportUpdateRow): { [key: string]: Value } {
  const wf = WORKFLOWS[u.kind as keyof typeof WORKFLOWS];
  const state = u.to_state ?? u.state;
  const label = actionLabel(wf, u.action, u.from_state);
  const published = u.action === 'report.approve' && u.result_text && u.result_published_at ? `: ${u.result_text}` : '';
  return {
    update_id: u.id,
    service_request_id: u.code,
    status: open311Status(state, wf.terminal),
    external_status_code: state,
    description: `${label}${published}`,
    updated_datetime: time(u.occurred_at),
    media_url: null,
  };
}

export { OPEN311_JURISDICTION };
