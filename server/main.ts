/**
 * Composition root: config → database (PGlite with its directory lock, or PostgreSQL) → migrations →
 * reference data and demo accounts → HTTP → listen. `npm start` runs this.
 */
import { openPlatform } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { currentCalendar } from './app/reference/reference-data.ts';
import { buildApp } from './http/app.ts';
import { prepareVideoFrames } from './app/integrity/video-frames.ts';
import { WebPushSender } from './adapters/push/web-push-sender.ts';
import { runPushJobs, vapidKeys } from './app/push/push.ts';
import { HttpWebhookSender } from './adapters/webhooks/webhook-sender.ts';
import { runWebhooks } from './app/webhooks/index.ts';
import { webhookPresenter } from './http/presenters/webhook.ts';
import { startDeadlineSweep } from './jobs/deadline-sweep.ts';
import { startRepeating } from './jobs/repeat.ts';
import { refreshOversightRollup } from './app/oversight/rollup.ts';
import { generatePeriodReports } from './jobs/period-reports.ts';
import { sendReceptionReminders } from './app/reception/reminders.ts';
import { seedDemo } from '../seed/index.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const platform = await openPlatform(config, {
    waitForLock: true,
    onLockLost: (err) => {
      console.error(`The lock on ${config.pgliteDir} was lost (${err.message}); stopping to protect the data.`);
      process.exit(1);
    },
  });
  const { ctx, applied, seeded, piiKey } = platform;
  const demo = config.seedDemo ? await seedDemo(ctx) : [];
  const app = await buildApp(ctx);
  const calendar = await currentCalendar(ctx);
  // Videos are compared through sampled frames when this server has ffmpeg (issue 5); it says so when it has not.
  await prepareVideoFrames(ctx, app.log);
  const storedYears = Object.keys(calendar.stored.years);
  const provisionalYears = storedYears.filter((y) => calendar.stored.years[y]?.status !== 'final');

  // overdue deadlines are recorded per responsible agency; R-13: reports whose clarification window
  // ended are closed. A failed run is logged, the next one retries.
  const sweep = startDeadlineSweep(ctx, {
    everySeconds: config.deadlineSweepSeconds,
    onError: (err) => app.log.error({ err }, 'deadline sweep failed'),
    onSwept: ({ newlyOverdue, closed, sampled, checked, alertsSent }) => {
      if (newlyOverdue > 0) app.log.info({ newlyOverdue }, 'deadline sweep: deadlines newly overdue');
      if (closed > 0) app.log.info({ closed }, 'deadline sweep: reports closed after the clarification window (R-13)');
      if (alertsSent > 0) app.log.info({ alertsSent }, 'deadline sweep: scheduled alerts sent');
      if (sampled > 0) app.log.info({ sampled }, 'deadline sweep: frames sampled of videos left pending');
      if (checked > 0) app.log.info({ checked }, 'deadline sweep: integrity checks run on reports the submission missed');
    },
  });

  // The overseer's figures (issue 9, ADR 0011): the months changed since the last refresh are recomputed; the
  // first run rebuilds every month when the rollup is new, of an older definition or of another calendar.
  const rollupRunner = startRepeating(
    async () => {
      const r = await refreshOversightRollup(ctx);
      if (r.full || r.months.length > 0) app.log.info({ months: r.months.length, full: r.full }, 'oversight rollup refreshed');
    },
    { everySeconds: config.deadlineSweepSeconds, onError: (err) => app.log.error({ err }, 'oversight rollup refresh failed; retried on the next run') },
  );

  // The city's report documents (R-18.3b, ADR 0012): the month, quarter and year that ended last, once each.
  const periodReports =
    config.periodReportsSeconds > 0
      ? startRepeating(
          async () => {
            const r = await generatePeriodReports(ctx);
            if (r.generated.length > 0) app.log.info({ generated: r.generated }, 'report documents generated for the periods that ended');
          },
          { everySeconds: config.periodReportsSeconds, onError: (err) => app.log.error({ err }, 'report documents not generated; retried on the next run') },
        )
      : null;

  // reminders of accepted reception bookings, RECEPTION_REMINDER_HOURS before the session — once per booking
  // whichever server takes it (SKIP LOCKED), on the sweep's rhythm.
  const receptionReminders = startRepeating(
    async () => {
      const sent = await sendReceptionReminders(ctx);
      if (sent > 0) app.log.info({ sent }, 'reception reminders put in citizens\' inboxes');
    },
    { everySeconds: config.deadlineSweepSeconds, onError: (err) => app.log.error({ err }, 'reception reminders failed; retried on the next run') },
  );

  // Web push: one runner per server; servers share the queue in the database (issue 6).
  const sender = new WebPushSender(await vapidKeys(ctx));
  const pushRunner = startRepeating(
    async () => {
      const ran = await runPushJobs(ctx, sender);
      if (ran > 0) app.log.info({ jobs: ran }, 'push delivery: jobs run');
    },
    { everySeconds: config.pushWorkerSeconds, onError: (err) => app.log.error({ err }, 'push delivery failed; retried on the next run') },
  );

  // Webhooks for integrators (LGSP, issue 8): one runner per server; servers share the queue in the database.
  const webhookDeps = { sender: new HttpWebhookSender(), present: webhookPresenter };
  const webhookRunner = startRepeating(
    async () => {
      const r = await runWebhooks(ctx, webhookDeps);
      if (r.queued + r.delivered + r.retried + r.failed > 0) app.log.info(r, 'webhooks: deliveries queued and attempted');
    },
    { everySeconds: config.webhookWorkerSeconds, onError: (err) => app.log.error({ err }, 'webhook delivery failed; retried on the next run') },
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await sweep.stop();
    await rollupRunner.stop();
    await periodReports?.stop();
    await receptionReminders.stop();
    await pushRunner.stop();
    await webhookRunner.stop();
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `iHanoi is ready at ${url}  (API docs: ${url}/docs)   [${((performance.now() - started) / 1000).toFixed(1)} s]`,
    config.databaseUrl
      ? 'Database: PostgreSQL server (DATABASE_URL)'
      : `Database: embedded PGlite in ${config.pgliteDir} — for development and demos; production uses PostgreSQL`,
    ...(applied.length ? [`Migrations applied: ${applied.join(', ')}`] : []),
    ...seeded.map((s) => `Seeded: ${s}`),
    `Working calendar: version ${calendar.version}, ${storedYears[0]}–${storedYears.at(-1)} stored` +
      (provisionalYears.length ? `; ${provisionalYears.join(', ')} provisional — enter the announced schedule (PUT /api/v1/calendar/years/:year)` : ''),
    ...(piiKey.generated ? [`Generated a development PII key in ${piiKey.path} — set PII_KEY in production`] : []),
    ...(demo.length
      ? ['Demo logins (password for all is shown beside each):', ...demo.map((d) => `  ${d.login.padEnd(28)} ${d.password.padEnd(14)} ${d.role} — ${d.note}`)]
      : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
