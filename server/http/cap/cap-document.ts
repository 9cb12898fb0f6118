/**
 * OASIS CAP 1.2 documents of sent alerts and their Atom index (issue 6 item 6, R-18.5): the standard feed other
 * systems read. Every document validates against data/cap/CAP-v1.2.xsd (a test checks it); the schema's quirks
 * are kept here: times with a numeric offset and no fraction (`+07:00`, never `Z`), a polygon as at least four
 * "lat,lon" pairs with the first repeated last.
 */
import { create } from 'xmlbuilder2';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { simplifiedRing } from '../../domain/units/index.ts';
import type { AlertRow } from '../../db/repos/alerts.repo.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
/** The `sender` of every document: the platform, as the OASIS spec asks (a unique identifier such as a domain). */
export const CAP_SENDER = 'ihanoi.hanoi.gov.vn';
/** Douglas–Peucker tolerance for unit boundaries, in degrees (about 100 m): a commune's outline in ~50 points. */
const SIMPLIFY_DEGREES = 0.001;

/** CAP times: Vietnam time, whole seconds, numeric offset. */
export const capTime = (d: Date) => formatVietnamTime(new Date(Math.floor(d.getTime() / 1000) * 1000));

/** The identifier of the alert's message, and of its cancellation (a message of its own). */
export const capIdentifier = (a: Pick<AlertRow, 'code'>, cancel = false) => `${CAP_SENDER}.${a.code}${cancel ? '.cancel' : ''}`;

export interface CapArea {
  /** The audience units: GSO code and full name. */
  units: readonly { code: string; name: string }[];
  /** Each outer ring of the units' boundaries, as [lng, lat] GeoJSON positions (simplified here). */
  rings: readonly (readonly (readonly [number, number])[])[];
}

function capPolygon(ring: readonly (readonly [number, number])[]): string | null {
  const pts = simplifiedRing(ring, SIMPLIFY_DEGREES);
  return pts && pts.map(([lng, lat]) => `${lat.toFixed(5)},${lng.toFixed(5)}`).join(' ');
}

const EVENT: Record<AlertRow['kind'], string> = { warning: 'Cảnh báo', information: 'Thông tin' };

/**
 * The CAP message of a sent alert (an Update referencing the alert it updates) — or, when it was cancelled after
 * being sent, the Cancel message that references it.
 */
export function capDocument(a: AlertRow, o: { issuerName: string; area: CapArea; webUrl: string; baseUrl: string; updates?: AlertRow | undefined }): string {
  const cancelled = a.state === 'cancelled' && a.cancelled_at !== null;
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(CAP_NAMESPACE, 'alert');
  doc.ele('identifier').txt(capIdentifier(a, cancelled));
  doc.ele('sender').txt(CAP_SENDER);
  doc.ele('sent').txt(capTime(cancelled ? a.cancelled_at! : a.sent_at!));
  doc.ele('status').txt('Actual');
  doc.ele('msgType').txt(cancelled ? 'Cancel' : a.msg_type);
  doc.ele('scope').txt('Public');
  // A Cancel references the message it cancels; an Update, the alert it updates.
  if (cancelled) doc.ele('references').txt(`${CAP_SENDER},${capIdentifier(a)},${capTime(a.sent_at!)}`);
  else if (o.updates?.sent_at) doc.ele('references').txt(`${CAP_SENDER},${capIdentifier(o.updates)},${capTime(o.updates.sent_at)}`);
  const info = doc.ele('info');
  info.ele('language').txt('vi-VN');
  info.ele('category').txt(a.category);
  info.ele('event').txt(EVENT[a.kind]);
  info.ele('urgency').txt(a.urgency);
  info.ele('severity').txt(a.severity);
  info.ele('certainty').txt(a.certainty);
  info.ele('effective').txt(capTime(a.starts_at));
  info.ele('expires').txt(capTime(a.expires_at));
  info.ele('senderName').txt(o.issuerName);
  info.ele('headline').txt(cancelled ? `Hủy: ${a.title}` : a.title);
  info.ele('description').txt(a.body);
  info.ele('web').txt(o.webUrl);
  a.attachments.forEach((x, i) => {
    const r = info.ele('resource');
    r.ele('resourceDesc').txt(`Ảnh đính kèm ${i + 1}`);
    r.ele('mimeType').txt('image/jpeg');
    r.ele('uri').txt(`${o.baseUrl}/api/v1/media/${x.publicSha256}`);
  });
  const area = info.ele('area');
  area.ele('areaDesc').txt(o.area.units.map((u) => u.name).join('; '));
  const rings = a.polygon ? [a.polygon.map(([lat, lng]) => [lng, lat] as const)] : o.area.rings;
  for (const ring of rings) {
    const p = capPolygon(ring);
    if (p) area.ele('polygon').txt(p);
  }
  for (const u of o.area.units) area.ele('geocode').ele('valueName').txt('GSO').up().ele('value').txt(u.code);
  return doc.end({ prettyPrint: true });
}

/** An Atom feed (RFC 4287) of the alerts in force, each entry linking to its CAP document. */
export function capAtomFeed(entries: readonly { alert: AlertRow; issuerName: string; capUrl: string }[], o: { selfUrl: string; now: Date }): string {
  const feed = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://www.w3.org/2005/Atom', 'feed');
  feed.ele('id').txt(`tag:${CAP_SENDER},2025:alerts`);
  feed.ele('title').txt('iHanoi — Thông báo, cảnh báo đang có hiệu lực (CAP 1.2)');
  const latest = entries.reduce<Date | null>((t, e) => (!t || e.alert.updated_at > t ? e.alert.updated_at : t), null);
  feed.ele('updated').txt(capTime(latest ?? o.now));
  feed.ele('author').ele('name').txt('Thành phố Hà Nội — iHanoi');
  feed.ele('link', { rel: 'self', href: o.selfUrl, type: 'application/atom+xml' });
  for (const { alert, issuerName, capUrl } of entries) {
    const cancelled = alert.state === 'cancelled';
    const entry = feed.ele('entry');
    entry.ele('id').txt(`tag:${CAP_SENDER},2025:${capIdentifier(alert, cancelled)}`);
    entry.ele('title').txt(cancelled ? `Hủy: ${alert.title}` : alert.title);
    entry.ele('updated').txt(capTime(alert.updated_at));
    entry.ele('author').ele('name').txt(issuerName);
    entry.ele('summary').txt(`${EVENT[alert.kind]} — ${alert.severity}, ${alert.urgency}; hiệu lực đến ${capTime(alert.expires_at)}`);
    entry.ele('link', { rel: 'alternate', type: 'application/cap+xml', href: capUrl });
  }
  return feed.end({ prettyPrint: true });
}
