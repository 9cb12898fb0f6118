/**
 * Reliability (issue 9 item 3): the access matrix, driven by the route table.
 *
 * Every operation of the OpenAPI document the app builds must have a rule below — public (with the reason), or
 * the roles that may call it. A new endpoint without a rule fails the first test. For every non-public operation,
 * with a request that passes validation: anonymous → 401; each role (citizen and every staff role) without the
 * right → 403 (or 404 where the resource is hidden from who may not see it), each role with it → neither.
 * Then: actors of ANOTHER agency or commune, and another citizen, get 403 or 404 — never the data — on another
 * ward's report, another agency's alert drafts, another citizen's report and photos. Finally: a
 * confidential reporter's name, phone, e-mail, CCCD and id appear in no public answer, no feed, no export to other
 * agencies, no webhook payload and no log line.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { STAFF_ROLES, type Role, type StaffRole } from '../server/domain/access/index.ts';
import { findAgency, listAgencies } from '../server/db/repos/agencies.repo.ts';
import { updateUser } from '../server/db/repos/accounts.repo.ts';
import { vietnamTime } from '../server/domain/calendar/index.ts';
import type { WebhookSender } from '../server/adapters/webhooks/webhook-sender.ts';
import { runWebhooks, WEBHOOK_EVENT_TYPES } from '../server/app/webhooks/index.ts';
import { webhookPresenter } from '../server/http/presenters/webhook.ts';
import { alertsTestApp } from '../test/alerts.ts';
import { testApp } from '../test/context.ts';
import { citizenIdentity, createCitizen, signInHeaders, signedInStaff } from '../test/factories.ts';
import { scenePhoto } from '../test/fixtures/photo-variants.ts';
import { fieldReportBody, reportAction, reportActionOk } from '../test/reports.ts';
import { upload } from '../test/uploads.ts';

type H = Record<string, string>;

/** What a sample request needs: ids of real resources. */
interface Fx {
  reportId: string;
  reportCode: string;
  reportAgencyId: string;
  uploadId: string;
  alertId: string;
  webhookId: string;
  knownImageId: string;
  keyId: string;
  fieldCode: string;
  calendar2027: Record<string, unknown>;
  draft: () => Record<string, unknown>;
}
interface Sample {
  url: string;
  payload?: Record<string, unknown>;
}
type Rule =
  | { public: string }
  | {
      /** Who may: roles, or every signed-in account. */
      allowed: Role[] | 'signed-in';
      /** What a role without the right gets: 403, or 404 where the resource is hidden (default [403]). */
      denied?: number[];
      sample: (f: Fx) => Sample;
      /** Why a role with the right still cannot succeed here, when the fixture makes it so. */
      note?: string;
    };

const ALL_STAFF: Role[] = [...STAFF_ROLES];
const unique = () => randomUUID().slice(0, 8);

/**
 * Every operation and who may call it. The roles come from server/domain/access/roles.ts (ROLE_GRANTS) and the
 * use cases' own checks; the agency-scoped roles of the fixture hold their membership at the report's agency.
 */
