/**
 * Crash (issue 9, R-5.1 "acknowledged means committed"): the platform runs as a separate process (as `npm start`
 * runs it) on this run's database — PostgreSQL when DATABASE_URL is set, else the embedded PGlite in a folder.
 * Many submissions are sent at once, each with its own Idempotency-Key; the process is killed with SIGKILL
 * part-way; it is started again, and every submission whose answer never came is sent again with the same key.
 * Then every acknowledged report exists exactly once with the code it was acknowledged with, and no submission
 * exists twice. RELIABILITY_SIZE=full sends 2,000 instead of 500.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freshPostgresUrl } from '../test/context.ts';
import { fieldReportBody } from '../test/reports.ts';
import { startServer, type ServerProcess } from '../test/server-process.ts';
import { formatVietnamTime } from '../server/domain/calendar/index.ts';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../seed/demo.seed.ts';

const TOTAL = process.env.RELIABILITY_SIZE === 'full' ? 2000 : 500;
/** The process is killed once this many submissions were acknowledged. */
const KILL_AFTER = Math.round(TOTAL * 0.3);

interface Outcome {
  key: string;
  title: string;
  /** The code the server acknowledged (201, or 200 for a replay), when an answer came. */
  code?: string;
  status?: number;
  error?: string;
}

test(`R-5.1 kill -9 during ${TOTAL} concurrent submissions: every acknowledged report exists once, none twice, after a restart and a resend`, { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-crash-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = (await freshPostgresUrl()) ?? '';
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000000', SEED_DEMO: 'true' };
  const servers: ServerProcess[] = [];
  after(() => servers.forEach((s) => s.child.kill('SIGKILL')));
  const start = async () => {
    const s = startServer(env);
    servers.push(s);
    return { server: s, url: await s.ready() };
  };

  let { server, url } = await start();
  const signIn = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: DEMO_CITIZEN.phone, password: DEMO_PASSWORD, mode: 'bearer' }) });
  assert.equal(signIn.status, 200, await signIn.clone().text());
  const auth = `Bearer ${((await signIn.json()) as { token: string }).token}`;
  const run = randomUUID().slice(0, 8);
  const occurredAt = formatVietnamTime(new Date(Date.now() - 3600_000));
  const submit = async (o: Outcome, base: string): Promise<void> => {
    try {
      const res = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth, 'idempotency-key': o.key },
        body: JSON.stringify(fieldReportBody({ title: o.title, occurredAt })),
      });
      const body = (await res.json()) as { code?: string };
      o.status = res.status;
      if (res.status === 201 || res.status === 200) o.code = body.code;
      else o.error = JSON.stringify(body);
    } catch (err) {
      o.error = (err as Error).message;
    }
  };

  const outcomes: Outcome[] = Array.from({ length: TOTAL }, (_, i) => ({ key: `crash-${run}-${i}`, title: `Thử sự cố ${run} số ${i + 1}` }));
  let acknowledged = 0;
  await Promise.all(
    outcomes.map(async (o) => {
      await submit(o, url);
      if (o.code && ++acknowledged === KILL_AFTER) server.child.kill('SIGKILL');
    }),
  );
  await server.exited;
  const ackedBeforeCrash = outcomes.filter((o) => o.code);
  const unanswered = outcomes.filter((o) => !o.code);
  assert.ok(ackedBeforeCrash.length >= KILL_AFTER, 'the process was killed after acknowledgements');
  assert.ok(unanswered.length > 0, `the kill came part-way (${unanswered.length} submissions unanswered)`);
  for (const o of outcomes) if (o.status !== undefined && !o.code) assert.fail(`no submission is refused: ${o.status} ${o.error}`);

  // Restart on the same database, then send again every submission whose answer never came — and a few that were
  // acknowledged, which must answer with the same report (200, replayed).
  ({ server, url } = await start());
  const codesBefore = new Map(ackedBeforeCrash.map((o) => [o.key, o.code]));
  const replays = ackedBeforeCrash.slice(0, 20).map((o) => ({ ...o, code: undefined, status: undefined }) as Outcome);
  for (let i = 0; i < unanswered.length; i += 50) await Promise.all(unanswered.slice(i, i + 50).map((o) => submit(o, url)));
  await Promise.all(replays.map((o) => submit(o, url)));
  for (const o of unanswered) assert.ok(o.code, `resent after the restart: ${o.title} → ${o.status} ${o.error}`);
  for (const o of replays) {
    assert.equal(o.status, 200, 'an acknowledged submission sent again is a replay');
    assert.equal(o.code, codesBefore.get(o.key), 'with the code first acknowledged');
  }
  const committedUnseen = unanswered.filter((o) => o.status === 200).length;

  // What the citizen sees: every submission of this run exactly once, with the acknowledged code.
  const seen = new Map<string, string[]>();
  for (let offset = 0; ; offset += 100) {
    const page = await fetch(`${url}/api/v1/me/reports?limit=100&offset=${offset}`, { headers: { authorization: auth } });
    assert.equal(page.status, 200);
    const items = ((await page.json()) as { items: { code: string; title: string }[] }).items;
    for (const r of items) if (r.title.startsWith(`Thử sự cố ${run} `)) seen.set(r.title, [...(seen.get(r.title) ?? []), r.code]);
    if (items.length < 100) break;
  }
  const duplicated = [...seen.values()].filter((codes) => codes.length > 1).length;
  const lost = outcomes.filter((o) => !seen.has(o.title)).length;
  console.log(
    `# crash: ${TOTAL} submissions, ${ackedBeforeCrash.length} acknowledged before kill -9, ${unanswered.length} unanswered and resent ` +
      `(${committedUnseen} of them had been committed: answered as replays), ${lost} lost, ${duplicated} duplicated`,
  );
  assert.equal(duplicated, 0, 'no submission exists twice');
  assert.equal(lost, 0, 'no submission is lost');
  assert.equal(seen.size, TOTAL);
  for (const o of ackedBeforeCrash) assert.deepEqual(seen.get(o.title), [o.code], `acknowledged ${o.code} is there once`);

  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, 'a clean shutdown after the restart');
});
