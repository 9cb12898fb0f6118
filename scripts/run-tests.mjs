#!/usr/bin/env node
// npm test: prepares the migrated template database once, then runs every *.test.ts file with node's test
// runner (files are passed explicitly: Node 20 does not discover .ts files by itself — STACK-NOTES).
// Runs on PGlite by default; on PostgreSQL when DATABASE_URL is set (CI does both). TZ=UTC proves that
// nothing depends on the server's time zone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots = ['server', 'seed', 'common', 'scripts', 'bench', 'e2e'];
const only = process.argv.slice(2);
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (e === 'node_modules') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith('.test.ts') || e.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}
// Arguments are test files or folders (`npm run test:reliability` passes reliability/, which `npm test` leaves out).
const files = only.length ? only.flatMap((a) => (statSync(a).isDirectory() ? walk(a, []).sort() : [a])) : roots.flatMap((r) => walk(r, [])).sort();
if (files.length === 0) {
  console.error('No test files found');
  process.exit(1);
}

const env = { ...process.env, TZ: 'UTC', NODE_ENV: 'test' };
// Browser tests (e2e/*.spec.ts) need the built web app.
if (files.some((f) => f.endsWith('.spec.ts'))) {
  const built = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { env: process.env, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('Could not build the web app');
    process.exit(1);
  }
}
// Tests that start the platform as a process (server/main.int.test.ts, reliability/) run the build in dist/.
if (files.some((f) => f.endsWith('.int.test.ts'))) {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { env: process.env, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('Could not build the server');
    process.exit(1);
  }
}
const work = mkdtempSync(join(tmpdir(), 'ihanoi-test-'));
const templateName = `ihanoi_template_${process.pid}`;
const tsx = ['--import', 'tsx'];
// Pure tests (*.test.ts without .int.) need no database: skip the template when only those are selected.
const needsDatabase = files.some((f) => f.endsWith('.int.test.ts') || f.endsWith('.spec.ts'));
let prep = { status: 0 };
if (!needsDatabase) {
  console.log('# database: none (pure tests only)');
} else if (process.env.DATABASE_URL) {
  console.log(`# database: PostgreSQL (${new URL(process.env.DATABASE_URL).host})`);
  prep = spawnSync(process.execPath, [...tsx, 'test/template.ts', 'postgres', process.env.DATABASE_URL, templateName], { env, stdio: 'inherit' });
  env.IHANOI_TEST_PG_TEMPLATE = templateName;
} else {
  console.log('# database: embedded PGlite');
  const file = join(work, 'template.tar.gz');
  prep = spawnSync(process.execPath, [...tsx, 'test/template.ts', 'pglite', file], { env, stdio: 'inherit' });
  env.IHANOI_TEST_PGLITE_TEMPLATE = file;
}
if (prep.status !== 0) {
  console.error('Could not prepare the test template database');
  process.exit(1);
}

const run = spawnSync(
  process.execPath,
  [
    ...tsx,
    '--test',
    '--test-concurrency=2',
    // A hung test (e.g. a deadlock on the single PGlite connection) fails after 3 minutes instead of hanging CI;
    // the full-size reliability run (100,000 fuzz requests) gets an hour.
    `--test-timeout=${process.env.RELIABILITY_SIZE === 'full' ? 3_600_000 : 180_000}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${join(work, 'results.tap')}`,
    ...files,
  ],
  { env, stdio: 'inherit' },
);

if (process.env.DATABASE_URL) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`);
  await admin.end();
}
// A plain closing line that any CI can read, from the TAP summary.
let tap = '';
try {
  tap = readFileSync(join(work, 'results.tap'), 'utf8');
} catch {
  // no TAP file: the runner did not start
}
const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
console.log(`\ntests: ${passed} passed, ${failed} failed${count('skipped') ? `, ${count('skipped')} skipped` : ''}`);
rmSync(work, { recursive: true, force: true });
if (passed === 0 && (run.status ?? 1) === 0) {
  console.error('No test ran: treating as a failure');
  process.exit(1);
}
process.exit(run.status ?? 1);
