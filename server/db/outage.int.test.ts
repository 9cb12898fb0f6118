/**
 * The database blips: data endpoints and /readyz answer 503 with Retry-After (never a 500), and the server
 * recovers by itself when the database is back. A TCP relay between the pool and the PostgreSQL server is
 * cut and restored. PostgreSQL only: the embedded database lives in the process and cannot become unreachable.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { freshPostgresUrl, makeContext } from '../../test/context.ts';
import { databaseRelay } from '../../test/tcp-relay.ts';
import { buildApp } from '../http/app.ts';
import { openPostgres } from './client.ts';
import { Writable } from 'node:stream';

test('R-4.5 a database outage gives 503 + Retry-After, and the server recovers without a restart', { skip: process.env.IHANOI_TEST_PG_TEMPLATE ? false : 'needs DATABASE_URL (PostgreSQL)' }, async () => {
  const relay = await databaseRelay((await freshPostgresUrl())!);
  const database = openPostgres(relay.url, 2);
  after(() => database.close());
  const app = await buildApp(makeContext(database), { logStream: new Writable({ write: (_c, _e, cb) => cb() }) });
  after(() => app.close());

  assert.equal((await app.inject('/readyz')).statusCode, 200);
  assert.equal((await app.inject('/api/v1/units?version=2025-07')).statusCode, 200);

  relay.cut();
  for (const url of ['/readyz', '/api/v1/units?version=2025-07']) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 503, `${url}: ${res.body}`);
    assert.equal(res.headers['retry-after'], '5');
    assert.equal(res.json().code, 'DATABASE_UNAVAILABLE');
  }

  relay.restore();
  assert.equal((await app.inject('/readyz')).statusCode, 200, 'recovered');
  assert.equal((await app.inject('/api/v1/units?version=2025-07')).statusCode, 200, 'data endpoints recovered');
});
