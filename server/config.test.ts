import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CONFIG_KEYS, ConfigError, PUBLISHED_OPEN311_DEMO_API_KEY, loadConfig } from './config.ts';

test('.env.example documents every configuration key, and nothing else', () => {
  const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const documented = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
  assert.deepEqual([...new Set(documented)], Object.keys(CONFIG_KEYS).sort());
});

test('defaults need no configuration at all (npm start on a fresh machine)', () => {
  const c = loadConfig({}, undefined);
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.match(c.pgliteDir, /data\/db$/);
});

test('every bad variable is listed at once, secrets are not echoed', () => {
  try {
    loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://u:secret@h/db', PII_KEY: 'short' }, undefined);
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 4);
    assert.match(err.message, /PORT/);
    assert.match(err.message, /LOG_LEVEL/);
    assert.doesNotMatch(err.message, /secret/);
  }
});

test('demo accounts are on by default in development, off in production, and refused there when asked for', () => {
  assert.equal(loadConfig({}, undefined).seedDemo, true);
  assert.equal(loadConfig({ NODE_ENV: 'production', PII_KEY: 'a'.repeat(64) }, undefined).seedDemo, false);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }, undefined), /SEED_DEMO/);
});

test('issue 8 the Open311 demo key works out of the box in development and is refused in production', () => {
  assert.equal(loadConfig({}, undefined).open311DemoApiKey, PUBLISHED_OPEN311_DEMO_API_KEY);
  assert.ok(readFileSync(new URL('../.env.example', import.meta.url), 'utf8').includes(`OPEN311_DEMO_API_KEY=${PUBLISHED_OPEN311_DEMO_API_KEY}\n`), '.env.example prints the published value');
  assert.equal(loadConfig({ NODE_ENV: 'production', PII_KEY: 'a'.repeat(64) }, undefined).open311DemoApiKey, undefined);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', PII_KEY: 'a'.repeat(64), OPEN311_DEMO_API_KEY: PUBLISHED_OPEN311_DEMO_API_KEY }, undefined), /OPEN311_DEMO_API_KEY/);
  assert.equal(loadConfig({}, undefined).open311MediaFetchAllowPrivate, false, 'SSRF guard on unless a test turns it off');
});