const RULES: Record<string, Rule> = {
  'GET /healthz': { public: 'liveness probe for load balancers' },
  'GET /readyz': { public: 'readiness probe for load balancers' },
  'GET /api/v1/units/structure-versions': { public: 'administrative units are public reference data (R-28.1)' },
  'GET /api/v1/units': { public: 'administrative units are public reference data' },
  'GET /api/v1/units/search': { public: 'administrative units are public reference data' },
  'GET /api/v1/units/outlines': { public: 'unit outlines for the public map' },
  'GET /api/v1/units/at': { public: 'which commune a point is in, for the public map and the report form' },
  'GET /api/v1/units/{version}/{code}': { public: 'administrative units are public reference data' },
  'GET /api/v1/units/{version}/{code}/boundary': { public: 'unit boundaries for the public map' },
  'GET /api/v1/agency-fields': { public: 'the fields of competence, a public list' },
  'GET /api/v1/agencies': { public: 'the directory of agencies is public (R-2)' },
  'GET /api/v1/agencies/{id}': { public: 'an agency and its focal officers are public (R-18.2b)' },
  'POST /api/v1/auth/register': { public: 'how a citizen gets an account (R-5.5)' },
  'POST /api/v1/auth/sign-in': { public: 'how anyone gets a session' },
  'POST /api/v1/auth/sign-out': { public: 'ends the session presented, if any; without one it only clears the cookie' },
  'GET /api/v1/calendar/deadline': { public: 'deadline arithmetic on the public working calendar (R-8.5)' },
  'GET /api/v1/calendar/clarification-window': { public: 'the Civil Code window arithmetic (R-13)' },
  'GET /api/v1/calendar/years/{year}': { public: 'the public working calendar' },
  'GET /api/v1/public/reports': { public: 'public reports and their progress (R-8.3, R-14)' },
  'GET /api/v1/public/reports/{code}': { public: 'a public report without its reporter (R-8.3, R-5.7)' },
  'GET /api/v1/categories': { public: 'the report categories, for the report form' },
  'GET /api/v1/categories/{code}': { public: 'one report category' },
  'GET /api/v1/media/{sha256}': { public: 'metadata-free public copies of photos (R-5.7, R-14)' },
  'GET /cap/alerts.atom': { public: 'sent alerts are public, as CAP (R-18.5)' },
  'GET /cap/alerts/{document}': { public: 'a sent alert as CAP 1.2' },
  'GET /open311/v2/discovery.{format}': { public: 'Open311 GeoReport v2 reading is public (R-20)' },
  'GET /open311/v2/services.{format}': { public: 'Open311 service list' },
  'GET /open311/v2/services/{file}': { public: 'Open311 service definition' },
  'POST /open311/v2/requests.{format}': { public: 'authenticated by its api_key, never by a session: tested on its own below' },
  'GET /open311/v2/requests.{format}': { public: 'public requests without the reporter (R-5.7)' },
  'GET /open311/v2/requests/{file}': { public: 'one public request' },
  'GET /open311/v2/tokens/{file}': { public: 'Open311 token → request id' },
  'GET /open311/v2/servicerequestupdates.{format}': { public: 'updates of public requests' },
  'GET /api/v1/push/vapid-public-key': { public: 'the VAPID public key browsers subscribe with' },
  'GET /api/v1/open-data/reports.geojson': { public: 'open data without personal data (R-20)' },
  'GET /api/v1/open-data/reports.csv': { public: 'open data without personal data (R-20)' },
  'GET /api/v1/open-data/stats/daily.json': { public: 'open data: daily figures' },
  'GET /api/v1/open-data/stats/daily.csv': { public: 'open data: daily figures' },
  'GET /api/v1/web-config': { public: 'the web app’s settings' },
  'GET /api/v1/workflows': { public: 'the workflow tables the web app draws its forms from' },

  'PATCH /api/v1/agencies/{id}': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/agencies/${f.reportAgencyId}`, payload: {} }) },
  'PUT /api/v1/agencies/{id}/focal-officers': {
    allowed: ['administrator', 'center_operator'],
    sample: (f) => ({ url: `/api/v1/agencies/${f.reportAgencyId}/focal-officers`, payload: { officers: [{ name: 'Nguyễn Văn Đầu Mối', position: 'Chuyên viên', phone: '0241234567' }] } }),
  },
  'GET /api/v1/me': { allowed: 'signed-in', sample: () => ({ url: '/api/v1/me' }) },
  'PATCH /api/v1/me': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/me', payload: { residence: { version: '2025-07', code: '99999' } } }) },
  'POST /api/v1/me/identity-verification': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/me/identity-verification' }) },
  'POST /api/v1/admin/staff': {
    allowed: ['administrator'],
    sample: () => ({ url: '/api/v1/admin/staff', payload: { username: `can-bo-${unique()}`, displayName: 'Cán bộ mới', password: 'mat-khau-du-dai-1234', memberships: [] } }),
  },
  'GET /api/v1/agencies/{id}/members': {
    allowed: ['administrator', 'center_operator', 'agency_head', 'commune_leader'],
    sample: (f) => ({ url: `/api/v1/agencies/${f.reportAgencyId}/members` }),
  },
  'PUT /api/v1/calendar/years/{year}': { allowed: ['administrator'], sample: (f) => ({ url: '/api/v1/calendar/years/2027', payload: { ...f.calendar2027, note: 'Kiểm thử quyền' } }) },
  'POST /api/v1/reports': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/reports', payload: fieldReportBody() }) },
  'GET /api/v1/me/reports': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/me/reports' }) },
  'GET /api/v1/reports/{id}': {
    allowed: ['citizen', 'center_operator', 'receiving_officer', 'agency_head', 'processing_officer', 'commune_leader', 'city_overseer'],
    denied: [403, 404],
    sample: (f) => ({ url: `/api/v1/reports/${f.reportId}` }),
  },
  'POST /api/v1/reports/{id}/actions': {
    // A stale version: who may act gets 409 and nothing changes; who may not is refused first.
    allowed: ['center_operator', 'receiving_officer'],
    denied: [403, 404],
    sample: (f) => ({ url: `/api/v1/reports/${f.reportId}/actions`, payload: { action: 'accept', version: 999, classification: 'normal', targetAgencyId: f.reportAgencyId } }),
  },
  'POST /api/v1/reports/{id}/cooperations/{agencyId}/return': {
    allowed: [],
    denied: [403, 404],
    note: 'no cooperation request in the fixture: every caller gets 404 (the positive path is in server/app/reports tests)',
    sample: (f) => ({ url: `/api/v1/reports/${f.reportId}/cooperations/${f.reportAgencyId}/return`, payload: { resultText: 'Đã phối hợp xử lý xong.' } }),
  },
  'POST /api/v1/reports/{id}/cooperations/{agencyId}/close': {
    allowed: [],
    denied: [403, 404],
    note: 'no cooperation request in the fixture: every caller gets 404',
    sample: (f) => ({ url: `/api/v1/reports/${f.reportId}/cooperations/${f.reportAgencyId}/close`, payload: { reason: 'Không còn cần phối hợp.' } }),
  },
  'GET /api/v1/staff/reports': { allowed: ALL_STAFF, sample: () => ({ url: '/api/v1/staff/reports' }) },
  'POST /api/v1/public/reports/{code}/follow': { allowed: ['citizen'], denied: [403], sample: (f) => ({ url: `/api/v1/public/reports/${f.reportCode}/follow` }) },
  'DELETE /api/v1/public/reports/{code}/follow': { allowed: ['citizen'], denied: [403], sample: (f) => ({ url: `/api/v1/public/reports/${f.reportCode}/follow` }) },
  'POST /api/v1/reports/similar': {
    allowed: 'signed-in',
    sample: () => ({ url: '/api/v1/reports/similar', payload: { kind: 'field_report', categoryCode: 'hu-hong-mat-duong', place: { lat: 21.0287, lng: 105.8524 } } }),
  },
  'POST /api/v1/categories': {
    allowed: ['administrator'],
    sample: (f) => ({ url: '/api/v1/categories', payload: { code: `thu-${unique()}`, name: 'Danh mục thử quyền', kinds: ['field_report'], field: f.fieldCode } }),
  },
  'PATCH /api/v1/categories/{code}': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/categories/hu-hong-mat-duong', payload: { sortOrder: 5 } }) },
  'GET /api/v1/routing-rules': { allowed: ALL_STAFF, sample: () => ({ url: '/api/v1/routing-rules' }) },
  'PUT /api/v1/routing-rules': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/routing-rules', payload: { rules: [] } }) },
  'GET /api/v1/routing/preview': { allowed: ALL_STAFF, sample: () => ({ url: '/api/v1/routing/preview?kind=field_report&category=hu-hong-mat-duong&lat=21.0287&lng=105.8524' }) },
  'POST /api/v1/uploads': { allowed: 'signed-in', sample: () => ({ url: '/api/v1/uploads' }), note: 'sent as multipart (see below)' },
  'GET /api/v1/uploads/{id}/content': {
    allowed: ['citizen', 'center_operator', 'receiving_officer', 'agency_head', 'processing_officer', 'commune_leader', 'city_overseer'],
    denied: [404],
    sample: (f) => ({ url: `/api/v1/uploads/${f.uploadId}/content` }),
  },
  'GET /api/v1/me/notifications': { allowed: 'signed-in', sample: () => ({ url: '/api/v1/me/notifications' }) },
  'POST /api/v1/me/notifications/read': { allowed: 'signed-in', sample: () => ({ url: '/api/v1/me/notifications/read', payload: { ids: [randomUUID()] } }) },
  'GET /api/v1/oversight/lateness': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/lateness' }) },
  'GET /api/v1/oversight/reprimand-flags': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/reprimand-flags' }) },
  'GET /api/v1/oversight/summary': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/summary' }) },
  'GET /api/v1/oversight/alert-figures': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/alert-figures' }) },
  'GET /api/v1/oversight/rankings': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/rankings?period=2026-Q1' }) },
  'GET /api/v1/oversight/commendations': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/commendations?period=2026' }) },
  'GET /api/v1/oversight/evaluation-criteria': { allowed: ['administrator', 'center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/evaluation-criteria' }) },
  'PUT /api/v1/oversight/evaluation-criteria': {
    allowed: ['administrator'],
    sample: () => ({
      url: '/api/v1/oversight/evaluation-criteria',
      payload: { onTimeWeight: 60, satisfactionWeight: 40, minReports: 10, officerMinHandled: 5, officerMinSatisfactionPercent: 80, officerMinOnTimePercent: 90, officerMaxListed: 20, note: 'Kiểm thử quyền' },
    }),
  },
  'POST /api/v1/oversight/documents': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/documents', payload: { kind: 'month', period: '2026-02' } }) },
  'GET /api/v1/oversight/documents': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/documents' }) },
  'GET /api/v1/oversight/documents/{id}': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], note: 'an unknown document: 404 for who may read documents', sample: () => ({ url: `/api/v1/oversight/documents/${randomUUID()}` }) },
  'GET /api/v1/oversight/documents/{id}/{format}': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], note: 'an unknown document: 404', sample: () => ({ url: `/api/v1/oversight/documents/${randomUUID()}/pdf` }) },
  'GET /api/v1/oversight/documents/{id}/csv/{section}': { allowed: ['center_operator', 'city_overseer', 'agency_head', 'commune_leader'], note: 'an unknown document: 404', sample: () => ({ url: `/api/v1/oversight/documents/${randomUUID()}/csv/overview` }) },
  'GET /api/v1/oversight/focal-officers': { allowed: ['administrator', 'center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/focal-officers' }) },
  'GET /api/v1/oversight/focal-officers.{format}': { allowed: ['administrator', 'center_operator', 'city_overseer', 'agency_head', 'commune_leader'], sample: () => ({ url: '/api/v1/oversight/focal-officers.csv' }) },
  'GET /api/v1/admin/sanctions': { allowed: ['administrator', 'center_operator'], sample: () => ({ url: '/api/v1/admin/sanctions' }) },
  'POST /api/v1/admin/sanctions/{id}/lift': { allowed: ['administrator'], sample: () => ({ url: `/api/v1/admin/sanctions/${randomUUID()}/lift`, payload: { reason: 'Kiểm thử quyền' } }) },
  'GET /api/v1/admin/violations': { allowed: ['administrator', 'center_operator'], sample: () => ({ url: '/api/v1/admin/violations' }) },
  'POST /api/v1/reports/{id}/referral': {
    allowed: ['center_operator', 'receiving_officer'],
    denied: [403, 404],
    sample: (f) => ({ url: `/api/v1/reports/${f.reportId}/referral`, payload: { reason: 'Vi phạm nghiêm trọng, đề nghị xử lý.' } }),
  },
  'POST /api/v1/admin/known-images': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/admin/known-images', payload: { image: 'iVBORw0KGgo=', label: 'Ảnh thử' } }) },
  'GET /api/v1/admin/known-images': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/admin/known-images' }) },
  'DELETE /api/v1/admin/known-images/{id}': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/admin/known-images/${f.knownImageId}` }) },
  'POST /api/v1/alerts': { allowed: ['alert_editor'], sample: (f) => ({ url: '/api/v1/alerts', payload: f.draft() }) },
  'GET /api/v1/alerts': { allowed: ['alert_editor', 'alert_approver', 'city_overseer', 'center_operator'], sample: () => ({ url: '/api/v1/alerts' }) },
  'GET /api/v1/alerts/{id}': { allowed: ['alert_editor', 'alert_approver', 'city_overseer', 'center_operator'], denied: [403, 404], sample: (f) => ({ url: `/api/v1/alerts/${f.alertId}` }) },
  'POST /api/v1/alerts/{id}/actions': { allowed: ['alert_editor'], denied: [403, 404], sample: (f) => ({ url: `/api/v1/alerts/${f.alertId}/actions`, payload: { action: 'submit', version: 999 } }) },
  'GET /api/v1/me/alerts': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/me/alerts' }) },
  'POST /api/v1/me/alerts/read': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/me/alerts/read', payload: { ids: [randomUUID()] } }) },
  'GET /api/v1/me/alerts/stream': { allowed: ['citizen'], note: 'the citizen has no residence: 400 instead of a stream that never ends', sample: () => ({ url: '/api/v1/me/alerts/stream' }) },
  // Citizen reception with the City's Citizen Reception Board (issue 11, R-3.8, R-5.4).
  'GET /api/v1/reception/sessions': { public: 'the published reception sessions with their seats left are public (R-5.4)' },
  'GET /api/v1/reception/sessions.ics': { public: 'the Board\'s reception schedule as a subscribable iCalendar feed (R-5.4)' },
  'GET /api/v1/reception/reference': { public: 'the lists used to book: categories, decline reasons and where to go (R-1.3)' },
  'POST /api/v1/me/reception/bookings': { allowed: ['citizen'], note: 'the sample session does not exist: 404', sample: () => ({ url: '/api/v1/me/reception/bookings', payload: { sessionId: randomUUID(), summary: 'Đề nghị giải quyết việc cấp giấy chứng nhận quyền sử dụng đất', category: 'land', handledElsewhere: false } }) },
  'GET /api/v1/me/reception/bookings': { allowed: ['citizen'], sample: () => ({ url: '/api/v1/me/reception/bookings' }) },
  'GET /api/v1/me/reception/bookings/{id}': { allowed: ['citizen'], note: 'another\'s or no booking: 404', sample: () => ({ url: `/api/v1/me/reception/bookings/${randomUUID()}` }) },
  'GET /api/v1/me/reception/bookings/{id}/calendar.ics': { allowed: ['citizen'], sample: () => ({ url: `/api/v1/me/reception/bookings/${randomUUID()}/calendar.ics` }) },
  'POST /api/v1/me/reception/bookings/{id}/cancel': { allowed: ['citizen'], sample: () => ({ url: `/api/v1/me/reception/bookings/${randomUUID()}/cancel`, payload: { version: 1 } }) },
  'POST /api/v1/me/reception/bookings/{id}/answer': { allowed: ['citizen'], sample: () => ({ url: `/api/v1/me/reception/bookings/${randomUUID()}/answer`, payload: { version: 1, answer: 'Thông tin bổ sung theo đề nghị' } }) },
  'GET /api/v1/reception/staff/sessions': { allowed: ['reception_officer'], sample: () => ({ url: '/api/v1/reception/staff/sessions' }) },
  'POST /api/v1/reception/sessions': {
    allowed: ['reception_officer'],
    sample: () => ({ url: '/api/v1/reception/sessions', payload: { startsAt: '2026-03-10T08:00:00+07:00', endsAt: '2026-03-10T11:00:00+07:00', place: 'Số 1 Trần Hưng Đạo', receiver: 'Phó Chủ tịch UBND Thành phố', capacity: 20 } }),
  },
  'GET /api/v1/reception/sessions/{id}': { allowed: ['reception_officer'], sample: () => ({ url: `/api/v1/reception/sessions/${randomUUID()}` }) },
  'PUT /api/v1/reception/sessions/{id}': {
    allowed: ['reception_officer'],
    sample: () => ({ url: `/api/v1/reception/sessions/${randomUUID()}`, payload: { startsAt: '2026-03-10T08:00:00+07:00', endsAt: '2026-03-10T11:00:00+07:00', place: 'Số 1 Trần Hưng Đạo', receiver: 'Phó Chủ tịch UBND Thành phố', capacity: 20, version: 1 } }),
  },
  'POST /api/v1/reception/sessions/{id}/cancel': { allowed: ['reception_officer'], sample: () => ({ url: `/api/v1/reception/sessions/${randomUUID()}/cancel`, payload: { version: 1, reason: 'Lãnh đạo có lịch công tác đột xuất' } }) },
  'GET /api/v1/reception/bookings': { allowed: ['reception_officer'], sample: () => ({ url: '/api/v1/reception/bookings' }) },
  'GET /api/v1/reception/bookings/{id}': { allowed: ['reception_officer'], sample: () => ({ url: `/api/v1/reception/bookings/${randomUUID()}` }) },
  'POST /api/v1/reception/bookings/{id}/actions': { allowed: ['reception_officer'], sample: () => ({ url: `/api/v1/reception/bookings/${randomUUID()}/actions`, payload: { action: 'accept', version: 1 } }) },
  'GET /api/v1/reception/day': { allowed: ['reception_officer'], sample: () => ({ url: '/api/v1/reception/day?date=2026-03-10' }) },
  'POST /api/v1/admin/integration-keys': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/admin/integration-keys', payload: { name: 'Ứng dụng thử', accountId: randomUUID() } }) },
  'GET /api/v1/admin/integration-keys': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/admin/integration-keys' }) },
  'POST /api/v1/admin/integration-keys/{id}/revoke': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/admin/integration-keys/${f.keyId}/revoke` }) },
  'POST /api/v1/me/push-subscriptions': {
    allowed: 'signed-in',
    sample: () => ({ url: '/api/v1/me/push-subscriptions', payload: { endpoint: `https://push.example.com/${unique()}`, keys: { p256dh: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U', auth: 'tBHItJI5svbpez7KI4CCXg' } } }),
  },
  'DELETE /api/v1/me/push-subscriptions': { allowed: 'signed-in', sample: () => ({ url: '/api/v1/me/push-subscriptions', payload: { endpoint: 'https://push.example.com/none' } }) },
  'POST /api/v1/admin/webhooks': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/admin/webhooks', payload: { url: 'http://127.0.0.1:9/hook', events: ['report.published'] } }) },
  'GET /api/v1/admin/webhooks': { allowed: ['administrator'], sample: () => ({ url: '/api/v1/admin/webhooks' }) },
  'GET /api/v1/admin/webhooks/{id}': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/admin/webhooks/${f.webhookId}` }) },
  'PATCH /api/v1/admin/webhooks/{id}': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/admin/webhooks/${f.webhookId}`, payload: { state: 'paused' } }) },
  'GET /api/v1/admin/webhooks/{id}/deliveries': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/admin/webhooks/${f.webhookId}/deliveries` }) },
  'DELETE /api/v1/admin/webhooks/{id}': { allowed: ['administrator'], sample: (f) => ({ url: `/api/v1/admin/webhooks/${f.webhookId}` }) },
};

function operations(app: { swagger(): unknown }): string[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
}

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string): { code: string } {
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const p = JSON.parse(res.body) as { code: string; status: number; type: string; title: string; detail: string };
  assert.equal(p.status, res.statusCode, what);
  assert.ok(p.type && p.title && p.detail, what);
  return p;
}

async function matrixApp() {
  const t = await alertsTestApp({ rateLimitPerMinute: 1_000_000 });
  const { app, center, hoanKiem, other } = t;
  const citizen = await createCitizen(app, { verified: true });
  const citizenH = await signInHeaders(app, citizen.phone);
  const photo = (await upload(app, citizenH, [{ name: 'o-ga.jpg', bytes: await scenePhoto(11) }])).json().items[0];
  const rep = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: citizenH, payload: fieldReportBody({ media: [photo.id] }) });
  assert.equal(rep.statusCode, 201, rep.body);
  const centerOp = await signedInStaff(app, center.id, 'center_operator');
  const reportAgencyId = (await app.inject({ url: `/api/v1/reports/${rep.json().id}`, headers: centerOp.h })).json().receivingAgency?.id as string;
  assert.ok(reportAgencyId, 'the report has a receiving agency');
  return { ...t, citizen: { ...citizen, h: citizenH }, photo, report: rep.json() as { id: string; code: string }, reportAgencyId, centerOp, hoanKiem, other };
}

test('R-4.3 every operation of the API has an access rule (public ones with their reason), and every rule an operation', async () => {
  const { app } = await testApp();
  const ops = operations(app);
  const missing = ops.filter((op) => !(op in RULES));
  assert.deepEqual(missing, [], 'operations without an access rule in reliability/access-matrix.int.test.ts');
  assert.deepEqual(Object.keys(RULES).filter((k) => !ops.includes(k)), [], 'rules of operations that no longer exist');
  for (const [op, rule] of Object.entries(RULES)) if ('public' in rule) assert.ok(rule.public.length > 10, `${op}: say why it is public`);
  assert.ok(ops.length >= 90);
});

test('R-4.3 R-2 anonymous callers get 401, roles without the right 403 (or 404 where hidden), roles with it neither — for every non-public operation', async () => {
  const t = await matrixApp();
  const { app, center, hoanKiem, report, reportAgencyId } = t;
  // Agency-scoped roles hold their membership at the report's agency (alert roles at Hoàn Kiếm, whose draft it is).
  const agencyOf: Record<StaffRole, string> = {
    administrator: center.id,
    center_operator: center.id,
    city_overseer: center.id,
    receiving_officer: reportAgencyId,
    agency_head: reportAgencyId,
    processing_officer: reportAgencyId,
    commune_leader: reportAgencyId,
    alert_editor: hoanKiem.id,
    alert_approver: hoanKiem.id,
    reception_officer: (await findAgency(app.ctx.db, { code: 'ban-tiep-cong-dan-thanh-pho' }))!.id,
  };
  const headers = { citizen: t.citizen.h } as Record<Role, H>;
  for (const role of STAFF_ROLES) headers[role] = (await signedInStaff(app, agencyOf[role], role)).h;
  const admin = headers.administrator;
  const alert = await t.post(headers.alert_editor, '/api/v1/alerts', t.draft({ title: 'Dự thảo của phường' }), 201);
  const hook = await t.post(admin, '/api/v1/admin/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['report.published'] }, 201);
  const known = await t.post(admin, '/api/v1/admin/known-images', { image: (await scenePhoto(12)).toString('base64'), label: 'Ảnh báo chí' }, 201);
  const key = await t.post(admin, '/api/v1/admin/integration-keys', { name: 'Ứng dụng thử', accountId: t.citizen.id }, 201);
  const year = (await app.inject({ url: '/api/v1/calendar/years/2027' })).json();
  const fx: Fx = {
    reportId: report.id,
    reportCode: report.code,
    reportAgencyId,
    uploadId: t.photo.id,
    alertId: alert.id,
    webhookId: hook.id,
    knownImageId: known.id,
    keyId: key.id,
    fieldCode: (await app.inject({ url: '/api/v1/agency-fields' })).json().items[0].code,
    calendar2027: { status: year.status, offDays: year.offDays, extraWorkDays: year.extraWorkDays, pending: year.pending, sources: year.sources },
    draft: () => t.draft({ title: `Thông báo thử ${unique()}` }),
  };

  const call = async (op: string, h: H, rule: Extract<Rule, { allowed: unknown }>) => {
    const [method] = op.split(' ') as [string];
    const s = rule.sample(fx);
    if (op === 'POST /api/v1/uploads') return upload(app, h, [{ name: 'anh.jpg', bytes: await scenePhoto(13) }]);
    return app.inject({ method: method as 'GET', url: s.url, headers: h, ...(s.payload ? { payload: s.payload } : {}) });
  };

  const table: string[] = [];
  let checked = 0;
  for (const [op, rule] of Object.entries(RULES)) {
    if ('public' in rule) continue;
    // Anonymous (and a forged or expired session): 401, problem+json.
    for (const anon of [{}, { authorization: 'Bearer not-a-session' }] as H[]) {
      const res = await call(op, anon, rule);
      assert.equal(res.statusCode, 401, `${op} anonymous: ${res.body}`);
      assert.equal(assertProblem(res, op).code, 'UNAUTHENTICATED');
      checked += 1;
    }
    const row: string[] = [];
    for (const role of ['citizen', ...STAFF_ROLES] as Role[]) {
      const res = await call(op, headers[role], rule);
      const may = rule.allowed === 'signed-in' || rule.allowed.includes(role);
      const what = `${op} as ${role} (${may ? 'allowed' : 'not allowed'}): ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode < 500, what);
      if (may) assert.ok(![401, 403].includes(res.statusCode), what);
      else {
        assert.ok((rule.denied ?? [403]).includes(res.statusCode), what);
        assertProblem(res, what);
      }
      row.push(`${role}=${res.statusCode}`);
      checked += 1;
    }
    table.push(`${op}: ${row.join(' ')}`);
  }
  console.log(`# access matrix: ${checked} requests\n# ${table.join('\n# ')}`);

  // Open311 POST: authenticated by api_key only; a session is not a key (403 in the spec's format).
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams({ service_code: 'field_report.giao-thong', description: 'Ổ gà lớn trên phố', lat: '21.0287', long: '105.8524' }).toString();
  for (const h of [{}, t.citizen.h, admin]) {
    const res = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { ...h, ...form }, payload: body });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(JSON.parse(res.body)[0].code, '403');
  }
});

