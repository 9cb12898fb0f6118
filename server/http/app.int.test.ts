import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../test/context.ts';

test('GET /healthz answers 200 while the process is up', async () => {
  const { app } = await testApp();
  const res = await app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok' });
  assert.ok(res.headers['x-request-id'], 'every response carries a request id');
});

test('GET /readyz answers 200 when the database is reachable, 503 with Retry-After when it is not', async () => {
  const { app, ctx } = await testApp();
  const ok = await app.inject('/readyz');
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().status, 'ready');

  const realPing = ctx.database.ping;
  ctx.database.ping = async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  };
  const down = await app.inject('/readyz');
  assert.equal(down.statusCode, 503);
  assert.equal(down.headers['retry-after'], '5');
  assert.equal(down.json().code, 'DATABASE_UNAVAILABLE');
  assert.match(String(down.headers['content-type']), /application\/problem\+json/);

  ctx.database.ping = realPing;
  assert.equal((await app.inject('/readyz')).statusCode, 200, 'recovers without a restart');
});

test('unknown routes answer 404 problem+json in Vietnamese by default, English on request', async () => {
  const { app } = await testApp();
  const vi = await app.inject('/api/v1/khong-co');
  assert.equal(vi.statusCode, 404);
  assert.equal(vi.json().code, 'ROUTE_NOT_FOUND');
  assert.equal(vi.json().title, 'Không có địa chỉ này');
  const en = await app.inject({ url: '/api/v1/khong-co', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.equal(en.json().title, 'No such route');
});

test('the OpenAPI 3.1 document and the docs page are served', async () => {
  const { app } = await testApp();
  const doc = await app.inject('/openapi.json');
  assert.equal(doc.statusCode, 200);
  assert.equal(doc.json().openapi, '3.1.0');
  assert.ok(doc.json().paths['/readyz']);
  const page = await app.inject('/docs/');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /swagger/i);
});

test('Prometheus metrics are exposed', async () => {
  const { app } = await testApp();
  await app.inject('/healthz');
  const res = await app.inject('/metrics');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /ihanoi_http_request_duration_seconds_bucket/);
  assert.match(res.body, /process_resident_memory_bytes/);
});

test('security headers are set', async () => {
  const { app } = await testApp();
  const res = await app.inject('/healthz');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers['content-security-policy']);
});

test('an oversized body gets 413, a non-JSON body 415, malformed JSON 400 — all problem+json', async () => {
  const { app } = await testApp({ config: { bodyLimitBytes: 2048 } });
  const big = await app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ fullName: 'x'.repeat(4096) }) });
  assert.equal(big.statusCode, 413);
  assert.equal(big.json().code, 'PAYLOAD_TOO_LARGE');
  const text = await app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { 'content-type': 'text/plain' }, payload: 'xin chào' });
  assert.equal(text.statusCode, 415);
  assert.equal(text.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  const broken = await app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: { 'content-type': 'application/json' }, payload: '{"fullName": ' });
  assert.equal(broken.statusCode, 400);
  assert.match(String(broken.headers['content-type']), /application\/problem\+json/);
});

test('requests beyond the per-minute limit get 429 with Retry-After; health checks are never limited', async () => {
  const { app } = await testApp({ config: { rateLimitPerMinute: 3 } });
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push((await app.inject('/api/v1/units/structure-versions')).statusCode);
  assert.deepEqual(codes, [200, 200, 200, 429]);
  const limited = await app.inject('/api/v1/units/structure-versions');
  assert.equal(limited.json().code, 'TOO_MANY_REQUESTS');
  assert.ok(Number(limited.headers['retry-after']) > 0);
  for (let i = 0; i < 5; i++) assert.equal((await app.inject('/readyz')).statusCode, 200);
});
