/**
 * The database blips: data endpoints and /readyz answer 503 with Retry-After (never a 500), and the server
 * recovers by itself when the database is back. A TCP relay between the pool and the PostgreSQL server is
 * cut and restored. PostgreSQL only: the embedded database lives in the process and cannot become unreachable.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';
import { freshPostgresUrl, makeContext } from '../../test/context.ts';
import { buildApp } from '../http/app.ts';
import { openPostgres } from './client.ts';
import { Writable } from 'node:stream';

test('R-4.5 a database outage gives 503 + Retry-After, and the server recovers without a restart', { skip: process.env.IHANOI_TEST_PG_TEMPLATE ? false : 'needs DATABASE_URL (PostgreSQL)' }, async () => {
  const url = new URL((await freshPostgresUrl())!);
  const sockets = new Set<net.Socket>();
  let up = true;
  const relay = net.createServer((client) => {
    if (!up) return client.destroy();
    const server = net.connect(Number(url.port || 5432), url.hostname);
    sockets.add(client).add(server);
    client.pipe(server).pipe(client);
    const drop = () => {
      client.destroy();
      server.destroy();
    };
    client.on('error', drop).on('close', drop);
    server.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  after(() => relay.close());
  const port = (relay.address() as net.AddressInfo).port;
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(port);

  const database = openPostgres(relayed.toString(), 2);
  after(() => database.close());
  const app = await buildApp(makeContext(database), { logStream: new Writable({ write: (_c, _e, cb) => cb() }) });
  after(() => app.close());

  assert.equal((await app.inject('/readyz')).statusCode, 200);
  assert.equal((await app.inject('/api/v1/units?version=2025-07')).statusCode, 200);

  up = false;
  for (const s of sockets) s.destroy();
  for (const url of ['/readyz', '/api/v1/units?version=2025-07']) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 503, `${url}: ${res.body}`);
    assert.equal(res.headers['retry-after'], '5');
    assert.equal(res.json().code, 'DATABASE_UNAVAILABLE');
  }

  up = true;
  assert.equal((await app.inject('/readyz')).statusCode, 200, 'recovered');
  assert.equal((await app.inject('/api/v1/units?version=2025-07')).statusCode, 200, 'data endpoints recovered');
});