test('R-4.3 another commune, another agency, another citizen: 403 or 404 and never the data, on reports, photos, alert drafts and agency figures', async () => {
  const t = await matrixApp();
  const { app, report, reportAgencyId, other, hoanKiem, photo } = t;
  const otherAgency = reportAgencyId === other.id ? hoanKiem : other;
  // Staff of a different commune, in every role; a different citizen.
  const outsiders: [string, H][] = [];
  for (const role of ['receiving_officer', 'agency_head', 'processing_officer', 'commune_leader', 'alert_editor', 'alert_approver'] as StaffRole[]) outsiders.push([`${role}@other`, (await signedInStaff(app, otherAgency.id, role)).h]);
  const sxd = (await findAgency(app.ctx.db, { code: 'so-xay-dung' }))!;
  for (const role of ['receiving_officer', 'agency_head', 'processing_officer'] as StaffRole[]) outsiders.push([`${role}@department`, (await signedInStaff(app, sxd.id, role)).h]);
  const stranger = await createCitizen(app, { verified: true });
  outsiders.push(['another citizen', await signInHeaders(app, stranger.phone)]);

  const alert = await t.post(t.hkEditor, '/api/v1/alerts', t.draft({ title: 'Dự thảo riêng của phường Hoàn Kiếm' }), 201);
  const insider = await signedInStaff(app, reportAgencyId, 'receiving_officer');
  assert.equal((await app.inject({ url: `/api/v1/reports/${report.id}`, headers: insider.h })).statusCode, 200, 'the report’s own agency sees it');

  let checked = 0;
  for (const [who, h] of outsiders) {
    const refused = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) => {
      const res = await app.inject({ method, url, headers: h, ...(payload ? { payload } : {}) });
      assert.ok([403, 404].includes(res.statusCode), `${who} ${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      assertProblem(res, `${who} ${url}`);
      assert.ok(!res.body.includes(report.code), `${who} ${url}: the answer names the report`);
      assert.doesNotMatch(res.body, /Ổ gà|Đinh Tiên Hoàng|Dự thảo riêng/, `${who} ${url}: data in a refusal`);
      checked += 1;
    };
    await refused('GET', `/api/v1/reports/${report.id}`);
    await refused('POST', `/api/v1/reports/${report.id}/actions`, { action: 'accept', version: 1, classification: 'normal', targetAgencyId: otherAgency.id });
    await refused('POST', `/api/v1/reports/${report.id}/actions`, { action: 'reject', version: 1, rejectReason: 'e', explanation: 'Quảng cáo' });
    await refused('POST', `/api/v1/reports/${report.id}/referral`, { reason: 'Vi phạm nghiêm trọng' });
    await refused('GET', `/api/v1/uploads/${photo.id}/content`);
    await refused('GET', `/api/v1/alerts/${alert.id}`);
    await refused('POST', `/api/v1/alerts/${alert.id}/actions`, { action: 'submit', version: alert.version });
    await refused('POST', `/api/v1/alerts/${alert.id}/actions`, { action: 'approve', version: alert.version });
    if (!who.includes('citizen')) {
      await refused('GET', `/api/v1/agencies/${reportAgencyId}/members`);
      await refused('GET', `/api/v1/oversight/lateness?agencyId=${reportAgencyId}`);
      await refused('PUT', `/api/v1/agencies/${reportAgencyId}/focal-officers`, { officers: [] });
    }
    // Lists: the other ward's report and draft are not in what an outsider can list.
    for (const url of ['/api/v1/staff/reports?limit=100', '/api/v1/alerts?limit=100', '/api/v1/me/reports', '/api/v1/me/notifications']) {
      const res = await app.inject({ url, headers: h });
      assert.ok(res.statusCode < 500, `${who} ${url}: ${res.body}`);
      assert.ok(!res.body.includes(report.id) && !res.body.includes(alert.id), `${who} ${url} lists another's report or draft`);
      checked += 1;
    }
  }
  // Nothing changed: the report is still as submitted, the draft still a draft.
  const seen = (await app.inject({ url: `/api/v1/reports/${report.id}`, headers: insider.h })).json();
  assert.equal(seen.state, 'submitted');
  assert.equal((await app.inject({ url: `/api/v1/alerts/${alert.id}`, headers: t.hkEditor })).json().state, 'draft');
  console.log(`# cross-scope: ${checked} requests from ${outsiders.length} outsiders`);
});

