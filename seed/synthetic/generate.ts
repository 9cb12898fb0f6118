/**
 * `ihanoi seed --synthetic`: fills a database that has its reference data (seedReference) with realistic Hanoi
 * data — citizen accounts, reports of every kind in the 126 communes of the 2025-07 structure with their whole
 * handling so far (states, deadlines, audit trail, photos, results and ratings), and alerts at every level — in
 * chunks loaded with COPY, memory bounded by the chunk size. The same seed on the same database gives the same
 * data (UUIDs of deadlines and events, and the events' hashes, are the platform's own: random).
 *
 * Report codes come from a block of `report_code_seq` reserved in one statement (and alert codes from
 * `alert_code_seq`), so later submissions get fresh codes. Reports are placed in 2025-07 communes even before
 * July 2025 (the brief's simplification: the 2025-01 communes and district committees are not used for reports).
 */
import { sql } from 'kysely';
import { hashPassword } from '../../server/adapters/passwords.ts';
import type { AppContext } from '../../server/app/context.ts';
import { routeReport, type RoutingResult } from '../../server/app/catalogue/route-report.ts';
import { referenceData } from '../../server/app/reference/reference-data.ts';
import { invalidateOversightRollup } from '../../server/app/oversight/rollup.ts';
import { geoIndex } from '../../server/app/units/geo-index.ts';
import type { Agency } from '../../server/domain/agencies/index.ts';
import { civilYearOf, vietnamTime, type ReportKind } from '../../server/domain/calendar/index.ts';
import { committeeOfPlace, competentCityAgency, centerOf, isLocalField } from '../../server/domain/catalogue/index.ts';
import type { UnitRef } from '../../server/domain/units/index.ts';
import { boundariesOfLevel, listUnits } from '../../server/db/repos/units.repo.ts';
import { CURRENT } from '../units.seed.ts';
import { AccountTimeline, SYNTHETIC_PASSWORD, citizenRow } from './accounts.ts';
import { issuerAlerts, alertCount, type AlertIssuer } from './alerts.ts';
import { TableBuffer, openCopyWriter, type CopyWriter } from './copy.ts';
import { CATEGORY_WEIGHTS, DEFAULT_CATEGORY_WEIGHT, KIND_WEIGHTS, OUTCOMES, SubmissionTimes } from './distributions.ts';
import { simulateReport, type SubmittedReport, type World } from './lifecycle.ts';
import { RecentPhotos, reportPhotos } from './media.ts';
import { Places } from './places.ts';
import { Rng, Weighted, uuidV7At } from './prng.ts';
import { ensureStaff, textHash } from './staff.ts';
import { reportText, streetAddress } from './texts.ts';

export interface SyntheticOptions {
  reports: number;
  accounts: number;
  /** Default 1. */
  seed?: number;
  /** Reports are submitted in [from, until); defaults 2025-01-01 (Vietnam) and the context's clock. */
  from?: Date;
  until?: Date;
  /** Rows of reports (and of accounts) per chunk; default 50,000. */
  chunkSize?: number;
  /** The PostgreSQL database COPY writes to (its own connection); default the configured DATABASE_URL. */
  databaseUrl?: string;
  /** Progress lines (default: standard error). */
  progress?: (line: string) => void;
}

export interface SyntheticResult {
  accounts: number;
  staffCreated: number;
  reports: number;
  uploads: number;
  deadlines: number;
  events: number;
  alerts: number;
  /** Every row written by COPY. */
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  firstCode: string | null;
  lastCode: string | null;
}

/** Independent streams of the seed, one per part of the data. */
const STREAM = { places: 1, accounts: 0x100000, accountIds: 0x200000, reports: 0x300000, alerts: 0x400000 } as const;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Reserves `count` numbers of a sequence in one statement; the first of them. */
async function reserveNumbers(ctx: AppContext, sequence: 'report_code_seq' | 'alert_code_seq', count: number): Promise<number> {
  if (count === 0) return 0;
  const { rows } = await sql<{ last: number }>`SELECT setval(${sequence}::regclass, nextval(${sequence}::regclass) + ${count - 1})::int8 AS last`.execute(ctx.db);
  return Number(rows[0]!.last) - count + 1;
}

