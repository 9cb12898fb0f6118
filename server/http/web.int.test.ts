import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { testApp } from '../../test/context.ts';

function webBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ihanoi-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>iHanoi</title><div id="root"></div></html>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("iHanoi")');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  return dir;
}

test('the web app is served at / and at every app path a browser opens; API paths keep their problem+json 404', async () => {
  const { app } = await testApp({ config: { webDir: webBuild() } });
  const html = { accept: 'text/html,application/xhtml+xml' };
  for (const url of ['/', '/app', '/app/reports/new', '/staff/reports/0190c5b4-0000-7000-8000-000000000000', '/reports/PA-2026-000001', '/overseer?from=2026-01']) {
    const res = await app.inject({ url, headers: html });
    assert.equal(res.statusCode, 200, url);
    assert.match(res.headers['content-type'] as string, /^text\/html/, url);
    assert.match(res.body, /<div id="root">/, url);
    assert.equal(res.headers['cache-control'], 'no-cache', `${url}: a new release is picked up`);
  }
  const api = await app.inject({ url: '/api/v1/nothing-here', headers: html });
  assert.equal(api.statusCode, 404);
  assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
  const missingAsset = await app.inject({ url: '/assets/gone-123.js', headers: html });
  assert.equal(missingAsset.statusCode, 404, 'a missing file is not answered with the page');
  const post = await app.inject({ method: 'POST', url: '/app/reports/new', headers: html });
  assert.equal(post.statusCode, 404);
});

test('hashed assets are cached for a year; the service worker is revalidated', async () => {
  const { app } = await testApp({ config: { webDir: webBuild() } });
  const asset = await app.inject({ url: '/assets/index-abc123.js' });
  assert.equal(asset.statusCode, 200);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  const sw = await app.inject({ url: '/sw.js' });
  assert.equal(sw.statusCode, 200);
  assert.equal(sw.headers['cache-control'], 'no-cache');
});

test('without a web build the server runs the API alone', async () => {
  const { app } = await testApp();
  const res = await app.inject({ url: '/app', headers: { accept: 'text/html' } });
  assert.equal(res.statusCode, 404);
  assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
});

test('maps need no tile server: the communes are outlined from our own boundaries, compressed and cacheable', async () => {
  const { app } = await testApp();
  const res = await app.inject({ url: '/api/v1/units/outlines', headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  const fc = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as { type: string; version: string; features: { id: string; properties: { fullName: string }; geometry: { type: string; coordinates: number[][][][] } }[] };
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 126, 'the 126 communes and wards in force since 1 July 2025');
  const hoanKiem = fc.features.find((f) => f.properties.fullName === 'Phường Hoàn Kiếm');
  assert.ok(hoanKiem, 'Phường Hoàn Kiếm is outlined');
  assert.equal(hoanKiem.geometry.type, 'MultiPolygon');
  for (const f of fc.features) {
    assert.ok(f.geometry.coordinates.length >= 1, `${f.id} has an outline`);
    for (const polygon of f.geometry.coordinates) {
      const ring = polygon[0]!;
      assert.ok(ring.length >= 4, `${f.id}: a ring of at least four positions`);
      assert.deepEqual(ring[0], ring[ring.length - 1], `${f.id}: the ring is closed`);
      for (const [lng, lat] of ring) assert.ok(lng! > 105 && lng! < 106.1 && lat! > 20.5 && lat! < 21.4, `${f.id}: positions are [lng, lat] inside Hanoi`);
    }
  }
  assert.ok(res.rawPayload.length < 400_000, `compressed outlines stay small (${res.rawPayload.length} bytes)`);
  const again = await app.inject({ url: '/api/v1/units/outlines', headers: { 'if-none-match': res.headers.etag as string } });
  assert.equal(again.statusCode, 304);
  const plain = await app.inject({ url: '/api/v1/units/outlines' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal((JSON.parse(plain.body) as { features: unknown[] }).features.length, 126);
});

test('R-8.1 the screens read the workflow tables the server decides with', async () => {
  const { app } = await testApp();
  const res = await app.inject({ url: '/api/v1/workflows' });
  assert.equal(res.statusCode, 200);
  const body = res.json() as { kinds: Record<string, { transitions: { from: string; action: string; needs: string[]; rule: string; label: string }[] }>; rejectReasons: Record<string, string> };
  assert.deepEqual(Object.keys(body.kinds).sort(), ['field_report', 'initiative', 'investor_feedback', 'regulation_feedback', 'waste_report'].sort());
  const approve = body.kinds.field_report!.transitions.find((t) => t.action === 'approve');
  assert.deepEqual(approve?.needs, ['proof'], 'R-12.2 approval needs proof');
  const reject = body.kinds.field_report!.transitions.find((t) => t.from === 'submitted' && t.action === 'reject');
  assert.equal(reject?.rule, 'R-6.2');
  assert.ok(Object.keys(body.rejectReasons).length >= 5, 'the Art. 6.2 reasons a–e');
  assert.equal((body as unknown as { needFields: Record<string, string> }).needFields.targetAgency, 'targetAgencyId', 'where each need goes in the action body');
});

test('the web settings say whether a tile server is configured, and the CSP allows only that one outside origin', async () => {
  const none = await testApp();
  assert.deepEqual((await none.app.inject({ url: '/api/v1/web-config' })).json(), { map: { tileUrl: null, attribution: null } });
  const tiles = await testApp({ config: { mapTileUrl: 'https://tiles.example.vn/{z}/{x}/{y}.png', mapTileAttribution: '© Bản đồ Việt Nam' } });
  const res = await tiles.app.inject({ url: '/api/v1/web-config' });
  assert.deepEqual(res.json(), { map: { tileUrl: 'https://tiles.example.vn/{z}/{x}/{y}.png', attribution: '© Bản đồ Việt Nam' } });
  assert.match(res.headers['content-security-policy'] as string, /img-src 'self' data: blob: https:\/\/tiles\.example\.vn/);
  assert.doesNotMatch((await none.app.inject({ url: '/api/v1/web-config' })).headers['content-security-policy'] as string, /example/);
});