test('R-5.7 R-5.8 a confidential reporter’s name, phone, e-mail, CCCD and id appear in no public answer, feed, export to others, webhook payload or log line', async () => {
  const t = await testApp({ config: { rateLimitPerMinute: 1_000_000, sessionTtlHours: 24 * 30 } });
  const { app, ctx, clock, logs } = t;
  clock.set(vietnamTime(2026, 3, 2, 9, 0));
  const agency = async (code: string) => (await findAgency(ctx.db, { code }))!;
  const center = await agency('trung-tam-phuc-vu-hanh-chinh-cong');
  const sxd = await agency('so-xay-dung');
  const hoanKiem = await agency('ubnd-phuong-hoan-kiem');
  const admin = await signedInStaff(app, center.id, 'administrator');
  const hook = await app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: admin.h, payload: { url: 'http://127.0.0.1:9/hook', events: [...WEBHOOK_EVENT_TYPES] } });

  // A reporter easy to find anywhere: a distinctive name, phone, e-mail.
  const identity = { ...citizenIdentity(), fullName: 'Quách Thị Bảo Mật Xuyến', email: `bao.mat.xuyen.${unique()}@example.vn` };
  const reg = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: identity });
  assert.equal(reg.statusCode, 201, reg.body);
  const reporterId = reg.json().id as string;
  await updateUser(ctx.db, reporterId, { identity_verified_at: clock.now(), identity_verification_ref: 'test', residence_structure_version: '2025-07', residence_unit_code: hoanKiem.jurisdiction[0]!.code });
  const reporter = await signInHeaders(app, identity.phone);
  const photo = (await upload(app, reporter, [{ name: `${identity.fullName}.jpg`, bytes: await scenePhoto(21) }])).json().items[0];
  const submitted = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: reporter,
    payload: fieldReportBody({ confidential: true, media: [photo.id], description: 'Mặt đường bị sụt thành ổ gà sâu khoảng 20 cm trước cửa nhà tôi, xe máy đi qua rất nguy hiểm.' }),
  });
  assert.equal(submitted.statusCode, 201, submitted.body);
  const { id, code } = submitted.json();

  // Through the workflow to published, as in the reports tests.
  const dispatcher = await signedInStaff(app, center.id, 'center_operator');
  const head = await signedInStaff(app, sxd.id, 'agency_head');
  const leader = await signedInStaff(app, hoanKiem.id, 'commune_leader');
  const officer = await signedInStaff(app, hoanKiem.id, 'processing_officer');
  clock.set(vietnamTime(2026, 3, 2, 10, 0));
  await reportActionOk(app, dispatcher.h, id, { action: 'accept', targetAgencyId: sxd.id, classification: 'normal' });
  await reportActionOk(app, head.h, id, { action: 'take' });
  await reportActionOk(app, head.h, id, { action: 'dispatch', targetAgencyId: hoanKiem.id });
  await reportActionOk(app, leader.h, id, { action: 'assign', assigneeId: officer.id });
  await reportActionOk(app, officer.h, id, { action: 'draftResult', resultText: 'Đã vá ổ gà, thảm lại mặt đường.', proofs: [{ kind: 'inspection_record', title: 'Biên bản kiểm tra hiện trường' }] });
  await reportActionOk(app, head.h, id, { action: 'approve' });
  const mine = (await app.inject({ url: `/api/v1/reports/${id}`, headers: reporter })).json();
  assert.equal(mine.state, 'published');
  await reportAction(app, reporter, id, { action: 'rate', rating: 'satisfied', comment: 'Cảm ơn' });

  // Someone else's staff, of another agency and another commune, and the city's overseers.
  const otherCommune = (await listAgencies(ctx.db, { level: 'commune' })).find((a) => a.active && a.id !== hoanKiem.id)!;
  const outsiders = [
    await signedInStaff(app, otherCommune.id, 'receiving_officer'),
    await signedInStaff(app, otherCommune.id, 'agency_head'),
    await signedInStaff(app, center.id, 'city_overseer'),
    await signedInStaff(app, center.id, 'center_operator'),
  ];
  const publicUrls = [
    `/api/v1/public/reports/${code}`,
    '/api/v1/public/reports?limit=100',
    `/api/v1/public/reports?state=published,rated&unit=2025-07/${hoanKiem.jurisdiction[0]!.code}`,
    `/open311/v2/requests/${code}.xml`,
    `/open311/v2/requests/${code}.json`,
    '/open311/v2/requests.xml?start_date=2026-02-01T00:00:00%2B07:00&end_date=2026-03-31T00:00:00%2B07:00',
    '/open311/v2/requests.json?start_date=2026-02-01T00:00:00%2B07:00&end_date=2026-03-31T00:00:00%2B07:00',
    `/open311/v2/tokens/${code}.json`,
    '/open311/v2/servicerequestupdates.xml?start_date=2026-02-01T00:00:00%2B07:00&end_date=2026-03-31T00:00:00%2B07:00',
    '/open311/v2/servicerequestupdates.json?start_date=2026-02-01T00:00:00%2B07:00&end_date=2026-03-31T00:00:00%2B07:00',
    '/open311/v2/services.json',
    '/api/v1/open-data/reports.geojson?from=2026-01-01&to=2026-12-31',
    '/api/v1/open-data/reports.csv?from=2026-01-01&to=2026-12-31',
    '/api/v1/open-data/stats/daily.json?from=2026-02-01&to=2026-03-31',
    '/api/v1/open-data/stats/daily.csv?from=2026-02-01&to=2026-03-31',
    '/cap/alerts.atom',
  ];
  const bodies: [string, string][] = [];
  for (const url of publicUrls) {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    bodies.push([url, res.body]);
  }
  assert.ok(bodies.some(([, b]) => b.includes(code)), 'the report is public: the search below looks where it is');
  // The public copy of the photo: no name in its bytes either.
  const pub = JSON.parse(bodies[0]![1]) as { media?: { url: string }[] };
  for (const m of pub.media ?? []) bodies.push([m.url, (await app.inject({ url: m.url })).rawPayload.toString('latin1')]);
  for (const s of outsiders) {
    for (const url of ['/api/v1/staff/reports?limit=100', `/api/v1/reports/${id}`, '/api/v1/oversight/summary', '/api/v1/oversight/lateness', '/api/v1/admin/violations', '/api/v1/me/notifications']) {
      const res = await app.inject({ url, headers: s.h });
      assert.ok(res.statusCode < 500, `${url}: ${res.body}`);
      bodies.push([`${url} (staff)`, res.body]);
    }
  }
  // Staff who handle it see it, without the identity (R-5.7: confidential).
  for (const s of [head, leader, officer, dispatcher]) bodies.push([`/api/v1/reports/${id} (handling staff)`, (await app.inject({ url: `/api/v1/reports/${id}`, headers: s.h })).body]);
  // Webhook payloads (what integrators receive): the runner's pass, with a sender that keeps what it is given.
  assert.equal(hook.statusCode, 201, hook.body);
  const sent: string[] = [];
  const sender: WebhookSender = { send: async (r) => (sent.push(r.body), { kind: 'delivered', status: 200 }) };
  await runWebhooks(ctx, { sender, present: webhookPresenter });
  assert.ok(sent.some((b) => b.includes(code)), 'the webhooks carried the report');
  for (const b of sent) bodies.push(['webhook payload', b]);
  const tables = await ctx.db.introspection.getTables();
  for (const table of tables.filter((x) => /webhook/.test(x.name))) {
    const rows = await ctx.db.selectFrom(table.name as 'users').selectAll().execute();
    bodies.push([`table ${table.name}`, JSON.stringify(rows)]);
  }
  bodies.push(['server log', logs()]);

  const secrets = [identity.fullName, 'Bảo Mật Xuyến', identity.phone, identity.phone.replace(/^0/, '+84'), identity.phone.replace(/^0/, '84'), identity.email, identity.cccd, reporterId];
  for (const [where, body] of bodies) {
    const text = body.normalize('NFC');
    for (const secret of secrets) assert.ok(!text.includes(secret) && !text.includes(encodeURIComponent(secret)), `${where} contains ${secret}`);
  }
  assert.ok(logs().length > 1000, 'the logs were captured');
  console.log(`# R-5.7: ${bodies.length} answers and the log (${logs().split('\n').length} lines) searched for ${secrets.length} identity strings`);
});