async function communesWithOutlines(ctx: AppContext) {
  const units = await listUnits(ctx.db, { version: CURRENT, level: 'commune' });
  const outlines = new Map((await boundariesOfLevel(ctx.db, CURRENT, 'commune')).map((b) => [b.code, b.geometry]));
  const areas = new Map(
    (await ctx.db.selectFrom('unit_boundaries').select(['unit_code', 'area_km2']).where('structure_version', '=', CURRENT).execute()).map((r) => [r.unit_code, r.area_km2]),
  );
  return units.filter((u) => outlines.has(u.code)).map((unit) => ({ unit, geometry: outlines.get(unit.code), areaKm2: areas.get(unit.code) ?? null }));
}

const USER_COLUMNS = [
  'id', 'kind', 'username', 'display_name', 'password_hash', 'full_name_enc', 'cccd_enc', 'cccd_idx', 'phone_enc', 'phone_idx', 'email_enc', 'email_idx',
  'date_of_birth', 'organisation_name', 'organisation_tax_code', 'residence_structure_version', 'residence_unit_code', 'identity_verified_at',
  'identity_verification_ref', 'status', 'locked_until', 'created_at', 'updated_at',
] as const;
const REPORT_COLUMNS = [
  'id', 'code', 'kind', 'category_code', 'title', 'description', 'reporter_id', 'confidential', 'lat', 'lng', 'address', 'unit_version', 'unit_code',
  'occurred_at', 'state', 'classification', 'receiving_agency_id', 'processing_agency_id', 'dispatched_agency_id', 'assignee_id', 'routing_note',
  'result_text', 'result_proofs', 'decision', 'result_published_at', 'rating', 'rating_comment', 'reject_reason', 'extended_to_days', 'version',
  'integrity_checked_at', 'submitted_at', 'updated_at', 'idempotency_key', 'idempotency_hash',
] as const;
const UPLOAD_COLUMNS = [
  'id', 'owner_id', 'sha256', 'kind', 'mime', 'size', 'original_name', 'width', 'height', 'taken_at', 'gps_lat', 'gps_lng', 'software', 'phash', 'camera',
  'public_sha256', 'created_at', 'frames_state', 'frames_sampled',
] as const;
const DEADLINE_COLUMNS = ['id', 'subject_type', 'subject_id', 'clock', 'started_at', 'amount_unit', 'amount', 'due_at', 'calendar_version', 'stopped_at', 'agency_id', 'overdue_at', 'worked_minutes'] as const;
const EVENT_COLUMNS = ['id', 'occurred_at', 'actor_id', 'actor_role', 'actor_agency_id', 'action', 'subject_type', 'subject_id', 'from_state', 'to_state', 'payload', 'prev_hash', 'hash'] as const;
const ALERT_COLUMNS = [
  'id', 'code', 'issuing_agency_id', 'level', 'structure_version', 'audience_units', 'audience_keys', 'whole_area', 'kind', 'category', 'severity', 'urgency',
  'certainty', 'title', 'body', 'links', 'polygon', 'starts_at', 'expires_at', 'scheduled_at', 'state', 'msg_type', 'references_alert_id', 'created_by',
  'created_at', 'updated_at', 'approved_by', 'approved_at', 'sent_at', 'cancelled_at', 'return_comment', 'resend_override', 'version', 'attachments',
] as const;

type Row = Record<string, unknown>;
const buffer = (table: string, columns: readonly string[]) => new TableBuffer<Row>(table, columns);

