/**
 * The public feeds' micro-cache (PUBLIC_CACHE_SECONDS, issue 8 bench/reads): identical reads within the window
 * are served from memory with the content headers, never errors, never per-request headers; past the window the
 * feed answers fresh. Public feeds carry no identity (R-5.7), so one answer serves every caller.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../test/context.ts';
import { createCitizen, signInHeaders } from '../../test/factories.ts';
import { fieldReportBody } from '../../test/reports.ts';

test('R-20 identical public feed reads within PUBLIC_CACHE_SECONDS come from the cache; later ones are fresh', async () => {
  const { app, clock } = await testApp({ config: { publicCacheSeconds: 5 } });
  clock.set(new Date('2026-03-03T03:00:00Z'));
  const url = '/open311/v2/requests.json?page_size=1';
  const first = await app.inject({ url });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['x-cache'], 'miss');
  assert.deepEqual(first.json(), []);

  const c = await createCitizen(app, { verified: true });
  const h = await signInHeaders(app, c.phone);
  for (const title of ['Ổ gà thứ nhất trên phố Đinh Tiên Hoàng', 'Ổ gà thứ hai trên phố Đinh Tiên Hoàng']) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload: fieldReportBody({ title }) });
    assert.equal(res.statusCode, 201, res.body);
  }

  clock.set(new Date('2026-03-03T03:00:04Z'));
  const again = await app.inject({ url });
  assert.equal(again.headers['x-cache'], 'hit', 'within the window: the kept answer');
  assert.equal(again.body, first.body);
  assert.equal(again.headers['content-type'], first.headers['content-type']);
  assert.notEqual(again.headers['x-request-id'], first.headers['x-request-id'], 'request ids are the request’s own');
  const other = await app.inject({ url: `${url}&status=open` });
  assert.equal(other.headers['x-cache'], 'miss', 'another query is another answer');
  assert.equal((other.json() as unknown[]).length, 1);
  assert.match(String(other.headers.link), /page=2>; rel="next"$/);
  const otherAgain = await app.inject({ url: `${url}&status=open` });
  assert.equal(otherAgain.headers['x-cache'], 'hit');
  assert.equal(otherAgain.headers.link, other.headers.link, 'the content headers are kept with the body');

  clock.set(new Date('2026-03-03T03:00:06Z'));
  const fresh = await app.inject({ url });
  assert.equal(fresh.headers['x-cache'], 'miss', 'past the window: asked again');
  assert.equal((fresh.json() as unknown[]).length, 1, 'and the new reports are there');

  for (let i = 0; i < 2; i++) {
    const bad = await app.inject({ url: '/open311/v2/requests.json?page_size=0' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers['x-cache'], undefined, 'errors are never kept');
  }
  const mine = await app.inject({ url: '/api/v1/me/reports', headers: h });
  assert.equal(mine.headers['x-cache'], undefined, 'only the public feeds are cached');
});

test('R-20 with PUBLIC_CACHE_SECONDS=0 every read is fresh', async () => {
  const { app } = await testApp({ config: { publicCacheSeconds: 0 } });
  for (let i = 0; i < 2; i++) assert.equal((await app.inject({ url: '/api/v1/open-data/reports.geojson' })).headers['x-cache'], undefined);
});
