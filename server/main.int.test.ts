/**
 * The platform as `npm start` runs it: a real process on the embedded database. Proves the two-command set-up
 * (migrations, reference data and demo accounts on an empty database, /readyz) and the PGlite directory lock.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const ROOT = new URL('..', import.meta.url).pathname;

function start(dataDir: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!pred()) {
    if (performance.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('npm start on an empty folder migrates, seeds Hanoi and demo logins, serves /readyz; a second start on the same folder is refused', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-start-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const first = start(dir);
  after(() => first.child.kill('SIGKILL'));
  await waitFor(() => /ready at (http:\/\/localhost:\d+)/.test(first.output()) || first.child.exitCode !== null, 90_000);
  const url = /ready at (http:\/\/localhost:\d+)/.exec(first.output())?.[1];
  assert.ok(url, first.output());
  assert.match(first.output(), /Demo logins/);
  assert.match(first.output(), /production uses PostgreSQL/);

  const ready = await fetch(`${url}/readyz`);
  assert.equal(ready.status, 200);
  const units = await fetch(`${url}/api/v1/units?version=2025-07`);
  assert.equal(units.status, 200);

  const second = start(dir);
  const code = await second.exited;
  assert.equal(code, 2, second.output());
  assert.match(second.output(), /Another iHanoi process is already using the embedded database/);
  assert.equal((await fetch(`${url}/readyz`)).status, 200, 'the first server is unaffected');

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, 'a clean shutdown');
});
