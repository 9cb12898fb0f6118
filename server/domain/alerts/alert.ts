/**
 * Information and warnings to residents (Art. 15–17; issue 6). An alert is issued by a People's Committee for
 * its own area — the city through the Center, a district, a commune — to the residents with
 * an account whose residence is in its audience: the issuing unit's whole area, or some of its communes.
 *
 * Workflow: an alert editor of the issuing agency creates and edits a draft and submits
 * it; an alert approver of the same agency approves it — which sends it, or schedules it — or returns it with a
 * comment. A sent alert can be cancelled (CAP msgType Cancel). Every step is an audited event with its actor
 * . Pure: no I/O, no clock — `now` is a parameter.
 */
import type { FieldProblem } from '../errors.ts';

/** Thông tin / cảnh báo. */
export const ALERT_KINDS = ['information', 'warning'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** CAP 1.2 `severity`, `urgency`, `certainty` and `category` values (OASIS CAP v1.2 §3.2.1–3.2.2). */
export const ALERT_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const ALERT_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const ALERT_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const ALERT_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertUrgency = (typeof ALERT_URGENCIES)[number];
export type AlertCertainty = (typeof ALERT_CERTAINTIES)[number];
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

export const ALERT_STATES = ['draft', 'submitted', 'returned', 'scheduled', 'sent', 'cancelled'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const ALERT_ACTIONS = ['edit', 'submit', 'return', 'approve', 'cancel'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const ALERT_LIMITS = { titleMin: 5, titleMax: 200, bodyMin: 10, bodyMax: 5000, links: 10, attachments: 5, commentMin: 5, overrideReasonMin: 20, maxDays: 90 } as const;

export interface AlertContent {
  kind: AlertKind;
  category: AlertCategory;
  severity: AlertSeverity;
  urgency: AlertUrgency;
  certainty: AlertCertainty;
  title: string;
  body: string;
  links: readonly { title: string; url: string }[];
  /** When it applies from (CAP `effective`), until (CAP `expires`); when it is to be sent (null: on approval). */
  startsAt: Date;
  expiresAt: Date;
  scheduledAt: Date | null;
  /** An optional polygon inside the audience: [lat, lng] pairs, closed (first = last), at least 4 points. */
  polygon: readonly (readonly [number, number])[] | null;
}

/** What is wrong with an alert's content (each field named), checked when it is created or edited. */
export function checkAlertContent(c: AlertContent): FieldProblem[] {
  const p: FieldProblem[] = [];
  const L = ALERT_LIMITS;
  const title = c.title.trim();
  const body = c.body.trim();
  if (title.length < L.titleMin || title.length > L.titleMax) p.push({ field: 'body.title', message: `Tiêu đề cần từ ${L.titleMin} đến ${L.titleMax} ký tự` });
  if (body.length < L.bodyMin || body.length > L.bodyMax) p.push({ field: 'body.body', message: `Nội dung cần từ ${L.bodyMin} đến ${L.bodyMax} ký tự` });
  if (c.links.length > L.links) p.push({ field: 'body.links', message: `Tối đa ${L.links} liên kết` });
  c.links.forEach((l, i) => {
    if (!/^https:\/\/[^\s]+$/.test(l.url)) p.push({ field: `body.links.${i}.url`, message: 'Liên kết phải là địa chỉ https://' });
  });
  if (c.expiresAt.getTime() <= c.startsAt.getTime()) p.push({ field: 'body.expiresAt', message: 'Thời điểm hết hiệu lực phải sau thời điểm bắt đầu' });
  else if (c.expiresAt.getTime() - c.startsAt.getTime() > L.maxDays * 86_400_000)
    p.push({ field: 'body.expiresAt', message: `Một thông báo có hiệu lực tối đa ${L.maxDays} ngày` });
  if (c.scheduledAt && c.scheduledAt.getTime() >= c.expiresAt.getTime()) p.push({ field: 'body.scheduledAt', message: 'Thời điểm gửi phải trước thời điểm hết hiệu lực' });
  if (c.kind === 'information' && (c.severity === 'Extreme' || c.severity === 'Severe'))
    p.push({ field: 'body.severity', message: 'Thông báo loại “thông tin” không mang mức độ nghiêm trọng Extreme/Severe: hãy chọn loại “cảnh báo”' });
  if (c.polygon) {
    const pts = c.polygon;
    const closed = pts.length >= 4 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1];
    if (!closed) p.push({ field: 'body.polygon', message: 'Vùng cần ít nhất 4 điểm [vĩ độ, kinh độ], điểm cuối trùng điểm đầu' });
    if (pts.some(([lat, lng]) => !(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180))) p.push({ field: 'body.polygon', message: 'Tọa độ của vùng không hợp lệ' });
  }
  return p;
}

/** Who acts on an alert, at its issuing agency. */
export interface AlertActorRoles {
  editor: boolean;
  approver: boolean;
}

export type AlertDecision =
  | { ok: true; to: AlertState }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION'; rule: string; message: string };

/**
 * Whether `action` may be taken on an alert in `state` by someone with `roles` at its issuing agency, and the
 * state it leads to. `approve` leads to `scheduled` when the alert is to be sent later than `now`.
 */
export function decideAlertAction(state: AlertState, action: AlertAction, roles: AlertActorRoles, o: { now: Date; scheduledAt: Date | null; expiresAt: Date }): AlertDecision {
  const forbid = (rule: string, message: string): AlertDecision => ({ ok: false, code: 'FORBIDDEN', rule, message });
  const wrong = (message: string): AlertDecision => ({ ok: false, code: 'INVALID_TRANSITION', rule: 'R-15.5', message });
  switch (action) {
    case 'edit':
    case 'submit':
      if (!roles.editor) return forbid('R-15.5', 'Chỉ người soạn thông báo của đơn vị phát hành được soạn và trình duyệt');
      if (state !== 'draft' && state !== 'returned') return wrong(`Thông báo đang ở trạng thái “${ALERT_STATE_NAMES[state]}”: không sửa hay trình lại được`);
      return { ok: true, to: action === 'edit' ? state : 'submitted' };
    case 'return':
    case 'approve':
      if (!roles.approver) return forbid('R-15.5', 'Chỉ người duyệt thông báo của đơn vị phát hành được duyệt hoặc trả lại');
      if (state !== 'submitted') return wrong(`Chỉ duyệt hoặc trả lại thông báo đã trình; thông báo đang “${ALERT_STATE_NAMES[state]}”`);
      if (action === 'return') return { ok: true, to: 'returned' };
      if (o.expiresAt.getTime() <= o.now.getTime()) return wrong('Thông báo đã hết hiệu lực: không gửi');
      return { ok: true, to: o.scheduledAt && o.scheduledAt.getTime() > o.now.getTime() ? 'scheduled' : 'sent' };
    case 'cancel':
      if (!roles.approver) return forbid('R-15.6', 'Chỉ người duyệt thông báo của đơn vị phát hành được hủy thông báo');
      if (state !== 'scheduled' && state !== 'sent') return wrong(`Chỉ hủy thông báo đã hẹn giờ hoặc đã gửi; thông báo đang “${ALERT_STATE_NAMES[state]}”`);
      return { ok: true, to: 'cancelled' };
  }
}

export const ALERT_STATE_NAMES: Record<AlertState, string> = {
  draft: 'bản nháp',
  submitted: 'chờ duyệt',
  returned: 'bị trả lại',
  scheduled: 'hẹn giờ gửi',
  sent: 'đã gửi',
  cancelled: 'đã hủy',
};

/** Levels from the top: the city sends above a district, a district above a commune. */
export const ISSUING_LEVELS = ['city', 'district', 'commune'] as const;
export type IssuingLevel = (typeof ISSUING_LEVELS)[number];

export function isHigherLevel(a: IssuingLevel, b: IssuingLevel): boolean {
  return ISSUING_LEVELS.indexOf(a) < ISSUING_LEVELS.indexOf(b);
}