/** The agency a receiving officer hands a report to (R-7.2b): the receiving unit itself, or from the Center the competent one. */
function processingAgencyOf(agencies: readonly Agency[], byId: Map<string, Agency>) {
  return (receivingId: string, field: string, place: readonly UnitRef[]): string => {
    const receiving = byId.get(receivingId);
    if (receiving && receiving.kind !== 'center') return receivingId;
    const local = committeeOfPlace(place, agencies);
    const city = competentCityAgency(field, agencies);
    return ((isLocalField(field) ? (local ?? city) : (city ?? local)) ?? receiving)?.id ?? receivingId;
  };
}

export async function generateSynthetic(ctx: AppContext, o: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const seed = o.seed ?? 1;
  const from = o.from ?? vietnamTime(2025, 1, 1);
  const until = o.until ?? ctx.clock.now();
  const chunk = o.chunkSize ?? 50_000;
  const log = o.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));
  if (o.reports > 0 && o.accounts === 0) throw new Error('reports need accounts to come from (--accounts)');

  const ref = await referenceData(ctx);
  const cal = ref.calendar;
  const agencies = ref.agencies;
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const places = new Places(await communesWithOutlines(ctx), await geoIndex(ctx.db, CURRENT), Rng.derive(seed, STREAM.places));
  const passwordHash = await hashPassword(SYNTHETIC_PASSWORD);
  const acting = agencies.filter((a) => a.active || a.kind === 'district_committee');
  const staff = await ensureStaff(ctx.db, acting, { seed, passwordHash, at: new Date(from.getTime() - 30 * 86_400_000) });
  const staffOf = (id: string) => {
    const s = staff.byAgency.get(id);
    if (!s) throw new Error(`agency ${id} has no synthetic staff (inactive?)`);
    return s;
  };
  const center = centerOf(agencies);
  if (!center) throw new Error('no active Center: run the reference seed first');
  const world: World = {
    cal,
    until,
    staff: staffOf,
    processingAgency: processingAgencyOf(agencies, byId),
    communeCommittee: (place) => committeeOfPlace(place, agencies)?.id ?? null,
    cityAgency: (field) => (competentCityAgency(field, agencies) ?? center).id,
  };

  const writer: CopyWriter = await openCopyWriter(ctx.database, o.databaseUrl ?? ctx.config.databaseUrl);
  let rows = 0;
  const write = async (buffers: TableBuffer<Row>[]) => {
    const chunks = buffers.map((b) => b.take());
    await writer.write(chunks);
    const n = chunks.reduce((s, c) => s + c.rows, 0);
    rows += n;
    return chunks;
  };
  const rate = () => `${fmt(rows / ((performance.now() - started) / 1000))} rows/s`;
  const result: SyntheticResult = { accounts: 0, staffCreated: staff.created, reports: 0, uploads: 0, deadlines: 0, events: 0, alerts: 0, rows: 0, seconds: 0, rowsPerSecond: 0, firstCode: null, lastCode: null };

  try {
    // ——— accounts ———
    const timeline = new AccountTimeline(from, until, o.accounts);
    const existing = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '<>', 'staff').executeTakeFirstOrThrow();
    const firstNumber = Number(existing.n);
    const accountId = (k: number) => uuidV7At(timeline.createdAt(k).getTime(), Rng.derive(seed ^ STREAM.accountIds, k));
    const users = buffer('users', USER_COLUMNS);
    for (let k0 = 0; k0 < o.accounts; k0 += chunk) {
      for (let k = k0; k < Math.min(o.accounts, k0 + chunk); k++) {
        const rng = Rng.derive(seed ^ STREAM.accounts, k);
        const residence = places.communes.draw(rng).unit.code;
        const row = citizenRow({ k, n: firstNumber + k, seed, createdAt: timeline.createdAt(k), residence, version: CURRENT }, ctx.pii, rng, passwordHash);
        users.add({ ...row, id: accountId(k) });
      }
      await write([users]);
      result.accounts = Math.min(o.accounts, k0 + chunk);
      log(`synthetic: accounts ${fmt(result.accounts)} / ${fmt(o.accounts)} (${rate()})`);
    }

    // ——— reports ———
    const firstCodeNumber = await reserveNumbers(ctx, 'report_code_seq', o.reports);
    const times = new SubmissionTimes(cal.calendar, from, until);
    const kinds = Weighted.of(KIND_WEIGHTS);
    const categoriesOf = new Map<ReportKind, Weighted<(typeof ref.categories)[number]>>();
    for (const kind of kinds.items) {
      const usable = ref.categories.filter((c) => c.active && c.kinds.includes(kind));
      if (usable.length) categoriesOf.set(kind, new Weighted(usable, usable.map((c) => CATEGORY_WEIGHTS[c.code] ?? DEFAULT_CATEGORY_WEIGHT)));
    }
    const routes = new Map<string, RoutingResult>();
    const route = (kind: ReportKind, categoryCode: string, place: UnitRef) => {
      const key = `${kind}|${categoryCode}|${place.code}`;
      let r = routes.get(key);
      if (!r) routes.set(key, (r = routeReport(ref, { kind, categoryCode, place })));
      return r;
    };
    const recent = new RecentPhotos();
    const reports = buffer('reports', REPORT_COLUMNS);
    const uploads = buffer('uploads', UPLOAD_COLUMNS);
    const media = buffer('report_media', ['report_id', 'upload_id', 'role', 'position']);
    const hashes = buffer('upload_photo_hashes', ['upload_id', 'view', 'phash']);
    const deadlines = buffer('deadlines', DEADLINE_COLUMNS);
    const events = buffer('audit_events', EVENT_COLUMNS);
    for (let i0 = 0; i0 < o.reports; i0 += chunk) {
      for (let i = i0; i < Math.min(o.reports, i0 + chunk); i++) {
        const rng = Rng.derive(seed ^ STREAM.reports, i);
        const submittedAt = times.instant(i, o.reports, rng);
        let kind = kinds.draw(rng);
        if (!categoriesOf.has(kind)) kind = 'field_report';
        const category = categoriesOf.get(kind)!.draw(rng);
        const commune = places.communes.draw(rng);
        const pin = places.pin(commune, rng);
        const place = { version: commune.unit.version, code: commune.unit.code };
        const routing = route(kind, category.code, place);
        const address = streetAddress(rng, commune.unit.fullName);
        const text = reportText(rng, category.code, category.name, address.split(', ').slice(-2)[0] ?? address);
        const reporterId = accountId(timeline.reporterAt(submittedAt, rng));
        const id = uuidV7At(submittedAt.getTime(), rng);
        const photos = reportPhotos({ id, reporterId, submittedAt, lat: pin.lat, lng: pin.lng, commune: commune.unit.code }, recent, rng);
        const number = firstCodeNumber + i;
        const report: SubmittedReport = {
          id,
          code: `PA-${civilYearOf(submittedAt.getTime())}-${String(number).padStart(6, '0')}`,
          kind,
          categoryCode: category.code,
          field: category.field,
          title: text.title,
          description: text.description,
          reporterId,
          confidential: rng.chance(OUTCOMES.confidential),
          lat: pin.lat,
          lng: pin.lng,
          address,
          place: [place],
          occurredAt: rng.chance(0.6) ? new Date(submittedAt.getTime() - rng.int(6 * 3_600_000)) : null,
          submittedAt,
          receivingAgencyId: routing.agencyId,
          routingNote: routing.rule,
          mediaCount: photos.uploads.length,
        };
        const sim = simulateReport(report, world, rng);
        reports.add(sim.row as Row);
        for (const u of photos.uploads) uploads.add(u as Row);
        for (const m of photos.media) media.add(m as Row);
        for (const h of photos.hashes) hashes.add(h as Row);
        for (const d of sim.deadlines) deadlines.add(d as Row);
        for (const e of sim.events) events.add(e as Row);
        result.firstCode ??= report.code;
        result.lastCode = report.code;
      }
      const written = await write([uploads, reports, media, hashes, deadlines, events]);
      const count = (table: string) => written.find((c) => c.table === table)?.rows ?? 0;
      result.reports += count('reports');
      result.uploads += count('uploads');
      result.deadlines += count('deadlines');
      result.events += count('audit_events');
      log(`synthetic: reports ${fmt(result.reports)} / ${fmt(o.reports)} (${fmt(rows)} rows, ${rate()})`);
    }

    // ——— alerts ———
    const issuers = alertIssuers(agencies, ref, staff.byAgency, from, until);
    const issuerRng = (a: AlertIssuer) => Rng.derive(seed ^ STREAM.alerts, textHash(a.agency.code));
    const total = issuers.reduce((n, a) => n + alertCount(a, issuerRng(a)), 0);
    let next = await reserveNumbers(ctx, 'alert_code_seq', total);
    const nextCode = (year: number) => `TB-${year}-${String(next++).padStart(6, '0')}`;
    const alerts = buffer('alerts', ALERT_COLUMNS);
    for (const issuer of issuers)
      for (const a of issuerAlerts(issuer, cal.calendar, nextCode, issuerRng(issuer))) {
        alerts.add(a.alert as Row);
        for (const e of a.events) events.add(e as Row);
      }
    const written = await write([alerts, events]);
    result.alerts = written[0]!.rows;
    result.events += written[1]!.rows;
    log(`synthetic: alerts ${fmt(result.alerts)}`);
  } finally {
    await writer.close();
    // COPY bypassed the use cases (and wrote past updated_at values): the next refresh rebuilds every month.
    await invalidateOversightRollup(ctx);
  }
  for (const table of ['users', 'reports', 'uploads', 'report_media', 'upload_photo_hashes', 'deadlines', 'audit_events', 'alerts'])
    await sql`ANALYZE ${sql.table(table)}`.execute(ctx.db);
  result.rows = rows;
  result.seconds = (performance.now() - started) / 1000;
  result.rowsPerSecond = rows / result.seconds;
  log(
    `synthetic: done — ${fmt(result.reports)} reports, ${fmt(result.accounts)} accounts, ${fmt(result.alerts)} alerts; ${fmt(rows)} rows in ${result.seconds.toFixed(1)} s (${fmt(result.rowsPerSecond)} rows/s, ${fmt(result.reports / result.seconds)} reports/s)`,
  );
  return result;
}

