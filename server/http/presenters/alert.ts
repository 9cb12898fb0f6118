/**
 * Alerts by audience: residents read what was sent to them (no staff identity); the issuing unit's staff and
 * the overseers read the whole alert with its event trail. Times are Vietnam time (+07:00).
 */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import type { ReferenceData } from '../../app/reference/reference-data.ts';

const time = (d: Date | null) => (d ? formatVietnamTime(d) : null);

function issuer(ref: ReferenceData, a: AlertRow) {
  const agency = ref.agency(a.issuing_agency_id);
  return { id: a.issuing_agency_id, name: agency?.name ?? '', level: a.level };
}

function audience(ref: ReferenceData, a: AlertRow) {
  return {
    wholeArea: a.whole_area,
    structureVersion: a.structure_version,
    units: a.audience_units.map((code) => ({ code, name: ref.unit(a.structure_version, code)?.fullName ?? code })),
  };
}

function content(a: AlertRow) {
  return {
    kind: a.kind,
    category: a.category,
    severity: a.severity,
    urgency: a.urgency,
    certainty: a.certainty,
    title: a.title,
    body: a.body,
    links: a.links,
    attachments: a.attachments.map((x) => ({ url: `/api/v1/media/${x.publicSha256}` })),
    polygon: a.polygon,
    startsAt: formatVietnamTime(a.starts_at),
    expiresAt: formatVietnamTime(a.expires_at),
  };
}

/** What a resident reads of an alert sent to them. */
export function presentResidentAlert(ref: ReferenceData, a: AlertRow & { read: boolean }, now: Date) {
  return {
    id: a.id,
    code: a.code,
    issuer: { name: issuer(ref, a).name, level: a.level },
    ...content(a),
    sentAt: formatVietnamTime(a.sent_at!),
    cancelled: a.state === 'cancelled',
    expired: a.expires_at.getTime() <= now.getTime(),
    read: a.read,
  };
}

/** A sent alert as anyone may read it (integrators' webhooks): the content, who issued it, where, and its CAP document. */
export function presentPublicAlert(ref: ReferenceData, a: AlertRow) {
  const { structureVersion: _version, ...where } = audience(ref, a);
  return {
    code: a.code,
    issuer: { name: issuer(ref, a).name, level: a.level },
    audience: where,
    ...content(a),
    sentAt: time(a.sent_at),
    cap: `/cap/alerts/${a.code}.xml`,
  };
}

/** The whole alert, for the issuing unit's staff and the overseers. */
export function presentStaffAlert(ref: ReferenceData, a: AlertRow) {
  return {
    id: a.id,
    code: a.code,
    version: a.version,
    state: a.state,
    msgType: a.msg_type,
    issuer: issuer(ref, a),
    audience: audience(ref, a),
    ...content(a),
    scheduledAt: time(a.scheduled_at),
    createdBy: a.created_by,
    createdAt: formatVietnamTime(a.created_at),
    approvedBy: a.approved_by,
    approvedAt: time(a.approved_at),
    sentAt: time(a.sent_at),
    cancelledAt: time(a.cancelled_at),
    returnComment: a.return_comment,
    resendOverride: a.resend_override,
  };
}

export function presentAlertEvent(e: { id: string; occurred_at: Date; action: string; actor_id: string | null; actor_role: string; actor_agency_id: string | null; from_state: string | null; to_state: string | null; payload: unknown }) {
  return {
    id: e.id,
    at: formatVietnamTime(e.occurred_at),
    action: e.action,
    actorId: e.actor_id,
    actorRole: e.actor_role,
    actorAgencyId: e.actor_agency_id,
    fromState: e.from_state,
    toState: e.to_state,
    payload: e.payload,
  };
}
