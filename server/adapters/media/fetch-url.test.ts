import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchMedia, isPrivateAddress } from './fetch-url.ts';

test('R-18.5 media_url never reaches private, loopback or link-local addresses (SSRF)', async () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', 'not-an-ip'])
    assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['8.8.8.8', '203.113.131.1', '2001:4860:4860::8888']) assert.equal(isPrivateAddress(a), false, a);
  const refused = await fetchMedia('http://127.0.0.1:9/x.jpg', { allowPrivate: false, timeoutMs: 1000 });
  assert.deepEqual(refused, { ok: false, message: 'địa chỉ thuộc mạng nội bộ, không được phép' });
  const metadata = await fetchMedia('http://[::ffff:169.254.169.254]/latest/meta-data', { allowPrivate: false, timeoutMs: 1000 });
  assert.equal(metadata.ok, false);
  assert.equal((await fetchMedia('ftp://example.com/a.jpg', { allowPrivate: true, timeoutMs: 1000 })).ok, false);
  assert.equal((await fetchMedia('http://user:pw@example.com/a.jpg', { allowPrivate: true, timeoutMs: 1000 })).ok, false);
});
