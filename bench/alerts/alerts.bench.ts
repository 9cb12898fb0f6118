/**
 * Alerts to residents (issue 6): publishing must not depend on the audience's size, and a resident's inbox must
 * read fast among many alerts and accounts.
 *
 * - Publish: an approver's `approve` that sends (use case, one transaction with its events), timed with a small
 *   and a large number of synthetic accounts; baseline in the same run: a bare single-row UPDATE of an alert.
 * - Inbox: `residentAlerts` (residence look-up, audience keys, the inbox query with unread count) for random
 *   residents among the large number of accounts and 10,000 sent alerts; baseline: a user's primary-key look-up.
 * - Push: a commune alert delivered by the push runner (fan-out, batches, encryption, VAPID, bookkeeping) to a
 *   local stub push service; baseline: bare POSTs to the stub at the same concurrency.
 *
 *   node --import tsx bench/alerts/alerts.bench.ts [--quick]      embedded PGlite (in memory)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/alerts/alerts.bench.ts   a PostgreSQL server
 *
 * Accounts: 10,000 then 200,000 (`--quick`), 1,000,000 (PGlite) or 10,000,000 (PostgreSQL); BENCH_ALERT_ACCOUNTS
 * overrides the large count. Accounts are inserted with SQL (one statement per million), spread evenly over the
 * 126 communes; alerts: 2 % city-wide, the rest by commune committees, sent over the last 60 days.
 */
import { sql } from 'kysely';
import { actOnAlert, createAlert } from '../../server/app/alerts/alerts.ts';
import { residentAlerts } from '../../server/app/alerts/inbox.ts';
import type { Actor } from '../../server/domain/access/index.ts';
import { migrate } from '../../server/db/migrate.ts';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import { generateVapidKeys, WebPushSender } from '../../server/adapters/push/web-push-sender.ts';
import { runPushJobs } from '../../server/app/push/push.ts';
import { startPushStub } from '../../test/push-stub.ts';
import { seedReference } from '../../seed/index.ts';
import { benchContext, openBenchDatabase } from '../database.ts';
import { runWhenMain } from '../standalone.ts';