/** The Center (city), the commune committees since they exist, the former district committees until they ended. */
function alertIssuers(
  agencies: readonly Agency[],
  ref: Awaited<ReturnType<typeof referenceData>>,
  staff: Awaited<ReturnType<typeof ensureStaff>>['byAgency'],
  from: Date,
  until: Date,
): AlertIssuer[] {
  const levels: Partial<Record<Agency['kind'], AlertIssuer['level']>> = { center: 'city', district_committee: 'district', commune_committee: 'commune' };
  const versions = ref.structureVersions.map((v) => v.version);
  const issuers: AlertIssuer[] = [];
  for (const agency of agencies) {
    const level = levels[agency.kind];
    const s = staff.get(agency.id);
    if (!level || !s?.alertEditor || !s.alertApprover || (!agency.active && level !== 'district')) continue;
    const newest = versions.find((v) => agency.jurisdiction.some((j) => j.version === v));
    const area = agency.jurisdiction.filter((j) => j.version === newest);
    const start = agency.validFrom ? Math.max(from.getTime(), vietnamTime(...ymd(agency.validFrom)).getTime()) : from.getTime();
    const end = agency.validTo ? Math.min(until.getTime(), vietnamTime(...ymd(agency.validTo)).getTime() + 86_400_000) : until.getTime();
    if (area.length && end > start) issuers.push({ agency, level, area, editor: s.alertEditor, approver: s.alertApprover, from: new Date(start), until: new Date(end) });
  }
  return issuers;
}

const ymd = (date: string): [number, number, number] => [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
