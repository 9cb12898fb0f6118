import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lockDataDir } from '../db/lock.ts';
import { freshPostgresUrl, testApp } from '../../test/context.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function ihanoi(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ihanoi.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function databaseEnv(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const url = await freshPostgresUrl();
  // On the PostgreSQL run the CLI uses a copy of the seeded template; locally, a new embedded database.
  return url ? { DATABASE_URL: url, DATA_DIR: dir } : { DATABASE_URL: '', DATA_DIR: dir, PGLITE_DATA_DIR: join(dir, 'db') };
}

test('issue 3: `ihanoi calendar deadline` prints what the API answers, and names a bad option', async () => {
  const env = await databaseEnv();
  const ok = await ihanoi(['calendar', 'deadline', '--from', '2026-01-09T16:00:00+07:00', '--hours', '2'], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { due: '2026-01-10T09:00:00+07:00', calendarVersion: 1, provisional: false });

  const window = await ihanoi(['calendar', 'clarification-window', '--received', '2026-02-12T15:00:00+07:00'], env);
  assert.equal(window.code, 0, window.stderr);
  assert.deepEqual(JSON.parse(window.stdout), { closesAt: '2026-02-24T00:00:00+07:00' });

  const bad = await ihanoi(['calendar', 'deadline', '--from', '2026-01-09T16:00:00+07:00', '--days', '400'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--days: Tối đa 365/);
  assert.equal(bad.stdout, '');
});

test('issue 3: while a server holds the embedded database, the CLI asks that server instead of opening it twice', async (t) => {
  if (await freshPostgresUrl()) return t.skip('the lock concerns the embedded database only');
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const unlock = await lockDataDir(join(dir, 'db'), { wait: false });
  after(() => unlock());
  const { app } = await testApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const env = { DATABASE_URL: '', DATA_DIR: dir, PGLITE_DATA_DIR: join(dir, 'db'), PORT: String(port) };
  const res = await ihanoi(['calendar', 'deadline', '--from', '2026-03-02T08:00:00+07:00', '--days', '1'], env);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(JSON.parse(res.stdout), { due: '2026-03-02T17:00:00+07:00', calendarVersion: 1, provisional: false });
  const bad = await ihanoi(['calendar', 'deadline', '--from', 'ngày mai', '--days', '1'], env);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--from/);
});

test('issue 9: `ihanoi seed --synthetic` fills the database and prints what it wrote; progress and the rate go to stderr', async () => {
  const env = await databaseEnv();
  const res = await ihanoi(['seed', '--synthetic', '--reports', '300', '--accounts', '150', '--seed', '3'], env);
  assert.equal(res.code, 0, res.stderr);
  const { synthetic } = JSON.parse(res.stdout) as { synthetic: { reports: number; accounts: number; alerts: number; rowsPerSecond: number; lastCode: string } };
  assert.deepEqual([synthetic.reports, synthetic.accounts], [300, 150]);
  assert.ok(synthetic.alerts > 0 && synthetic.rowsPerSecond > 0);
  assert.match(synthetic.lastCode, /^PA-\d{4}-\d{6}$/);
  assert.match(res.stderr, /synthetic: done — 300 reports, 150 accounts/);
  const bad = await ihanoi(['seed', '--synthetic', '--reports', 'nhiều'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--reports: cần một số nguyên/);
  const production = await ihanoi(['seed', '--synthetic', '--reports', '10', '--accounts', '10'], { ...env, NODE_ENV: 'production' });
  assert.equal(production.code, 2, 'never on a real system');
  assert.match(production.stderr, /không tạo dữ liệu mô phỏng trên hệ thống thật/);
});