const ALERTS = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed(n: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const onServer = Boolean(process.env.BENCH_DATABASE_URL);
  const large = Number(process.env.BENCH_ALERT_ACCOUNTS ?? (opts.quick ? 200_000 : onServer ? 10_000_000 : 1_000_000));
  const small = 10_000;
  const { database, label, drop } = await openBenchDatabase({ prefix: 'ihanoi_bench_alerts', poolSize: 4 });
  await migrate(database);
  const ctx = benchContext(database);
  await seedReference(ctx);
  const db = ctx.db;

  // Staff of the Center who edit and approve (real accounts: the events name them).
  const center = (await findAgency(db, { code: 'trung-tam-phuc-vu-hanh-chinh-cong' }))!;
  const staffId = crypto.randomUUID();
  await sql`INSERT INTO users (id, kind, username, display_name, password_hash, created_at, updated_at) VALUES (${staffId}, 'staff', 'bench-alerts', 'Bench', 'x', now(), now())`.execute(db);
  const editor: Actor = { kind: 'staff', userId: staffId, memberships: [{ agencyId: center.id, role: 'alert_editor' }] };
  const approver: Actor = { kind: 'staff', userId: staffId, memberships: [{ agencyId: center.id, role: 'alert_approver' }] };

  // Accounts, spread over today's communes, inserted up to `total`.
  const communes = (await sql<{ code: string }>`SELECT code FROM units WHERE structure_version = '2025-07' AND level = 'commune' ORDER BY code`.execute(db)).rows.map((r) => r.code);
  let accounts = 0;
  const growAccountsTo = async (total: number) => {
    while (accounts < total) {
      const to = Math.min(total, accounts + 1_000_000);
      await sql`INSERT INTO users (id, kind, display_name, password_hash, cccd_idx, phone_idx, email_idx, residence_structure_version, residence_unit_code, created_at, updated_at)
        SELECT gen_random_uuid(), 'individual', 'Cư dân', 'x', 'c' || i, 'p' || i, 'e' || i, '2025-07', (${communes}::text[])[1 + i % ${communes.length}], now(), now()
        FROM generate_series(${accounts + 1}::int, ${to}::int) i`.execute(db);
      accounts = to;
    }
    await sql`ANALYZE users`.execute(db);
  };

  // 10,000 sent alerts: 2 % city-wide, the rest from commune committees to their own commune.
  await sql`INSERT INTO alerts (id, code, issuing_agency_id, level, structure_version, audience_units, audience_keys, whole_area, kind, category, severity, urgency, certainty,
      title, body, starts_at, expires_at, state, created_by, created_at, updated_at, approved_by, approved_at, sent_at)
    SELECT gen_random_uuid(), 'TB-BENCH-' || i,
      CASE WHEN i % 50 = 0 THEN ${center.id}::uuid ELSE c.agency_id END,
      CASE WHEN i % 50 = 0 THEN 'city' ELSE 'commune' END,
      '2025-07',
      CASE WHEN i % 50 = 0 THEN ARRAY['01'] ELSE ARRAY[c.unit_code] END,
      CASE WHEN i % 50 = 0 THEN ARRAY['2025-07/01'] ELSE ARRAY['2025-07/' || c.unit_code] END,
      true, 'information', 'Other', 'Minor', 'Future', 'Likely',
      'Thông báo số ' || i, 'Nội dung thông báo thử nghiệm số ' || i || ' gửi đến người dân trên địa bàn.',
      s.at, s.at + interval '30 days', 'sent', ${staffId}::uuid, s.at, s.at, ${staffId}::uuid, s.at, s.at
    FROM generate_series(1, ${ALERTS}) i
    CROSS JOIN LATERAL (SELECT now() - (i * interval '60 days' / ${ALERTS}) AS at) s
    JOIN (SELECT row_number() OVER (ORDER BY j.unit_code) AS rn, a.id AS agency_id, j.unit_code
          FROM agencies a JOIN agency_jurisdictions j ON j.agency_id = a.id
          WHERE a.kind = 'commune_committee' AND a.active) c ON c.rn = 1 + i % 126`.execute(db);
  await sql`ANALYZE alerts`.execute(db);

  let drafted = 0;
  const publish = async () => {
    const created = await createAlert(ctx, editor, {
      agencyId: center.id,
      kind: 'warning',
      category: 'Met',
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      title: `Cảnh báo thời tiết số ${++drafted}`,
      body: `Bản tin cảnh báo số ${drafted}: mưa lớn diện rộng, người dân chủ động phòng tránh.`,
      links: [],
      polygon: null,
      startsAt: null,
      expiresAt: new Date(Date.now() + 2 * 86_400_000),
      scheduledAt: null,
      communes: null,
      attachments: [],
    });
    const submitted = await actOnAlert(ctx, editor, created.id, { action: 'submit', version: created.version });
    return () => actOnAlert(ctx, approver, created.id, { action: 'approve', version: submitted.version });
  };
  const publishTimes = async (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const approve = await publish();
      const t0 = performance.now();
      await approve();
      out.push(performance.now() - t0);
    }
    return out.sort((a, b) => a - b);
  };
  const ids = (await sql<{ id: string }>`SELECT id FROM alerts LIMIT 50`.execute(db)).rows.map((r) => r.id);
  const rawUpdate = (i: number) => sql`UPDATE alerts SET updated_at = now() WHERE id = ${ids[i % ids.length]}`.execute(db);

  const rounds = opts.quick ? 30 : 100;
  await growAccountsTo(small);
  await publishTimes(5); // warm-up
  const publishSmall = await publishTimes(rounds);
  const rawSmall = await timed(rounds, rawUpdate);
  const grow0 = performance.now();
  await growAccountsTo(large);
  const growSeconds = (performance.now() - grow0) / 1000;
  const publishLarge = await publishTimes(rounds);
  const rawLarge = await timed(rounds, rawUpdate);

  // Inbox reads of random residents among `large` accounts.
  const sample = (await sql<{ id: string }>`SELECT id FROM users TABLESAMPLE SYSTEM (1) WHERE kind = 'individual' LIMIT 2000`.execute(db)).rows.map((r) => r.id);
  const residents: Actor[] = sample.map((id) => ({ kind: 'citizen', userId: id, identityVerified: true }));
  const reads = opts.quick ? 300 : 1000;
  let items = 0;
  await timed(50, (i) => residentAlerts(ctx, residents[i % residents.length]!, { unreadOnly: false, limit: 20, offset: 0 }));
  const inbox = await timed(reads, async (i) => {
    const r = await residentAlerts(ctx, residents[(i * 7919) % residents.length]!, { unreadOnly: false, limit: 20, offset: 0 });
    items += r.total;
  });
  const pk = await timed(reads, (i) => sql`SELECT id, residence_unit_code FROM users WHERE id = ${sample[(i * 7919) % sample.length]}`.execute(db));

  // Push delivery to a local stub push service: every account of one commune subscribed (one device each). The
  // publishes above queued push jobs of their own (city-wide alerts, no devices then): they are not this measure.
  await sql`DELETE FROM push_jobs`.execute(db);
  const stub = await startPushStub();
  const device = stub.subscription('bench');
  const commune = communes[0]!;
  const subscribers = Number(
    (
      await sql<{ n: string | number }>`WITH s AS (
        INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at)
        SELECT gen_random_uuid(), u.id, ${`${stub.url}/push/bench-`} || u.id, ${device.keys.p256dh}, ${device.keys.auth}, now()
        FROM users u WHERE u.residence_structure_version = '2025-07' AND u.residence_unit_code = ${commune}
        LIMIT ${opts.quick ? 2_000 : 20_000} RETURNING 1)
      SELECT count(*) AS n FROM s`.execute(db)
    ).rows[0]!.n,
  );
  const sender = new WebPushSender({ ...generateVapidKeys(), subject: 'mailto:bench@example.vn' });
  const created = await createAlert(ctx, editor, {
    agencyId: center.id, kind: 'warning', category: 'Met', severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed',
    title: 'Cảnh báo khẩn: lũ quét', body: 'Nước lũ dâng nhanh, người dân khẩn trương di chuyển lên vùng cao.',
    links: [], polygon: null, startsAt: null, expiresAt: new Date(Date.now() + 86_400_000), scheduledAt: null, communes: [commune], attachments: [],
  });
  const submitted = await actOnAlert(ctx, editor, created.id, { action: 'submit', version: created.version });
  await actOnAlert(ctx, approver, created.id, { action: 'approve', version: submitted.version });
  stub.received.length = 0;
  const push0 = performance.now();
  while ((await runPushJobs(ctx, sender)) > 0);
  const pushSeconds = (performance.now() - push0) / 1000;
  const pushed = stub.received.length;
  // Baseline: the same number of bare POSTs to the stub, no encryption, no bookkeeping, same concurrency.
  const raw0 = performance.now();
  for (let i = 0; i < subscribers; i += 20)
    await Promise.all(Array.from({ length: Math.min(20, subscribers - i) }, () => fetch(device.endpoint, { method: 'POST', body: 'x' }).then((r) => r.arrayBuffer())));
  const rawSeconds = (performance.now() - raw0) / 1000;
  await stub.close();

  await database.close();
  await drop();
  const fmt = (n: number) => n.toLocaleString('en-US');
  const ms = (s: number[]) => `p50 ${percentile(s, 50).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms`;
  return {
    name: `alerts: publish and residents' inbox — ${label}`,
    lines: [
      `publish (approve → sent, one transaction with its events), ${rounds} alerts each:`,
      `  ${fmt(small).padStart(10)} accounts   ${ms(publishSmall)}   raw single-row UPDATE ${ms(rawSmall)}`,
      `  ${fmt(large).padStart(10)} accounts   ${ms(publishLarge)}   raw single-row UPDATE ${ms(rawLarge)}   (accounts added in ${growSeconds.toFixed(0)} s)`,
      `  target: flat, ≤ 50 ms — p99 ratio large/small ${(percentile(publishLarge, 99) / percentile(publishSmall, 99)).toFixed(2)}`,
      `inbox read (residence, audience keys, newest 20 with unread count) among ${fmt(large)} accounts and ${fmt(ALERTS)} sent alerts, ${reads} reads:`,
      `  residentAlerts  ${ms(inbox)}   (${(items / reads).toFixed(0)} alerts per resident on average)`,
      `  baseline: a user's primary-key look-up ${ms(pk)}`,
      `  target: p99 ≤ 10 ms`,
      `push delivery to a local stub push service, ${fmt(subscribers)} subscribed devices of one commune (encrypt, VAPID-sign, send, record):`,
      `  runPushJobs   ${fmt(pushed)} pushes in ${pushSeconds.toFixed(2)} s = ${fmt(Math.round(pushed / pushSeconds))} /s   bare POSTs to the stub ${fmt(Math.round(subscribers / rawSeconds))} /s`,
    ],
  };
}

await runWhenMain(import.meta.url, run);
