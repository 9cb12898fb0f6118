/**
 * The platform as `npm start` runs it: a real process on the embedded database. Proves the two-command set-up
 * (migrations, reference data and demo accounts on an empty database, /readyz) and the PGlite directory lock.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startServer } from '../test/server-process.ts';

test('npm start on an empty folder migrates, seeds Hanoi and demo logins, serves /readyz; a second start on the same folder is refused', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-start-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const start = (d: string) => startServer({ DATABASE_URL: '', DATA_DIR: d });
  const first = start(dir);
  after(() => first.child.kill('SIGKILL'));
  const url = await first.ready();
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
